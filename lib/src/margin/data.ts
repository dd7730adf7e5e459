import { Matrix } from "ml-matrix";
import { assertNumbers, assertRows } from "../validate";

/** A labelled dataset: rows xᵢ ∈ ℝᵈ and labels yᵢ ∈ {−1, +1}. */
export interface Dataset {
  rows: Float64Array[];
  labels: Int8Array;
  n: number;
  d: number;
}

/**
 * Checks and normalizes a dataset given as an ml-matrix Matrix or an array of rows, with
 * labels in {−1, +1}; throws an Error naming what is wrong.
 */
export function dataset(X: Matrix | ArrayLike<number>[], y: ArrayLike<number>): Dataset {
  if (!(X instanceof Matrix) && !Array.isArray(X)) throw new Error(`X must be a Matrix or an array of rows, got ${X === null ? "null" : typeof X}`);
  const rows = X instanceof Matrix ? X.to2DArray() : Array.from(X, (r) => (r === null || typeof r !== "object" ? r : Array.from(r))) as number[][];
  const { rows: n, columns: d } = assertRows("X", rows);
  if (!y || y.length !== n) throw new Error(`y must have one label per row of X (${n}), got ${y?.length}`);
  const labels = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    if (y[i] !== 1 && y[i] !== -1) throw new Error(`y[${i}] must be −1 or +1, got ${y[i]}`);
    labels[i] = y[i];
  }
  return { rows: rows.map((r) => Float64Array.from(r)), labels, n, d };
}

/**
 * 1, or the power of two nearest max|xᵢⱼ| when that lies outside [2⁻²⁰, 2²⁰]: the solvers divide
 * such data by it (exactly) so that neither HiGHS's coefficient limits nor squares overflow.
 */
export function dataScale(data: Dataset): number {
  let top = 0;
  for (const row of data.rows) for (const v of row) top = Math.max(top, Math.abs(v));
  return top === 0 || (top >= 2 ** -20 && top <= 2 ** 20) ? 1 : 2 ** Math.round(Math.log2(top));
}

/** The margins yᵢ⟨xᵢ, w⟩ (+ yᵢb with a bias). */
export function margins(data: Dataset, w: ArrayLike<number>, bias = 0): Float64Array {
  assertNumbers("w", w, data.d);
  return Float64Array.from(data.rows, (x, i) => {
    let s = bias;
    for (let j = 0; j < data.d; j++) s += x[j] * w[j];
    return data.labels[i] * s;
  });
}
