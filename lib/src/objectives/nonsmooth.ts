/**
 * Non-smooth, non-convex, semialgebraic objectives with stochastic subgradients, for the
 * stochastic subgradient method (Davis, Drusvyatskiy, Kakade, Lee 2018).
 * @module
 */
import { Matrix } from "ml-matrix";
import type { Rng } from "../random";
import { assertFinite, assertInteger, assertRows, assertVector } from "../validate";
import { output, type Objective } from "./objective";

/**
 * An objective f(x) = (1/m) Σᵢ fᵢ(x) with a subgradient oracle: `subgrad(x)` (also `grad`,
 * so that `descend` can record ‖g‖) and `sampleSubgrad(x, rng)` = an element of ∂fᵢ(x) for
 * one index i drawn uniformly, an unbiased estimate of the full subgradient.
 */
export interface NonsmoothObjective extends Objective {
  subgrad(x: Float64Array, out?: Float64Array): Float64Array;
  sampleSubgrad(x: Float64Array, rng: Rng, out?: Float64Array): Float64Array;
  /** The number m of terms. */
  readonly terms: number;
}

/** Rows given as a Matrix or an array of rows, as one row-major Float64Array. */
function flatRows(name: string, rows: Matrix | ArrayLike<number>[]): { data: Float64Array; n: number; d: number } {
  const array = rows instanceof Matrix ? rows.to2DArray() : Array.isArray(rows) ? rows.map((r) => Array.from(r ?? [])) : rows;
  const { rows: n, columns: d } = assertRows(name, array);
  const data = new Float64Array(n * d);
  (array as number[][]).forEach((r, i) => data.set(r, i * d));
  return { data, n, d };
}

function checkRng(rng: unknown): asserts rng is Rng {
  if (!rng || typeof (rng as Rng).integer !== "function") throw new Error("rng must be an Rng (from rng(seed))");
}

const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

/**
 * f(x) = (1/m) Σᵢ fᵢ(x) from its terms: `term(x, i)` = fᵢ(x) and `addSubgrad(x, i, scale, g)`
 * adding scale·(an element of ∂fᵢ(x)) to g. `subgrad` sums the terms' elements (also `grad`);
 * `sampleSubgrad` draws one i uniformly and returns its element, unscaled.
 */
function termwise(name: string, dim: number, m: number, term: (x: Float64Array, i: number) => number, addSubgrad: (x: Float64Array, i: number, scale: number, g: Float64Array) => void): NonsmoothObjective {
  const subgrad = (x: Float64Array, out?: Float64Array) => {
    assertVector(name, x, dim);
    const g = output(out, dim).fill(0);
    for (let i = 0; i < m; i++) addSubgrad(x, i, 1 / m, g);
    return g;
  };
  return {
    dim,
    terms: m,
    value(x) {
      assertVector(name, x, dim);
      let s = 0;
      for (let i = 0; i < m; i++) s += term(x, i);
      return s / m;
    },
    grad: subgrad,
    subgrad,
    sampleSubgrad(x, rng, out) {
      assertVector(name, x, dim);
      checkRng(rng);
      const g = output(out, dim).fill(0);
      addSubgrad(x, rng.integer(0, m - 1), 1, g);
      return g;
    },
  };
}

/**
 * Robust phase retrieval (Duchi & Ruan 2019; Davis, Drusvyatskiy, Paquette 2020):
 *
 *   f(x) = (1/m) Σᵢ |⟨aᵢ, x⟩² − bᵢ|,
 *
 * non-smooth and non-convex; with bᵢ = ⟨aᵢ, x♮⟩² its global minimizers are ±x♮ (f = 0),
 * and for Gaussian aᵢ and m ≥ c·d they are the only ones up to a small region (sharpness).
 * Subgradient (1/m) Σᵢ 2·sign(rᵢ)⟨aᵢ, x⟩aᵢ with rᵢ = ⟨aᵢ, x⟩² − bᵢ and sign(0) = 0: each
 * |rᵢ| is a convex function of a smooth map, so f is subdifferentially regular, the sum rule
 * holds, and this is a Clarke subgradient at every x. `sampleSubgrad` takes one i.
 */
