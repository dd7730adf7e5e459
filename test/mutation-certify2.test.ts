// The certificates of lib/src/certify (secondOrder.ts, finiteDifference.ts, maxCut.ts): what
// test/mutation-certify.test.ts and test/mutation-maxcut.test.ts leave open after their first
// Stryker run. The max-cut pipeline replayed from its parts (the start drawn from the generator,
// Riemannian GD with the step 1/(max weighted degree), the certificate, the rounding from the
// same generator); the exhaustive search's tie-break (the first maximum in Gray-code order);
// errors that name the argument actually wrong. Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  certify, exhaustiveMaxCut, finiteDifferenceGradient, finiteDifferenceHessian, goemansWilliamson, Matrix, maxCutCertificate, maxCutSDP, objectives, optimizers, productOfSpheres,
  riemannianGradientDescent, rng, secondOrderReport, sphere,
} from "landscape";

const K3 = [[0, 1, 1], [1, 0, 1], [1, 1, 0]];
// Weighted degrees Σⱼ Wᵢⱼ = 3.5, 4, 4.7, 4.5, 2.7: the default step is 1/4.7.
const W5 = [[0, 1, 0, 2, 0.5], [1, 0, 3, 0, 0], [0, 3, 0, 1, 0.7], [2, 0, 1, 0, 1.5], [0.5, 0, 0.7, 1.5, 0]];

describe("maxCutSDP: the pipeline replayed from its parts", () => {
  it("start = normalizeRows(rng.normalVector(n·p)), Riemannian GD with step 1/max Σⱼ Wᵢⱼ, then S and the rounding from the same generator", () => {
    const iterations = 4;
    const r = maxCutSDP(W5, { rank: 2, rng: rng(11), maxIterations: iterations, rounds: 7 });
    const g = rng(11);
    const y0 = optimizers.normalizeRows(g.normalVector(10), 5, 2);
    const f = objectives.burerMonteiroMaxCut(W5, 2);
    const maxDegree = Math.max(...W5.map((row) => row.reduce((s, v) => s + v, 0))); // 4.7, summed in the library's order
    const trace = riemannianGradientDescent(f, y0, { stepSize: 1 / maxDegree, maxIterations: iterations, tolerance: 1e-9, manifold: productOfSpheres(5, 2) });
    assert.deepEqual(Array.from(r.Y), Array.from(trace.x));
    assert.equal(r.iterations, iterations);
    assert.equal(r.gradNorm, trace.gradNorm);
    // A step other than 1/max degree (1/4.5, the second largest degree) ends elsewhere.
    const other = riemannianGradientDescent(f, optimizers.normalizeRows(rng(11).normalVector(10), 5, 2), { stepSize: 1 / 4.5, maxIterations: iterations, manifold: productOfSpheres(5, 2) });
    assert.ok(Array.from(other.x).some((v, i) => Math.abs(v - r.Y[i]) > 1e-6));
    const c = maxCutCertificate(W5, trace.x);
    assert.equal(r.value, c.value);
    assert.deepEqual(r.certificate, { lambdaMin: c.lambdaMin, gapBound: c.gapBound, certified: c.certified });
    const cut = goemansWilliamson(W5, trace.x, { rng: g, rounds: 7 });
    assert.deepEqual({ ...r.cut }, { ...cut, ratio: cut.value / c.value });
  });

  it("certificateTolerance decides `certified` at the end point (λ_min(S) = −¼ for the cut (+, +, −) with p = 1)", () => {
    const start = Float64Array.of(1, 1, -1);
    assert.equal(maxCutSDP(K3, { rank: 1, rng: rng(1), start, certificateTolerance: 0.25 }).certificate.certified, true);
    assert.equal(maxCutSDP(K3, { rank: 1, rng: rng(1), start, certificateTolerance: 0.24 }).certificate.certified, false);
  });

  it("rank = n is allowed (n + 1 is not); options, y and its length named in the three entry points", () => {
    assert.equal(maxCutSDP(K3, { rank: 3, rng: rng(2) }).Y.length, 9);
    assert.throws(() => maxCutSDP(K3, 5 as never), /^Error: options must be given: \{ rank, rng \}$/);
    assert.throws(() => maxCutCertificate(K3, Float64Array.of(1, 1, 1), 5 as never), /^Error: options must be an object \(\{ tolerance \}\)$/);
    assert.throws(() => goemansWilliamson(K3, Float64Array.of(1, 1, 1), 5 as never), /^Error: options must be an object \(\{ rng, rounds \}\)$/);
    assert.throws(() => maxCutCertificate(K3, Float64Array.of(1, NaN, 1)), /^Error: y\[1\] must be finite, got NaN$/);
    assert.throws(() => goemansWilliamson(K3, Float64Array.of(1, NaN, 1), { rng: rng(1) }), /^Error: y\[1\] must be finite, got NaN$/);
    assert.throws(() => goemansWilliamson(K3, new Float64Array(0), { rng: rng(1) }), /^Error: y must be an n × p matrix \(row-major, n = 3\), got length 0$/);
  });
});

