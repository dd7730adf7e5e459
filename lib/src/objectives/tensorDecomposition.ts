import { Matrix } from "ml-matrix";
import { assertFinite, assertNumbers, assertRows } from "../validate";
import { output, type Objective } from "./objective";

/**
 * The symmetric 4-tensor T = Σᵢ wᵢ aᵢ⊗aᵢ⊗aᵢ⊗aᵢ of the columns aᵢ of A (d × k), as a dense
 * row-major Float64Array of length d⁴ (entry T[i][j][k][l] at ((i·d + j)·d + k)·d + l).
 * With orthonormal columns it is an orthogonal tensor (Ge, Huang, Jin, Yuan 2015).
 */
export function orthogonalTensor(a: Matrix | number[][], weights?: ArrayLike<number>): Float64Array {
  if (!(a instanceof Matrix) && !(Array.isArray(a) && a.length > 0)) throw new Error("a must be a d × k Matrix or array of rows");
  if (Array.isArray(a)) assertRows("a", a);
  const A = Matrix.checkMatrix(a);
  const d = A.rows, k = A.columns;
  for (let i = 0; i < d; i++) for (let j = 0; j < k; j++) assertFinite(`a[${i}][${j}]`, A.get(i, j));
  const w = weights === undefined ? new Float64Array(k).fill(1) : Float64Array.from(assertNumbers("weights", weights, k));
  const t = new Float64Array(d ** 4);
  for (let c = 0; c < k; c++) {
    const col = A.getColumn(c);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      const wij = w[c] * col[i] * col[j];
      for (let l = 0; l < d; l++) {
        const wijl = wij * col[l], base = ((i * d + j) * d + l) * d;
        for (let m = 0; m < d; m++) t[base + m] += wijl * col[m];
      }
    }
  }
  t.forEach((v, k) => {
    if (!Number.isFinite(v)) throw new Error(`a and weights are too large: the tensor's entry ${k} (Σ wᵢ aᵢ^⊗4) overflows float64`);
  });
  return t;
}

/**
 * Orthogonal tensor decomposition as optimization on the unit sphere (Ge, Huang, Jin, Yuan
 * 2015): maximize T(u, u, u, u) over ‖u‖ = 1, written as the minimization of
 *
 *   f(u) = −T(u, u, u, u),   ∇f(u) = −4 T(u, u, u, ·),   ∇²f(u) = −12 T(u, u, ·, ·)
 *
 * (Euclidean; run it with `riemannianGradientDescent` on `sphere`). For T = Σᵢ aᵢ^⊗4 with
 * orthonormal aᵢ, the local minimizers on the sphere are exactly ±aᵢ, all with f = −1: every
 * local minimum is global, the symmetry being a permutation and sign of the components.
 *
 * @param t a symmetric 4-tensor, row-major, of length d⁴ (see `orthogonalTensor`)
 */
export function tensorDecomposition(t: Float64Array): Objective & { hessian(u: Float64Array): Matrix } {
  if (!(t instanceof Float64Array)) throw new Error("t must be a Float64Array of length d⁴ (a dense symmetric 4-tensor)");
  const d = Math.round(Math.pow(t.length, 1 / 4));
  if (d < 1 || d ** 4 !== t.length) throw new Error(`t must have length d⁴ for an integer d ≥ 1, got length ${t.length}`);
  t.forEach((v, k) => assertFinite(`t[${k}]`, v));
  const at = (i: number, j: number, k: number, l: number) => t[((i * d + j) * d + k) * d + l];
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) for (let l = 0; l < d; l++) {
    const v = at(i, j, k, l), tol = 1e-10 * (1 + Math.abs(v));
    if (Math.abs(v - at(j, i, k, l)) > tol || Math.abs(v - at(i, k, j, l)) > tol || Math.abs(v - at(i, j, l, k)) > tol) {
      throw new Error(`t must be a symmetric tensor: t[${i}][${j}][${k}][${l}] differs from a transposition of its indices`);
    }
  }
  const d2 = d * d;
  const mat = new Float64Array(d2); // T(u, u, ·, ·)
  const contract2 = (u: Float64Array) => {
    mat.fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      const uij = u[i] * u[j];
      if (uij === 0) continue;
      const base = (i * d + j) * d2;
      for (let kl = 0; kl < d2; kl++) mat[kl] += uij * t[base + kl];
    }
    return mat;
  };
  return {
    dim: d,
    value(u) {
      contract2(u);
      let s = 0;
      for (let k = 0; k < d; k++) for (let l = 0; l < d; l++) s += mat[k * d + l] * u[k] * u[l];
      return -s;
    },
    grad(u, out) {
      const g = output(out, d);
      contract2(u);
      for (let k = 0; k < d; k++) {
        let s = 0;
        for (let l = 0; l < d; l++) s += mat[k * d + l] * u[l];
        g[k] = -4 * s;
      }
      return g;
    },
    hessian(u) {
      contract2(u);
      return new Matrix(Array.from({ length: d }, (_, k) => Array.from({ length: d }, (_, l) => -12 * mat[k * d + l])));
    },
  };
}
