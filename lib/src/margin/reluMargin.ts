/**
 * The maximum normalized margin of two-layer ReLU networks on inputs in ℝ² (for example a
 * 1-D input with a bias, x̃ = (x, 1)), exactly up to a bound this module computes.
 *
 * Wei, Lee, Liu, Ma (2019): for f_θ(x̃) = Σⱼ aⱼ relu(wⱼᵀx̃) the normalized margin
 * γ(θ) = minᵢ yᵢ f_θ(x̃ᵢ)/‖θ‖₂² is at most γ* = M⋆/2, where M⋆ is the ℓ1-SVM margin over the
 * features relu(uᵀx̃), u on the unit circle:
 *   M⋆ = max_{‖μ‖₁ ≤ 1} minᵢ yᵢ ∫ relu(uᵀx̃ᵢ) dμ(u)
 *      = min_{β ∈ Δₙ} max_u |Σᵢ βᵢ yᵢ relu(uᵀx̃ᵢ)|          (minimax; Δₙ the simplex),
 * and a network of width m ≥ n reaches it (an optimal basic solution has ≤ n features).
 * @module
 */
import type { Matrix } from "ml-matrix";
import { assertFinite, assertInteger, optionsObject } from "../validate";
import { dataScale, dataset, type Dataset } from "./data";
import { linear, solveLp } from "./lp";
import { maxMarginL1 } from "./maxMargin";

/**
 * sup over unit u ∈ ℝ² of |Σᵢ cᵢ relu(uᵀx̃ᵢ)|, exactly. On each arc of the circle between
 * consecutive zeros of the uᵀx̃ᵢ (2n of them) the active set S is fixed and the sum is uᵀv_S with
 * v_S = Σ_{i∈S} cᵢx̃ᵢ, so its largest modulus on the arc is at an end of the arc or, when ±v_S
 * points into the arc, ‖v_S‖₂. Also returns the maximizing direction u.
 */
export function reluFeatureSup(X: Matrix | ArrayLike<number>[], c: ArrayLike<number>): { value: number; direction: Float64Array } {
  const data = dataset(X, Array.from(X as ArrayLike<unknown>, () => 1));
  if (data.d !== 2) throw new Error(`X must have 2 columns (inputs in ℝ², e.g. (x, 1) for a 1-D input with a bias), got ${data.d}`);
  if (!c || c.length !== data.n) throw new Error(`c must have one coefficient per row of X (${data.n}), got ${c?.length}`);
  for (let i = 0; i < data.n; i++) assertFinite(`c[${i}]`, c[i]);
  const TWO_PI = 2 * Math.PI;
  const wrap = (t: number) => ((t % TWO_PI) + TWO_PI) % TWO_PI;
  const angles: number[] = [0];
  for (const [x1, x2] of data.rows) {
    if (x1 === 0 && x2 === 0) continue;
    const phi = Math.atan2(x2, x1);
    angles.push(wrap(phi + Math.PI / 2), wrap(phi - Math.PI / 2));
  }
  angles.sort((a, b) => a - b);
  angles.push(TWO_PI);
  const h = (t: number) => {
    const u0 = Math.cos(t), u1 = Math.sin(t);
    let s = 0;
    data.rows.forEach(([x1, x2], i) => (s += c[i] * Math.max(0, u0 * x1 + u1 * x2)));
    return s;
  };
  let best = -1, bestAngle = 0;
  const consider = (t: number, v: number) => {
    if (Math.abs(v) > best) [best, bestAngle] = [Math.abs(v), t];
  };
  for (let k = 0; k + 1 < angles.length; k++) {
    const [a, b] = [angles[k], angles[k + 1]];
    consider(a, h(a));
    if (b - a <= 0) continue;
    const mid = (a + b) / 2, um = [Math.cos(mid), Math.sin(mid)];
    let v0 = 0, v1 = 0;
    data.rows.forEach(([x1, x2], i) => {
      if (um[0] * x1 + um[1] * x2 > 0) [v0, v1] = [v0 + c[i] * x1, v1 + c[i] * x2];
    });
    for (const t of [Math.atan2(v1, v0), Math.atan2(-v1, -v0)]) {
      const tw = wrap(t);
      if (tw > a && tw < b) consider(tw, h(tw));
    }
  }
  if (!Number.isFinite(best)) throw new Error(`sup |Σᵢ cᵢ relu(uᵀx̃ᵢ)| overflows the float64 range: c and X are too large (entries up to ${Math.max(...Array.from(c, Math.abs))} and ${Math.max(...data.rows.flatMap((r) => Array.from(r, Math.abs)))})`);
  return { value: best, direction: Float64Array.of(Math.cos(bestAngle), Math.sin(bestAngle)) };
}