describe("exhaustiveMaxCut: the first maximum in Gray-code order", () => {
  it("on the triangle (three optimal cuts with vertex 0 on side +1) it returns the first met: k = 1 flips vertex 1", () => {
    // Gray code from (+, +, +): k = 1 flips vertex 1 → (+, −, +), cut 2; k = 2 flips vertex 2 →
    // (+, −, −), cut 2; k = 3 flips vertex 1 → (+, +, −), cut 2. Later ties must not replace the first.
    assert.deepEqual(exhaustiveMaxCut(K3), { value: 2, sides: [1, -1, 1] });
    // The 4-cycle 0–1–2–3–0: the unique optimum (+, −, +, −), value 4, met at k = 3 (after (+, −, +, +)).
    const C4 = [[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0]];
    assert.deepEqual(exhaustiveMaxCut(C4), { value: 4, sides: [1, -1, 1, -1] });
  });

  it("n = 24 is searched (2²³ cuts, about 0.5 s of CPU), n = 25 refused (test/mutation-maxcut)", () => {
    const n = 24;
    const w = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : ((i + j) % 5) + 1)));
    const r = exhaustiveMaxCut(w);
    assert.equal(r.sides.length, n);
    assert.equal(certify.cutValue(w, r.sides), r.value);
  });
});

describe("secondOrderReport: the arguments it names", () => {
  it("options must be an object: a number or a string is refused, not read as defaults", () => {
    const saddle = objectives.strictSaddle({ center: [0.5, -1] });
    assert.throws(() => secondOrderReport(saddle, Float64Array.of(0, 0), 5 as never), /^Error: options must be an object \(\{ manifold, tolerance \}\)$/);
    assert.throws(() => secondOrderReport(saddle, Float64Array.of(0, 0), "x" as never), /^Error: options must be an object/);
    const { grad: _, ...noGrad } = saddle;
    assert.throws(() => secondOrderReport(noGrad as never, Float64Array.of(0, 0)), /^Error: objective must be an Objective with grad\(x\)$/);
    assert.throws(() => secondOrderReport(saddle, Float64Array.of(0, 0, 0)), /^Error: x must have length 2, got length 3$/);
  });

  it("a tangent space {0} (product of circles, p = 1): λ_min = +∞, so the point is a minimizer (an isolated point of the manifold)", () => {
    const bm = objectives.burerMonteiroMaxCut([[0, 1], [1, 0]], 1);
    assert.equal(secondOrderReport(bm, Float64Array.of(1, 1), { manifold: productOfSpheres(2, 1) }).kind, "minimizer");
  });

  it("on the sphere the Riemannian Hessian is Bᵀ(∇²f − ⟨x, ∇f⟩I)B symmetrized: a skew part in ∇²f changes nothing", () => {
    // At x = e₁ in ℝ³ with ∇f = (3, 0, 0) (so s = 3) and ∇²f = A + K, A symmetric, K skew:
    // the tangent block of A − 3I is [[5 − 3, 1], [1, 2 − 3]] = [[2, 1], [1, −1]], eigenvalues (1 ± √13)/2.
    const A = [[7, 0.5, -1], [0.5, 5, 1], [-1, 1, 2]];
    const K = [[0, 2, -3], [-2, 0, 4], [3, -4, 0]];
    const H = new Matrix(A.map((row, i) => row.map((v, j) => v + K[i][j])));
    const f = { dim: 3, value: () => 0, grad: () => Float64Array.of(3, 0, 0), hessian: () => H };
    const r = secondOrderReport(f, Float64Array.of(1, 0, 0), { manifold: sphere });
    const expected = [(1 - Math.sqrt(13)) / 2, (1 + Math.sqrt(13)) / 2];
    r.eigenvalues.forEach((e, k) => assert.ok(Math.abs(e - expected[k]) < 1e-14, `${r.eigenvalues} vs ${expected}`));
    assert.equal(r.eigenvalues.length, 2);
    assert.equal(r.lambdaMin, r.eigenvalues[0]);
    assert.equal(r.gradNorm, 0);
    assert.equal(r.kind, "strict-saddle");
  });
});

describe("finiteDifferenceHessian: the length check names the gradient that is wrong", () => {
  it("a gradient of the wrong length at x − hⱼeⱼ only is refused with its length", () => {
    const lopsided = { dim: 2, value: () => 0, grad: (x: Float64Array) => (x[0] < 0.5 ? Float64Array.of(1) : Float64Array.of(1, 2)) };
    assert.throws(() => finiteDifferenceHessian(lopsided, Float64Array.of(0.5, 0)), /^Error: objective\.grad must return a vector of length 2, got length 1$/);
    const plusWrong = { dim: 2, value: () => 0, grad: (x: Float64Array) => (x[1] > 0 ? Float64Array.of(1, 2, 3) : Float64Array.of(1, 2)) };
    assert.throws(() => finiteDifferenceHessian(plusWrong, Float64Array.of(0, 0)), /^Error: objective\.grad must return a vector of length 2, got length 3$/);
  });

  it("the point is printed whole up to 4 coordinates (\"…\" only beyond); the arguments are named", () => {
    const four = { dim: 4, value: (x: Float64Array) => (x[3] > 1 ? NaN : 0), grad: () => new Float64Array(4) };
    assert.throws(() => finiteDifferenceGradient(four, Float64Array.of(1, 2, 3, 1)), /^Error: objective\.value is not finite near x = \(1, 2, 3, 1\): /);
    const quad = objectives.strictSaddle({ center: [0.5, -1] });
    for (const fd of [finiteDifferenceGradient, finiteDifferenceHessian]) {
      assert.throws(() => fd(null as never, Float64Array.of(0, 0)), /^Error: objective/);
      assert.throws(() => fd(quad, Float64Array.of(0, 0, 0)), /^Error: x must have length 2, got length 3$/);
    }
    assert.throws(() => certify.relativeError([NaN], [1]), /^Error: a\[0\] must be a finite number, got NaN$/);
    assert.throws(() => certify.relativeError([1], [NaN]), /^Error: b\[0\] must be a finite number, got NaN$/);
  });
});
