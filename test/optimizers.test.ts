import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gd, gradientDescent, Matrix, objectives, rng, symmetricEigen } from "landscape";

describe("gradientDescent", () => {
  const a = new Matrix([
    [3, 1, 0],
    [1, 2, 0.5],
    [0, 0.5, 1],
  ]);
  const b = Float64Array.of(1, -2, 0.5);
  const f = objectives.quadratic(a, b);

  it("follows the closed form x_k = x* + (I − ηA)^k (x₀ − x*) on a quadratic", () => {
    const eta = 1 / f.spectrum.max;
    const x0 = Float64Array.of(2, 2, 2);
    const trace = gd(f, x0, { stepSize: eta, maxIterations: 50, tolerance: 1e-300, recordEvery: 10 });
    const xStar = f.minimizer();
    // (I − ηA)^k through the eigendecomposition A = VΛVᵀ: V diag((1 − ηλ)^k) Vᵀ.
    const { values, vectors } = symmetricEigen(a);
    trace.history.iteration.forEach((k, r) => {
      const m = vectors.mmul(Matrix.diag(values.map((l) => (1 - eta * l) ** k))).mmul(vectors.transpose());
      const e0 = Matrix.columnVector(Array.from(x0).map((v, i) => v - xStar[i]));
      const expected = m.mmul(e0).getColumn(0).map((v, i) => v + xStar[i]);
      for (let i = 0; i < 3; i++) assert.ok(Math.abs(trace.history.x[r][i] - expected[i]) < 1e-12, `k = ${k}, i = ${i}`);
    });
    assert.deepEqual(trace.history.iteration, [0, 10, 20, 30, 40, 50]);
    assert.equal(trace.status, "max-iterations");
  });

  it("converges to the minimizer A⁻¹b and reports the gradient norm below tolerance", () => {
    const trace = gradientDescent(f, new Float64Array(3), { stepSize: 0.3, maxIterations: 10_000, tolerance: 1e-10 });
    assert.equal(trace.status, "converged");
    assert.ok(trace.gradNorm <= 1e-10);
    const xStar = f.minimizer();
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(trace.x[i] - xStar[i]) < 1e-9);
    // The iteration count matches the contraction factor max|1 − ηλ| to within a few steps.
    assert.ok(trace.iterations > 10 && trace.iterations < 200);
  });

  it("says it diverged, and at which step, when the step exceeds 2/L", () => {
    const eta = 2.5 / f.spectrum.max;
    const trace = gd(f, Float64Array.of(1, 1, 1), { stepSize: eta, maxIterations: 100_000 });
    assert.equal(trace.status, "diverged");
    assert.ok(trace.divergedAt !== undefined && trace.divergedAt > 0 && trace.divergedAt === trace.iterations);
    // |1 − ηL| = 1.5: the error e grows by 1.5 a step and f ≈ ½L|e|² passes the bound 1e12 once
    // |e| ≈ √(2e12/L) ≈ 5e5, after about log(5e5)/log(1.5) ≈ 32 steps.
    assert.ok(trace.divergedAt! > 25 && trace.divergedAt! < 40, `diverged at ${trace.divergedAt}`);
  });

  it("flags a non-finite value at once instead of returning NaN", () => {
    const blowUp = { dim: 1, value: (x: Float64Array) => (x[0] > 1 ? NaN : x[0] * x[0]), grad: (x: Float64Array) => Float64Array.of(-1) };
    const trace = gd(blowUp, Float64Array.of(0), { stepSize: 0.4, maxIterations: 100 });
    assert.equal(trace.status, "diverged");
    assert.equal(trace.divergedAt, 3);
  });

  it("accepts a step-size schedule and rejects a schedule value that is not positive", () => {
    const trace = gd(f, Float64Array.of(1, 1, 1), { stepSize: (k) => 0.3 / Math.sqrt(k + 1), maxIterations: 20 });
    assert.equal(trace.iterations, 20);
    assert.throws(() => gd(f, Float64Array.of(1, 1, 1), { stepSize: (k) => (k < 3 ? 0.1 : 0) }), /stepSize\(3\) must be a finite number > 0/);
  });

  it("records every k-th iterate or by a predicate, always with the first and the last", () => {
    const trace = gd(f, Float64Array.of(1, 1, 1), { stepSize: 0.1, maxIterations: 25, tolerance: 1e-300, recordEvery: 10 });
    assert.deepEqual(trace.history.iteration, [0, 10, 20, 25]);
    const logged = gd(f, Float64Array.of(1, 1, 1), { stepSize: 0.1, maxIterations: 100, tolerance: 1e-300, recordEvery: (k) => [1, 10, 100].includes(k) });
    assert.deepEqual(logged.history.iteration, [1, 10, 100]);
    const none = gd(f, Float64Array.of(1, 1, 1), { stepSize: 0.1, maxIterations: 7, tolerance: 1e-300 });
    assert.deepEqual(none.history.iteration, [0, 7]);
    assert.equal(none.history.value[1], none.value);
  });

  it("goes from a random start on the strict-saddle function to a minimizer, and from the x-axis to the saddle", () => {
    const saddle = objectives.strictSaddle();
    const random = gd(saddle, rng(11).normalVector(2), { stepSize: 0.1, maxIterations: 10_000, tolerance: 1e-10 });
    assert.equal(random.status, "converged");
    assert.ok(Math.abs(Math.abs(random.x[1]) - 1) < 1e-8);
    const stable = gd(saddle, Float64Array.of(1.5, 0), { stepSize: 0.1, maxIterations: 10_000, tolerance: 1e-10 });
    assert.equal(stable.status, "converged");
    assert.equal(stable.x[1], 0);
    assert.ok(Math.abs(stable.x[0]) < 1e-9);
  });

  it("rejects bad input with errors that name the argument", () => {
    const x = Float64Array.of(1, 1, 1);
    assert.throws(() => gd(f, Float64Array.of(1, 1), { stepSize: 0.1 }), /x0 must have length 3, got length 2/);
    assert.throws(() => gd(f, Float64Array.of(1, NaN, 1), { stepSize: 0.1 }), /x0\[1\] must be finite/);
    assert.throws(() => gd(f, [1, 1, 1] as unknown as Float64Array, { stepSize: 0.1 }), /x0 must be a Float64Array/);
    assert.throws(() => gd(f, x, { stepSize: 0 }), /stepSize must be a finite number > 0, got 0/);
    assert.throws(() => gd(f, x, { stepSize: -1 }), /stepSize must be a finite number > 0/);
    assert.throws(() => gd(f, x, { stepSize: 0.1, tolerance: -1 }), /tolerance must be ≥ 0/);
    assert.throws(() => gd(f, x, { stepSize: 0.1, maxIterations: 1.5 }), /maxIterations must be an integer ≥ 0/);
    assert.throws(() => gd(f, x, { stepSize: 0.1, recordEvery: -2 }), /recordEvery must be an integer ≥ 0/);
    assert.throws(() => gd(f, x, undefined as never), /options must be given/);
  });
});