export function robustPhaseRetrieval(A: Matrix | ArrayLike<number>[], b: ArrayLike<number>): NonsmoothObjective & { rows: Float64Array } {
  const { data: a, n: m, d } = flatRows("A", A);
  if (!b || b.length !== m) throw new Error(`b must have one entry per row of A (${m}), got ${b?.length}`);
  const target = Float64Array.from(b);
  target.forEach((v, i) => assertFinite(`b[${i}]`, v));
  const inner = (x: Float64Array, i: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += a[i * d + j] * x[j];
    return s;
  };
  const addTerm = (x: Float64Array, i: number, scale: number, g: Float64Array) => {
    const u = inner(x, i);
    const c = (scale * 2 * sign(u * u - target[i]) * u);
    if (c !== 0) for (let j = 0; j < d; j++) g[j] += c * a[i * d + j];
  };
  const term = (x: Float64Array, i: number) => Math.abs(inner(x, i) ** 2 - target[i]);
  return { ...termwise("x", d, m, term, addTerm), rows: a };
}

/** Options of {@link reluNetworkLoss}. */
export interface ReluNetworkOptions {
  /** The number k of hidden ReLU units. */
  hidden: number;
  /** "l1": (1/n) Σ |N(zᵢ) − yᵢ| (default); "hinge": (1/n) Σ max(0, 1 − yᵢN(zᵢ)). */
  loss?: "l1" | "hinge";
}

/**
 * The training loss of a two-layer ReLU network N(z) = Σⱼ aⱼ·relu(⟨wⱼ, z⟩) on data (zᵢ, yᵢ):
 *
 *   L(θ) = (1/n) Σᵢ ℓ(N(zᵢ), yᵢ),  ℓ = |N − y| ("l1") or max(0, 1 − yN) ("hinge"),
 *
 * over θ = (w₁, …, w_k, a) ∈ ℝ^{kd + k} (W row by row, then a). Non-smooth (kinks of relu and
 * of ℓ), non-convex, semialgebraic, with downward kinks. `subgrad` is the chain rule with
 * relu′(0) = 0, sign(0) = 0 and the hinge's derivative 0 at its kink: the gradient wherever L
 * is differentiable (almost everywhere), not a Clarke subgradient at every kink — the
 * difference `ad`'s "clarke" rule exists for. `sampleSubgrad` takes one example.
 */
export function reluNetworkLoss(Z: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options: ReluNetworkOptions): NonsmoothObjective & { hidden: number; inputs: number; output(theta: Float64Array, z: ArrayLike<number>): number } {
  const { data: z, n, d } = flatRows("Z", Z);
  if (!y || y.length !== n) throw new Error(`y must have one entry per row of Z (${n}), got ${y?.length}`);
  const labels = Float64Array.from(y);
  labels.forEach((v, i) => assertFinite(`y[${i}]`, v));
  if (!options || typeof options !== "object") throw new Error("options must be given: { hidden, loss }");
  const { hidden: k, loss = "l1" } = options;
  assertInteger("options.hidden", k, 1);
  if (loss !== "l1" && loss !== "hinge") throw new Error(`options.loss must be "l1" or "hinge", got ${String(loss)}`);
  if (loss === "hinge") labels.forEach((v, i) => { if (v !== 1 && v !== -1) throw new Error(`y[${i}] must be −1 or +1 for the hinge loss, got ${v}`); });
  const dim = k * d + k;
  const pre = new Float64Array(k);
  /** N(zᵢ), leaving the pre-activations ⟨wⱼ, zᵢ⟩ in `pre`. */
  const forward = (theta: Float64Array, zi: ArrayLike<number>, offset: number) => {
    let out = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += theta[j * d + l] * zi[offset + l];
      pre[j] = s;
      if (s > 0) out += theta[k * d + j] * s;
    }
    return out;
  };
  const lossOf = (v: number, yi: number) => (loss === "l1" ? Math.abs(v - yi) : Math.max(0, 1 - yi * v));
  /** dℓ/dN at the chosen piece. */
  const lossSlope = (v: number, yi: number) => (loss === "l1" ? sign(v - yi) : 1 - yi * v > 0 ? -yi : 0);
  const addTerm = (theta: Float64Array, i: number, scale: number, g: Float64Array) => {
    const slope = scale * lossSlope(forward(theta, z, i * d), labels[i]);
    if (slope === 0) return;
    for (let j = 0; j < k; j++) {
      if (!(pre[j] > 0)) continue; // relu′ = 0 off the active side, and at 0
      g[k * d + j] += slope * pre[j];
      const c = slope * theta[k * d + j];
      for (let l = 0; l < d; l++) g[j * d + l] += c * z[i * d + l];
    }
  };
  const term = (theta: Float64Array, i: number) => lossOf(forward(theta, z, i * d), labels[i]);
  return {
    ...termwise("theta", dim, n, term, addTerm),
    hidden: k,
    inputs: d,
    output(theta, zi) {
      assertVector("theta", theta, dim);
      if (!zi || zi.length !== d) throw new Error(`z must have length ${d}, got ${zi?.length}`);
      return forward(theta, zi, 0);
    },
  };
}
