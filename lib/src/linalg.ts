/**
 * The few dense helpers ml-matrix lacks: norms and products on Float64Array (the hot
 * paths), and a symmetric eigendecomposition with sorted eigenvalues.
 * @module
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { assertMatrix, assertVector } from "./validate";
import * as kernels from "./vector";

/** ⟨x, y⟩ = Σᵢ xᵢyᵢ, for x and y of the same length with finite entries. */
export function dot(x: Float64Array, y: Float64Array): number {
  vectorArgument("x", x);
  vectorArgument("y", y, x.length);
  const s = kernels.dot(x, y);
  if (!Number.isFinite(s)) {
    assertVector("x", x);
    assertVector("y", y);
    throw new Error(`⟨x, y⟩ overflows the float64 range (|⟨x, y⟩| > 1.8e308)`);
  }
  return s;
}

/**
 * ‖x‖₂ = √⟨x, x⟩ for x with finite entries, without overflow or underflow: when the plain sum of
 * squares leaves the float64 range (entries beyond about 1e154 or below 1e-154) it is
 * recomputed scaled by max|xᵢ|.
 */
export function norm2(x: Float64Array): number {
  vectorArgument("x", x);
  const n = kernels.norm2(x);
  if (!Number.isFinite(n)) assertVector("x", x);
  return n;
}

/** ‖x‖_p = (Σᵢ |xᵢ|ᵖ)^{1/p} for p ≥ 1, and ‖x‖_∞ = maxᵢ |xᵢ|, for x with finite entries, without overflow or underflow. */
export function normP(x: Float64Array, p: number): number {
  vectorArgument("x", x);
  if (typeof p !== "number" || !(p >= 1)) throw new Error(`p must be a number ≥ 1 (or Infinity), got ${String(p)}`);
  const n = kernels.normP(x, p);
  if (!Number.isFinite(n)) assertVector("x", x);
  return n;
}

/** The O(1) part of the check of a vector argument (the entries are checked only if the result is not finite). */
function vectorArgument(name: string, x: unknown, length?: number): void {
  if (!(x instanceof Float64Array)) throw new Error(`${name} must be a Float64Array, got ${x === null ? "null" : typeof x}`);
  if (length !== undefined && x.length !== length) throw new Error(`${name} must have the length of x (${length}), got length ${x.length}`);
}

/**
 * Symmetric eigendecomposition A = V diag(λ) Vᵀ with λ ascending and V's columns the eigenvectors,
 * for a square A (Matrix or rows) with finite entries, symmetric up to 1e-10·max|aᵢⱼ|.
 */
export function symmetricEigen(a: Matrix): { values: number[]; vectors: Matrix } {
  a = assertMatrix("a", a, { symmetric: true });
  // Entries beyond 2^±500 are divided by a power of two (exact) so that the iteration's squares stay in range.
  const top = Math.max(a.max(), -a.min());
  const s = top > 2 ** 500 || (top > 0 && top < 2 ** -500) ? 2 ** Math.round(Math.log2(top)) : 1;
  const m = s === 1 ? a.clone() : Matrix.div(a, s);
  // Subnormal entries (below 2.2e-308, a perturbation far below rounding) make ml-matrix's tql2 index past its arrays.
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) if (Math.abs(m.get(i, j)) < 2.2250738585072014e-308) m.set(i, j, 0);
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const values = s === 1 ? evd.realEigenvalues : evd.realEigenvalues.map((v) => v * s);
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const v = evd.eigenvectorMatrix;
  const vectors = new Matrix(a.rows, a.rows);
  order.forEach((from, to) => vectors.setColumn(to, v.getColumn(from)));
  return { values: order.map((i) => values[i]), vectors };
}
