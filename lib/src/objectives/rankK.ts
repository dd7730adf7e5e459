import { Matrix } from "ml-matrix";
import { symmetricEigen } from "../linalg";
import { assertInteger, assertMatrix } from "../validate";
import { matrixCompletion, type FactorObjective } from "./lowRank";

/** Rank-k approximation of a symmetric M, with M's eigenpairs and the critical points in closed form. */
export interface RankKApproximation extends FactorObjective {
  /** M (symmetric, n × n). */
  readonly target: Matrix;
  /** M's eigenvalues, descending. */
  readonly eigenvalues: number[];
  /** The matching unit eigenvectors, as the columns of an n × n Matrix. */
  readonly eigenvectors: Matrix;
  /**
   * The critical point U = [√λ_{i₁}v_{i₁}, …, √λ_{iₛ}v_{iₛ}, 0, …, 0] (row-major n × k) for distinct
   * indices i₁..iₛ (s ≤ k) of eigenvalues λᵢ ≥ 0 (indices into `eigenvalues`, descending order).
   */
  criticalPoint(indices: number[]): Float64Array;
}

/**
 * Rank-k approximation of a symmetric M (n × n): f(U) = ½‖UUᵀ − M‖²_F over U ∈ ℝ^{n×k}, the
 * rank-one objective `rankOneApproximation` generalized to k columns (rankOne's f is ‖xxᵀ − M‖²_F,
 * twice this one at k = 1). It is matrix completion with every entry observed, and is built as such:
 *   ∇f(U) = 2(UUᵀ − M)U,   ∇²f(U)[V] = 2(VUᵀ + UVᵀ)U + 2(UUᵀ − M)V.
 * With M = Σᵢ λᵢvᵢvᵢᵀ (λ₁ ≥ … ≥ λₙ), the critical points are U = V_S Λ_S^{1/2} R (padded with zero
 * columns) for sets S of at most k eigenvalues λᵢ ≥ 0, R orthogonal. For a PSD M with λ_k > λ_{k+1}
 * the minimizers are those with S = {1..k} (UUᵀ = M_k, the Eckart–Young truncation; f* = ½Σ_{i>k}λᵢ²),
 * and every other critical point is a strict saddle (Baldi and Hornik 1989 for PCA).
 */
export function rankKApproximation(m: Matrix | number[][], k: number): RankKApproximation {
  const M = assertMatrix("m", m, { symmetric: true });
  const n = M.rows;
  assertInteger("k", k, 1);
  if (k > n) throw new Error(`k must be ≤ n = ${n}, got ${k}`);
  // on the symmetric part (the check allowed rounding-size asymmetry)
  const S = Matrix.add(M, M.transpose()).mul(0.5);
  const everything = new Matrix(n, n).fill(1);
  const base = matrixCompletion(S, everything, k);
  const { values, vectors } = symmetricEigen(S);
  const order = values.map((_, i) => values.length - 1 - i);
  const eigenvalues = order.map((i) => values[i]);
  const eigenvectors = new Matrix(n, n);
  order.forEach((i, c) => eigenvectors.setColumn(c, vectors.getColumn(i)));
  return Object.assign(base, {
    target: S,
    eigenvalues,
    eigenvectors,
    criticalPoint(indices: number[]): Float64Array {
      if (!Array.isArray(indices) || indices.length > k) throw new Error(`indices must be an array of at most k = ${k} eigenvalue indices`);
      const seen = new Set<number>();
      const u = new Float64Array(n * k);
      indices.forEach((i, c) => {
        assertInteger(`indices[${c}]`, i, 0);
        if (i >= n) throw new Error(`indices[${c}] must be < n = ${n}, got ${i}`);
        if (seen.has(i)) throw new Error(`indices must be distinct, ${i} is repeated`);
        seen.add(i);
        if (eigenvalues[i] < 0) throw new Error(`indices[${c}] = ${i} names a negative eigenvalue ${eigenvalues[i]} (no real √λ)`);
        const s = Math.sqrt(eigenvalues[i]);
        for (let r = 0; r < n; r++) u[r * k + c] = s * eigenvectors.get(r, i);
      });
      return u;
    },
  });
}
