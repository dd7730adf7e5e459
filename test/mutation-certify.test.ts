// The certificates of lib/src/certify (secondOrder.ts, finiteDifference.ts, groundTruth.ts,
// sphere.ts) against independent computations: the Riemannian Hessian's spectrum on the sphere
// by the closed form 2(λⱼ − λᵢ), each certificate on a point that must fail it, central
// differences recomputed by hand with the coordinate-scaled step, Procrustes against a rotation
// built here, distances modulo sign and permutation. Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certify, classifyOnSphere, componentDistance, finiteDifferenceGradient, finiteDifferenceHessian, Matrix, objectives, procrustesDistance, productOfSpheres, secondOrderReport, signDistance, sphere } from "landscape";

const saddle = objectives.strictSaddle({ center: [0.5, -1] });

describe("secondOrderReport", () => {
  it("in ℝᵈ: ‖∇f‖ and eig ∇²f; a minimizer passes, the saddle and a non-critical point fail", () => {
    const min = secondOrderReport(saddle, Float64Array.of(0.5, 0));
    assert.equal(min.kind, "minimizer");
    assert.deepEqual(min.eigenvalues, [1, 2]);
    assert.equal(min.lambdaMin, 1);
    assert.equal(min.gradNorm, 0);
    assert.equal(min.secondOrder, true);
    const s = secondOrderReport(saddle, Float64Array.of(0.5, -1));
    assert.equal(s.kind, "strict-saddle");
    assert.equal(s.lambdaMin, -1);
    assert.equal(s.secondOrder, false);
    const p = Float64Array.of(0.8, -0.2);
    const far = secondOrderReport(saddle, p);
    assert.equal(far.kind, "not-critical");
    assert.ok(Math.abs(far.gradNorm - Math.hypot(0.3, 0.8 ** 3 - 0.8)) < 1e-15);
    assert.equal(far.secondOrder, false);
    // λ_min = −tol exactly passes, −2·tol does not; ‖∇f‖ = tol passes.
    const flat = (lam: number, g: number) => ({ dim: 1, value: () => 0, grad: () => Float64Array.of(g), hessian: () => new Matrix([[lam]]) });
    assert.equal(secondOrderReport(flat(-1e-3, 1e-3), Float64Array.of(0), { tolerance: 1e-3 }).secondOrder, true);
    assert.equal(secondOrderReport(flat(-2e-3, 0), Float64Array.of(0), { tolerance: 1e-3 }).secondOrder, false);
    assert.equal(secondOrderReport(flat(1, 2e-3), Float64Array.of(0), { tolerance: 1e-3 }).secondOrder, false);
    assert.equal(secondOrderReport(flat(-1e-7, 0), Float64Array.of(0)).secondOrder, true); // default 1e-6
    assert.equal(secondOrderReport(flat(-2e-6, 0), Float64Array.of(0)).secondOrder, false);
  });

  it("on the sphere: the Riemannian Hessian of xᵀAx at eigenvector vᵢ has eigenvalues 2(λⱼ − λᵢ), j ≠ i", () => {
    const lambdas = [-1, 0.5, 2, 3.5];
    const Q = new Matrix([[0.5, 0.5, 0.5, 0.5], [0.5, -0.5, 0.5, -0.5], [0.5, 0.5, -0.5, -0.5], [0.5, -0.5, -0.5, 0.5]]);
    const A = Q.mmul(Matrix.diag(lambdas)).mmul(Q.transpose());
    const f = objectives.rayleighQuotient(A.to2DArray());
    for (let i = 0; i < 4; i++) {
      const v = Float64Array.from(Q.getColumn(i));
      const r = secondOrderReport(f, v, { manifold: sphere });
      const expected = lambdas.filter((_, j) => j !== i).map((l) => 2 * (l - lambdas[i]));
      assert.equal(r.eigenvalues.length, 3);
      r.eigenvalues.forEach((e, k) => assert.ok(Math.abs(e - expected[k]) < 1e-12, `v${i}: ${r.eigenvalues} vs ${expected}`));
      assert.ok(r.gradNorm < 1e-14);
      assert.equal(r.kind, ["minimizer", "strict-saddle", "strict-saddle", "maximizer"][i]);
      assert.equal(r.secondOrder, i === 0);
      assert.equal(classifyOnSphere(A, v).kind, r.kind);
    }
    // Off an eigenvector: the Riemannian gradient 2(Ax − (xᵀAx)x), not the Euclidean 2Ax.
    const x = Float64Array.of(0.6, 0.8, 0, 0);
    const ax = A.mmul(Matrix.columnVector(Array.from(x))).getColumn(0);
    const q = ax.reduce((s, v, i) => s + v * x[i], 0);
    const rg = ax.map((v, i) => 2 * (v - q * x[i]));
    assert.ok(Math.abs(secondOrderReport(f, x, { manifold: sphere }).gradNorm - Math.hypot(...rg)) < 1e-14);
    assert.throws(() => secondOrderReport(f, Float64Array.of(1, 1, 0, 0), { manifold: sphere }), /^Error: x must lie on the sphere$/);
  });

  it("on a product of circles (n = 2, p = 1 is {±1}²): no tangent space, λ_min = +∞", () => {
    const bm = objectives.burerMonteiroMaxCut([[0, 1], [1, 0]], 1);
    const r = secondOrderReport(bm, Float64Array.of(1, -1), { manifold: productOfSpheres(2, 1) });
    assert.equal(r.lambdaMin, Infinity);
    assert.deepEqual(r.eigenvalues, []);
    assert.equal(r.secondOrder, true);
  });

  it("rejects what it cannot certify, naming it", () => {
    const x = Float64Array.of(0, 0);
    assert.throws(() => secondOrderReport(saddle, x, null as never), /^Error: options must be an object \(\{ manifold, tolerance \}\)$/);
    assert.throws(() => secondOrderReport(null as never, x), /^Error: objective must be an Objective with grad\(x\)$/);
    assert.throws(() => secondOrderReport({ ...saddle, hessian: undefined }, x), /^Error: objective must have hessian\(x\) for a second-order report$/);
    assert.throws(() => secondOrderReport(saddle, x, { tolerance: 0 }), /^Error: tolerance must be a finite number > 0, got 0$/);
    assert.throws(() => secondOrderReport({ ...saddle, grad: () => Float64Array.of(1) }, x), /^Error: objective\.grad\(x\) must have length 2, got length 1$/);
    assert.throws(() => secondOrderReport({ ...saddle, grad: () => undefined as never }, x), /^Error: objective\.grad\(x\) must have length 2, got length 0$/);
    assert.throws(() => secondOrderReport({ ...saddle, hessian: () => new Matrix([[1, 2], [3, 4]]) }, x), /^Error: objective\.hessian\(x\) must be symmetric/);
    assert.throws(() => secondOrderReport(saddle, x, { manifold: { ...sphere, tangentBasis: undefined } }), /^Error: manifold must provide tangentBasis and hessianShift \(as sphere and productOfSpheres do\)$/);
    assert.throws(() => secondOrderReport(saddle, x, { manifold: { ...sphere, hessianShift: undefined } }), /^Error: manifold must provide tangentBasis/);
    // On a manifold the Euclidean Hessian need not be symmetric-checked... it is symmetrized on the tangent space.
    const skew = { dim: 2, value: () => 0, grad: () => Float64Array.of(0, 0), hessian: () => new Matrix([[2, 1], [-1, 4]]) };
    const r = secondOrderReport(skew, Float64Array.of(1, 0), { manifold: sphere });
    assert.deepEqual(r.eigenvalues, [4]);
  });
});

