/**
 * The level-1 and level-2 kernels and the symmetric product of the dense core. `gemv` and
 * `axpy` are plain JavaScript (a matrix–vector product reads each entry once, so copying the
 * matrix into WebAssembly memory would cost as much as the product); `matVec` keeps a fixed
 * matrix there for repeated products. Fixed summation orders: results are the same on every run.
 * @module
 */
import { allFinite, assertDense, assertFiniteResult, assertOptions, overflow, type Dense } from "./dense";
import { allocate, getLocal, release } from "./engine";
import { gemm } from "./gemm";

/** Throws unless x is a Float64Array of the given length; `name()` is only built for the message. */
function assertArray(name: () => string, x: unknown, length: number, finite = true): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) throw new Error(`${name()} must be a Float64Array of length ${length}, got ${typeof x}`);
  if (x.length !== length) throw new Error(`${name()} must have length ${length}, got length ${x.length}`);
  if (finite) for (let i = 0; i < length; i++) if (!Number.isFinite(x[i])) throw new Error(`${name()}[${i}] must be finite, got ${x[i]}`);
}

/** Options of `gemv`. */
export interface GemvOptions {
  /** Use Aᵀ (default false). */
  trans?: boolean;
  /** α (default 1). */
  alpha?: number;
  /** β (default 0; with β = 0 the previous content of y is ignored). */
  beta?: number;
}

/**
 * y ← α·op(A)·x + β·y, op(A) = A or Aᵀ; returns y (new when omitted). Without transpose,
 * yᵢ = β·yᵢ + α·Σⱼ aᵢⱼxⱼ (the sum in four interleaved partial sums, then (s₀ + s₁) + (s₂ + s₃));
 * with it, yⱼ = β·yⱼ then yⱼ += (α·xᵢ)·aᵢⱼ for i = 0, 1, … (A's rows read in order).
 * @throws when x or y does not match A's shape
 */
export function gemv(a: Dense, x: Float64Array, y?: Float64Array, options: GemvOptions = {}): Float64Array {
  assertDense("gemv: A", a, { finite: false });
  assertOptions("gemv", options);
  const { trans = false, alpha = 1, beta = 0 } = options ?? {};
  if (!Number.isFinite(alpha) || !Number.isFinite(beta)) throw new Error(`gemv: alpha and beta must be finite numbers, got ${alpha} and ${beta}`);
  const { rows, cols, data } = a;
  const [m, n] = trans ? [cols, rows] : [rows, cols];
  assertArray(() => `gemv: x (op(A) is ${m}×${n})`, x, n, false); // entries checked if the result is not finite
  if (y === undefined) y = new Float64Array(m);
  else assertArray(() => `gemv: y (op(A) is ${m}×${n})`, y, m, beta !== 0);
  if (!trans) {
    const n4 = cols - (cols % 4);
    for (let i = 0; i < rows; i++) {
      const r = i * cols;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < n4; j += 4) {
        s0 += data[r + j] * x[j];
        s1 += data[r + j + 1] * x[j + 1];
        s2 += data[r + j + 2] * x[j + 2];
        s3 += data[r + j + 3] * x[j + 3];
      }
      let s = s0 + s1 + (s2 + s3);
      for (let j = n4; j < cols; j++) s += data[r + j] * x[j];
      y[i] = beta === 0 ? alpha * s : beta * y[i] + alpha * s;
    }
  } else {
    if (beta === 0) y.fill(0);
    else if (beta !== 1) for (let j = 0; j < cols; j++) y[j] *= beta;
    for (let i = 0; i < rows; i++) {
      const r = i * cols;
      const t = alpha * x[i];
      for (let j = 0; j < cols; j++) y[j] += t * data[r + j];
    }
  }
  if (!allFinite(y)) {
    assertDense("gemv: A", a);
    assertArray(() => `gemv: x (op(A) is ${m}×${n})`, x, n);
    throw overflow("gemv: α·op(A)·x + β·y");
  }
  return y;
}

/** y ← α·x + y (in place); returns y. */
export function axpy(alpha: number, x: Float64Array, y: Float64Array): Float64Array {
  if (typeof alpha !== "number" || !Number.isFinite(alpha)) throw new Error(`axpy: alpha must be a finite number, got ${String(alpha)}`);
  if (!(x instanceof Float64Array)) throw new Error(`axpy: x must be a Float64Array, got ${typeof x}`);
  assertArray(() => "axpy: x", x, x.length);
  assertArray(() => "axpy: y", y, x.length);
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i];
  assertFiniteResult("axpy: α·x + y", y);
  return y;
}

