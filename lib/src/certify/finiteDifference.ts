import { Matrix } from "ml-matrix";
import type { Objective } from "../objectives/objective";
import { assertPositive, assertVector } from "../validate";

/**
 * Central differences of f: gᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h, with error O(h²)
 * (plus rounding of order ε|f|/h, so h ≈ ε^{1/3} ≈ 1e-5 balances the two).
 */
export function finiteDifferenceGradient(objective: Objective, x: Float64Array, h = 1e-5): Float64Array {
  assertVector("x", x, objective.dim);
  assertPositive("h", h);
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    y[i] = x[i] + h;
    const plus = objective.value(y);
    y[i] = x[i] - h;
    const minus = objective.value(y);
    y[i] = x[i];
    g[i] = (plus - minus) / (2 * h);
  }
  return g;
}

/**
 * Central differences of the gradient: column j ≈ (∇f(x + h eⱼ) − ∇f(x − h eⱼ)) / 2h,
 * symmetrized as (H + Hᵀ)/2.
 */
export function finiteDifferenceHessian(objective: Objective, x: Float64Array, h = 1e-5): Matrix {
  assertVector("x", x, objective.dim);
  assertPositive("h", h);
  const d = x.length;
  const hess = new Matrix(d, d);
  const y = Float64Array.from(x);
  for (let j = 0; j < d; j++) {
    y[j] = x[j] + h;
    const plus = objective.grad(y);
    y[j] = x[j] - h;
    const minus = objective.grad(y);
    y[j] = x[j];
    for (let i = 0; i < d; i++) hess.set(i, j, (plus[i] - minus[i]) / (2 * h));
  }
  return hess.add(hess.transpose()).div(2);
}

/**
 * The relative error ‖a − b‖_∞ / max(1, ‖b‖_∞) between an analytic and a finite-difference
 * gradient (or the entries of two Hessians): what the derivative checks in the tests bound.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}
