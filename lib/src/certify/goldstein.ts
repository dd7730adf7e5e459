/**
 * The Goldstein δ-stationarity measure of a non-smooth f at x,
 *
 *   dist(0, conv{∇f(y) : ‖y − x‖ ≤ δ}),
 *
 * estimated by gradient sampling (Burke, Lewis, Overton 2005): (sub)gradients at x and at
 * seeded uniform points of the δ-ball, then the minimum-norm point of their convex hull. The
 * hull of the samples is inside the true set, so the estimate is an upper bound on the
 * measure (up to the solver's tolerance).
 * @module
 */
import { solveLp } from "../margin/lp";
import { num } from "../margin/lp";
import type { Objective } from "../objectives/objective";
import type { Rng } from "../random";
import { assertInteger, assertPositive, assertVector, optionsObject } from "../validate";

/** A minimum-norm point of a convex hull: the point, its norm, and the convex weights. */
export interface MinNormPoint {
  point: Float64Array;
  norm: number;
  weights: Float64Array;
}

function checkPoints(points: unknown): Float64Array[] {
  if (!Array.isArray(points) || points.length === 0) throw new Error("points must be a non-empty array of Float64Array");
  const d = (points[0] as Float64Array)?.length;
  const checked = points.map((p, i) => assertVector(`points[${i}]`, p, d));
  if (d === 0) throw new Error("points must have at least one coordinate");
  return checked;
}

/**
 * The points divided by their largest entry s (so that no product overflows) and s; the
 * minimum-norm point of the scaled hull times s is the original's, with the same weights.
 */
function scaled(points: Float64Array[]): { P: Float64Array[]; s: number } {
  let s = 0;
  for (const p of points) for (const v of p) s = Math.max(s, Math.abs(v));
  if (s === 0) s = 1;
  return { P: points.map((p) => p.map((v) => v / s)), s };
}

function unscaled(hull: MinNormPoint, s: number): MinNormPoint {
  const point = hull.point.map((v) => v * s);
  return { point, norm: hull.norm * s, weights: hull.weights };
}

/** Solves the small dense system M·s = r in place by Gaussian elimination with partial pivoting. */
function solveDense(M: number[][], r: number[]): number[] {
  const n = r.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(M[i][c]) > Math.abs(M[p][c])) p = i;
    [M[c], M[p]] = [M[p], M[c]];
    [r[c], r[p]] = [r[p], r[c]];
    const pivot = M[c][c];
    if (pivot === 0) throw new Error("minNormPoint: singular affine system");
    for (let i = c + 1; i < n; i++) {
      const f = M[i][c] / pivot;
      if (f === 0) continue;
      for (let j = c; j < n; j++) M[i][j] -= f * M[c][j];
      r[i] -= f * r[c];
    }
  }
  const s = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let v = r[i];
    for (let j = i + 1; j < n; j++) v -= M[i][j] * s[j];
    s[i] = v / M[i][i];
  }
  return s;
}

/**
 * The minimum-norm point of conv(points) by Wolfe's algorithm (1976): keeps a corral S of
 * affinely independent points, adds the point most opposed to the current x
 * (argmin ⟨x, pⱼ⟩) while ⟨x, pⱼ⟩ < ‖x‖² − tolerance·max‖p‖², and moves to the affine
 * minimizer of S, stepping back to the hull's boundary and dropping points when that
 * minimizer has negative weights. Finite; exact up to rounding.
 */
export function minNormPoint(points: Float64Array[], options: { tolerance?: number } = {}): MinNormPoint {
  const { P, s } = scaled(checkPoints(points));
  const tolerance = options?.tolerance ?? 1e-12;
  assertPositive("tolerance", tolerance);
  const d = P[0].length;
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < d; i++) s += a[i] * b[i];
    return s;
  };
  const scale = Math.max(...P.map((p) => dot(p, p)), Number.MIN_VALUE);
  const combine = (S: number[], w: number[]) => {
    const x = new Float64Array(d);
    S.forEach((j, t) => { for (let i = 0; i < d; i++) x[i] += w[t] * P[j][i]; });
    return x;
  };
  let first = 0;
  P.forEach((p, j) => { if (dot(p, p) < dot(P[first], P[first])) first = j; });
  let S = [first];
  let w = [1];
  let x = Float64Array.from(P[first]);
  for (let major = 0; major < 50 * P.length + 100; major++) {
    let j = 0, best = Infinity;
    P.forEach((p, i) => { const v = dot(x, p); if (v < best) { best = v; j = i; } });
    if (best >= dot(x, x) - tolerance * scale || S.includes(j)) break;
    S = [...S, j];
    w = [...w, 0];
    for (;;) {
      // the affine minimizer: min ‖Σ αₜ p_{Sₜ}‖² s.t. Σ αₜ = 1 — the KKT system [G 1; 1ᵀ 0]
      const s = S.length;
      const M = S.map((a) => [...S.map((b) => dot(P[a], P[b])), 1]);
      M.push([...new Array<number>(s).fill(1), 0]);
      const alpha = solveDense(M, [...new Array<number>(s).fill(0), 1]).slice(0, s);
      if (alpha.every((a) => a > tolerance)) {
        w = alpha;
        x = combine(S, w);
        break;
      }
      // step from w toward alpha until a weight reaches 0, and drop the points at 0
      let theta = 1;
      alpha.forEach((a, t) => { if (a <= tolerance && w[t] - a > 0) theta = Math.min(theta, w[t] / (w[t] - a)); });
      w = w.map((wt, t) => (1 - theta) * wt + theta * alpha[t]);
      const keep = w.map((wt) => wt > tolerance);
      S = S.filter((_, t) => keep[t]);
      w = w.filter((_, t) => keep[t]);
      const total = w.reduce((a, b) => a + b, 0);
      w = w.map((wt) => wt / total);
      x = combine(S, w);
      if (S.length === 1) break;
    }
  }
  const weights = new Float64Array(P.length);
  S.forEach((j, t) => (weights[j] = w[t]));
  return unscaled({ point: x, norm: Math.sqrt(dot(x, x)), weights }, s);
}

