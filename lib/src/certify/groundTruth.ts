import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { assertInteger, assertVector } from "../validate";

function factor(name: string, u: Matrix | number[][] | Float64Array, rank?: number): Matrix {
  if (u instanceof Float64Array) {
    if (rank === undefined) throw new Error(`rank must be given when ${name} is a row-major Float64Array`);
    assertInteger("rank", rank, 1);
    if (u.length % rank !== 0) throw new Error(`${name} must have a length divisible by rank = ${rank}, got ${u.length}`);
    assertVector(name, u);
    return new Matrix(Array.from({ length: u.length / rank }, (_, i) => Array.from(u.subarray(i * rank, (i + 1) * rank))));
  }
  if (!(u instanceof Matrix) && !(Array.isArray(u) && u.length > 0)) throw new Error(`${name} must be a Matrix, an array of rows or a row-major Float64Array`);
  const m = Matrix.checkMatrix(u);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) {
    if (!Number.isFinite(m.get(i, j))) throw new Error(`${name}[${i}][${j}] must be finite`);
  }
  return m;
}

/**
 * The distance between factors modulo rotation (orthogonal Procrustes):
 *   min over orthogonal R of ‖UR − U*‖_F,  attained at R = PQᵀ where UᵀU* = PΣQᵀ,
 * so that the distance is √(‖U‖² + ‖U*‖² − 2 Σσᵢ). Also the relative error of the matrix,
 * ‖UUᵀ − U*U*ᵀ‖_F / ‖U*U*ᵀ‖_F, which is rotation-invariant by construction.
 * U and U* are n × r (Matrix, rows, or row-major Float64Array with `rank`).
 */
export function procrustesDistance(u: Matrix | number[][] | Float64Array, uStar: Matrix | number[][] | Float64Array, rank?: number): { distance: number; relative: number; matrixError: number; rotation: Matrix } {
  const U = factor("u", u, rank);
  const S = factor("uStar", uStar, rank);
  if (U.rows !== S.rows || U.columns !== S.columns) throw new Error(`u and uStar must have the same shape, got ${U.rows}×${U.columns} and ${S.rows}×${S.columns}`);
  const svd = new SingularValueDecomposition(U.transpose().mmul(S));
  const rotation = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
  const distance = Matrix.sub(U.mmul(rotation), S).norm("frobenius");
  const target = S.mmul(S.transpose());
  const matrixError = Matrix.sub(U.mmul(U.transpose()), target).norm("frobenius") / target.norm("frobenius");
  return { distance, relative: distance / S.norm("frobenius"), matrixError, rotation };
}

/** The distance modulo sign, min(‖x − x*‖, ‖x + x*‖), and the same relative to ‖x*‖. */
export function signDistance(x: Float64Array, xStar: Float64Array): { distance: number; relative: number; sign: 1 | -1 } {
  assertVector("xStar", xStar);
  assertVector("x", x, xStar.length);
  let minus = 0, plus = 0, norm = 0;
  for (let i = 0; i < x.length; i++) {
    minus += (x[i] - xStar[i]) ** 2;
    plus += (x[i] + xStar[i]) ** 2;
    norm += xStar[i] ** 2;
  }
  const sign = minus <= plus ? 1 : -1;
  const distance = Math.sqrt(Math.min(minus, plus));
  return { distance, relative: distance / Math.sqrt(norm), sign };
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
    const { distance, sign } = signDistance(u, Float64Array.from(A.getColumn(j)));
    if (distance < best.distance) best = { distance, index: j, sign };
  }
  return best;
}
