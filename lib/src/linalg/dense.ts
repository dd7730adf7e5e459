/**
 * The dense type of the numeric core: a row-major matrix `{ rows, cols, data }` with
 * entry (i, j) at `data[i·cols + j]`, and its conversions to and from ml-matrix's `Matrix`
 * (which stays the type of the public API and of the decompositions).
 * @module
 */
import { Matrix } from "ml-matrix";

/** A row-major float64 matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Dense {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A row-major float32 matrix: entry (i, j) is `data[i * cols + j]` (the operands of `gemm32`). */
export interface Dense32 {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

function assertShape(name: string, rows: unknown, cols: unknown) {
  for (const [what, v] of [["rows", rows], ["cols", cols]] as const) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new Error(`${name}: ${what} must be an integer ≥ 0, got ${String(v)}`);
  }
}

/**
 * A rows × cols dense matrix over `data` (not copied; zeros when omitted).
 * @throws when `data` is not a Float64Array of length rows·cols
 */
export function dense(rows: number, cols: number, data?: Float64Array): Dense {
  assertShape("dense", rows, cols);
  if (data === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (!(data instanceof Float64Array)) throw new Error(`dense: data must be a Float64Array, got ${typeof data}`);
  if (data.length !== rows * cols) throw new Error(`dense: data must have length rows·cols = ${rows * cols}, got ${data.length}`);
  const a = { rows, cols, data };
  assertDense("dense: data", a);
  return a;
}

/**
 * A rows × cols float32 dense matrix over `data` (not copied; zeros when omitted).
 * @throws when `data` is not a Float32Array of length rows·cols with finite entries
 */
export function dense32(rows: number, cols: number, data?: Float32Array): Dense32 {
  assertShape("dense32", rows, cols);
  if (data === undefined) return { rows, cols, data: new Float32Array(rows * cols) };
  if (!(data instanceof Float32Array)) throw new Error(`dense32: data must be a Float32Array, got ${typeof data}`);
  if (data.length !== rows * cols) throw new Error(`dense32: data must have length rows·cols = ${rows * cols}, got ${data.length}`);
  const a = { rows, cols, data };
  assertDense32("dense32: data", a);
  return a;
}

/** Throws unless `a` is a Dense whose data has length rows·cols and (unless `finite: false`) finite entries; `name` is the argument's name. */
export function assertDense(name: string, a: unknown, { finite = true } = {}): asserts a is Dense {
  checkDense(name, a, Float64Array, finite);
}

/** `assertDense` for a float32 matrix (`Dense32`). */
export function assertDense32(name: string, a: unknown, { finite = true } = {}): asserts a is Dense32 {
  checkDense(name, a, Float32Array, finite);
}

function checkDense(name: string, a: unknown, type: Float64ArrayConstructor | Float32ArrayConstructor, finite: boolean) {
  const d = a as Dense | Dense32;
  if (typeof d !== "object" || d === null || !(d.data instanceof type)) {
    throw new Error(`${name} must be a dense matrix { rows, cols, data: ${type.name} }, got ${d === null ? "null" : typeof d}`);
  }
  assertShape(name, d.rows, d.cols);
  if (d.data.length !== d.rows * d.cols) {
    throw new Error(`${name}.data must have length rows·cols = ${d.rows}·${d.cols} = ${d.rows * d.cols}, got ${d.data.length}`);
  }
  if (!finite) return;
  const data = d.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`${name}[${Math.floor(i / d.cols)}][${i % d.cols}] must be finite, got ${data[i]}`);
  }
}

/** Whether every entry is finite. */
export function allFinite(data: Float64Array | Float32Array): boolean {
  // x·0 is 0 (or −0) for a finite x and NaN for ±∞ or NaN; two independent sums run faster
  // than a test per entry (measured: 400 entries in 0.3 µs against 0.76 µs).
  let s0 = 0;
  let s1 = 0;
  const n = data.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += data[i] * 0;
    s1 += data[i + 1] * 0;
  }
  if (i < n) s0 += data[i] * 0;
  return s0 + s1 === 0;
}

/** Throws unless every entry of a result is finite: `what` names the operation and its arguments. */
export function assertFiniteResult(what: string, data: Float64Array | Float32Array): void {
  if (!allFinite(data)) throw overflow(what);
}

/** The error for a result that left the float64 range although its inputs were finite. */
export function overflow(what: string): Error {
  return new Error(`${what} overflows the float64 range (an entry beyond ±1.8e308)`);
}

/** The dense copy of an ml-matrix `Matrix` (row-major). */
export function fromMatrix(m: Matrix): Dense {
  if (!Matrix.isMatrix(m)) throw new Error(`fromMatrix: m must be an ml-matrix Matrix, got ${m === null ? "null" : typeof m}`);
  const rows = m.rows;
  const cols = m.columns;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = m.get(i, j);
      if (!Number.isFinite(v)) throw new Error(`fromMatrix: m[${i}][${j}] must be finite, got ${v}`);
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}

/** The ml-matrix `Matrix` copy of a dense matrix. */
export function toMatrix(a: Dense): Matrix {
  assertDense("a", a);
  const m = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) m.set(i, j, a.data[i * a.cols + j]);
  }
  return m;
}

/** The float32 copy of a float64 dense matrix (each entry rounded to nearest). */
export function toDense32(a: Dense): Dense32 {
  assertDense("toDense32: a", a);
  const data = Float32Array.from(a.data);
  if (!allFinite(data)) throw new Error("toDense32: an entry of a is beyond the float32 range (±3.4e38)");
  return { rows: a.rows, cols: a.cols, data };
}

/** The float64 copy of a float32 dense matrix (exact). */
export function toDense64(a: Dense32): Dense {
  assertDense32("toDense64: a", a);
  return { rows: a.rows, cols: a.cols, data: Float64Array.from(a.data) };
}

/** Aᵀ as a new dense matrix. */
export function transpose(a: Dense): Dense {
  assertDense("a", a);
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  }
  return { rows: cols, cols: rows, data: out };
}

/** Throws unless `options` is undefined or an object (`what` names the function). */
export function assertOptions(what: string, options: unknown): void {
  if (options !== undefined && (options === null || typeof options !== "object")) throw new Error(`${what}: options must be an object, got ${options === null ? "null" : typeof options}`);
}
