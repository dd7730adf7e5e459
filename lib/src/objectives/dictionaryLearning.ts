import { Matrix } from "ml-matrix";
import { dense, gemm, gemv, type Dense } from "../linalg";
import { assertPositive } from "../validate";
import { denseData, output, type Objective } from "./objective";

/** The dictionary-learning objective with its data sizes. */
export interface DictionaryLearning extends Objective {
  /** n, the dimension (rows of Y). */
  readonly n: number;
  /** p, the number of samples (columns of Y). */
  readonly samples: number;
  /** μ, the smoothing. */
  readonly mu: number;
}

/** log cosh(t), stably: |t| + log1p(e^{−2|t|}) − log 2. */
function logCosh(t: number): number {
  const a = Math.abs(t);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
}

/**
 * Complete dictionary learning on the sphere (Sun, Qu, Wright 2015): for data Y = A₀X₀ (n × p) with
 * A₀ orthogonal and X₀ sparse (Bernoulli(θ)–Gaussian), the smoothed ℓ1 objective
 *
 *   f(q) = (1/p) Σₖ h_μ(qᵀyₖ),   h_μ(z) = μ log cosh(z/μ),
 *
 * to be minimized over the unit sphere (`sphere`, `riemannianGradientDescent`). Euclidean
 *   ∇f(q) = (1/p) Σₖ tanh(qᵀyₖ/μ) yₖ,   ∇²f(q) = (1/(pμ)) Σₖ (1 − tanh²(qᵀyₖ/μ)) yₖyₖᵀ.
 * In their regime (θ ∈ (0, 1/3), μ small, p a polynomial in n) the local minimizers on the sphere are,
 * with high probability, close to ±aⱼ, the columns of A₀ (so that qᵀY ≈ ±(row j of X₀)), and every
 * other critical point has a direction of negative curvature.
 *
 * @param y the data Y, n × p (a Matrix, rows, or a Dense), one sample per column
 * @param mu μ > 0
 */
export function dictionaryLearning(y: Matrix | Dense | number[][], mu: number): DictionaryLearning {
  const Y = denseData("y", y, "n × p", "one sample per column");
  assertPositive("mu", mu);
  const n = Y.rows, p = Y.cols;
  const z = new Float64Array(p);
  const t = new Float64Array(p);
  const check = (q: Float64Array) => {
    if (!(q instanceof Float64Array) || q.length !== n) throw new Error(`q must be a Float64Array of length ${n}, got ${q instanceof Float64Array ? `length ${q.length}` : typeof q}`);
  };
  // z = Yᵀq
  const project = (q: Float64Array) => gemv(Y, q, z, { trans: true });
  return {
    dim: n,
    n,
    samples: p,
    mu,
    value(q) {
      check(q);
      project(q);
      let s = 0;
      for (let k = 0; k < p; k++) s += logCosh(z[k] / mu);
      return (mu * s) / p;
    },
    grad(q, out) {
      const g = output(out, n);
      check(q);
      project(q);
      for (let k = 0; k < p; k++) t[k] = Math.tanh(z[k] / mu) / p;
      gemv(Y, t, g);
      return g;
    },
    hessian(q) {
      check(q);
      project(q);
      // (1/(pμ)) Y diag(1 − tanh²) Yᵀ, as (YD)(Y)ᵀ on the dense core
      const yd = dense(n, p);
      for (let k = 0; k < p; k++) {
        const w = (1 - Math.tanh(z[k] / mu) ** 2) / (p * mu);
        for (let i = 0; i < n; i++) yd.data[i * p + k] = Y.data[i * p + k] * w;
      }
      const h = gemm(yd, Y, undefined, { transB: true });
      const H = new Matrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H.set(i, j, (h.data[i * n + j] + h.data[j * n + i]) / 2);
      return H;
    },
  };
}