/** The exact max normalized margin of two-layer ReLU networks on inputs in ℝ², bracketed. */
export interface ReluMaxMargin {
  /** Lower bound on γ*: half the ℓ1-SVM margin M_K over the grid features (reached by the grid network). */
  lower: number;
  /** Upper bound on γ*: half of max_u |Σᵢ β̂ᵢyᵢ relu(uᵀx̃ᵢ)| over the whole circle (exact), β̂ the grid LP's dual weights. */
  upper: number;
  /** The a-priori upper bound (M_K + 2 sin(π/2K)·maxᵢ‖x̃ᵢ‖₂)/2 (nearest feature of the uniform grid, relu 1-Lipschitz). */
  aPrioriUpper: number;
  /** The angles θ_k of the features relu(cos θ_k x̃₁ + sin θ_k x̃₂): the K of the uniform grid 2πk/K, then those added by refinement. */
  angles: Float64Array;
  /** The grid solution α (‖α‖₁ = 1), one weight per feature. */
  weights: Float64Array;
  /** The dual sample weights β̂ ∈ Δₙ (the samples on the margin carry them). */
  sampleWeights: Float64Array;
  /** Indices of the features with |α_k| > 1e-9: at most n at a basic solution (width m ≥ n suffices). */
  support: number[];
  /** The bracket [lower, upper] of the uniform grid alone, before any refinement. */
  uniformGrid: { lower: number; upper: number };
}

/** The grid LP, its dual and the dual's exact sup over the circle, on the given feature angles. */
async function solveOnAngles(data: Dataset, angles: Float64Array) {
  // Rows beyond 2^±20 are divided by a power of two (exact; margins scale back by it), as maxMarginL1 does, so that the dual LP's
  // coefficients stay within HiGHS's range.
  const scale = dataScale(data);
  const rows = data.rows.map((r) => r.map((v) => v / scale));
  const cos = angles.map(Math.cos), sin = angles.map(Math.sin);
  const Phi = rows.map(([x1, x2]) => Float64Array.from(angles, (_, k) => Math.max(0, cos[k] * x1 + sin[k] * x2)));
  let primal;
  try {
    primal = await maxMarginL1(Phi, data.labels);
  } catch (e) {
    if (/not linearly separable/.test((e as Error).message)) throw new Error("X and y cannot be separated by any ReLU network: some inputs coincide with different labels (or lie on a ray with them)");
    throw e;
  }
  const MK = primal.margin * scale;
  // Dual: min t subject to −t ≤ Σᵢ βᵢyᵢφ_k(x̃ᵢ) ≤ t for every k, Σᵢ βᵢ = 1, β ≥ 0.
  const lines = ["Minimize", " obj: t", "Subject To", ` simplex: ${linear(Array.from(data.labels, (_, i) => [1, `b${i}`] as [number, string]))} = 1`];
  angles.forEach((_, k) => {
    const terms = Phi.map((row, i) => [data.labels[i] * row[k], `b${i}`] as [number, string]).filter(([v]) => v !== 0);
    if (terms.length) lines.push(` up${k}: ${linear([...terms, [-1, "t"]])} <= 0`, ` lo${k}: ${linear([...terms, [1, "t"]])} >= 0`);
  });
  const dual = await solveLp([...lines, "End"].join("\n"), "max-margin dual (sample weights)");
  if (Math.abs(dual.ObjectiveValue * scale - MK) > 1e-7 * Math.max(scale, MK)) {
    throw new Error(`the max-margin LP and its dual disagree (${MK} against ${dual.ObjectiveValue * scale}) on X and y: HiGHS did not solve one of them to optimality`);
  }
  const beta = Float64Array.from({ length: data.n }, (_, i) => Math.max(0, dual.Columns[`b${i}`]?.Primal ?? 0));
  const total = beta.reduce((s, v) => s + v, 0);
  beta.forEach((v, i) => (beta[i] = v / total));
  const sup = reluFeatureSup(rows, Float64Array.from(beta, (b, i) => b * data.labels[i]));
  return { MK, weights: primal.direction, beta, S: sup.value * scale, worst: Math.atan2(sup.direction[1], sup.direction[0]) };
}

