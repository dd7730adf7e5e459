import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { symmetricEigen } from "../linalg";
import { assertFinite, assertMatrix, assertVector } from "../validate";
import { output, type Objective } from "./objective";

/** A quadratic objective with its closed-form minimizer. */
export interface Quadratic extends Objective {
  /** The symmetric matrix A, as a d × d Matrix. */
  readonly a: Matrix;
  /** x* = A⁻¹b, the unique minimizer (A positive definite). */
  minimizer(): Float64Array;
  /** The smallest and largest eigenvalues (μ, L): f is μ-strongly convex and L-smooth. */
  readonly spectrum: { min: number; max: number };
}

/**
 * f(x) = ½ xᵀAx − bᵀx + c for a symmetric positive-definite A, with
 * ∇f(x) = Ax − b, ∇²f = A and the minimizer x* = A⁻¹b.
 *
 * @param a a symmetric positive-definite d × d matrix (Matrix or array of rows)
 * @param b a vector of length d (default 0)
 * @param c a constant (default 0)
 */
export function quadratic(a: Matrix | number[][], b?: Float64Array, c = 0): Quadratic {
  const given = assertMatrix("a", a);
  const d = given.rows;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      if (Math.abs(given.get(i, j) - given.get(j, i)) > 1e-10 * (1 + Math.abs(given.get(i, j)))) {
        throw new Error(`a must be symmetric: a[${i}][${j}] = ${given.get(i, j)} but a[${j}][${i}] = ${given.get(j, i)}`);
      }
    }
  }
  // Exactly symmetric from here on (a product QΛQᵀ is symmetric only up to rounding). ml-matrix's
  // add/sub/mul/div change the matrix they are called on: work on a copy, never on the caller's matrix.
  const A = given.clone().mul(0.5).add(given.transpose().mul(0.5)); // halves first: 1e308 + 1e308 would overflow
  const cholesky = new CholeskyDecomposition(A);
  if (!cholesky.isPositiveDefinite()) throw new Error("a must be positive definite (its Cholesky factorization failed)");
  const rhs = b === undefined ? new Float64Array(d) : Float64Array.from(assertVector("b", b, d));
  assertFinite("c", c);
  // Row-major copy of A for the hot path.
  const rows = Float64Array.from(A.to1DArray());
  const { values } = symmetricEigen(A);
  const spectrum = { min: values[0], max: values[d - 1] };

  // Ax for the last x it was computed at: a method asks for f(x) and ∇f(x) at the same point, and the
  // product is the whole cost (d² against d for the comparison).
  const ax = new Float64Array(d);
  const axAt = new Float64Array(d).fill(NaN);
  const product = (x: Float64Array) => {
    let same = true;
    for (let j = 0; j < d && same; j++) same = axAt[j] === x[j];
    if (same) return ax;
    for (let i = 0; i < d; i++) {
      let s = 0;
      const row = i * d;
      for (let j = 0; j < d; j++) s += rows[row + j] * x[j];
      ax[i] = s;
    }
    axAt.set(x);
    return ax;
  };
  return {
    dim: d,
    a: A,
    spectrum,
    value(x) {
      const y = product(x);
      let quad = 0;
      let lin = 0;
      for (let i = 0; i < d; i++) {
        quad += x[i] * y[i];
        lin += rhs[i] * x[i];
      }
      return 0.5 * quad - lin + c;
    },
    grad(x, out) {
      const g = output(out, d);
      const y = product(x);
      for (let i = 0; i < d; i++) g[i] = y[i] - rhs[i];
      return g;
    },
    hessian: () => A.clone(),
    minimizer: () => Float64Array.from(cholesky.solve(Matrix.columnVector(Array.from(rhs))).getColumn(0)),
  };
}
