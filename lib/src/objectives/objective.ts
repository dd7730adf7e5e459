import { Matrix } from "ml-matrix";
import { fromMatrix, type Dense } from "../linalg";
import type { Rng } from "../random";
import { assertFinite, assertInteger, assertRows } from "../validate";

/**
 * A function f: ℝᵈ → ℝ to minimize. Points are Float64Array of length `dim`.
 *
 * `grad(x, out)` writes ∇f(x) into `out` when given (so that an optimizer's loop does not
 * allocate) and returns it. The optional members are what some methods need: the Hessian
 * ∇²f(x) as an ml-matrix Matrix, an unbiased stochastic gradient, or a subgradient of a
 * non-smooth f.
 */
export interface Objective {
  /** The dimension d of the domain. */
  readonly dim: number;
  /** f(x). */
  value(x: Float64Array): number;
  /** ∇f(x), written into `out` when given. */
  grad(x: Float64Array, out?: Float64Array): Float64Array;
  /** ∇²f(x), a d × d symmetric Matrix. */
  hessian?(x: Float64Array): Matrix;
  /** A stochastic gradient g with E[g] = ∇f(x), drawn with `rng`. */
  sampleGrad?(x: Float64Array, rng: Rng, out?: Float64Array): Float64Array;
  /** An element of the (Clarke) subdifferential ∂f(x). */
  subgrad?(x: Float64Array, out?: Float64Array): Float64Array;
}

/** Returns `out` if it is given (checking its length), else a new Float64Array of length `dim`. */
export function output(out: Float64Array | undefined, dim: number): Float64Array {
  assertInteger("dim", dim, 0);
  if (out === undefined) return new Float64Array(dim);
  if (out.length !== dim) throw new Error(`out must have length ${dim}, got ${out.length}`);
  return out;
}

/** A data matrix given as a Matrix, rows or a Dense, checked non-empty and finite, as a Dense (a copy unless it was a Dense). */
export function denseData(name: string, a: Matrix | Dense | number[][], shape: string, layout: string): Dense {
  let A: Dense;
  if (a instanceof Matrix) A = fromMatrix(a);
  else if (Array.isArray(a)) {
    assertRows(name, a);
    A = fromMatrix(new Matrix(a.map((row) => Array.from(row as ArrayLike<number>))));
  } else if (a && (a as Dense).data instanceof Float64Array && Number.isInteger((a as Dense).rows) && Number.isInteger((a as Dense).cols) && (a as Dense).data.length === (a as Dense).rows * (a as Dense).cols) A = a as Dense;
  else throw new Error(`${name} must be an ${shape} Matrix, array of rows or Dense (${layout})`);
  if (A.rows === 0 || A.cols === 0) throw new Error(`${name} must be non-empty`);
  A.data.forEach((v, k) => assertFinite(`${name}[${Math.floor(k / A.cols)}][${k % A.cols}]`, v));
  return A;
}
