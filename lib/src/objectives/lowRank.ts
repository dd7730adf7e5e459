import { Matrix } from "ml-matrix";
import { assertFinite, assertInteger, assertPositive, assertVector } from "../validate";
import { output, type Objective } from "./objective";

/**
 * Objectives in a factor U ∈ ℝ^{n×r} of a PSD matrix X = UUᵀ (Burer–Monteiro factorizations):
 * matrix completion and matrix sensing. U is stored row-major in a Float64Array of length nr.
 * @module
 */

/** An objective of a factor U (row-major n × r) with its Hessian-vector product ∇²f(U)[V]. */
export interface FactorObjective extends Objective {
  readonly n: number;
  readonly rank: number;
  /** ∇²f(U)[V], written into `out` when given. */
  hessianVector(u: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  hessian(u: Float64Array): Matrix;
}

/** A square matrix given as rows or a Matrix, checked finite, as a row-major Float64Array. */
export function squareRows(name: string, m: Matrix | number[][], n?: number): { data: Float64Array; n: number } {
  if (!(m instanceof Matrix) && !(Array.isArray(m) && m.length > 0 && m.every((row) => Array.isArray(row) || ArrayBuffer.isView(row)))) {
    throw new Error(`${name} must be a square Matrix or a non-empty array of rows`);
  }
  const M = Matrix.checkMatrix(m);
  if (!M.isSquare()) throw new Error(`${name} must be square, got ${M.rows}×${M.columns}`);
  if (n !== undefined && M.rows !== n) throw new Error(`${name} must be ${n}×${n}, got ${M.rows}×${M.columns}`);
  const data = Float64Array.from(M.to1DArray());
  data.forEach((v, k) => assertFinite(`${name}[${Math.floor(k / M.rows)}][${k % M.rows}]`, v));
  return { data, n: M.rows };
}

/** X = UUᵀ (n × n, row-major) for U row-major n × r (into `out` when given). */
export function gram(u: Float64Array, n: number, r: number, out?: Float64Array): Float64Array {
  assertInteger("n", n, 1);
  assertInteger("r", r, 1);
  assertVector("u", u, n * r);
  const x = gramInto(u, n, r, output(out, n * n));
  for (let k = 0; k < n * n; k++) if (!Number.isFinite(x[k])) throw new Error(`u's entries are too large: (UUᵀ)[${Math.floor(k / n)}][${k % n}] overflows float64`);
  return x;
}

function gramInto(u: Float64Array, n: number, r: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let a = 0; a < r; a++) s += u[i * r + a] * u[j * r + a];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** out = S·U for S row-major n × n and U row-major n × r (out may not alias U). */
function times(s: Float64Array, u: Float64Array, n: number, r: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const sik = s[i * n + k];
      if (sik === 0) continue;
      for (let a = 0; a < r; a++) out[i * r + a] += sik * u[k * r + a];
    }
  }
  return out;
}

/** The d × d Hessian from d Hessian-vector products against the unit vectors, symmetrized. */
export function hessianFromProducts(dim: number, hv: (v: Float64Array, out: Float64Array) => void): Matrix {
  const h = new Matrix(dim, dim);
  const e = new Float64Array(dim);
  const col = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    e[j] = 1;
    hv(e, col);
    e[j] = 0;
    for (let i = 0; i < dim; i++) h.set(i, j, col[i]);
  }
  return Matrix.add(h, h.transpose()).div(2);
}

/** Whether a (a cached point) equals u entry by entry. */
export function sameAs(a: Float64Array, u: Float64Array): boolean {
  if (a.length !== u.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== u[k]) return false;
  return true;
}

/** U must be n × r row-major: length n·r = dim (a shorter one would read undefined as NaN). */
function checkFactorLength(u: Float64Array, dim: number) {
  if (u.length !== dim) throw new Error(`U must have length n·r = ${dim} (n × r, row-major), got ${u.length}`);
}