/**
 * γ* = max over two-layer ReLU networks of minᵢ yᵢ f_θ(x̃ᵢ)/‖θ‖₂², for rows x̃ᵢ ∈ ℝ² and labels
 * yᵢ = ±1, bracketed as lower ≤ γ* ≤ upper:
 * - lower = M_K/2 with M_K = max_{‖α‖₁≤1} minᵢ yᵢ Σ_k α_k relu(u_kᵀx̃ᵢ) over K evenly spaced
 *   u_k = (cos 2πk/K, sin 2πk/K) (the ℓ1 max-margin LP of `maxMarginL1` on the feature matrix);
 * - upper = S(β̂)/2, S(β) = max_{‖u‖=1} |Σᵢ βᵢyᵢ relu(uᵀx̃ᵢ)| computed exactly by
 *   {@link reluFeatureSup}, with β̂ = argmin_{β∈Δₙ} max_k |Σᵢ βᵢyᵢ relu(u_kᵀx̃ᵢ)| (the dual LP,
 *   whose value must equal M_K: checked to 1e-7 relative).
 * With `refinements` r > 0 (default 0), up to r times the maximizing u of S(β̂) is added to the
 * features and both LPs solved again (column generation: the bracket closes as the feature the
 * grid misses is added; upper is the smallest S(β̂)/2 of the rounds); it stops early once
 * upper − lower ≤ 1e-12·upper.
 * Throws when no network separates the data (M_K ≤ 0, e.g. equal inputs with both labels).
 */
export async function reluMaxMargin(X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options?: { features?: number; refinements?: number }): Promise<ReluMaxMargin> {
  const { features: K = 1000, refinements = 0 } = optionsObject("options", options);
  assertInteger("features", K, 3);
  assertInteger("refinements", refinements, 0);
  const data = dataset(X, y);
  if (data.d !== 2) throw new Error(`X must have 2 columns (inputs in ℝ², e.g. (x, 1) for a 1-D input with a bias), got ${data.d}`);
  let angles = Float64Array.from({ length: K }, (_, k) => (2 * Math.PI * k) / K);
  let solution = await solveOnAngles(data, angles);
  const uniformGrid = { lower: solution.MK / 2, upper: Math.max(solution.MK, solution.S) / 2 };
  let S = solution.S; // every round's S(β̂) bounds M⋆: keep the smallest
  for (let r = 0; r < refinements && S - solution.MK > 1e-12 * S; r++) {
    angles = Float64Array.from([...angles, solution.worst]);
    solution = await solveOnAngles(data, angles);
    S = Math.min(S, solution.S);
  }
  const { MK, weights, beta } = solution;
  const radius = Math.max(...data.rows.map(([a, b]) => Math.hypot(a, b)));
  const support = Array.from(weights.keys()).filter((k) => Math.abs(weights[k]) > 1e-9);
  return { lower: MK / 2, upper: Math.max(MK, S) / 2, aPrioriUpper: (MK + 2 * Math.sin(Math.PI / (2 * K)) * radius) / 2, angles, weights, sampleWeights: beta, support, uniformGrid };
}

/**
 * The normalized margin of a two-layer network, γ(θ) = minᵢ yᵢ f_θ(xᵢ)/‖θ‖₂², from its outputs
 * fᵢ = f_θ(xᵢ) and its parameters θ (the norm over the parameters that are trained).
 * For a 2-homogeneous network (f_{cθ} = c²f_θ) it does not change with the scale of θ.
 */