/**
 * The same minimum-norm point as a convex QP solved exactly by HiGHS:
 * min ½‖u‖² s.t. u = Σⱼ λⱼpⱼ, Σⱼ λⱼ = 1, λ ≥ 0 (a fresh HiGHS instance per solve).
 */
export async function minNormPointQp(points: Float64Array[]): Promise<MinNormPoint> {
  const { P, s } = scaled(checkPoints(points));
  const d = P[0].length, m = P.length;
  const lines = ["Minimize", ` obj: [ ${Array.from({ length: d }, (_, i) => `u${i} ^ 2`).join(" + ")} ] / 2`, "Subject To"];
  for (let i = 0; i < d; i++) {
    const terms = P.map((p, j) => (p[i] === 0 ? "" : ` ${p[i] < 0 ? "+" : "-"} ${num(Math.abs(p[i]))} l${j}`)).join("");
    lines.push(` c${i}: u${i}${terms} = 0`);
  }
  lines.push(` simplex: ${P.map((_, j) => `l${j}`).join(" + ")} = 1`, "Bounds");
  for (let i = 0; i < d; i++) lines.push(` u${i} free`);
  lines.push("End");
  const solution = await solveLp(lines.join("\n"), "minimum-norm point");
  const weights = Float64Array.from({ length: m }, (_, j) => Math.max(0, solution.Columns[`l${j}`]?.Primal ?? 0));
  const point = new Float64Array(d);
  P.forEach((p, j) => { for (let i = 0; i < d; i++) point[i] += weights[j] * p[i]; });
  let norm = 0;
  for (let i = 0; i < d; i++) norm += point[i] * point[i];
  return unscaled({ point, norm: Math.sqrt(norm), weights }, s);
}

/** Options of {@link goldsteinStationarity}. */
export interface GoldsteinOptions {
  /** δ > 0, the radius of the ball. */
  radius: number;
  /** How many points of the δ-ball to sample besides x (default d + 1, the least Burke–Lewis–Overton use). */
  samples?: number;
  /** The seeded generator of the sample points. */
  rng: Rng;
  /** "highs" (default): the exact QP; "wolfe": Wolfe's algorithm in JavaScript (no WebAssembly instance, fast). */
  solver?: "highs" | "wolfe";
}

/** What {@link goldsteinStationarity} returns. */
export interface GoldsteinStationarity extends MinNormPoint {
  /** The estimate of dist(0, conv ∂f(B_δ(x))): the norm of the minimum-norm point. */
  distance: number;
  /** The sampled gradients (the first at x itself). */
  gradients: Float64Array[];
  /** ‖g(x)‖, the norm of the (sub)gradient at x alone, for comparison. */
  gradNorm: number;
}

/**
 * The Goldstein δ-stationarity measure dist(0, conv{∇f(y) : ‖y − x‖ ≤ δ}) at x, estimated
 * by gradient sampling: `objective.subgrad` (else `grad`) at x and at `samples` points drawn
 * uniformly in the ball of radius δ around x, then the minimum-norm point of the convex hull
 * of these gradients (an upper bound on the measure). For f = |x|: 0 at 0 (gradients ±1 in
 * the ball), 1 at x = 1 with δ < 1.
 */
export async function goldsteinStationarity(objective: Objective, x: Float64Array, options: GoldsteinOptions): Promise<GoldsteinStationarity> {
  if (!objective || typeof objective.grad !== "function") throw new Error("objective must have grad(x) (or subgrad(x))");
  assertInteger("objective.dim", objective.dim, 1);
  const d = objective.dim;
  assertVector("x", x, d);
  const { radius, samples = d + 1, rng, solver = "highs" } = optionsObject("options", options);
  assertPositive("radius", radius);
  assertInteger("samples", samples, 1);
  if (!rng || typeof rng.ball !== "function") throw new Error("rng must be an Rng (from rng(seed))");
  if (solver !== "highs" && solver !== "wolfe") throw new Error(`solver must be "highs" or "wolfe", got ${String(solver)}`);
  const gradientAt = (y: Float64Array) => {
    const g = Float64Array.from(objective.subgrad ? objective.subgrad(y) : objective.grad(y));
    return assertVector("the objective's subgradient", g, d);
  };
  const gradients = [gradientAt(x)];
  for (let s = 0; s < samples; s++) {
    const y = rng.ball(d, radius);
    for (let i = 0; i < d; i++) y[i] += x[i];
    gradients.push(gradientAt(y));
  }
  const hull = solver === "highs" ? await minNormPointQp(gradients) : minNormPoint(gradients);
  if (!Number.isFinite(hull.norm) || !Number.isFinite(Math.hypot(...gradients[0]))) throw new Error("the objective's sampled gradients near x are too large: their norms overflow");
  return { ...hull, distance: hull.norm, gradients, gradNorm: Math.hypot(...gradients[0]) };
}
