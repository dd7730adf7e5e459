import { Matrix } from "ml-matrix";
import { dataset } from "../margin/data";
import { output, type Objective } from "./objective";

/** A decreasing margin loss ℓ(z) of the margin z = y⟨x, w⟩, with ℓ′ and ℓ″. */
export interface MarginLoss {
  name: string;
  value(z: number): number;
  derivative(z: number): number;
  second(z: number): number;
}

/** ℓ(z) = log(1 + e^{−z}), computed without overflow or cancellation for any z. */
export const logistic: MarginLoss = {
  name: "logistic",
  value: (z) => (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z))),
  derivative: (z) => (z > 0 ? -Math.exp(-z) / (1 + Math.exp(-z)) : -1 / (1 + Math.exp(z))),
  second: (z) => {
    const e = Math.exp(-Math.abs(z));
    return e / ((1 + e) * (1 + e));
  },
};

/** ℓ(z) = e^{−z}. */
export const exponential: MarginLoss = {
  name: "exponential",
  value: (z) => Math.exp(-z),
  derivative: (z) => -Math.exp(-z),
  second: (z) => Math.exp(-z),
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
export function marginLoss(X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, loss: MarginLoss): ClassificationLoss {
  const data = dataset(X, y);
  const { n, d } = data;
  const z = new Float64Array(n * d);
  data.rows.forEach((row, i) => row.forEach((v, j) => (z[i * d + j] = data.labels[i] * v)));
  const marginOf = (w: Float64Array, i: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += z[i * d + j] * w[j];
    return s;
  };
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

/** Logistic regression's risk Σᵢ log(1 + exp(−yᵢ⟨xᵢ, w⟩)). */
export const logisticLoss = (X: Matrix | ArrayLike<number>[], y: ArrayLike<number>) => marginLoss(X, y, logistic);
/** The exponential risk Σᵢ exp(−yᵢ⟨xᵢ, w⟩) (AdaBoost's). */
export const exponentialLoss = (X: Matrix | ArrayLike<number>[], y: ArrayLike<number>) => marginLoss(X, y, exponential);

/**
 * A depth-2 diagonal linear network: parameters w = (u, v) ∈ ℝ²ᵈ, the linear predictor
 * β(w) = u⊙u − v⊙v (a homogeneous polynomial of degree 2), and the risk
 * L(w) = Σᵢ ℓ(yᵢ⟨β(w), xᵢ⟩), with ∇_u L = 2u ⊙ g and ∇_v L = −2v ⊙ g for g = Σᵢ ℓ′(mᵢ) yᵢxᵢ.
 */
export function diagonalNetwork(X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, loss: MarginLoss = exponential): Objective & { beta(w: Float64Array): Float64Array; linear: ClassificationLoss } {
  const linear = marginLoss(X, y, loss);
  const d = linear.dim;
  const beta = new Float64Array(d);
  const g = new Float64Array(d);
  const betaOf = (w: Float64Array, out: Float64Array) => {
    for (let j = 0; j < d; j++) out[j] = w[j] * w[j] - w[d + j] * w[d + j];
    return out;
  };
  return {
    dim: 2 * d,
    linear,
    beta: (w) => betaOf(w, new Float64Array(d)),
    value: (w) => linear.value(betaOf(w, beta)),
    grad(w, out) {
      const r = output(out, 2 * d);
      linear.grad(betaOf(w, beta), g);
      for (let j = 0; j < d; j++) {
        r[j] = 2 * w[j] * g[j];
        r[d + j] = -2 * w[d + j] * g[j];
      }
      return r;
    },
  };
}
