import { Matrix } from "ml-matrix";
import { norm2, symmetricEigen } from "../linalg";
import type { Objective } from "../objectives/objective";
import type { Manifold } from "../optimizers/riemannianGradientDescent";
import { assertMatrix, assertPositive, assertVector } from "../validate";
import { classifyBySpectrum, type CriticalPointClass } from "./criticalPoints";

/** The second-order report at a point: the classification and its evidence. */
export interface SecondOrderReport extends CriticalPointClass {
  /** λ_min of the (Riemannian) Hessian; +∞ when the tangent space is {0}. */
  lambdaMin: number;
  /** Whether ‖grad f‖ ≤ tolerance and λ_min ≥ −tolerance: an approximate second-order stationary point. */
  secondOrder: boolean;
}

/**
 * The first- and second-order conditions at x, measured: the gradient norm and the spectrum of
 * the Hessian. In ℝᵈ: ‖∇f(x)‖₂ and eig ∇²f(x). On a manifold (`options.manifold`, which must
 * provide `tangentBasis` and `hessianShift`, as `sphere` and `productOfSpheres` do): the Riemannian
 * gradient ‖P_x∇f(x)‖₂ and the eigenvalues of the Riemannian Hessian Bᵀ(∇²f(x) − Diag(s))B on an
 * orthonormal tangent basis B, s the constraint multipliers (on the sphere s = ⟨x, ∇f(x)⟩,
 * giving P(∇²f − ⟨x, ∇f⟩I)P as in `classifyOnSphere`). `secondOrder` holds when
 * ‖grad f‖ ≤ tol and λ_min ≥ −tol (tolerance default 1e-6).
 */
export function secondOrderReport(objective: Objective, x: Float64Array, options: { manifold?: Manifold; tolerance?: number } = {}): SecondOrderReport {
  if (options === null || typeof options !== "object") throw new Error("options must be an object ({ manifold, tolerance })");
  const { manifold, tolerance = 1e-6 } = options;
  if (!objective || typeof objective.grad !== "function") throw new Error("objective must be an Objective with grad(x)");
  assertVector("x", x, objective.dim);
  assertPositive("tolerance", tolerance);
  if (typeof objective.hessian !== "function") throw new Error("objective must have hessian(x) for a second-order report");
  // the objective's own results, checked here so that a broken objective is named as such (not as symmetricEigen's `a`)
  const g = assertVector("objective.grad(x)", Float64Array.from(objective.grad(x) ?? []), objective.dim);
  let hessian = assertMatrix("objective.hessian(x)", objective.hessian(x), { size: objective.dim, symmetric: manifold === undefined });
  let gradNorm: number;
  if (manifold === undefined) {
    gradNorm = norm2(g);
  } else {
    if (typeof manifold.tangentBasis !== "function" || typeof manifold.hessianShift !== "function") {
      throw new Error("manifold must provide tangentBasis and hessianShift (as sphere and productOfSpheres do)");
    }
    if (!manifold.contains(x)) throw new Error(`x must lie on the ${manifold.name}`);
    const rg = new Float64Array(g.length);
    manifold.project(x, g, rg);
    gradNorm = norm2(rg);
    const basis = manifold.tangentBasis(x);
    if (basis.columns === 0) return { ...classifyBySpectrum(gradNorm, [Infinity], tolerance), eigenvalues: [], lambdaMin: Infinity, secondOrder: gradNorm <= tolerance };
    const shift = manifold.hessianShift(x, g);
    const shifted = hessian.clone();
    for (let i = 0; i < shift.length; i++) shifted.set(i, i, shifted.get(i, i) - shift[i]);
    hessian = basis.transpose().mmul(shifted).mmul(basis);
    hessian = Matrix.add(hessian, hessian.transpose()).div(2);
  }
  const { values } = symmetricEigen(hessian);
  const lambdaMin = values[0];
  return { ...classifyBySpectrum(gradNorm, values, tolerance), lambdaMin, secondOrder: gradNorm <= tolerance && lambdaMin >= -tolerance };
}
