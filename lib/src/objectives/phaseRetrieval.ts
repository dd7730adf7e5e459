import { Matrix } from "ml-matrix";
import { assertFinite } from "../validate";
import { output, type Objective } from "./objective";

/**
 * Real phase retrieval with the smooth intensity loss (the real analogue of the least-squares
 * formulation of Sun, Qu, Wright 2016, who treat complex signals): from yᵢ = ⟨aᵢ, x*⟩²,
 *
 *   f(x) = (1/4m) Σᵢ (⟨aᵢ, x⟩² − yᵢ)²,
 *   ∇f(x) = (1/m) Σᵢ (⟨aᵢ, x⟩² − yᵢ)⟨aᵢ, x⟩ aᵢ,
 *   ∇²f(x) = (1/m) Σᵢ (3⟨aᵢ, x⟩² − yᵢ) aᵢaᵢᵀ.
 *
 * Its global minimizers (with enough generic measurements) are ±x*: the sign is the symmetry.
 *
 * @param a the m × n measurement matrix, row i = aᵢ (Matrix or rows)
 * @param y the m intensities yᵢ ≥ 0
 */
export function phaseRetrieval(a: Matrix | number[][], y: ArrayLike<number>): Objective & { hessian(x: Float64Array): Matrix; measurements: number } {
  if (!(a instanceof Matrix) && !(Array.isArray(a) && a.length > 0 && a.every((row) => Array.isArray(row) || ArrayBuffer.isView(row)))) {
    throw new Error("a must be an m × n Matrix or a non-empty array of rows");
  }
  const A = Matrix.checkMatrix(a);
  const m = A.rows, n = A.columns;
  const rows = Float64Array.from(A.to1DArray());
  rows.forEach((v, k) => assertFinite(`a[${Math.floor(k / n)}][${k % n}]`, v));
  if (!y || typeof y.length !== "number" || y.length !== m) throw new Error(`y must be an array of ${m} intensities (one per row of a)`);
  const intensities = Float64Array.from(y);
  intensities.forEach((v, i) => {
    assertFinite(`y[${i}]`, v);
    if (v < 0) throw new Error(`y[${i}] must be ≥ 0 (an intensity ⟨aᵢ, x*⟩²), got ${v}`);
  });
  const ax = new Float64Array(m);
  const products = (x: Float64Array) => {
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += rows[i * n + j] * x[j];
      ax[i] = s;
    }
    return ax;
  };
  return {
    dim: n,
    measurements: m,
    value(x) {
      products(x);
      let s = 0;
      for (let i = 0; i < m; i++) s += (ax[i] * ax[i] - intensities[i]) ** 2;
      return s / (4 * m);
    },
    grad(x, out) {
      const g = output(out, n).fill(0);
      products(x);
      for (let i = 0; i < m; i++) {
        const c = ((ax[i] * ax[i] - intensities[i]) * ax[i]) / m;
        for (let j = 0; j < n; j++) g[j] += c * rows[i * n + j];
      }
      return g;
    },
    hessian(x) {
      products(x);
      const h = new Matrix(n, n);
      for (let i = 0; i < m; i++) {
        const c = (3 * ax[i] * ax[i] - intensities[i]) / m;
        for (let j = 0; j < n; j++) for (let k = 0; k <= j; k++) h.set(j, k, h.get(j, k) + c * rows[i * n + j] * rows[i * n + k]);
      }
      for (let j = 0; j < n; j++) for (let k = 0; k < j; k++) h.set(k, j, h.get(j, k));
      return h;
    },
  };
}
