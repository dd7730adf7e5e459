// classifyOnSphere (lib/src/certify/sphere.ts) against the closed forms of the Rayleigh quotient
// xᵀAx on the unit sphere: at an eigenvector vᵢ the Riemannian Hessian's tangent eigenvalues are
// 2(λⱼ − λᵢ), j ≠ i (not λⱼ − λᵢ, nor with the normal direction kept); off an eigenvector the
// Riemannian gradient is 2(Ax − (xᵀAx)x); the sphere's 1e-8 band, the tolerance, and A left
// unchanged. Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyOnSphere, Matrix } from "landscape";

// A = QΛQᵀ with an orthogonal Q whose columns have no zero entry: a coupled (non-diagonal) A.
const lambdas = [-1, 0.5, 2, 3.5];
const Q = new Matrix([[0.5, 0.5, 0.5, 0.5], [0.5, -0.5, 0.5, -0.5], [0.5, 0.5, -0.5, -0.5], [0.5, -0.5, -0.5, 0.5]]);
const A = Q.mmul(Matrix.diag(lambdas)).mmul(Q.transpose());

describe("classifyOnSphere(A, x): the Riemannian gradient and Hessian of xᵀAx", () => {
  it("at eigenvector vᵢ: gradient 0, tangent eigenvalues 2(λⱼ − λᵢ) ascending, j ≠ i", () => {
    for (let i = 0; i < 4; i++) {
      const v = Float64Array.from(Q.getColumn(i));
      const c = classifyOnSphere(A, v);
      const expected = lambdas.filter((_, j) => j !== i).map((l) => 2 * (l - lambdas[i]));
      assert.equal(c.eigenvalues.length, 3);
      // measured: |error| ≤ 4e-15 (eigen-solver rounding on entries of size 2·3.5)
      c.eigenvalues.forEach((e, k) => assert.ok(Math.abs(e - expected[k]) < 1e-13, `v${i}: ${c.eigenvalues} vs ${expected}`));
      assert.ok(c.gradNorm < 1e-14, `${c.gradNorm}`);
      assert.equal(c.kind, ["minimizer", "strict-saddle", "strict-saddle", "maximizer"][i]);
    }
  });

  it("off an eigenvector: ‖2(Ax − (xᵀAx)x)‖ and not-critical; A is not changed", () => {
    const before = A.to2DArray();
    const x = Float64Array.of(0.6, 0, -0.8, 0);
    const ax = A.mmul(Matrix.columnVector(Array.from(x))).getColumn(0);
    const q = ax.reduce((s, v, i) => s + v * x[i], 0);
    const rg = ax.map((v, i) => 2 * (v - q * x[i]));
    const c = classifyOnSphere(A, x);
    assert.ok(Math.abs(c.gradNorm - Math.hypot(...rg)) < 1e-14, `${c.gradNorm} vs ${Math.hypot(...rg)}`);
    assert.equal(c.kind, "not-critical");
    assert.deepEqual(A.to2DArray(), before);
  });

  it("a repeated eigenvalue gives a zero tangent eigenvalue: degenerate at the default tolerance 1e-6, not at a coarser one", () => {
    // A = diag(1, 1, 3) at e₁: tangent eigenvalues 2(1 − 1) = 0 and 2(3 − 1) = 4
    const D = new Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 3]]);
    const c = classifyOnSphere(D, Float64Array.of(1, 0, 0));
    assert.deepEqual(c.eigenvalues, [0, 4]);
    assert.equal(c.kind, "degenerate");
    // λ₂ − λ₁ = 1e-6: a tangent eigenvalue 2e-6, a minimizer at tolerance 1e-6, degenerate at 1e-5
    const near = new Matrix([[1, 0, 0], [0, 1 + 1e-6, 0], [0, 0, 3]]);
    assert.equal(classifyOnSphere(near, Float64Array.of(1, 0, 0)).kind, "minimizer");
    assert.equal(classifyOnSphere(near, Float64Array.of(1, 0, 0), 1e-5).kind, "degenerate");
    // a gradient of norm 2·(small entry) decides not-critical against the tolerance
    const e = 1e-4;
    const x = Float64Array.of(Math.sqrt(1 - e * e), e, 0);
    const diag3 = new Matrix([[1, 0, 0], [0, 2, 0], [0, 0, 3]]);
    const g = classifyOnSphere(diag3, x).gradNorm; // 2‖(A − q)x‖ ≈ 2e-4
    assert.ok(Math.abs(g - 2e-4) < 1e-10, `${g}`);
    assert.equal(classifyOnSphere(diag3, x).kind, "not-critical");
    assert.equal(classifyOnSphere(diag3, x, 1e-3).kind, "minimizer");
  });

  it("refuses a point off the sphere by more than 1e-8, an asymmetric A, a bad tolerance", () => {
    const D = new Matrix([[1, 0], [0, 2]]);
    assert.equal(classifyOnSphere(D, Float64Array.of(1 + 0.5e-8, 0)).kind, "minimizer");
    assert.throws(() => classifyOnSphere(D, Float64Array.of(1 + 2e-8, 0)), /^Error: x must lie on the unit sphere \(‖x‖₂ = 1 within 1e-8\), got ‖x‖₂ = 1\.00000002$/);
    assert.throws(() => classifyOnSphere(D, Float64Array.of(NaN, 0)), /^Error: x\[0\] must be finite, got NaN$/);
    assert.throws(() => classifyOnSphere(new Matrix([[1, 0.5], [0, 2]]), Float64Array.of(1, 0)), /^Error: a must be symmetric/);
    assert.throws(() => classifyOnSphere(D, Float64Array.of(1, 0), 0), /^Error: tolerance must be a finite number > 0, got 0$/);
  });
});
