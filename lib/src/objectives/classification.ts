import { Matrix } from "ml-matrix";
import { dataset } from "../margin/data";
import { assertFunction, assertObjective, optionsObject } from "../validate";
import { output, type Objective } from "./objective";

/** A decreasing margin loss ℓ(z) of the margin z = y⟨x, w⟩, with ℓ′, ℓ″, and log ℓ and log|ℓ′| computed without underflow. */
export interface MarginLoss {
  name: string;
  value(z: number): number;
  derivative(z: number): number;
  second(z: number): number;
  logValue(z: number): number;
  logAbsDerivative(z: number): number;
}

/** log(1 + eᶻ), without overflow. */
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** ℓ(z) = log(1 + e^{−z}), computed without overflow or cancellation for any z. */
export const logistic: MarginLoss = {
  name: "logistic",
  value: (z) => (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z))),
  derivative: (z) => (z > 0 ? -Math.exp(-z) / (1 + Math.exp(-z)) : -1 / (1 + Math.exp(z))),
  second: (z) => {
    const e = Math.exp(-Math.abs(z));
    return e / ((1 + e) * (1 + e));
  },
  // log log(1 + e^{−z}) = −z + log(log1p(u)/u) with u = e^{−z}; log1p(u)/u = 1 − u/2 + … for small u.
  logValue: (z) => (z > 30 ? -z + Math.log1p(-Math.exp(-z) / 2) : Math.log(softplus(-z))),
  logAbsDerivative: (z) => -softplus(z),
};

/** ℓ(z) = e^{−z}. */
export const exponential: MarginLoss = {
  name: "exponential",
  value: (z) => Math.exp(-z),
  derivative: (z) => -Math.exp(-z),
  second: (z) => Math.exp(-z),
  logValue: (z) => -z,
  logAbsDerivative: (z) => -z,
};

/** A margin-loss objective over a dataset, with its rows (yᵢxᵢ folded in) kept for other uses. */
export interface ClassificationLoss extends Objective {
  loss: MarginLoss;
  /** zᵢ = yᵢxᵢ, row-major n × d. */
  signedRows: Float64Array;
  n: number;
}

/**
 * The empirical risk L(w) = Σᵢ ℓ(yᵢ⟨xᵢ, w⟩) of a homogeneous linear classifier (a sum, as in
 * Soudry et al. 2018), with ∇L = Σᵢ ℓ′(mᵢ) yᵢxᵢ and ∇²L = Σᵢ ℓ″(mᵢ) xᵢxᵢᵀ.
 */
export function marginLoss(X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, loss: MarginLoss, options?: { log?: boolean }): ClassificationLoss {
  const { log = false } = optionsObject("options", options);
  const data = dataset(X, y);
  if (loss === null || typeof loss !== "object") throw new Error("loss must be a MarginLoss (e.g. logistic or exponential)");
  for (const k of ["value", "derivative", "second", "logValue", "logAbsDerivative"] as const) assertFunction(`loss.${k}`, loss[k]);
  const { n, d } = data;
  const z = new Float64Array(n * d);
  data.rows.forEach((row, i) => row.forEach((v, j) => (z[i * d + j] = data.labels[i] * v)));
  const marginOf = (w: Float64Array, i: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += z[i * d + j] * w[j];
    return s;
  };
  if (log) return logRisk(d, n, z, loss, marginOf);
  return {
    dim: d,
    n,
    loss,
    signedRows: z,
    value(w) {
      let s = 0;
      for (let i = 0; i < n; i++) s += loss.value(marginOf(w, i));
      return s;
    },
    grad(w, out) {
      const g = output(out, d).fill(0);
      for (let i = 0; i < n; i++) {
        const c = loss.derivative(marginOf(w, i));
        for (let j = 0; j < d; j++) g[j] += c * z[i * d + j];
      }
      return g;
    },
    hessian(w) {
      const h = new Matrix(d, d);
      for (let i = 0; i < n; i++) {
        const c = loss.second(marginOf(w, i));
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) h.set(a, b, h.get(a, b) + c * z[i * d + a] * z[i * d + b]);
      }
      return h;
    },
  };
}

/**
 * log L(w) = log Σᵢ ℓ(mᵢ) by log-sum-exp of log ℓ(mᵢ), with ∇ log L = Σᵢ (ℓ′(mᵢ)/L) yᵢxᵢ from
 * the same weights. Gradient descent on log L with a constant step η is gradient descent on L
 * with the loss-normalized step η/L(w) (the step of the implicit-bias theorems), and it never
 * underflows: L itself reaches 0 in float64 once every margin passes about 745.
 */
function logRisk(d: number, n: number, z: Float64Array, loss: MarginLoss, marginOf: (w: Float64Array, i: number) => number): ClassificationLoss {
  const m = new Float64Array(n);
  const logLoss = new Float64Array(n);
  const logSum = (w: Float64Array) => {
    let top = -Infinity;
    for (let i = 0; i < n; i++) {
      m[i] = marginOf(w, i);
      logLoss[i] = loss.logValue(m[i]);
      top = Math.max(top, logLoss[i]);
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.exp(logLoss[i] - top);
    return top + Math.log(s);
  };
  return {
    dim: d,
    n,
    loss,
    signedRows: z,
    value: logSum,
    grad(w, out) {
      const g = output(out, d).fill(0);
      const logL = logSum(w);
      for (let i = 0; i < n; i++) {
        const c = -Math.exp(loss.logAbsDerivative(m[i]) - logL); // ℓ′(mᵢ)/L < 0
        for (let j = 0; j < d; j++) g[j] += c * z[i * d + j];
      }
      return g;
    },
  };
}

/** Logistic regression's risk Σᵢ log(1 + exp(−yᵢ⟨xᵢ, w⟩)) (its logarithm with `{ log: true }`). */
export const logisticLoss = (X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options?: { log?: boolean }) => marginLoss(X, y, logistic, options);
/** The exponential risk Σᵢ exp(−yᵢ⟨xᵢ, w⟩) (AdaBoost's; its logarithm with `{ log: true }`). */
export const exponentialLoss = (X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options?: { log?: boolean }) => marginLoss(X, y, exponential, options);

/**
 * A depth-2 diagonal linear network on top of an objective F of a linear predictor β ∈ ℝᵈ:
 * parameters w = (u, v) ∈ ℝ²ᵈ, β(w) = u⊙u − v⊙v (a homogeneous polynomial of degree 2), and
 * value F(β(w)), with ∇_u = 2u ⊙ ∇F(β) and ∇_v = −2v ⊙ ∇F(β). With F the exponential risk
 * Σᵢ exp(−yᵢ⟨β, xᵢ⟩), this is the model of Gunasekar, Lee, Soudry and Srebro (2018).
 */
export function diagonalNetwork(linear: Objective): Objective & { beta(w: Float64Array): Float64Array } {
  assertObjective("linear", linear);
  const d = linear.dim;
  const beta = new Float64Array(d);
  const g = new Float64Array(d);
  const betaOf = (w: Float64Array, out: Float64Array) => {
    for (let j = 0; j < d; j++) out[j] = w[j] * w[j] - w[d + j] * w[d + j];
    return out;
  };
  return {
    dim: 2 * d,
    beta: (w) => betaOf(w, new Float64Array(d)),
    value: (w) => linear.value(betaOf(w, beta)),
    grad(w, out) {
      const r = output(out, 2 * d);
      const lg = linear.grad(betaOf(w, beta), g);
      for (let j = 0; j < d; j++) {
        r[j] = 2 * w[j] * lg[j];
        r[d + j] = -2 * w[d + j] * lg[j];
      }
      return r;
    },
  };
}
