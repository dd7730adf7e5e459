import { Matrix } from "ml-matrix";
import { assertFinite, assertInteger } from "../validate";
import { sameAs } from "./lowRank";
import { output, type Objective } from "./objective";

/** A symmetric weight matrix with zero diagonal and non-negative finite entries, as rows, checked. */
export function graphWeights(w: Matrix | number[][]): { data: Float64Array; n: number } {
  if (!(w instanceof Matrix) && !(Array.isArray(w) && w.length > 0 && w.every((row) => Array.isArray(row) || ArrayBuffer.isView(row)))) {
    throw new Error("w must be a symmetric n × n Matrix or a non-empty array of rows");
  }
  const W = Matrix.checkMatrix(w);
  if (!W.isSquare()) throw new Error(`w must be square, got ${W.rows}×${W.columns}`);
  const n = W.rows;
  if (n === 0) throw new Error("w must be non-empty (a graph on at least one vertex)");
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const v = W.get(i, j);
    assertFinite(`w[${i}][${j}]`, v);
    if (i === j && v !== 0) throw new Error(`w[${i}][${i}] must be 0 (no self-loops), got ${v}`);
    if (v < 0) throw new Error(`w[${i}][${j}] must be ≥ 0 (a weight), got ${v}`);
    if (Math.abs(v - W.get(j, i)) > 1e-12 * (1 + Math.abs(v))) throw new Error(`w must be symmetric: w[${i}][${j}] ≠ w[${j}][${i}]`);
    data[i * n + j] = v;
  }
  return { data, n };
}

/** The max-cut SDP's cost C = −L/4, with L = Diag(W𝟙) − W the graph Laplacian (row-major n × n). */
export function maxCutCost(w: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let degree = 0;
    for (let j = 0; j < n; j++) {
      degree += w[i * n + j];
      c[i * n + j] = w[i * n + j] / 4;
    }
    c[i * n + i] = -degree / 4;
  }
  return c;
}

/**
 * The Burer–Monteiro form of the max-cut SDP (Boumal, Voroninski, Bandeira 2016):
 *
 *   max ¼ Σᵢⱼ Wᵢⱼ (1 − ⟨yᵢ, yⱼ⟩) over Y ∈ ℝ^{n×p} with unit rows (X = YYᵀ, diag X = 𝟙),
 *
 * written as the minimization of f(Y) = ⟨C, YYᵀ⟩ with C = −L/4 (L = Diag(W𝟙) − W), so that
 * f(Y) = −(the SDP objective) on the manifold; ∇f(Y) = 2CY, ∇²f(Y)[V] = 2CV (Euclidean).
 * Run it with `riemannianGradientDescent` on `productOfSpheres(n, p)`; Y is row-major.
 *
 * @param w the symmetric non-negative weight matrix (zero diagonal)
 * @param p the rank of the factorization, 1 ≤ p ≤ n
 */
export function burerMonteiroMaxCut(w: Matrix | number[][], p: number): Objective & { n: number; p: number; cost: Float64Array; weights: Float64Array; hessian(y: Float64Array): Matrix } {
  const { data, n } = graphWeights(w);
  assertInteger("p", p, 1);
  if (p > n) throw new Error(`p must be ≤ n = ${n}, got ${p}`);
  return maxCutObjective(data, n, p);
}

/** `burerMonteiroMaxCut` on weights already checked by `graphWeights` (row-major n × n) and 1 ≤ p ≤ n. */
export function maxCutObjective(data: Float64Array, n: number, p: number): ReturnType<typeof burerMonteiroMaxCut> {
  const c = maxCutCost(data, n);
  const dim = n * p;
  const cy = new Float64Array(dim);
  // CY for the last Y it was computed at: a method asks for f and ∇f at the same point, and the
  // product (n²p) is the whole cost.
  const at = new Float64Array(dim).fill(NaN);
  const product = (y: Float64Array) => {
    if (y.length !== dim) throw new Error(`Y must have length n·p = ${dim} (n × p, row-major), got ${y.length}`);
    if (sameAs(at, y)) return cy;
    at.set(y);
    cy.fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
      const cik = c[i * n + k];
      if (cik === 0) continue;
      for (let a = 0; a < p; a++) cy[i * p + a] += cik * y[k * p + a];
    }
    return cy;
  };
  return {
    dim,
    n,
    p,
    cost: c,
    weights: data,
    value(y) {
      product(y);
      let s = 0;
      for (let k = 0; k < dim; k++) s += cy[k] * y[k];
      return s;
    },
    grad(y, out) {
      const g = output(out, dim);
      product(y);
      for (let k = 0; k < dim; k++) g[k] = 2 * cy[k];
      return g;
    },
    hessian() {
      const h = new Matrix(dim, dim);
      for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let a = 0; a < p; a++) h.set(i * p + a, k * p + a, 2 * c[i * n + k]);
      return h;
    },
  };
}
