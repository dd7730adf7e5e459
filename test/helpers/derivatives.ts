import assert from "node:assert/strict";
import { certify, type Objective } from "landscape";

const { finiteDifferenceGradient, finiteDifferenceHessian, relativeError } = certify;

/**
 * ∇f against central differences of f, and ∇²f (when present) against central differences of ∇f,
 * at each of `points`. Threshold 1e-7 relative: central differences with h = 1e-5 are exact to
 * O(h²)·|f‴| ≈ 1e-10 to 1e-9 on the landscape-design objectives (measured ≤ 2e-10); a wrong factor
 * (2 for 4), a missing term or a missing transpose is off by 1e-2 or more.
 */
export function checkDerivatives(objective: Objective, points: Float64Array[]): void {
  for (const x of points) {
    const gradError = relativeError(objective.grad(x), finiteDifferenceGradient(objective, x));
    assert.ok(gradError < 1e-7, `gradient differs from central differences by ${gradError}`);
    if (objective.hessian) {
      const hessError = relativeError(objective.hessian(x).to1DArray(), finiteDifferenceHessian(objective, x).to1DArray());
      assert.ok(hessError < 1e-7, `Hessian differs from differences of the gradient by ${hessError}`);
    }
  }
}
