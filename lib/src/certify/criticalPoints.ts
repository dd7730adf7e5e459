import { Matrix, solve } from "ml-matrix";
import { symmetricEigen } from "../linalg";
import { norm2 } from "../vector";
import type { Objective } from "../objectives/objective";
import { assertInteger, assertMatrix, assertObjective, assertPositive, assertVector, optionsObject } from "../validate";

/** The kind of a point x by the first- and second-order conditions. */
export type CriticalKind =
  | "not-critical" // ‖∇f(x)‖ > tolerance
  | "minimizer" // λ_min(∇²f) > tolerance: a strict local minimizer
  | "maximizer" // λ_max(∇²f) < −tolerance
  | "strict-saddle" // λ_min < −tolerance < tolerance < λ_max, or λ_min < −tolerance with a null direction
  | "degenerate"; // λ_min ∈ [−tolerance, tolerance]: second order cannot decide

/** The classification of a point with the evidence behind it. */
export interface CriticalPointClass {
  kind: CriticalKind;
  /** ‖∇f(x)‖₂. */
  gradNorm: number;
  /** The Hessian's eigenvalues, ascending. */
  eigenvalues: number[];
}

/**
 * Classifies x by ‖∇f(x)‖₂ and the spectrum λ₁ ≤ … ≤ λ_d of ∇²f(x): not critical if
 * ‖∇f‖ > tol; else a minimizer if λ₁ > tol, a maximizer if λ_d < −tol, a strict saddle if
 * λ₁ < −tol (some direction of negative curvature, which is what the saddle theorems need),
 * and degenerate otherwise (|λ₁| ≤ tol, λ₁ the smallest: second order cannot decide).
 */
export function classifyCriticalPoint(objective: Objective, x: Float64Array, tolerance = 1e-6): CriticalPointClass {
  assertObjective("objective", objective);
  assertVector("x", x, objective.dim);
  assertPositive("tolerance", tolerance);
  if (typeof objective.hessian !== "function") throw new Error("objective must have hessian(x) to classify critical points");
  const g = assertVector("objective.grad(x)", objective.grad(x), objective.dim);
  // A non-symmetric "Hessian" is a bug in the objective: symmetrizing it silently would classify another matrix.
  const h = assertMatrix("objective.hessian(x)", objective.hessian(x), { size: objective.dim, symmetric: true });
  return classifyBySpectrum(norm2(g), symmetricEigen(h).values, tolerance);
}

/** The kind of a point from its gradient norm and its (ascending) Hessian eigenvalues, by the rules above. */
export function classifyBySpectrum(gradNorm: number, eigenvalues: number[], tolerance: number): CriticalPointClass {
  const lo = eigenvalues[0];
  const hi = eigenvalues[eigenvalues.length - 1];
  let kind: CriticalKind;
  if (gradNorm > tolerance) kind = "not-critical";
  else if (lo > tolerance) kind = "minimizer";
  else if (hi < -tolerance) kind = "maximizer";
  else if (lo < -tolerance) kind = "strict-saddle";
  else kind = "degenerate";
  return { kind, gradNorm, eigenvalues };
}

/**
 * Newton's iteration on the equation ∇f(x) = 0: x ← x − ∇²f(x)⁻¹∇f(x). It converges
 * locally to any non-degenerate critical point (saddles included, unlike descent), so
 * from a grid of starts it enumerates the critical points of a small problem.
 * Returns the point and whether ‖∇f‖₂ ≤ tolerance was reached.
 */
export function newtonCriticalPoint(
  objective: Objective,
  x0: Float64Array,
  options?: { tolerance?: number; maxIterations?: number },
): { x: Float64Array; converged: boolean; iterations: number } {
  const { tolerance = 1e-12, maxIterations = 100 } = optionsObject("options", options);
  assertObjective("objective", objective);
  assertVector("x0", x0, objective.dim);
  assertPositive("tolerance", tolerance);
  assertInteger("maxIterations", maxIterations, 1);
  if (!objective.hessian) throw new Error("objective must have hessian(x) for Newton's method");
  const x = Float64Array.from(x0);
  const g = new Float64Array(objective.dim);
  for (let k = 0; k <= maxIterations; k++) {
    objective.grad(x, g);
    const gn = norm2(g);
    if (!Number.isFinite(gn)) return { x, converged: false, iterations: k };
    if (gn <= tolerance) return { x, converged: true, iterations: k };
    if (k === maxIterations) break;
    const step = solve(objective.hessian(x), Matrix.columnVector(Array.from(g)), true).getColumn(0);
    for (let i = 0; i < x.length; i++) x[i] -= step[i];
  }
  return { x, converged: false, iterations: maxIterations };
}
