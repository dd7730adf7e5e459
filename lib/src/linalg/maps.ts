/**
 * Element-wise maps of the dense core that a two-layer network needs: relu and its
 * derivative mask, a bias added to every row, the row-wise softmax, and column sums (the
 * bias gradient). Each writes into `out` when given (which may be the input itself).
 * @module
 */
import { assertDense, assertFiniteResult, type Dense } from "./dense";

function output(name: string, a: Dense, out?: Dense): Dense {
  if (out === undefined) return { rows: a.rows, cols: a.cols, data: new Float64Array(a.data.length) };
  assertDense(`${name}: out`, out, { finite: false }); // overwritten
  if (out.rows !== a.rows || out.cols !== a.cols) throw new Error(`${name}: out must be ${a.rows}×${a.cols}, got ${out.rows}×${out.cols}`);
  return out;
}

/** out = max(Z, 0) entry-wise. */
export function relu(z: Dense, out?: Dense): Dense {
  assertDense("relu: z", z);
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
export function reluMask(z: Dense, g: Dense, out?: Dense): Dense {
  assertDense("reluMask: z", z);
  assertDense("reluMask: g", g);
  if (g.rows !== z.rows || g.cols !== z.cols) throw new Error(`reluMask: g must be ${z.rows}×${z.cols} like z, got ${g.rows}×${g.cols}`);
  const o = output("reluMask", z, out);
  const zd = z.data;
  const gd = g.data;
  const od = o.data;
  for (let i = 0; i < zd.length; i++) od[i] = zd[i] > 0 ? gd[i] : 0;
  return o;
}

/** Z[i, j] += b[j] for every row i (in place); returns Z. */
export function addBias(z: Dense, b: Float64Array): Dense {
  assertDense("addBias: z", z);
  if (!(b instanceof Float64Array) || b.length !== z.cols) throw new Error(`addBias: b must be a Float64Array of length ${z.cols} (z's columns), got ${b instanceof Float64Array ? `length ${b.length}` : typeof b}`);
  for (let j = 0; j < b.length; j++) if (!Number.isFinite(b[j])) throw new Error(`addBias: b[${j}] must be finite, got ${b[j]}`);
  const { rows, cols, data } = z;
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) data[r + j] += b[j];
  }
  assertFiniteResult("addBias: z + b", data);
  return z;
}

/** sⱼ = Σᵢ A[i, j] (rows added in order); the gradient of a bias added to every row. */
export function columnSums(a: Dense, out?: Float64Array): Float64Array {
  assertDense("columnSums: a", a);
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
export function softmaxRows(z: Dense, out?: Dense): Dense {
  assertDense("softmaxRows: z", z);
  const o = output("softmaxRows", z, out);
  const { rows, cols } = z;
  const zd = z.data;
  const od = o.data;
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    let m = -Infinity;
    for (let j = 0; j < cols; j++) if (zd[r + j] > m) m = zd[r + j];
    let s = 0;
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
