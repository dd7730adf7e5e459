import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  Matrix, admm, certify, classifyCriticalPoint, classifyOnSphere, coordinateDescent, entropicMirrorMap, exponentialFit, gd, jinParameters,
  linearFit, logBarrierMirrorMap, mirrorDescent, objectives, perturbedGradientDescent, powerFit, riemannianGradientDescent, rng, sphere,
  stochasticGradientDescent, symmetricEigen, type Objective,
} from "landscape";

const { finiteDifferenceGradient, finiteDifferenceHessian, relativeError } = certify;

function checkDerivatives(objective: Objective, points: Float64Array[]) {
  for (const x of points) {
    assert.ok(relativeError(objective.grad(x), finiteDifferenceGradient(objective, x)) < 1e-6, `gradient at ${Array.from(x)}`);
    if (objective.hessian) assert.ok(relativeError(objective.hessian(x).to1DArray(), finiteDifferenceHessian(objective, x).to1DArray()) < 1e-6);
  }
}

const spectrumMatrix = (values: number[], seed: number) => {
  const q = rng(seed).orthogonal(values.length);
  return q.mmul(Matrix.diag(values)).mmul(q.transpose());
};

describe("objectives of the saddle notebook", () => {
  it("rankOneApproximation: derivatives match finite differences; critical points ±√λᵢvᵢ classified (minimizer for λ₁, strict saddles for the rest)", () => {
    const values = [3, 2, 1, -0.5];
    const m = spectrumMatrix(values, 1);
    const f = objectives.rankOneApproximation(m);
    const r = rng(2);
    checkDerivatives(f, [r.normalVector(4), r.normalVector(4)]);
    const { vectors } = symmetricEigen(m); // ascending: column 3 is λ = 3
    const at = (j: number, λ: number) => Float64Array.from(vectors.getColumn(j), (v) => Math.sqrt(λ) * v);
    assert.equal(classifyCriticalPoint(f, at(3, 3)).kind, "minimizer");
    assert.equal(classifyCriticalPoint(f, at(2, 2)).kind, "strict-saddle");
    assert.equal(classifyCriticalPoint(f, at(1, 1)).kind, "strict-saddle");
    assert.equal(classifyCriticalPoint(f, new Float64Array(4)).kind, "strict-saddle"); // Hessian −4M has both signs
    // The value is the Frobenius norm computed directly.
    const x = r.normalVector(4);
    const direct = Matrix.columnVector(Array.from(x)).mmul(Matrix.rowVector(Array.from(x))).sub(m).norm("frobenius") ** 2;
    assert.ok(Math.abs(f.value(x) - direct) < 1e-10 * direct);
  });

  it("never changes the matrices it is given (ml-matrix's add/sub/mul/div work in place)", () => {
    const m = spectrumMatrix([1, 2, 3], 3);
    const copy = m.clone();
    const f = objectives.rankOneApproximation(m);
    const q = objectives.rayleighQuotient(m);
    const quad = objectives.quadratic(m);
    f.hessian!(Float64Array.of(1, 0, 0));
    q.hessian!(Float64Array.of(1, 0, 0));
    assert.deepEqual(q.hessian!(Float64Array.of(1, 0, 0)).to2DArray(), copy.clone().mul(2).to2DArray(), "the Hessian is 2A however often it is asked for");
    classifyOnSphere(m, Float64Array.of(1, 0, 0));
    quad.value(Float64Array.of(1, 1, 1));
    assert.deepEqual(m.to2DArray(), copy.to2DArray());
  });

  it("octopus: continuous across its pieces, gradient equal to finite differences inside each piece, saddles and minimizer where the paper puts them", () => {
    const d = 3;
    const f = objectives.octopus(d);
    const { tau, nu } = f;
    // g₂(τ) = L and g₂(2τ) = −γ make the pieces meet: f is continuous at |x₁| = τ and |x₁| = 2τ.
    for (const t of [tau, 2 * tau]) {
      const below = f.value(Float64Array.of(t - 1e-9, 0.3, -0.2)), above = f.value(Float64Array.of(t + 1e-9, 0.3, -0.2));
      assert.ok(Math.abs(below - above) < 1e-6, `continuous at |x₁| = ${t}: ${below} vs ${above}`);
    }
    checkDerivatives(f, [Float64Array.of(0.5, -0.3, 0.2), Float64Array.of(1.5 * tau, 0.4, -0.1), Float64Array.of(-4.2 * tau, 1.3 * tau, 0.5), Float64Array.of(3 * tau, -3.5 * tau, 2.5 * tau)]);
    for (let i = 0; i <= d; i++) {
      const saddle = Float64Array.from({ length: d }, (_, j) => (j < i ? 4 * tau : 0));
      assert.ok(Math.abs(f.value(saddle) + i * nu) < 1e-9, `f = −${i}ν at saddle ${i}`);
      assert.ok(Math.max(...f.grad(saddle).map(Math.abs)) < 1e-12);
    }
    assert.equal(f.minimum, -d * nu);
    assert.equal(f.value(Float64Array.of(0.1, 2 * tau, 0)), Infinity, "outside the domain");
  });

  it("octopus: exact GD passes the saddles at the same steps as float64 GD where float64 does not underflow", () => {
    for (const d of [2, 3, 4]) {
      const f = objectives.octopus(d);
      const ell = 4 * f.L * f.tau;
      const x0 = Float64Array.from({ length: d }, () => rng(d).uniform(-1, 1));
      const exact = f.gradientDescentPassages(x0, { stepSize: 3 / ell, maxIterations: 100_000 });
      const float = gd(f, x0, { stepSize: 3 / ell, maxIterations: 100_000, recordEvery: 1, tolerance: 1e-300, stopWhen: (x) => f.saddlesPassed(x) === d });
      const passed = float.history.x.map((x) => f.saddlesPassed(x));
      assert.deepEqual(exact.passedAt, Array.from({ length: d }, (_, i) => passed.findIndex((p) => p > i)));
    }
    // d = 5: float64 GD is stuck on a stable set (a coordinate underflowed to 0); the exact run passes.
    const f5 = objectives.octopus(5);
    const x0 = Float64Array.from({ length: 5 }, () => rng(0).uniform(-1, 1));
    const float = gd(f5, x0, { stepSize: 3 / (4 * f5.L * f5.tau), maxIterations: 200_000, tolerance: 1e-300 });
    assert.equal(f5.saddlesPassed(float.x), 4);
    assert.equal(f5.gradientDescentPassages(x0, { stepSize: 3 / (4 * f5.L * f5.tau), maxIterations: 200_000 }).reached, true);
  });
});

