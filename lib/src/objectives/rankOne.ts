import { Matrix } from "ml-matrix";
import { assertMatrix } from "../validate";
import { output, type Objective } from "./objective";

function symmetricRows(name: string, m: Matrix | number[][]): { M: Matrix; rows: Float64Array; d: number } {
  const M = assertMatrix(name, m);
  const d = M.rows;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      if (Math.abs(M.get(i, j) - M.get(j, i)) > 1e-10 * (1 + Math.abs(M.get(i, j)))) throw new Error(`${name} must be symmetric`);
    }
  }
  // On a copy: ml-matrix's add/div change the matrix they are called on.
  const S = M.clone().mul(0.5).add(M.transpose().mul(0.5)); // halves first: 1e308 + 1e308 would overflow
  return { M: S, rows: Float64Array.from(S.to1DArray()), d };
}

/** y = Mx for a row-major d × d matrix. */
function matVec(rows: Float64Array, x: Float64Array, out: Float64Array): void {
  const d = x.length;
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += rows[i * d + j] * x[j];
    out[i] = s;
  }
}

/**
 * Rank-one approximation of a symmetric M: f(x) = ‖xxᵀ − M‖²_F,
 *   ∇f(x) = 4(‖x‖²x − Mx),   ∇²f(x) = 4(‖x‖² I + 2xxᵀ − M).
 * With eigenpairs (λᵢ, vᵢ) of M, the critical points are 0 and ±√λᵢ vᵢ for each λᵢ > 0; for
 * distinct eigenvalues the global minimizers are ±√λ₁v₁ (λ₁ the largest), every other
 * ±√λᵢvᵢ is a strict saddle (curvature 4(λᵢ − λ₁) < 0 along v₁), and 0 has Hessian −4M.
 */
export function rankOneApproximation(m: Matrix | number[][]): Objective & { target: Matrix } {
  const { M, rows, d } = symmetricRows("m", m);
  const mx = new Float64Array(d);
  const frobenius2 = rows.reduce((s, v) => s + v * v, 0);
  return {
    dim: d,
    target: M,
    value(x) {
      // ‖xxᵀ − M‖² = ‖x‖⁴ − 2xᵀMx + ‖M‖²
      matVec(rows, x, mx);
      let n2 = 0, xmx = 0;
      for (let i = 0; i < d; i++) {
        n2 += x[i] * x[i];
        xmx += x[i] * mx[i];
      }
      return n2 * n2 - 2 * xmx + frobenius2;
    },
    grad(x, out) {
      const g = output(out, d);
      matVec(rows, x, mx);
      let n2 = 0;
      for (let i = 0; i < d; i++) n2 += x[i] * x[i];
      for (let i = 0; i < d; i++) g[i] = 4 * (n2 * x[i] - mx[i]);
      return g;
    },
    hessian(x) {
      let n2 = 0;
      for (let i = 0; i < d; i++) n2 += x[i] * x[i];
      const h = new Matrix(d, d);
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) h.set(i, j, 4 * ((i === j ? n2 : 0) + 2 * x[i] * x[j] - M.get(i, j)));
      }
      return h;
    },
  };
}

/**
 * The Rayleigh quotient f(x) = xᵀAx of a symmetric A, to be minimized on the unit sphere:
 * ∇f = 2Ax, ∇²f = 2A (Euclidean). On the sphere its critical points are the eigenvectors;
 * the bottom one is the minimizer, the top one the maximizer, and every other eigenvector
 * (distinct eigenvalues) a strict saddle: the Riemannian Hessian at vᵢ has eigenvalues
 * 2(λⱼ − λᵢ), j ≠ i (see `classifyOnSphere`).
 */
export function rayleighQuotient(a: Matrix | number[][]): Objective & { matrix: Matrix } {
  const { M, rows, d } = symmetricRows("a", a);
  const ax = new Float64Array(d);
  return {
    dim: d,
    matrix: M,
    value(x) {
      matVec(rows, x, ax);
      let s = 0;
      for (let i = 0; i < d; i++) s += x[i] * ax[i];
      return s;
    },
    grad(x, out) {
      const g = output(out, d);
      matVec(rows, x, g);
      for (let i = 0; i < d; i++) g[i] *= 2;
      return g;
    },
    hessian: () => M.clone().mul(2),
  };
}