function checkFactor(n: number, rank: number) {
  assertInteger("rank", rank, 1);
  if (rank > n) throw new Error(`rank must be ≤ n = ${n}, got ${rank}`);
}

/** The regularizer of Ge, Lee and Ma (2016): R(U) = λ Σᵢ (‖uᵢ‖ − α)₊⁴ over the rows uᵢ of U. */
export interface RowNormRegularizer {
  /** λ > 0. */
  lambda: number;
  /** α > 0: rows with ‖uᵢ‖ ≤ α are not penalized (the paper takes α a constant times the incoherence bound on the rows of the true factor). */
  alpha: number;
}

/**
 * Matrix completion (Ge, Lee, Ma 2016): for a symmetric target M (n × n) and a mask Ω,
 *
 *   f(U) = ½ Σ_{(i,j)∈Ω} ((UUᵀ)ᵢⱼ − Mᵢⱼ)² + λ Σᵢ (‖uᵢ‖ − α)₊⁴,
 *
 * the second term (the paper's regularizer, which keeps rows incoherent) only when
 * `regularizer` is given. With the residual P = P_Ω(UUᵀ − M):
 *   ∇f(U) = (P + Pᵀ)U + Σᵢ 4λ(‖uᵢ‖ − α)₊³ uᵢ/‖uᵢ‖ (row i),
 *   ∇²f(U)[V] = (Q + Qᵀ)U + (P + Pᵀ)V + (the regularizer's term), Q = P_Ω(VUᵀ + UVᵀ).
 *
 * @param m the symmetric target (usually PSD of rank `rank`), a Matrix or rows
 * @param mask Ω as a 0/1 (or boolean) n × n matrix: entry (i, j) observed when non-zero
 * @param rank r, the number of columns of U
 */
