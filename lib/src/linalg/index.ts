/**
 * The dense core: norms and products on Float64Array, the row-major `Dense` type with its
 * BLAS-style kernels (gemm, gemv, axpy, syrk; WebAssembly with SIMD for large products),
 * the element-wise maps of a network, and a symmetric eigendecomposition with sorted eigenvalues.
 * @module
 */
import { Matrix } from "ml-matrix";
import { assertMatrix, assertVector } from "../validate";
import * as kernels from "../vector";
import { fromMatrix, toMatrix } from "./dense";
import { symmetricEigenDense } from "./eigen";

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
  // The dense core's Householder tridiagonalization and implicit QL (eigen.ts), on the lower
  // triangle; it rescales entries beyond 2^±500 and sets subnormal ones to 0.
  const { values, vectors } = symmetricEigenDense(fromMatrix(a));
  return { values: Array.from(values), vectors: toMatrix(vectors!) };
}

export { assertDense, dense, fromMatrix, toMatrix, transpose, type Dense } from "./dense";
export { assertDense32, dense32, toDense32, toDense64, type Dense32 } from "./dense";
export { gemm, KC, type GemmOptions } from "./gemm";
export { gemm32 } from "./gemm";
export { axpy, gemv, matVec, syrk, type GemvOptions, type MatVec } from "./blas";
export { addBias, columnSums, relu, reluMask, softmaxRows } from "./maps";
export { symmetricEigenDense } from "./eigen";
