import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { assertInteger, assertNumbers, assertRows, assertVector } from "../validate";

function factor(name: string, u: Matrix | number[][] | Float64Array, rank?: number): Matrix {
  if (u instanceof Float64Array) {
    if (rank === undefined) throw new Error(`rank must be given when ${name} is a row-major Float64Array`);
    assertInteger("rank", rank, 1);
    if (u.length % rank !== 0) throw new Error(`${name} must have a length divisible by rank = ${rank}, got ${u.length}`);
    assertVector(name, u);
    return new Matrix(Array.from({ length: u.length / rank }, (_, i) => Array.from(u.subarray(i * rank, (i + 1) * rank))));
  }
  if (!(u instanceof Matrix) && !Array.isArray(u)) throw new Error(`${name} must be a Matrix, an array of rows or a row-major Float64Array`);
  if (Array.isArray(u)) assertRows(name, u);
  const m = Matrix.checkMatrix(u);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) {
    if (!Number.isFinite(m.get(i, j))) throw new Error(`${name}[${i}][${j}] must be finite`);
  }
  return m;
}

/** The largest |entry| of the matrices: a common scale, so that squares and products of entries as large as 1e300 (or as small as 1e-300) do not overflow (or underflow). */
function largestEntry(...ms: Matrix[]): number {
  let top = 0;
  for (const m of ms) for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) top = Math.max(top, Math.abs(m.get(i, j)));
  return top;
}

/** Throws, naming the arguments, unless every value is finite (a ratio beyond float64's range). */
function assertRepresentable(what: string, values: Record<string, number>): void {
  for (const [key, v] of Object.entries(values)) if (!Number.isFinite(v)) throw new Error(`${what}: ${key} = ${v} is beyond float64's range (entries too large, or the reference too small relative to the estimate)`);
}

/**
 * The distance between factors modulo rotation (orthogonal Procrustes):
 *   min over orthogonal R of ‖UR − U*‖_F,  attained at R = PQᵀ where UᵀU* = PΣQᵀ,
 * so that the distance is √(‖U‖² + ‖U*‖² − 2 Σσᵢ). Also the relative error of the matrix,
 * ‖UUᵀ − U*U*ᵀ‖_F / ‖U*U*ᵀ‖_F, which is rotation-invariant by construction.
 * U and U* are n × r (Matrix, rows, or row-major Float64Array with `rank`); U* ≠ 0.
 * Computed on U and U* divided by s, the largest |entry| of both (the distance scales by s, the
 * relative errors not at all), so that entries up to float64's range neither overflow nor underflow.
 */
export function procrustesDistance(u: Matrix | number[][] | Float64Array, uStar: Matrix | number[][] | Float64Array, rank?: number): { distance: number; relative: number; matrixError: number; rotation: Matrix } {
  const U0 = factor("u", u, rank);
  const S0 = factor("uStar", uStar, rank);
  if (U0.rows !== S0.rows || U0.columns !== S0.columns) throw new Error(`u and uStar must have the same shape, got ${U0.rows}×${U0.columns} and ${S0.rows}×${S0.columns}`);
  if (largestEntry(S0) === 0) throw new Error("uStar must be non-zero (the relative errors divide by it)");
  const scale = largestEntry(U0, S0);
  const U = Matrix.div(U0, scale), S = Matrix.div(S0, scale);
  const svd = new SingularValueDecomposition(U.transpose().mmul(S));
  const rotation = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
  const scaled = Matrix.sub(U.mmul(rotation), S).norm("frobenius");
  const target = S.mmul(S.transpose());
  const matrixError = Matrix.sub(U.mmul(U.transpose()), target).norm("frobenius") / target.norm("frobenius");
  const result = { distance: scaled * scale, relative: scaled / S.norm("frobenius"), matrixError, rotation };
  assertRepresentable("procrustesDistance(u, uStar)", { distance: result.distance, relative: result.relative, matrixError });
  return result;
}

