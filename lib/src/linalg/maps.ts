/**
 * Element-wise maps of the dense core that a two-layer network needs: relu and its
 * derivative mask, a bias added to every row, the row-wise softmax, and column sums (the
 * bias gradient). Each writes into `out` when given (which may be the input itself). Each
 * takes float64 (`Dense`) or float32 (`Dense32`) matrices, all of one type per call; float32
 * results are the float64 ones rounded to float32 when stored.
 * @module
 */
import { assertDense, assertDense32, assertFiniteResult, type Dense, type Dense32 } from "./dense";

/** Throws unless `a` is a Dense or a Dense32 (checked as such). */
function assertAnyDense(name: string, a: unknown, options?: { finite?: boolean }): asserts a is Dense | Dense32 {
  if ((a as Dense32 | null)?.data instanceof Float32Array) assertDense32(name, a, options);
  else assertDense(name, a, options);
}

/** Throws unless `x` holds the same element type as `a` (the matrix `name` is checked against). */
function assertSameType(name: string, x: Dense | Dense32, a: Dense | Dense32, what: string) {
  if (x.data.constructor !== a.data.constructor) throw new Error(`${name} must hold a ${a.data.constructor.name} like ${what}, got a ${x.data.constructor.name}`);
}

function output<T extends Dense | Dense32>(name: string, a: T, out?: T): T {
  if (out === undefined) return { rows: a.rows, cols: a.cols, data: a.data instanceof Float32Array ? new Float32Array(a.data.length) : new Float64Array(a.data.length) } as T;
  assertAnyDense(`${name}: out`, out, { finite: false }); // overwritten
  assertSameType(`${name}: out`, out, a, "the input");
  if (out.rows !== a.rows || out.cols !== a.cols) throw new Error(`${name}: out must be ${a.rows}×${a.cols}, got ${out.rows}×${out.cols}`);
  return out;
}

/** out = max(Z, 0) entry-wise. */
export function relu<T extends Dense | Dense32>(z: T, out?: T): T {
  assertAnyDense("relu: z", z);
  const o = output("relu", z, out);
  const zd = z.data;
  const od = o.data;
  for (let i = 0; i < zd.length; i++) od[i] = zd[i] > 0 ? zd[i] : 0;
  return o;
}

/**
 * out = G ⊙ 1[Z > 0]: the gradient through relu, with relu′(0) = 0 (the convention of
 * PyTorch and TensorFlow).
 */
export function reluMask<T extends Dense | Dense32>(z: T, g: T, out?: T): T {
  assertAnyDense("reluMask: z", z);
  assertAnyDense("reluMask: g", g);
  assertSameType("reluMask: g", g, z, "z");
  if (g.rows !== z.rows || g.cols !== z.cols) throw new Error(`reluMask: g must be ${z.rows}×${z.cols} like z, got ${g.rows}×${g.cols}`);
  const o = output("reluMask", z, out);
  const zd = z.data;
  const gd = g.data;
  const od = o.data;
  for (let i = 0; i < zd.length; i++) od[i] = zd[i] > 0 ? gd[i] : 0;
  return o;
}

/** Z[i, j] += b[j] for every row i (in place); returns Z. b has z's element type (Float64Array or Float32Array). */
export function addBias<T extends Dense | Dense32>(z: T, b: T["data"]): T {
  assertAnyDense("addBias: z", z);
  const type = z.data.constructor as Float64ArrayConstructor | Float32ArrayConstructor;
  if (!(b instanceof type) || b.length !== z.cols) throw new Error(`addBias: b must be a ${type.name} of length ${z.cols} (z's columns), got ${b instanceof type ? `length ${b.length}` : (b as object)?.constructor?.name ?? typeof b}`);
  for (let j = 0; j < b.length; j++) if (!Number.isFinite(b[j])) throw new Error(`addBias: b[${j}] must be finite, got ${b[j]}`);
  const { rows, cols, data } = z;
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) data[r + j] += b[j];
  }
  assertFiniteResult("addBias: z + b", data);
  return z;
}

/** sⱼ = Σᵢ A[i, j] (rows added in order, in float64 also for a float32 A); the gradient of a bias added to every row. */
export function columnSums(a: Dense | Dense32, out?: Float64Array): Float64Array {
  assertAnyDense("columnSums: a", a);
  const { rows, cols, data } = a;
  if (out !== undefined && (!(out instanceof Float64Array) || out.length !== cols)) throw new Error(`columnSums: out must be a Float64Array of length ${cols}`);
  const s = out ?? new Float64Array(cols);
  s.fill(0);
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) s[j] += data[r + j];
  }
  assertFiniteResult("columnSums: Σᵢ a[i][j]", s);
  return s;
}

/**
 * Row-wise softmax: out[i, j] = exp(Z[i, j] − mᵢ) / Σₖ exp(Z[i, k] − mᵢ) with mᵢ = maxₖ Z[i, k]
 * (no overflow for large entries).
 */
export function softmaxRows<T extends Dense | Dense32>(z: T, out?: T): T {
  assertAnyDense("softmaxRows: z", z);
  const o = output("softmaxRows", z, out);
  const { rows, cols } = z;
  const zd = z.data;
  const od = o.data;
  const single = od instanceof Float32Array;
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    let m = -Infinity;
    for (let j = 0; j < cols; j++) if (zd[r + j] > m) m = zd[r + j];
    let s = 0;
    if (single) {
      // float32 would round stored exponentials: sum them first, then store each entry once
      // (the float64 result rounded; z is read before out's entry is written, so out may be z).
      for (let j = 0; j < cols; j++) s += Math.exp(zd[r + j] - m);
      const inv = 1 / s;
      for (let j = 0; j < cols; j++) od[r + j] = Math.exp(zd[r + j] - m) * inv;
      continue;
    }
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(zd[r + j] - m);
      od[r + j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < cols; j++) od[r + j] *= inv;
  }
  return o;
}