export function matrixCompletion(
  m: Matrix | number[][],
  mask: Matrix | number[][] | boolean[][],
  rank: number,
  options: { regularizer?: RowNormRegularizer } = {},
): FactorObjective & { target: Matrix; observed: number } {
  if (options === null || typeof options !== "object") throw new Error("options must be an object ({ regularizer })");
  const { regularizer } = options;
  const { data: target, n } = squareRows("m", m);
  if (!(mask instanceof Matrix) && !Array.isArray(mask)) throw new Error("mask must be an n × n Matrix or array of rows of 0/1 (or booleans)");
  const { data: omega } = squareRows("mask", mask instanceof Matrix ? mask : (mask as ArrayLike<unknown>[]).map((row) => (Array.isArray(row) ? row.map(Number) : row) as number[]), n);
  checkFactor(n, rank);
  omega.forEach((v, k) => {
    if (v !== 0 && v !== 1) throw new Error(`mask[${Math.floor(k / n)}][${k % n}] must be 0 or 1, got ${v}`);
  });
  if (regularizer !== undefined) {
    assertPositive("regularizer.lambda", regularizer?.lambda);
    assertPositive("regularizer.alpha", regularizer?.alpha);
  }
  const r = rank, dim = n * r;
  const x = new Float64Array(n * n);
  const p = new Float64Array(n * n);
  const q = new Float64Array(n * n);
  const tmp = new Float64Array(dim);
  const observed = omega.reduce((s, v) => s + v, 0);
  // P for the last U it was computed at (a method asks for f and ∇f at the same point)
  const residualAt = new Float64Array(dim).fill(NaN);
  const residual = (u: Float64Array) => {
    checkFactorLength(u, dim);
    if (sameAs(residualAt, u)) return p;
    residualAt.set(u);
    gramInto(u, n, r, x);
    for (let k = 0; k < n * n; k++) p[k] = omega[k] * (x[k] - target[k]);
    return p;
  };
  // (A + Aᵀ)U added into out
  const symmetricTimes = (a: Float64Array, u: Float64Array, out: Float64Array) => {
    for (let k = 0; k < n * n; k++) q[k] = a[k] + a[(k % n) * n + Math.floor(k / n)];
    times(q, u, n, r, tmp);
    for (let k = 0; k < dim; k++) out[k] += tmp[k];
  };
  const rowNorm = (u: Float64Array, i: number) => {
    let s = 0;
    for (let a = 0; a < r; a++) s += u[i * r + a] ** 2;
    return Math.sqrt(s);
  };
  const objective: FactorObjective & { target: Matrix; observed: number } = {
    dim,
    n,
    rank,
    observed,
    target: new Matrix(Array.from({ length: n }, (_, i) => Array.from(target.subarray(i * n, (i + 1) * n)))),
    value(u) {
      residual(u);
      let s = 0;
      for (let k = 0; k < n * n; k++) s += p[k] * p[k];
      let reg = 0;
      if (regularizer) for (let i = 0; i < n; i++) reg += Math.max(0, rowNorm(u, i) - regularizer.alpha) ** 4;
      return s / 2 + (regularizer ? regularizer.lambda * reg : 0);
    },
    grad(u, out) {
      const g = output(out, dim).fill(0);
      symmetricTimes(residual(u), u, g);
      if (regularizer) {
        for (let i = 0; i < n; i++) {
          const t = rowNorm(u, i), excess = t - regularizer.alpha;
          if (excess <= 0) continue;
          const c = (4 * regularizer.lambda * excess ** 3) / t;
          for (let a = 0; a < r; a++) g[i * r + a] += c * u[i * r + a];
        }
      }
      return g;
    },
    hessianVector(u, v, out) {
      const h = output(out, dim).fill(0);
      residual(u);
      symmetricTimes(p, v, h);
      // Q = P_Ω(VUᵀ + UVᵀ), stored in p (the residual is no longer needed, nor valid)
      residualAt.fill(NaN);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let a = 0; a < r; a++) s += v[i * r + a] * u[j * r + a] + u[i * r + a] * v[j * r + a];
          p[i * n + j] = omega[i * n + j] * s;
        }
      }
      symmetricTimes(p, u, h);
      if (regularizer) {
        for (let i = 0; i < n; i++) {
          const t = rowNorm(u, i), excess = t - regularizer.alpha;
          if (excess <= 0) continue;
          // ∇²φ(‖u‖) = φ″ uuᵀ/t² + (φ′/t)(I − uuᵀ/t²), φ(t) = λ(t − α)₊⁴
          const d1 = 4 * regularizer.lambda * excess ** 3, d2 = 12 * regularizer.lambda * excess ** 2;
          let uv = 0;
          for (let a = 0; a < r; a++) uv += u[i * r + a] * v[i * r + a];
          for (let a = 0; a < r; a++) h[i * r + a] += ((d2 - d1 / t) * uv * u[i * r + a]) / (t * t) + (d1 / t) * v[i * r + a];
        }
      }
      return h;
    },
    hessian: (u) => hessianFromProducts(dim, (v, out) => objective.hessianVector(u, v, out)),
  };
  return objective;
}

/**
 * Matrix sensing (Bhojanapalli, Neyshabur, Srebro 2016): from m linear measurements
 * yᵢ = ⟨Aᵢ, X*⟩ of a PSD X* of rank r,
 *
 *   f(U) = ½ Σᵢ (⟨Aᵢ, UUᵀ⟩ − yᵢ)²,   ∇f(U) = Σᵢ rᵢ (Aᵢ + Aᵢᵀ) U,
 *   ∇²f(U)[V] = Σᵢ [⟨Aᵢ + Aᵢᵀ, UVᵀ⟩ (Aᵢ + Aᵢᵀ)U + rᵢ (Aᵢ + Aᵢᵀ)V],   rᵢ = ⟨Aᵢ, UUᵀ⟩ − yᵢ.
 *
 * Only the symmetric parts Sᵢ = (Aᵢ + Aᵢᵀ)/2 matter (⟨Aᵢ, UUᵀ⟩ = ⟨Sᵢ, UUᵀ⟩); they are stored.
 *
 * @param a the m sensing matrices, each n × n (Matrix or rows)
 * @param y the m measurements
 * @param rank r
 */
