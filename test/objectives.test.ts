import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certify, Matrix, objectives, rng, symmetricEigen, type Objective } from "landscape";

const { finiteDifferenceGradient, finiteDifferenceHessian, relativeError } = certify;

/** Checks ∇f against central differences of f, and ∇²f against central differences of ∇f, at random points. */
function checkDerivatives(objective: Objective, seed: number, scale = 1) {
  const r = rng(seed);
  for (let trial = 0; trial < 5; trial++) {
    const x = r.normalVector(objective.dim, scale);
    const gradError = relativeError(objective.grad(x), finiteDifferenceGradient(objective, x));
    assert.ok(gradError < 1e-7, `gradient differs from central differences by ${gradError}`);
    if (objective.hessian) {
      const hessError = relativeError(objective.hessian(x).to1DArray(), finiteDifferenceHessian(objective, x).to1DArray());
      assert.ok(hessError < 1e-7, `Hessian differs from differences of the gradient by ${hessError}`);
    }
  }
}

function randomSpd(d: number, seed: number): Matrix {
  const r = rng(seed);
  const q = r.orthogonal(d);
  const eig = Array.from({ length: d }, (_, i) => 1 + (9 * i) / Math.max(d - 1, 1)); // spectrum in [1, 10]
  return q.mmul(Matrix.diag(eig)).mmul(q.transpose());
}

describe("quadratic", () => {
  it("has gradient and Hessian equal to finite differences", () => {
    const a = randomSpd(6, 1);
    checkDerivatives(objectives.quadratic(a, rng(2).normalVector(6), 3), 3);
  });

  it("has the minimizer A⁻¹b: zero gradient and the value −½bᵀA⁻¹b", () => {
    const a = randomSpd(5, 4);
    const b = rng(5).normalVector(5);
    const f = objectives.quadratic(a, b);
    const xStar = f.minimizer();
    assert.ok(Math.max(...f.grad(xStar).map(Math.abs)) < 1e-12);
    let bx = 0;
    for (let i = 0; i < 5; i++) bx += b[i] * xStar[i];
    assert.ok(Math.abs(f.value(xStar) + 0.5 * bx) < 1e-12);
    assert.ok(Math.abs(f.spectrum.min - 1) < 1e-10 && Math.abs(f.spectrum.max - 10) < 1e-10);
  });

  it("recomputes Ax when x changes in place (its product is reused only at the same point)", () => {
    const a = randomSpd(4, 6);
    const b = rng(7).normalVector(4);
    const f = objectives.quadratic(a, b);
    const x = rng(8).normalVector(4);
    const fresh = () => objectives.quadratic(a, b); // no product computed yet
    f.value(x);
    x[2] += 0.5; // the same array, another point
    assert.equal(f.value(x), fresh().value(x));
    assert.deepEqual(Array.from(f.grad(x)), Array.from(fresh().grad(x)));
  });

  it("rejects a matrix that is not square, symmetric or positive definite, and a b of the wrong length", () => {
    assert.throws(() => objectives.quadratic([[1, 2, 3]]), /a must be square/);
    assert.throws(() => objectives.quadratic([[1, 2], [0, 1]]), /a must be symmetric/);
    assert.throws(() => objectives.quadratic([[1, 0], [0, -1]]), /a must be positive definite/);
    assert.throws(() => objectives.quadratic([[1, 0], [0, NaN]]), /a\[1\]\[1\] must be a finite number, got NaN/);
    assert.throws(() => objectives.quadratic([[1, 0], [0, 1]], new Float64Array(3)), /b must have length 2/);
  });
});

describe("strictSaddle", () => {
  const f = objectives.strictSaddle();

  it("has gradient and Hessian equal to finite differences", () => {
    checkDerivatives(f, 6, 1.5);
  });

  it("has exactly the critical points (0, 0) (strict saddle) and (0, ±1) (minimizers)", () => {
    // Newton's method on ∇f = 0 from a grid of starts finds every non-degenerate critical point.
    const found = new Map<string, Float64Array>();
    for (let i = -10; i <= 10; i++) {
      for (let j = -10; j <= 10; j++) {
        const start = Float64Array.of(0.3 * i + 0.01, 0.2 * j + 0.013);
        const { x, converged } = certify.newtonCriticalPoint(f, start);
        if (converged) found.set(`${x[0].toFixed(6)},${x[1].toFixed(6)}`, x);
      }
    }
    const keys = [...found.keys()].map((k) => k.replace(/-0\.000000/g, "0.000000")).sort();
    assert.deepEqual([...new Set(keys)], ["0.000000,-1.000000", "0.000000,0.000000", "0.000000,1.000000"]);
    const kinds = [...found.values()].map((x) => [Math.round(x[1]), certify.classifyCriticalPoint(f, x)] as const);
    for (const [y, c] of kinds) {
      if (y === 0) {
        assert.equal(c.kind, "strict-saddle");
        assert.deepEqual(c.eigenvalues.map((e) => Math.round(e * 1e9) / 1e9), [-1, 1]);
      } else {
        assert.equal(c.kind, "minimizer");
        assert.deepEqual(c.eigenvalues.map((e) => Math.round(e * 1e9) / 1e9), [1, 2]);
      }
    }
    assert.equal(certify.classifyCriticalPoint(f, Float64Array.of(0.5, 0.5)).kind, "not-critical");
  });
});

describe("symmetricEigen", () => {
  it("returns ascending eigenvalues and orthonormal eigenvectors with A V = V Λ", () => {
    const a = randomSpd(4, 9).sub(Matrix.eye(4).mul(5));
    const { values, vectors } = symmetricEigen(a);
    assert.deepEqual([...values].sort((x, y) => x - y), values);
    const residual = a.mmul(vectors).sub(vectors.mmul(Matrix.diag(values)));
    assert.ok(residual.norm("frobenius") < 1e-10);
  });
});