describe("the other first-order methods", () => {
  const f = objectives.strictSaddle();

  it("coordinate descent (cyclic and random) reaches a minimizer and keeps y = 0 on the stable set", () => {
    const cyc = coordinateDescent(f, Float64Array.of(1, 0.3), { stepSize: 0.1, maxIterations: 5000, tolerance: 1e-10 });
    assert.equal(cyc.status, "converged");
    assert.ok(Math.abs(cyc.x[1] - 1) < 1e-9);
    const rnd = coordinateDescent(f, Float64Array.of(1, -0.3), { stepSize: 0.1, maxIterations: 5000, tolerance: 1e-10, order: "random", rng: rng(1) });
    assert.ok(Math.abs(rnd.x[1] + 1) < 1e-9);
    // One cyclic sweep is exactly: x ← x − η x, then y ← y − η(y³ − y) at the new point.
    const one = coordinateDescent(f, Float64Array.of(1, 0.5), { stepSize: 0.1, maxIterations: 1 });
    assert.deepEqual(Array.from(one.x), [0.9, 0.5 - 0.1 * (0.125 - 0.5)]);
    assert.throws(() => coordinateDescent(f, Float64Array.of(1, 1), { stepSize: 0.1, order: "random" }), /rng must be given/);
  });

  it("mirror descent with the entropy is x ← x·exp(−η∇f), and both maps converge to interior minimizers", () => {
    const g = objectives.strictSaddle({ center: [2, 2] });
    const x0 = Float64Array.of(3, 2.5);
    const one = mirrorDescent(g, x0, { stepSize: 0.1, maxIterations: 1, mirrorMap: entropicMirrorMap });
    const grad = g.grad(x0);
    assert.ok(relativeError(one.x, Float64Array.from(x0, (v, i) => v * Math.exp(-0.1 * grad[i]))) < 1e-15);
    for (const mirrorMap of [entropicMirrorMap, logBarrierMirrorMap]) {
      const t = mirrorDescent(g, x0, { stepSize: 0.05, maxIterations: 20_000, tolerance: 1e-10, mirrorMap });
      assert.equal(t.status, "converged");
      assert.equal(classifyCriticalPoint(g, t.x).kind, "minimizer");
    }
    assert.throws(() => mirrorDescent(g, Float64Array.of(-1, 1), { stepSize: 0.1, mirrorMap: entropicMirrorMap }), /domain of the entropy/);
    // A log-barrier step whose dual point has no preimage is reported, not returned as NaN.
    // At x = 1 with ∂f/∂x = −1 and η = 2 the dual point −1/x − η∂f = 1 is positive: no x > 0 maps to it.
    const far = mirrorDescent(g, Float64Array.of(1, 2), { stepSize: 2, mirrorMap: logBarrierMirrorMap });
    assert.equal(far.status, "diverged");
  });

  it("Riemannian gradient descent stays on the sphere and finds the bottom eigenvector; classifyOnSphere reads the tangent spectrum", () => {
    const a = spectrumMatrix([1, 2, 3, 4], 5);
    const q = objectives.rayleighQuotient(a);
    const t = riemannianGradientDescent(q, rng(3).sphere(4), { stepSize: 0.05, maxIterations: 20_000, tolerance: 1e-10, manifold: sphere, recordEvery: 100 });
    assert.equal(t.status, "converged");
    for (const x of t.history.x) assert.ok(Math.abs(Math.hypot(...x) - 1) < 1e-12);
    assert.ok(Math.abs(q.value(t.x) - 1) < 1e-12, "the minimum of xᵀAx on the sphere is λ_min = 1");
    const { vectors } = symmetricEigen(a);
    const c = classifyOnSphere(a, Float64Array.from(vectors.getColumn(1)));
    assert.equal(c.kind, "strict-saddle");
    assert.deepEqual(c.eigenvalues.map((v) => Math.round(v * 1e9) / 1e9), [-2, 2, 4]); // 2(λⱼ − 2), j ≠ 2
    assert.equal(classifyOnSphere(a, Float64Array.from(vectors.getColumn(3))).kind, "maximizer");
    assert.throws(() => riemannianGradientDescent(q, Float64Array.of(1, 1, 0, 0), { stepSize: 0.1, manifold: sphere }), /x0 must lie on the sphere/);
  });

  it("ADMM on a consensus of two convex quadratics converges to the minimizer of their sum", () => {
    // f(x) = ½‖x − a‖², g(z) = ½‖z − b‖²: the minimizer of f + g is (a + b)/2.
    const a = Float64Array.of(1, -2), b = Float64Array.of(3, 4);
    const problem = {
      dim: 2,
      value: (x: Float64Array) => 0.5 * ((x[0] - a[0]) ** 2 + (x[1] - a[1]) ** 2 + (x[0] - b[0]) ** 2 + (x[1] - b[1]) ** 2),
      xUpdate: (z: Float64Array, u: Float64Array, rho: number, out: Float64Array) => { for (let i = 0; i < 2; i++) out[i] = (a[i] + rho * (z[i] - u[i])) / (1 + rho); },
      zUpdate: (x: Float64Array, u: Float64Array, rho: number, out: Float64Array) => { for (let i = 0; i < 2; i++) out[i] = (b[i] + rho * (x[i] + u[i])) / (1 + rho); },
    };
    const t = admm(problem, { x: new Float64Array(2), z: new Float64Array(2), u: new Float64Array(2) }, { rho: 1, maxIterations: 1000, tolerance: 1e-12 });
    assert.equal(t.status, "converged");
    assert.ok(Math.abs(t.x[0] - 2) < 1e-10 && Math.abs(t.x[1] - 1) < 1e-10);
    assert.throws(() => admm(problem, { x: new Float64Array(2), z: new Float64Array(2), u: new Float64Array(2) }, { rho: 0 }), /rho must be a finite number > 0/);
  });

  it("perturbed GD leaves the saddle it starts on, where plain GD stays; noisy GD too", () => {
    const atSaddle = Float64Array.of(0, 0);
    const plain = gd(f, atSaddle, { stepSize: 0.1, maxIterations: 1000 });
    assert.equal(classifyCriticalPoint(f, plain.x).kind, "strict-saddle");
    const p = jinParameters({ d: 2, ell: 2, rho: 6, epsilon: 1e-3, delta: 0.1, deltaF: 1 });
    assert.ok(p.radius > 0 && p.timeThreshold >= 1 && p.stepSize === 0.5);
    const pgd = perturbedGradientDescent(f, atSaddle, { ...p, stepSize: 0.1, rng: rng(4), maxIterations: 100_000 });
    assert.equal(pgd.status, "converged");
    assert.ok(pgd.perturbations[0] === 0, "it perturbs at once: the gradient is 0 at the start");
    assert.equal(classifyCriticalPoint(f, pgd.x, 1e-3).kind, "minimizer");
    const noisy = stochasticGradientDescent(f, atSaddle, { stepSize: 0.1, noise: 1e-3, rng: rng(5), maxIterations: 2000 });
    assert.ok(Math.abs(Math.abs(noisy.x[1]) - 1) < 1e-2);
    assert.throws(() => perturbedGradientDescent(f, atSaddle, { ...p, rng: undefined as never }), /rng must be given/);
  });
});

describe("growth-law fits", () => {
  it("recover the rate of exact exponential, power and linear data, with R² = 1", () => {
    const x = [1, 2, 3, 4, 5, 6];
    const e = exponentialFit(x, x.map((v) => 3 * Math.exp(0.7 * v)));
    assert.ok(Math.abs(e.slope - 0.7) < 1e-12 && Math.abs(e.r2 - 1) < 1e-12);
    const p = powerFit(x, x.map((v) => 2 * v ** 1.5));
    assert.ok(Math.abs(p.slope - 1.5) < 1e-12 && Math.abs(Math.exp(p.intercept) - 2) < 1e-12);
    // An exponential is fitted worse by a power law, and the reverse.
    assert.ok(powerFit(x, x.map((v) => Math.exp(v))).r2 < 0.99 && exponentialFit(x, x.map((v) => v ** 2)).r2 < 0.99);
    assert.throws(() => linearFit([1, 1], [1, 2]), /two distinct values/);
  });
});