describe("finiteDifferenceGradient and finiteDifferenceHessian", () => {
  // A cubic: central differences have the exact error h²f‴/6, so the estimate is pinned to rounding.
  const cubic: objectives.Objective = {
    dim: 2,
    value: (x) => x[0] ** 3 + 2 * x[0] * x[1] ** 2 - x[1],
    grad: (x) => Float64Array.of(3 * x[0] ** 2 + 2 * x[1] ** 2, 4 * x[0] * x[1] - 1),
  };
  it("gᵢ = (f(x + hᵢeᵢ) − f(x − hᵢeᵢ))/2hᵢ with hᵢ = h·max(1, |xᵢ|)", () => {
    const x = Float64Array.of(40, 0.3), h = 1e-3;
    const hi = [h * 40, h];
    const expected = [0, 1].map((i) => {
      const p = Float64Array.from(x), m = Float64Array.from(x);
      p[i] += hi[i];
      m[i] -= hi[i];
      return (cubic.value(p) - cubic.value(m)) / (2 * hi[i]);
    });
    assert.deepEqual(Array.from(finiteDifferenceGradient(cubic, x, h)), expected);
    // The truncation error is hᵢ²f‴/6: hᵢ² along x₀ (f‴ = 6), none along x₁ (f is quadratic in x₁);
    // rounding adds ulp(f(x) ≈ 64000)/2hᵢ ≈ 4e-9 along x₁ (hᵢ = 1e-3).
    const g = cubic.grad(x);
    assert.ok(Math.abs(expected[0] - g[0] - hi[0] ** 2) < 1e-8);
    assert.ok(Math.abs(expected[1] - g[1]) < 2e-8);
    // Default h = 1e-5.
    const d = finiteDifferenceGradient(cubic, Float64Array.of(0.5, 0.3));
    assert.ok(Math.abs(d[0] - cubic.grad(Float64Array.of(0.5, 0.3))[0] - 1e-10) < 1e-9);
  });

  it("the Hessian column by column from gradients, symmetrized", () => {
    const x = Float64Array.of(30, -0.4), h = 1e-4;
    const H = finiteDifferenceHessian(cubic, x, h);
    // ∇²f = [[6x₀, 4x₁], [4x₁, 4x₀]]; columns from differences of the gradient with hⱼ = h·max(1, |xⱼ|).
    const col = (j: number) => {
      const hj = h * Math.max(1, Math.abs(x[j]));
      const p = Float64Array.from(x), m = Float64Array.from(x);
      p[j] += hj;
      m[j] -= hj;
      const gp = cubic.grad(p), gm = cubic.grad(m);
      return [0, 1].map((i) => (gp[i] - gm[i]) / (2 * hj));
    };
    const c0 = col(0), c1 = col(1);
    const raw = [[c0[0], c1[0]], [c0[1], c1[1]]];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) assert.ok(Math.abs(H.get(i, j) - (raw[i][j] + raw[j][i]) / 2) < 1e-12);
    assert.ok(Math.abs(H.get(0, 0) - 180) < 1e-6 && Math.abs(H.get(0, 1) + 1.6) < 1e-6 && Math.abs(H.get(1, 1) - 120) < 1e-6);
    // An asymmetric "gradient" field: the estimate is (H + Hᵀ)/2.
    const field = { dim: 2, value: () => 0, grad: (x: Float64Array) => Float64Array.of(x[1], 0) };
    const S = finiteDifferenceHessian(field, Float64Array.of(0.2, 0.1));
    assert.ok(Math.abs(S.get(0, 1) - 0.5) < 1e-10 && Math.abs(S.get(1, 0) - 0.5) < 1e-10);
  });

  it("throws on non-finite values or gradients near x, a gradient of the wrong length, a bad h", () => {
    const blow = { dim: 2, value: (x: Float64Array) => (x[1] > 1 ? Infinity : 0), grad: (x: Float64Array) => Float64Array.of(0, x[1] > 1 ? NaN : 0) };
    assert.throws(() => finiteDifferenceGradient(blow, Float64Array.of(0, 1)), /^Error: objective\.value is not finite near x = \(0, 1\): finite differences need finite values within h·max\(1, \|xᵢ\|\) of x$/);
    assert.throws(() => finiteDifferenceHessian(blow, Float64Array.of(0, 1)), /^Error: objective\.grad is not finite near x = \(0, 1\)/);
    const five = { dim: 5, value: (x: Float64Array) => (x[4] > 1 ? NaN : 0), grad: () => new Float64Array(5) };
    assert.throws(() => finiteDifferenceGradient(five, Float64Array.of(1, 2, 3, 4, 1)), /near x = \(1, 2, 3, 4, …\)/);
    assert.throws(() => finiteDifferenceHessian({ ...cubic, grad: () => Float64Array.of(1) }, Float64Array.of(0, 0)), /^Error: objective\.grad must return a vector of length 2, got length 1$/);
    assert.throws(() => finiteDifferenceGradient(cubic, Float64Array.of(0, 0), 0), /^Error: h must be a finite number > 0, got 0$/);
    assert.throws(() => finiteDifferenceHessian(cubic, Float64Array.of(0, 0), -1), /^Error: h must be a finite number > 0, got -1$/);
  });

  it("relativeError = ‖a − b‖_∞ / max(1, ‖b‖_∞)", () => {
    assert.equal(certify.relativeError([1, 2, 3], [1, 2.5, 2]), 0.4);
    assert.equal(certify.relativeError([0.1, 0.2], [0.1, 0.5]), 0.5 - 0.2); // scale 1, not ‖b‖ = 0.5
    assert.equal(certify.relativeError([0.1, -4], [0.1, -8]), 0.5);
    assert.throws(() => certify.relativeError([1], [1, 2]), /^Error: a and b must have the same length, got 1 and 2$/);
  });
});