/** min(‖x − x*‖, ‖x + x*‖) with its sign, computed on x and x* divided by s (the largest |entry|) against overflow; and ‖x*‖ on the same scale. */
function signDistanceOf(x: ArrayLike<number>, xStar: ArrayLike<number>): { distance: number; norm: number; sign: 1 | -1 } {
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]), Math.abs(xStar[i]));
  if (scale === 0) return { distance: 0, norm: 0, sign: 1 };
  let minus = 0, plus = 0, norm = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] / scale, b = xStar[i] / scale;
    minus += (a - b) ** 2;
    plus += (a + b) ** 2;
    norm += b ** 2;
  }
  return { distance: Math.sqrt(Math.min(minus, plus)) * scale, norm: Math.sqrt(norm) * scale, sign: minus <= plus ? 1 : -1 };
}

/** The distance modulo sign, min(‖x − x*‖, ‖x + x*‖), and the same relative to ‖x*‖ (x* ≠ 0). */
export function signDistance(x: Float64Array, xStar: Float64Array): { distance: number; relative: number; sign: 1 | -1 } {
  assertVector("xStar", xStar);
  assertVector("x", x, xStar.length);
  if (!xStar.some((v) => v !== 0)) throw new Error("xStar must be non-zero (the relative distance divides by ‖xStar‖)");
  const { distance, norm, sign } = signDistanceOf(x, xStar);
  const relative = distance / norm;
  assertRepresentable("signDistance(x, xStar)", { distance, relative });
  return { distance, relative, sign };
}

/**
 * The distance from u to the set of components {±aⱼ} (the columns of A): the symmetry of a
 * tensor decomposition is a permutation and sign of its components. Returns the nearest
 * component's index, the sign and the distance minⱼ min± ‖u ∓ aⱼ‖.
 */
export function componentDistance(u: Float64Array, a: Matrix | number[][]): { distance: number; index: number; sign: 1 | -1 } {
  const A = factor("a", a);
  assertVector("u", u, A.rows);
  let best = { distance: Infinity, index: -1, sign: 1 as 1 | -1 };
  for (let j = 0; j < A.columns; j++) {
    const { distance, sign } = signDistanceOf(u, A.getColumn(j));
    if (distance < best.distance) best = { distance, index: j, sign };
  }
  assertRepresentable("componentDistance(u, a)", { distance: best.distance });
  return best;
}

/**
 * The distance from B to B* modulo a permutation and signs of the rows:
 *   min over permutations π and signs s of ‖B − diag(s) Π B*‖_F
 * (the symmetry of Ge–Lee–Ma's designed objective: h₄ is even, so G is unchanged by permuting B's rows
 * and by the sign of each row), exact by
 * dynamic programming over subsets (O(m² 2^m); m ≤ 20). Returns the distance, the relative one
 * (÷ ‖B*‖_F) and the assignment (row j of B matched to row π(j) of B*).
 */
