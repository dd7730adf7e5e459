import { dot, norm2 } from "../vector";
import { linear, num, solveLp } from "../margin/lp";
import { assertFunction, assertInteger, assertNumbers, assertPositive, assertVector, optionsObject } from "../validate";

/** The KKT check of a point for min ‖w‖₂ subject to mᵢ(w) ≥ 1, with mᵢ homogeneous of some degree. */
export interface KktCheck {
  /** w̃ = w / (minᵢ mᵢ(w))^{1/degree}: the point scaled so that its smallest constraint is 1. */
  normalizedPoint: Float64Array;
  /** The constraints mᵢ(w̃) (≥ 1, with equality on the active set). */
  constraints: Float64Array;
  /** Indices i with mᵢ(w̃) ≤ 1 + activeTolerance. */
  active: number[];
  /** The multipliers αᵢ ≥ 0 of the active constraints (nonnegative least squares). */
  multipliers: number[];
  /** min_{α ≥ 0} ‖w̃ − Σᵢ αᵢ∇mᵢ(w̃)‖₂ / ‖w̃‖₂: 0 at a KKT point. */
  residual: number;
}

/**
 * Checks the first-order (KKT) conditions of min ½‖w‖₂² s.t. mᵢ(w) ≥ 1 at a point w along a
 * ray (the problem is scale-free for constraints homogeneous of degree L, so w is first scaled
 * to make minᵢ mᵢ = 1): stationarity w̃ = Σᵢ αᵢ∇mᵢ(w̃) with αᵢ ≥ 0 supported on the active
 * constraints (complementary slackness). The multipliers solve the nonnegative least-squares
 * problem min_{α≥0} ‖w̃ − Jα‖² exactly, as a convex QP in HiGHS.
 */
export async function kktCheck(options: {
  point: Float64Array;
  /** w ↦ (m₁(w), …, mₙ(w)). */
  constraints: (w: Float64Array) => Float64Array;
  /** (w, i) ↦ ∇mᵢ(w). */
  gradients: (w: Float64Array, i: number) => Float64Array;
  degree: number;
  activeTolerance?: number;
}): Promise<KktCheck> {
  const { point, constraints, gradients, degree, activeTolerance = 1e-2 } = optionsObject("options", options);
  assertVector("point", point);
  assertFunction("constraints", constraints, "a function w => (m₁(w), …, mₙ(w))");
  assertFunction("gradients", gradients, "a function (w, i) => ∇mᵢ(w)");
  assertInteger("degree", degree, 1);
  assertPositive("activeTolerance", activeTolerance);
  const m0 = assertNumbers("constraints(point)", constraints(point));
  if (m0.length === 0) throw new Error("constraints(point) must return at least one constraint value, got none");
  const smallest = Math.min(...Array.from(m0));
  if (!(smallest > 0)) throw new Error(`the point must satisfy every constraint with a positive value (min is ${smallest})`);
  const scale = smallest ** (1 / degree);
  const w = point.map((v) => v / scale);
  const m = assertNumbers("constraints(w)", constraints(w)) as Float64Array;
  const active = Array.from(m.keys()).filter((i) => m[i] <= 1 + activeTolerance);
  const J = active.map((i) => assertVector(`gradients(w, ${i})`, gradients(w, i), w.length));
  // min ½αᵀ(JᵀJ)α − (Jᵀw)ᵀα, α ≥ 0.
  const names = active.map((_, k) => `a${k}`);
  const quad: string[] = [];
  J.forEach((gi, i) => {
    quad.push(`${num(dot(gi, gi))} ${names[i]} ^ 2`);
    for (let j = i + 1; j < J.length; j++) {
      const c = 2 * dot(gi, J[j]);
      if (c !== 0) quad.push(`${c < 0 ? "-" : "+"} ${num(Math.abs(c))} ${names[i]} * ${names[j]}`);
    }
  });
  const lin = linear(J.map((gi, i) => [-dot(gi, w), names[i]] as [number, string]));
  const model = ["Minimize", ` obj: ${lin} + [ ${quad.join(" ").replace(/^\+ /, "")} ] / 2`, "Subject To", " dummy: " + names.map((n) => `0 ${n}`).join(" + ") + " >= 0", "End"].join("\n");
  const solution = await solveLp(model, "KKT multipliers (nonnegative least squares)");
  const multipliers = names.map((n) => Math.max(0, solution.Columns[n]?.Primal ?? 0));
  const r = Float64Array.from(w);
  J.forEach((gi, k) => gi.forEach((v, j) => (r[j] -= multipliers[k] * v)));
  return { normalizedPoint: w, constraints: m, active, multipliers, residual: norm2(r) / norm2(w) };
}