export function matrixSensing(a: (Matrix | number[][])[], y: ArrayLike<number>, rank: number): FactorObjective & { measurements: number } {
  if (!Array.isArray(a) || a.length === 0) throw new Error("a must be a non-empty array of n × n matrices");
  const first = squareRows("a[0]", a[0]);
  const n = first.n, count = a.length;
  if (!y || typeof y.length !== "number" || y.length !== count) throw new Error(`y must be an array of ${count} measurements (one per matrix of a), got ${describeLength(y)}`);
  for (let i = 0; i < count; i++) assertFinite(`y[${i}]`, y[i]);
  checkFactor(n, rank);
  const r = rank, dim = n * r, nn = n * n;
  const sym = new Float64Array(count * nn);
  a.forEach((ai, i) => {
    const { data } = squareRows(`a[${i}]`, ai, n);
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) sym[i * nn + j * n + k] = (data[j * n + k] + data[k * n + j]) / 2;
  });
  const targets = Float64Array.from(y);
  const x = new Float64Array(nn);
  const res = new Float64Array(count);
  const combo = new Float64Array(nn);
  const tmp = new Float64Array(dim);
  const uvt = new Float64Array(nn);
  const c = new Float64Array(count);
  const residualsAt = new Float64Array(dim).fill(NaN);
  const residuals = (u: Float64Array) => {
    checkFactorLength(u, dim);
    if (sameAs(residualsAt, u)) return res;
    residualsAt.set(u);
    gramInto(u, n, r, x);
    for (let i = 0; i < count; i++) {
      let s = 0;
      const off = i * nn;
      for (let k = 0; k < nn; k++) s += sym[off + k] * x[k];
      res[i] = s - targets[i];
    }
    return res;
  };
  // Σᵢ cᵢ Sᵢ into combo
  const combine = (c: Float64Array) => {
    combo.fill(0);
    for (let i = 0; i < count; i++) {
      const ci = c[i], off = i * nn;
      if (ci === 0) continue;
      for (let k = 0; k < nn; k++) combo[k] += ci * sym[off + k];
    }
    return combo;
  };
  const objective: FactorObjective & { measurements: number } = {
    dim,
    n,
    rank,
    measurements: count,
    value(u) {
      residuals(u);
      let s = 0;
      for (let i = 0; i < count; i++) s += res[i] * res[i];
      return s / 2;
    },
    grad(u, out) {
      const g = output(out, dim);
      times(combine(residuals(u)), u, n, r, g);
      for (let k = 0; k < dim; k++) g[k] *= 2;
      return g;
    },
    hessianVector(u, v, out) {
      const h = output(out, dim);
      residuals(u);
      times(combine(res), v, n, r, h);
      // ⟨2Sᵢ, UVᵀ⟩ = 2 Σ_jk Sᵢ[j,k] (UVᵀ)[j,k]
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) {
        let s = 0;
        for (let b = 0; b < r; b++) s += u[j * r + b] * v[k * r + b];
        uvt[j * n + k] = s;
      }
      for (let i = 0; i < count; i++) {
        let s = 0;
        const off = i * nn;
        for (let k = 0; k < nn; k++) s += sym[off + k] * uvt[k];
        c[i] = 2 * s;
      }
      times(combine(c), u, n, r, tmp);
      for (let k = 0; k < dim; k++) h[k] = 2 * (h[k] + tmp[k]);
      return h;
    },
    hessian: (u) => hessianFromProducts(dim, (v, out) => objective.hessianVector(u, v, out)),
  };
  return objective;
}

function describeLength(y: unknown): string {
  return y && typeof (y as ArrayLike<number>).length === "number" ? `length ${(y as ArrayLike<number>).length}` : typeof y;
}
