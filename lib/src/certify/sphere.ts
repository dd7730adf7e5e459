import { Matrix } from "ml-matrix";
import { symmetricEigen } from "../linalg";
import { norm2 } from "../vector";
import { assertMatrix, assertPositive, assertVector } from "../validate";
import { classifyBySpectrum, type CriticalPointClass } from "./criticalPoints";

/**
 * Classifies a point x of the unit sphere for the Rayleigh quotient xᵀAx by the Riemannian
 * gradient 2(A − (xᵀAx)I)x and the Riemannian Hessian 2P(A − (xᵀAx)I)P on the tangent space
 * (P = I − xxᵀ): its d − 1 tangent eigenvalues decide minimizer, maximizer or strict saddle
 * as in `classifyCriticalPoint`. A is symmetric (up to 1e-10·max|aᵢⱼ|) and x on the sphere
 * (|‖x‖₂ − 1| ≤ 1e-8); otherwise it throws.
 */
export function classifyOnSphere(a: Matrix, x: Float64Array, tolerance = 1e-6): CriticalPointClass {
  assertVector("x", x);
  a = assertMatrix("a", a, { size: x.length, symmetric: true });
  assertPositive("tolerance", tolerance);
  if (!(Math.abs(norm2(x) - 1) <= 1e-8)) throw new Error(`x must lie on the unit sphere (‖x‖₂ = 1 within 1e-8), got ‖x‖₂ = ${norm2(x)}`);
  const d = x.length;
  const ax = a.mmul(Matrix.columnVector(Array.from(x))).getColumn(0);
  const q = ax.reduce((s, v, i) => s + v * x[i], 0);
  const rg = Float64Array.from(ax, (v, i) => 2 * (v - q * x[i]));
  const gradNorm = norm2(rg);
  const p = Matrix.eye(d).sub(Matrix.columnVector(Array.from(x)).mmul(Matrix.rowVector(Array.from(x))));
  // Matrix.sub (static) returns a new matrix; a.sub(…) would change the caller's A.
  const h = p.mmul(Matrix.sub(a, Matrix.eye(d).mul(q)).mul(2)).mmul(p);
  const { values, vectors } = symmetricEigen(h);
  // Drop the normal direction x (eigenvalue 0 of PHP with eigenvector ±x).
  let normal = 0, best = -1;
  for (let j = 0; j < d; j++) {
    const align = Math.abs(vectors.getColumn(j).reduce((s, v, i) => s + v * x[i], 0));
    if (align > best) { best = align; normal = j; }
  }
  return classifyBySpectrum(gradNorm, values.filter((_, j) => j !== normal), tolerance);
}