export function permutationDistance(b: Float64Array | Matrix | number[][], bStar: Matrix | number[][], rows?: number): { distance: number; relative: number; assignment: number[] } {
  const target = teacherRows("bStar", bStar);
  const m = target.length, d = target[0].length;
  if (m > 20) throw new Error(`bStar must have at most 20 rows (the exact assignment costs m²2^m), got ${m}`);
  let mine: number[][];
  if (b instanceof Float64Array) {
    if (rows !== undefined && rows !== m) throw new Error(`rows must equal bStar's ${m} rows, got ${rows}`);
    if (b.length !== m * d) throw new Error(`b must have length ${m * d} (m × d = ${m} × ${d}, row-major), got ${b.length}`);
    mine = Array.from({ length: m }, (_, j) => Array.from(b.subarray(j * d, (j + 1) * d)));
    mine.forEach((row, j) => assertNumbers(`b[${j}]`, row, d));
  } else {
    mine = teacherRows("b", b);
    if (mine.length !== m || mine[0].length !== d) throw new Error(`b must be ${m} × ${d} like bStar, got ${mine.length} × ${mine[0].length}`);
  }
  // ‖B*‖ on its own scale (on the common one it may underflow to 0 beside a huge B)
  let own = 0, norm = 0;
  for (const row of target) for (const v of row) own = Math.max(own, Math.abs(v));
  if (own === 0) throw new Error("bStar must be non-zero (the relative distance divides by ‖bStar‖)");
  for (const row of target) for (const v of row) norm += (v / own) ** 2;
  let scale = own;
  for (const row of mine) for (const v of row) scale = Math.max(scale, Math.abs(v));
  // cost[j][i] = min± ‖b_j ∓ b*_i‖² on the common scale
  const cost = mine.map((bj) => target.map((ti) => {
    let minus = 0, plus = 0;
    for (let k = 0; k < d; k++) {
      const u = bj[k] / scale, t = ti[k] / scale;
      minus += (u - t) ** 2;
      plus += (u + t) ** 2;
    }
    return Math.min(minus, plus);
  }));
  const size = 1 << m;
  const best = new Float64Array(size).fill(Infinity);
  const choice = new Int8Array(size).fill(-1);
  best[0] = 0;
  for (let mask = 0; mask < size; mask++) {
    if (best[mask] === Infinity) continue;
    let j = 0;
    for (let t = mask; t; t &= t - 1) j++; // rows of B assigned so far
    if (j === m) continue;
    for (let i = 0; i < m; i++) {
      if (mask & (1 << i)) continue;
      const next = mask | (1 << i), value = best[mask] + cost[j][i];
      if (value < best[next]) {
        best[next] = value;
        choice[next] = i;
      }
    }
  }
  const assignment = new Array<number>(m);
  for (let mask = size - 1, j = m - 1; j >= 0; j--) {
    assignment[j] = choice[mask];
    mask &= ~(1 << choice[mask]);
  }
  const distance = Math.sqrt(best[size - 1]) * scale;
  const relative = distance / (Math.sqrt(norm) * own);
  assertRepresentable("permutationDistance(b, bStar)", { distance, relative });
  return { distance, relative, assignment };
}

function teacherRows(name: string, m: Matrix | number[][]): number[][] {
  if (!Array.isArray(m) && !(m && typeof (m as Matrix).to2DArray === "function")) throw new Error(`${name} must be a Matrix or an array of rows`);
  const rows = Array.isArray(m) ? m.map((r) => Array.from(r as ArrayLike<number>)) : (m as Matrix).to2DArray();
  if (rows.length === 0 || rows[0].length === 0) throw new Error(`${name} must be non-empty`);
  rows.forEach((row, i) => assertNumbers(`${name}[${i}]`, row, rows[0].length));
  return rows;
}

/** An orthonormal basis (n × r) of the column space of U, from its SVD (singular values > 1e-10·σ_max). */
function columnBasis(u: Matrix): Matrix {
  const svd = new SingularValueDecomposition(u, { autoTranspose: true });
  const top = Math.max(0, ...svd.diagonal);
  const keep = svd.diagonal.map((s, i) => (s > 1e-10 * top ? i : -1)).filter((i) => i >= 0);
  return svd.leftSingularVectors.subMatrixColumn(keep);
}

/**
 * The distance between the column spaces of U and V (both n × ·), as the Frobenius distance of
 * their orthogonal projectors ‖P_U − P_V‖_F (0 when they span the same subspace; √2·sin θ for one
 * principal angle θ between lines). Column spaces are taken numerically (singular values above
 * 1e-10·σ_max), so a U with zero columns spans what its other columns span. U may be a row-major
 * Float64Array with `rank` columns.
 */
export function projectorDistance(u: Matrix | number[][] | Float64Array, v: Matrix | number[][], rank?: number): number {
  const U = factor("u", u, rank);
  const V = factor("v", v);
  if (U.rows !== V.rows) throw new Error(`u and v must have the same number of rows, got ${U.rows} and ${V.rows}`);
  const scale = largestEntry(U), scaleV = largestEntry(V);
  if (scale === 0 || scaleV === 0) throw new Error(`${scale === 0 ? "u" : "v"} must be non-zero (the zero matrix spans no subspace to compare)`);
  const QU = columnBasis(Matrix.div(U, scale)), QV = columnBasis(Matrix.div(V, scaleV));
  const difference = Matrix.sub(QU.mmul(QU.transpose()), QV.mmul(QV.transpose()));
  return difference.norm("frobenius");
}