/**
 * C ← α·AᵀA + β·C (or α·AAᵀ + β·C with `trans: false`), the Gram matrix through
 * `gemm`: exactly symmetric, since cᵢⱼ and cⱼᵢ add the same products in the same order.
 * `trans` (default true) selects AᵀA; `trans: false` gives AAᵀ.
 */
export function syrk(a: Dense, c?: Dense, options: { trans?: boolean; alpha?: number; beta?: number; threads?: number } = {}): Dense {
  assertOptions("syrk", options);
  const { trans = true, ...rest } = options ?? {};
  return gemm(a, a, c, { ...rest, transA: trans, transB: !trans });
}

/** A fixed matrix A prepared for repeated products y ← α·A·x + β·y (see `matVec`). */
export interface MatVec {
  readonly rows: number;
  readonly cols: number;
  /** y ← α·A·x + β·y (α = 1, β = 0 by default); returns y (new when omitted). */
  apply(x: Float64Array, y?: Float64Array, options?: { alpha?: number; beta?: number }): Float64Array;
}

/** Gives the engine's memory back when an operator is garbage-collected. */
const registry = new FinalizationRegistry<number>((block) => release(getLocal(), block));

/**
 * y ← A·x with A kept in WebAssembly memory, without argument checks: the inner loop of
 * `matVec` and of objectives that validated A once and carry non-finite iterates through to
 * their own divergence report. x must have A's column count and y its row count.
 */
export function residentProduct(a: Dense): (x: Float64Array, y: Float64Array, alpha?: number, beta?: number) => Float64Array {
  const { rows, cols } = a;
  // The unshared arena: copies into it cost less than into shared memory (see engine.ts).
  const e = getLocal();
  const aBytes = Math.ceil((rows * cols) / 8) * 64;
  const xBytes = Math.ceil(cols / 8) * 64;
  const block = allocate(e, aBytes + xBytes + 8 * rows);
  const offX = block + aBytes;
  const offY = offX + xBytes;
  e.heap.set(a.data, block / 8);
  const kernels = e.kernels;
  // Views of x's and y's slots, remade when the memory has grown (which replaces its buffer).
  let xs = new Float64Array(e.memory.buffer, offX, cols);
  let ys = new Float64Array(e.memory.buffer, offY, rows);
  const owner = {}; // reachable from the function: the block lives as long as it does
  registry.register(owner, block);
  return (x, y, alpha = 1, beta = 0) => {
    void owner;
    if (xs.buffer !== e.memory.buffer) {
      xs = new Float64Array(e.memory.buffer, offX, cols);
      ys = new Float64Array(e.memory.buffer, offY, rows);
    }
    xs.set(x);
    if (beta !== 0) ys.set(y);
    kernels.gemvN(block, cols, rows, cols, offX, offY, alpha, beta);
    y.set(ys);
    return y;
  };
}

/**
 * A copy of A kept in WebAssembly memory for repeated matrix–vector products, where the
 * copy would otherwise cost as much as the product: each `apply` copies only x in and y out,
 * and runs a SIMD kernel over four rows at a time. yᵢ sums aᵢⱼxⱼ in two SIMD accumulators
 * (j ≡ 0, 1 and j ≡ 2, 3 mod 4), so the last bits differ from `gemv`'s; both are fixed
 * from run to run. The memory is given back when the operator is garbage-collected.
 */
export function matVec(a: Dense): MatVec {
  assertDense("matVec: A", a);
  const { rows, cols } = a;
  const product = residentProduct(a);
  return {
    rows,
    cols,
    apply(x, y, options) {
      // The O(1) checks inline (no message closure on the happy path); entries of x are checked if the result is not finite.
      if (!(x instanceof Float64Array) || x.length !== cols) assertArray(() => `matVec.apply: x (A is ${rows}×${cols})`, x, cols, false);
      let alpha = 1;
      let beta = 0;
      if (options !== undefined) {
        assertOptions("matVec.apply", options);
        ({ alpha = 1, beta = 0 } = options ?? {});
        if (!Number.isFinite(alpha) || !Number.isFinite(beta)) throw new Error(`matVec.apply: alpha and beta must be finite numbers, got ${alpha} and ${beta}`);
      }
      if (y === undefined) y = new Float64Array(rows);
      else if (beta !== 0 || !(y instanceof Float64Array) || y.length !== rows) assertArray(() => `matVec.apply: y (A is ${rows}×${cols})`, y, rows, beta !== 0);
      product(x, y, alpha, beta);
      if (!allFinite(y)) {
        assertArray(() => `matVec.apply: x (A is ${rows}×${cols})`, x, cols);
        throw overflow("matVec.apply: α·A·x + β·y");
      }
      return y;
    },
  };
}