describe("procrustesDistance, signDistance, componentDistance", () => {
  const Ustar = new Matrix([[1, 0.5], [-0.3, 2], [0.7, -1.1]]);
  const t = 0.7;
  const R = new Matrix([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]);
  it("a rotated factor is at distance 0 with R recovered; a perturbed one at the closed-form distance", () => {
    const U = Ustar.mmul(R.transpose()); // U R = U*
    const r = procrustesDistance(U, Ustar);
    assert.ok(r.distance < 1e-14 && r.relative < 1e-14 && r.matrixError < 1e-14);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) assert.ok(Math.abs(r.rotation.get(i, j) - R.get(i, j)) < 1e-14);
    // U = U*Rᵀ + E: the distance is min_R ‖UR − U*‖ ≤ ‖E‖, and equals √(‖U‖² + ‖U*‖² − 2Σσᵢ(UᵀU*)).
    const E = new Matrix([[0.1, 0], [0, -0.2], [0.05, 0.1]]);
    const V = Matrix.add(U, E);
    const p = procrustesDistance(V.to2DArray(), Ustar);
    const s = new (require("ml-matrix").SingularValueDecomposition)(V.transpose().mmul(Ustar)).diagonal as number[];
    const closed = Math.sqrt(V.norm("frobenius") ** 2 + Ustar.norm("frobenius") ** 2 - 2 * (s[0] + s[1]));
    assert.ok(Math.abs(p.distance - closed) < 1e-13);
    assert.ok(Math.abs(p.relative - closed / Ustar.norm("frobenius")) < 1e-13);
    const M = Matrix.sub(V.mmul(V.transpose()), Ustar.mmul(Ustar.transpose())).norm("frobenius") / Ustar.mmul(Ustar.transpose()).norm("frobenius");
    assert.ok(Math.abs(p.matrixError - M) < 1e-14);
    assert.ok(p.distance > 0.05);
    // Row-major Float64Array with the rank; huge entries rescaled without overflow.
    const flat = Float64Array.from(V.to1DArray());
    assert.ok(Math.abs(procrustesDistance(flat, Float64Array.from(Ustar.to1DArray()), 2).distance - closed) < 1e-13);
    const big = procrustesDistance(Matrix.mul(V, 1e300), Matrix.mul(Ustar, 1e300));
    assert.ok(Math.abs(big.distance / 1e300 - closed) < 1e-12 && Math.abs(big.relative - p.relative) < 1e-13);
  });

  it("procrustes rejects mismatched shapes, a zero reference, a missing or bad rank", () => {
    assert.throws(() => procrustesDistance([[1, 2]], [[1, 2], [3, 4]]), /^Error: u and uStar must have the same shape, got 1×2 and 2×2$/);
    assert.throws(() => procrustesDistance([[1, 2]], [[0, 0]]), /^Error: uStar must be non-zero \(the relative errors divide by it\)$/);
    assert.throws(() => procrustesDistance(Float64Array.of(1, 2), [[1, 2]]), /^Error: rank must be given when u is a row-major Float64Array$/);
    assert.throws(() => procrustesDistance(Float64Array.of(1, 2, 3), Float64Array.of(1, 2), 2), /^Error: u must have a length divisible by rank = 2, got 3$/);
    assert.throws(() => procrustesDistance(Float64Array.of(1, 2), Float64Array.of(1, 2), 0), /^Error: rank must be an integer ≥ 1, got 0$/);
    assert.throws(() => procrustesDistance("u" as never, [[1]]), /^Error: u must be a Matrix, an array of rows or a row-major Float64Array$/);
    assert.throws(() => procrustesDistance(new Matrix([[NaN]]), [[1]]), /^Error: u\[0\]\[0\] must be finite$/);
    assert.throws(() => procrustesDistance([[1e300]], [[1e-300]]), /^Error: procrustesDistance\(u, uStar\): relative = Infinity is beyond float64's range/);
  });

  it("signDistance: min over ± with the sign; componentDistance: the nearest ±column", () => {
    const xs = Float64Array.of(1, -2, 0.5);
    const x = Float64Array.of(-1.1, 2, -0.4);
    const r = signDistance(x, xs);
    assert.equal(r.sign, -1);
    assert.ok(Math.abs(r.distance - Math.hypot(0.1, 0, 0.1)) < 1e-15);
    assert.ok(Math.abs(r.relative - r.distance / Math.hypot(1, 2, 0.5)) < 1e-15);
    const same = signDistance(Float64Array.of(1, -2, 0.6), xs);
    assert.equal(same.sign, 1);
    assert.ok(Math.abs(same.distance - 0.1) < 1e-15);
    assert.equal(signDistance(Float64Array.of(0, 0, 0), xs).relative, 1);
    assert.ok(Math.abs(signDistance(Float64Array.of(1e300, 0), Float64Array.of(-1e300, 1e299)).distance - 1e299) < 1e285);
    assert.throws(() => signDistance(x, new Float64Array(3)), /^Error: xStar must be non-zero \(the relative distance divides by ‖xStar‖\)$/);
    assert.throws(() => signDistance(Float64Array.of(1), xs), /^Error: x must have length 3, got length 1$/);
    const A = [[1, 0, 0.6], [0, 1, 0.8]];
    const c = componentDistance(Float64Array.of(-0.55, -0.85), A);
    assert.equal(c.index, 2);
    assert.equal(c.sign, -1);
    assert.ok(Math.abs(c.distance - Math.hypot(0.05, 0.05)) < 1e-15);
    const c0 = componentDistance(Float64Array.of(0.9, 0.1), A);
    assert.equal(c0.index, 0);
    assert.equal(c0.sign, 1);
    assert.throws(() => componentDistance(Float64Array.of(1, 2, 3), A), /^Error: u must have length 2, got length 3$/);
  });
});
