import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { assertInteger, assertRows, assertVector } from "../validate";

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
