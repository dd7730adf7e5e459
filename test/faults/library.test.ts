// Issue 10, the library: every case of cases.ts (bad shapes, NaN, ±Infinity, empty and huge inputs, missing
// options objects, wrong types, non-integer counts) must throw an Error naming the argument, or, for a valid but
// extreme input, return the correct result. `npx tsx test/faults/probe.ts` counts the outcomes per category.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { certify, gd, linearFit, Matrix, maxMarginL2, rng, svm, sweep, symmetricEigen } from "landscape";
import { cases, expected, type Category } from "./cases";
import { runCases } from "./harness";

describe("library fault cases (issue 10)", () => {
  // In a worker with 20 s a case (each takes milliseconds; svm on XOR used to run for minutes): a hang fails its case, not the suite.
  let categories: Category[] = [];
  before(async () => {
    categories = await runCases(20_000);
  });
  cases.forEach((c, i) => {
    it(`${c.fn}: ${c.call} → ${expected(c)}`, () => assert.equal(categories[i], expected(c)));
  });
});

describe("library fault fixes, in detail", () => {
  it("sweep: a failing run names its setting and seed, keeps the cause, and hands back the records computed before", () => {
    let calls = 0;
    try {
      sweep({ eta: [0.1, 0.2], d: [2] }, [3, 4], (s) => {
        calls++;
        if (s.eta === 0.2) throw new RangeError("step too large");
        return { v: s.eta * 10 };
      }, { progress: false });
      assert.fail("sweep must throw");
    } catch (e) {
      const err = e as Error & { records: { eta: number; d: number; seed: number; v: number }[]; setting: object; seed: number };
      assert.match(err.message, /eta = 0\.2, d = 2 \}, seed 3: step too large/);
      assert.ok(err.cause instanceof RangeError);
      assert.deepEqual(err.records, [{ eta: 0.1, d: 2, seed: 3, v: 1 }, { eta: 0.1, d: 2, seed: 4, v: 1 }]);
      assert.deepEqual([err.setting, err.seed], [{ eta: 0.2, d: 2 }, 3]);
      assert.equal(calls, 3, "the sweep stops at the first failure");
    }
  });

  it("svm: non-separable data are rejected by the exact QP before SMO runs (XOR of 120 points: no wait)", async () => {
    const r = rng(7);
    const X: number[][] = [], y: number[] = [];
    for (let i = 0; i < 120; i++) {
      const p = [r.uniform(-1, 1), r.uniform(-1, 1)];
      X.push(p);
      y.push(Math.sign(p[0]) === Math.sign(p[1]) ? 1 : -1);
    }
    await assert.rejects(svm(X, y, { rng: rng(0) }), /X and y are not linearly separable/);
  });

  it("svm: data at 1e200 give the same direction as at 1, and weights scaled back by 1e200", async () => {
    const X = [[0.5, 1.5], [1.5, 0.5], [-0.5, -1.5], [-1.5, -0.5], [2, 3], [-3, -1]], y = [1, 1, -1, -1, 1, -1];
    const one = await svm(X, y, { rng: rng(1) });
    const big = await svm(X.map((row) => row.map((v) => v * 1e200)), y, { rng: rng(1) });
    // The scaled data are divided by a power of two near 1e200 before SMO: the same SMO steps up to rounding.
    for (let j = 0; j < 2; j++) assert.ok(Math.abs(big.direction[j] - one.direction[j]) < 1e-9, `direction ${big.direction} vs ${one.direction}`);
    assert.ok(Math.abs(big.margin / 1e200 - one.margin) < 1e-9 * one.margin);
    assert.ok(Math.abs(big.normalizedBias / 1e200 - one.normalizedBias) < 1e-9);
  });

  it("maxMarginL2 with a bias: data at 1e200 and at 1e-200 give the direction and bias of the unscaled data, scaled", async () => {
    const X = [[2, 0], [3, 1], [0, 0], [-1, 1]], y = [1, 1, -1, -1];
    const one = await maxMarginL2(X, y, { bias: true });
    for (const s of [1e200, 1e-200]) {
      const m = await maxMarginL2(X.map((row) => row.map((v) => v * s)), y, { bias: true });
      for (let j = 0; j < 2; j++) assert.ok(Math.abs(m.direction[j] - one.direction[j]) < 1e-7);
      assert.ok(Math.abs(m.bias / s - one.bias) < 1e-7 * Math.max(1, Math.abs(one.bias)));
      assert.ok(Math.abs(m.margin / s - one.margin) < 1e-7 * one.margin);
    }
  });

  it("linearFit: near 1e200 the same slope, intercept and R² as the same data near 1 (scaling by powers of two is exact)", () => {
    const x = [1, 2, 3, 4], y = [1.1, 1.9, 3.2, 3.9];
    const a = linearFit(x, y);
    const b = linearFit(x, y.map((v) => v * 2 ** 660)); // ≈ 4.8e198: the squares overflow without scaling
    assert.equal(b.slope, a.slope * 2 ** 660);
    assert.equal(b.intercept, a.intercept * 2 ** 660);
    assert.equal(b.r2, a.r2);
  });

  it("finiteDifferenceGradient: the step scales with |x|, so a large x keeps its accuracy (f = x³/3, f′ = x²)", () => {
    const f = { dim: 1, value: (x: Float64Array) => x[0] ** 3 / 3, grad: (x: Float64Array) => x.map((v) => v * v) };
    const g = certify.finiteDifferenceGradient(f, Float64Array.of(1e8));
    // With h = 1e-5·|x| = 1e3 the central difference is x² + h²/3 (relative error 3e-11) plus rounding ε|f|/h ≈ 4e4
    // (4e-12 relative); a fixed h = 1e-5 next to 1e8 has rounding ε|f|/h ≈ 4e12, i.e. about 1e-4 relative.
    assert.ok(Math.abs(g[0] / 1e16 - 1) < 1e-9, `f′ = ${g[0]}`);
  });

  it("symmetricEigen: rounding-level asymmetry (1e-12 relative) passes, a real one (1e-6) is rejected", () => {
    assert.deepEqual(symmetricEigen(new Matrix([[2, 1 + 1e-12], [1, 2]])).values.map((v) => Math.round(v * 1e6) / 1e6), [1, 3]);
    assert.throws(() => symmetricEigen(new Matrix([[2, 1 + 1e-6], [1, 2]])), /a must be symmetric: a\[1\]\[0\] = 1 but a\[0\]\[1\] = 1\.000001/);
  });

  it("classifyCriticalPoint: the Hessian [[1, −5], [5, 1]] is rejected, not symmetrized into a strict saddle", () => {
    const o = { dim: 2, value: () => 0, grad: () => new Float64Array(2), hessian: () => new Matrix([[1, -5], [5, 1]]) };
    assert.throws(() => certify.classifyCriticalPoint(o, new Float64Array(2)), /objective\.hessian\(x\) must be symmetric/);
  });

  it("gd: a grad of the wrong length fails at once instead of 'converging' at a wrong point", () => {
    const o = { dim: 2, value: (x: Float64Array) => x[0] ** 2 + x[1] ** 2, grad: () => new Float64Array(1) };
    assert.throws(() => gd(o, Float64Array.of(1, 1), { stepSize: 0.1 }), /objective\.grad must return a vector of length 2, got length 1 at step 0/);
  });
});
