import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kernels, linalg, Matrix, rng, solve } from "landscape";

describe("reluNtk", () => {
  it("matches the gradient inner products of a wide random network (Monte Carlo, m = 200,000), layer by layer", () => {
    const r = rng(11);
    const d = 5;
    const X = linalg.dense(4, d, r.normalVector(4 * d));
    X.data.set(X.data.subarray(0, d).map((v) => -0.7 * v), 3 * d); // x₃ = −0.7·x₀: the angle π
    const m = 200_000;
    const W = linalg.dense(m, d, r.normalVector(m * d));
    const a = r.normalVector(m);
    const Z = linalg.gemm(W, X, undefined, { transB: true }); // m × 4: wⱼᵀxᵢ
    const first = kernels.reluNtk(X, undefined, { layers: "first" });
    const second = kernels.reluNtk(X, undefined, { layers: "second" });
    const both = kernels.reluNtk(X);
    for (let i = 0; i < 4; i++) {
      for (let k = 0; k < 4; k++) {
        const xx = linalg.dot(X.data.subarray(i * d, i * d + d), X.data.subarray(k * d, k * d + d));
        // Per-neuron terms: aⱼ²·1[wⱼᵀxᵢ > 0]·1[wⱼᵀxₖ > 0]·xᵢᵀxₖ (first layer), relu(wⱼᵀxᵢ)relu(wⱼᵀxₖ) (second); Θ is their mean.
        let s1 = 0, q1 = 0, s2 = 0, q2 = 0;
        for (let j = 0; j < m; j++) {
          const zi = Z.data[j * 4 + i];
          const zk = Z.data[j * 4 + k];
          const t1 = zi > 0 && zk > 0 ? a[j] * a[j] * xx : 0;
          const t2 = Math.max(zi, 0) * Math.max(zk, 0);
          s1 += t1; q1 += t1 * t1; s2 += t2; q2 += t2 * t2;
        }
        const mean1 = s1 / m, mean2 = s2 / m;
        // Tolerance: 5 standard errors of the Monte Carlo mean (sd estimated from the same draws), plus the closed
        // form's own rounding: acos near ±1 keeps half the digits (|Δθ| ≈ √(2·2⁻⁵³) ≈ 1.5e-8 at θ = π, measured 1.6e-8·‖x‖²).
        const se1 = Math.sqrt(Math.max(q1 / m - mean1 * mean1, 0) / m), se2 = Math.sqrt(Math.max(q2 / m - mean2 * mean2, 0) / m);
        const K1 = first.data[i * 4 + k], K2 = second.data[i * 4 + k];
        assert.ok(Math.abs(K1 - mean1) <= 5 * se1 + 1e-7 * Math.abs(xx), `first layer (${i}, ${k}): closed form ${K1}, Monte Carlo ${mean1} ± ${se1}`);
        assert.ok(Math.abs(K2 - mean2) <= 5 * se2 + 1e-7 * Math.abs(xx), `second layer (${i}, ${k}): closed form ${K2}, Monte Carlo ${mean2} ± ${se2}`);
        assert.ok(Math.abs(both.data[i * 4 + k] - K1 - K2) < 1e-12);
      }
    }
  });

  it("has the closed-form values: Θ(x, x) = ‖x‖², Θ(x, −x) = 0, Θ(e₁, e₂) = 1/(2π); a cross kernel K(X, Z)", () => {
    const X = linalg.dense(3, 2, Float64Array.from([3, 4, -3, -4, 0, 1]));
    const K = kernels.reluNtk(X);
    assert.ok(Math.abs(K.data[0] - 25) < 1e-12);
    assert.ok(Math.abs(K.data[1]) < 1e-12);
    const E = linalg.dense(2, 2, Float64Array.from([1, 0, 0, 1]));
    assert.ok(Math.abs(kernels.reluNtk(E).data[1] - 1 / (2 * Math.PI)) < 1e-15);
    const cross = kernels.reluNtk(X, linalg.dense(1, 2, Float64Array.from([0, 1])));
    assert.deepEqual([cross.rows, cross.cols], [3, 1]);
    assert.ok(Math.abs(cross.data[2] - K.data[8]) < 1e-15);
    assert.equal(kernels.reluNtk(linalg.dense(2, 2)).data.every((v) => v === 0), true, "zero rows give zero kernel rows");
    assert.throws(() => kernels.reluNtk(X, E.data as never), /Z must be a dense matrix/);
    assert.throws(() => kernels.reluNtk(X, undefined, { layers: "third" as never }), /layers must be "both", "first" or "second"/);
  });
});

describe("kernelRegression", () => {
  it("solves (K + λI)α = y like an exact solve, with and without ridge; rejects an indefinite K", () => {
    const r = rng(3);
    const X = linalg.dense(60, 4, r.normalVector(240));
    const K = kernels.reluNtk(X);
    const y = r.normalVector(60);
    for (const ridge of [0, 0.5]) {
      const { alpha, relativeResidual } = kernels.kernelRegression(K, y, { ridge });
      const A = new Matrix(60, 60).add(Matrix.eye(60).mul(ridge));
      for (let i = 0; i < 60; i++) for (let k = 0; k < 60; k++) A.set(i, k, A.get(i, k) + K.data[i * 60 + k]);
      const exact = solve(A, Matrix.columnVector(Array.from(y))).to1DArray();
      const err = Math.max(...exact.map((v, i) => Math.abs(v - alpha[i]))) / Math.max(...exact.map(Math.abs));
      assert.ok(relativeResidual <= 1e-10 && err < 1e-6, `ridge ${ridge}: residual ${relativeResidual}, error ${err}`);
    }
    assert.throws(() => kernels.kernelRegression(linalg.dense(2, 2, Float64Array.from([1, 0, 0, -1])), [0, 1]), /not positive definite/);
    assert.throws(() => kernels.kernelRegression(K, [1, 2]), /y must have length 60/);
  });
});