export function networkMargin(outputs: ArrayLike<number>, y: ArrayLike<number>, theta: ArrayLike<number>): number {
  if (!outputs || typeof outputs.length !== "number" || outputs.length === 0) throw new Error("outputs must be a non-empty array of network outputs f(xᵢ)");
  if (!y || y.length !== outputs.length) throw new Error(`y must have one label per output (${outputs.length}), got ${y?.length}`);
  if (!theta || typeof theta.length !== "number" || theta.length === 0) throw new Error("theta must be a non-empty parameter vector");
  let sq = 0;
  for (let j = 0; j < theta.length; j++) {
    assertFinite(`theta[${j}]`, theta[j]);
    sq += theta[j] * theta[j];
  }
  if (!(sq > 0) || !Number.isFinite(sq)) throw new Error(`theta must be non-zero with ‖theta‖² finite, got ‖theta‖² = ${sq}`);
  let min = Infinity;
  for (let i = 0; i < outputs.length; i++) {
    assertFinite(`outputs[${i}]`, outputs[i]);
    if (y[i] !== 1 && y[i] !== -1) throw new Error(`y[${i}] must be −1 or +1, got ${y[i]}`);
    min = Math.min(min, (y[i] * outputs[i]) / sq);
  }
  if (!Number.isFinite(min)) throw new Error(`minᵢ yᵢ outputsᵢ/‖theta‖² overflows the float64 range (outputs too large for ‖theta‖² = ${sq})`);
  return min;
}

/**
 * A certified lower bound on the global minimum of the weight-decayed logistic loss of two-layer
 * ReLU networks of any width on inputs x̃ᵢ ∈ ℝ²,
 *   L* = inf_{m, θ} (1/n) Σᵢ log(1 + e^{−yᵢf_θ(x̃ᵢ)}) + λ‖θ‖₂²,
 * from any outputs fᵢ (e.g. a trained network's), by convex duality. Since λ‖θ‖² ≥ 2λΣⱼ|aⱼ|‖wⱼ‖,
 * L* ≥ P = min over measures μ of (1/n)Σᵢ ℓ(yᵢ∫relu(uᵀx̃ᵢ)dμ) + 2λ‖μ‖₁, and for every t ∈ [0, 1]ⁿ with
 * sup_{‖u‖=1} |(1/n)Σᵢ tᵢyᵢ relu(uᵀx̃ᵢ)| ≤ 2λ, P ≥ (1/n)Σᵢ H(tᵢ), H(t) = −t ln t − (1−t) ln(1−t)
 * (from ℓ(z) = max_t H(t) − tz). It takes tᵢ = c·sᵢ, sᵢ = 1/(1 + e^{yᵢfᵢ}) (= −ℓ′), with
 * c = min(1, 2λ/S), S the sup for s (exact, {@link reluFeatureSup}). At a global minimizer the
 * bound equals L*: the gap L_λ(θ) − bound certifies how far θ is from it.
 */
export function reluRegularizedLowerBound(X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, outputs: ArrayLike<number>, lambda: number): number {
  const data = dataset(X, y);
  assertFinite("lambda", lambda);
  if (!(lambda > 0)) throw new Error(`lambda must be > 0 (with λ = 0 the infimum is 0 on separable data), got ${lambda}`);
  if (!outputs || outputs.length !== data.n) throw new Error(`outputs must have one value per row of X (${data.n}), got ${outputs?.length}`);
  const s = Float64Array.from({ length: data.n }, (_, i) => {
    assertFinite(`outputs[${i}]`, outputs[i]);
    const z = data.labels[i] * outputs[i];
    return z > 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
  });
  const S = reluFeatureSup(data.rows, Float64Array.from(s, (v, i) => (v * data.labels[i]) / data.n)).value;
  const c = S > 2 * lambda ? (2 * lambda) / S : 1;
  const H = (t: number) => (t <= 0 || t >= 1 ? 0 : -t * Math.log(t) - (1 - t) * Math.log1p(-t));
  return s.reduce((sum, v) => sum + H(c * v), 0) / data.n;
}
