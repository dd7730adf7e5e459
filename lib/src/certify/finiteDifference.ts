import { Matrix } from "ml-matrix";
import type { Objective } from "../objectives/objective";
import { assertNumbers, assertObjective, assertPositive, assertVector } from "../validate";

/** Throws, naming the objective's function and the point, unless every entry of the values is finite. */
function assertFiniteNear(what: string, x: Float64Array, ...values: ArrayLike<number>[]): void {
  if (values.every((v) => Array.prototype.every.call(v, Number.isFinite))) return;
  throw new Error(`${what} is not finite near x = (${Array.from(x.subarray(0, 4)).join(", ")}${x.length > 4 ? ", …" : ""}): finite differences need finite values within h·max(1, |xᵢ|) of x`);
}

/**
 * Central differences of f: gᵢ ≈ (f(x + hᵢ eᵢ) − f(x − hᵢ eᵢ)) / 2hᵢ with the step scaled to the
 * coordinate, hᵢ = h·max(1, |xᵢ|) (a fixed h would vanish next to a large xᵢ), error O(hᵢ²)
 * (plus rounding of order ε|f|/hᵢ, so h ≈ ε^{1/3} ≈ 1e-5 balances the two). Throws if f is not
 * finite at a probed point (overflow), rather than returning NaN.
 */
export function finiteDifferenceGradient(objective: Objective, x: Float64Array, h = 1e-5): Float64Array {
  assertObjective("objective", objective);
  assertVector("x", x, objective.dim);
  assertPositive("h", h);
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const hi = h * Math.max(1, Math.abs(x[i]));
    y[i] = x[i] + hi;
    const plus = objective.value(y);
    y[i] = x[i] - hi;
    const minus = objective.value(y);
    y[i] = x[i];
    assertFiniteNear("objective.value", x, [plus, minus]);
    g[i] = (plus - minus) / (2 * hi);
  }
  return g;
}

/**
 * Central differences of the gradient: column j ≈ (∇f(x + hⱼ eⱼ) − ∇f(x − hⱼ eⱼ)) / 2hⱼ with
 * hⱼ = h·max(1, |xⱼ|), symmetrized as (H + Hᵀ)/2. Throws if ∇f is not finite at a probed point.
 */
export function finiteDifferenceHessian(objective: Objective, x: Float64Array, h = 1e-5): Matrix {
  assertObjective("objective", objective);
  assertVector("x", x, objective.dim);
  assertPositive("h", h);
  const d = x.length;
  const hess = new Matrix(d, d);
  const y = Float64Array.from(x);
  for (let j = 0; j < d; j++) {
    const hj = h * Math.max(1, Math.abs(x[j]));
    y[j] = x[j] + hj;
    const plus = Float64Array.from(objective.grad(y));
    y[j] = x[j] - hj;
    const minus = objective.grad(y);
    y[j] = x[j];
    if (plus.length !== d || minus.length !== d) throw new Error(`objective.grad must return a vector of length ${d}, got length ${plus.length !== d ? plus.length : minus.length}`);
    assertFiniteNear("objective.grad", x, plus, minus);
    for (let i = 0; i < d; i++) hess.set(i, j, (plus[i] - minus[i]) / (2 * hj));
  }
  return hess.add(hess.transpose()).div(2);
}

/**
 * The relative error ‖a − b‖_∞ / max(1, ‖b‖_∞) between an analytic and a finite-difference
 * gradient (or the entries of two Hessians): what the derivative checks in the tests bound.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assertNumbers("a", a);
  assertNumbers("b", b);
  if (a.length !== b.length) throw new Error(`a and b must have the same length, got ${a.length} and ${b.length}`);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}
