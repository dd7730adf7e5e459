import { Matrix, solve } from "ml-matrix";
import { dot, norm2 } from "../vector";
import { assertFunction, assertInteger, assertNumbers, assertPositive, assertVector, optionsObject } from "../validate";

/** The KKT check of a point for min ‖w‖₂ subject to mᵢ(w) ≥ 1, with mᵢ homogeneous of some degree. */
export interface KktCheck {
  /** w̃ = w / (minᵢ mᵢ(w))^{1/degree}: the point scaled so that its smallest constraint is 1. */
  normalizedPoint: Float64Array;
  /** The constraints mᵢ(w̃) (≥ 1, with equality on the active set). */
  constraints: Float64Array;
  /** Indices i with mᵢ(w̃) ≤ 1 + activeTolerance. */
  active: number[];
  /** The multipliers αᵢ ≥ 0 of the active constraints (exact nonnegative least squares). */
  multipliers: number[];
  /** min_{α ≥ 0} ‖w̃ − Σᵢ αᵢ∇mᵢ(w̃)‖₂ / ‖w̃‖₂ at the exact minimizing α: 0 at a KKT point (up to rounding, ~1e-16). */
  residual: number;
}

/**
 * min_{α ≥ 0} ‖w − Σₖ αₖ gₖ‖₂ by the active-set method of Lawson and Hanson (1974): the
 * passive set P grows by the constraint of largest gradient gₖᵀ(w − Σ αⱼgⱼ) > 0, each
 * subproblem is the unconstrained least squares on P (by SVD, exact up to rounding), and a step
 * back to the boundary drops coordinates that turn negative. With the few active constraints
 * of a max-margin point it ends in a handful of steps, at the exact optimum (no solver
 * tolerance: the residual is the point's own).
 */
export function nonnegativeLeastSquares(gradients: Float64Array[], w: Float64Array): number[] {
  assertVector("w", w);
  if (!Array.isArray(gradients)) throw new Error("gradients must be an array of vectors");
  gradients.forEach((g, j) => assertVector(`gradients[${j}]`, g, w.length));
  const k = gradients.length;
  const alpha = new Array<number>(k).fill(0);
  if (k === 0) return alpha;
  const scale = Math.max(norm2(w), ...gradients.map(norm2));
  const tol = 1e-13 * scale * scale;
  const passive = new Set<number>();
  const residual = () => {
    const r = Float64Array.from(w);
    gradients.forEach((g, j) => g.forEach((v, i) => (r[i] -= alpha[j] * v)));
    return r;
  };
  const leastSquares = (set: number[]) => {
    const a = new Matrix(w.length, set.length);
    set.forEach((j, c) => gradients[j].forEach((v, i) => a.set(i, c, v)));
    return solve(a, Matrix.columnVector(Array.from(w)), true).getColumn(0);
  };
  // A guard against cycling by rounding: the method adds at most one constraint per pass and ends in about k passes.
  for (let outer = 0; outer < 3 * k + 10; outer++) {
    const r = residual();
    let best = -1, bestValue = tol;
    for (let j = 0; j < k; j++) {
      if (passive.has(j)) continue;
      const v = dot(gradients[j], r);
      if (v > bestValue) { best = j; bestValue = v; }
    }
    if (best < 0) return alpha;
    passive.add(best);
    for (;;) {
      const set = [...passive];
      const s = leastSquares(set);
      if (s.every((v) => v > 0)) {
        set.forEach((j, c) => (alpha[j] = s[c]));
        break;
      }
      // Move from α towards s until the first passive coordinate reaches 0, and drop it.
      let step = 1;
      set.forEach((j, c) => { if (s[c] <= 0) step = Math.min(step, alpha[j] / (alpha[j] - s[c])); });
      set.forEach((j, c) => {
        alpha[j] += step * (s[c] - alpha[j]);
        if (alpha[j] <= 1e-15 * scale) { alpha[j] = 0; passive.delete(j); }
      });
      if (passive.size === 0) break;
    }
  }
  // Stryker disable next-line all: unreachable in exact arithmetic (Lawson–Hanson terminates); kept so that cycling by rounding fails loudly
  throw new Error("nonnegative least squares did not terminate on these gradients and w");
}

/**
 * Checks the first-order (KKT) conditions of min ½‖w‖₂² s.t. mᵢ(w) ≥ 1 at a point w along a
 * ray (the problem is scale-free for constraints homogeneous of degree L, so w is first scaled
 * to make minᵢ mᵢ = 1): stationarity w̃ = Σᵢ αᵢ∇mᵢ(w̃) with αᵢ ≥ 0 supported on the active
 * constraints (complementary slackness). The multipliers solve the nonnegative least-squares
 * problem min_{α≥0} ‖w̃ − Jα‖ exactly ({@link nonnegativeLeastSquares}, an active-set method),
 * so the residual reported is the point's own, not a solver's tolerance.
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
  const multipliers = nonnegativeLeastSquares(J, w);
  const r = Float64Array.from(w);
  J.forEach((gi, k) => gi.forEach((v, j) => (r[j] -= multipliers[k] * v)));
  return { normalizedPoint: w, constraints: m, active, multipliers, residual: norm2(r) / norm2(w) };
}
