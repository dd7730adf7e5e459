import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  certify, classifyOnSphere, componentDistance, exhaustiveMaxCut, goemansWilliamson, Matrix, maxCutCertificate, maxCutSDP, objectives,
  optimizers, procrustesDistance, productOfSpheres, riemannianGradientDescent, rng, secondOrderReport, signDistance, SingularValueDecomposition, sphere, type Objective,
} from "landscape";
import { checkDerivatives } from "./helpers/derivatives";

type Manifold = optimizers.Manifold;

const { relativeError, cutValue } = certify;


const cycle = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => ((i - j + n) % n === 1 || (j - i + n) % n === 1 ? 1 : 0)));
const complete = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 1)));
function randomGraph(n: number, density: number, seed: number): number[][] {
  const r = rng(seed);
  const w = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (r.uniform() < density) w[i][j] = w[j][i] = r.uniform(0.5, 2);
  return w;
}
/** The twisted state of the even cycle at p = 2: yᵢ at angle i(π + 2π/n), neighbours at π + 2π/n apart. */
function twistedState(n: number): Float64Array {
  const y = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    y[2 * i] = Math.cos(i * (Math.PI + (2 * Math.PI) / n));
    y[2 * i + 1] = Math.sin(i * (Math.PI + (2 * Math.PI) / n));
  }
  return y;
}

describe("landscape-design objectives: derivatives", () => {
  const r = rng(13);
  const n = 6, rank = 2;
  const z = r.normalMatrix(n, rank);
  const m = z.mmul(z.transpose());
  const mask = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) if (r.uniform() < 0.6) mask[i][j] = mask[j][i] = 1;

  it("matrix completion: gradient and Hessian (with and without the Ge–Lee–Ma regularizer)", () => {
    const points = [0, 1, 2].map(() => r.normalVector(n * rank));
    checkDerivatives(objectives.matrixCompletion(m, mask, rank), points);
    // α = 0.5 below the rows' norms (≈ 1.4), so the regularizer is active on most rows
    checkDerivatives(objectives.matrixCompletion(m, mask, rank, { regularizer: { lambda: 0.7, alpha: 0.5 } }), points);
  });

  it("matrix completion: the value is ½‖P_Ω(UUᵀ − M)‖² with a non-symmetric mask, and vanishes at the planted factor", () => {
    const f = objectives.matrixCompletion(m, mask.map((row, i) => row.map((v, j) => (i === 0 && j === 1 ? 1 : v))), rank);
    const u = r.normalVector(n * rank);
    const x = objectives.gram(u, n, rank);
    let s = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (mask[i][j] || (i === 0 && j === 1)) s += (x[i * n + j] - m.get(i, j)) ** 2;
    assert.ok(Math.abs(f.value(u) - s / 2) < 1e-10 * s);
    checkDerivatives(f, [u]);
    assert.ok(objectives.matrixCompletion(m, mask, rank).value(Float64Array.from(z.to1DArray())) < 1e-20);
  });

  it("matrix sensing: gradient and Hessian, and f = 0 at the planted factor", () => {
    const a = Array.from({ length: 15 }, () => r.normalMatrix(n, n)); // not symmetric: only Aᵢ's symmetric part matters
    const y = a.map((ai) => ai.clone().mul(m).sum());
    const f = objectives.matrixSensing(a, y, rank);
    checkDerivatives(f, [0, 1].map(() => r.normalVector(n * rank)));
    assert.ok(f.value(Float64Array.from(z.to1DArray())) < 1e-18);
  });

  it("phase retrieval: gradient and Hessian, value (1/4m)Σ(⟨a,x⟩² − y)², zero at ±x*", () => {
    const a = r.normalMatrix(30, 5);
    const xStar = r.normalVector(5);
    const y = a.mmul(Matrix.columnVector(Array.from(xStar))).to1DArray().map((v) => v * v);
    const f = objectives.phaseRetrieval(a, y);
    checkDerivatives(f, [0, 1, 2].map(() => r.normalVector(5)));
    const x = r.normalVector(5);
    const direct = a.mmul(Matrix.columnVector(Array.from(x))).to1DArray().reduce((s, v, i) => s + (v * v - y[i]) ** 2, 0) / (4 * 30);
    assert.ok(Math.abs(f.value(x) - direct) < 1e-12 * direct);
    assert.ok(f.value(xStar) < 1e-25 && f.value(xStar.map((v) => -v)) < 1e-25);
  });

  it("tensor decomposition: gradient and Hessian; T(aᵢ, aᵢ, aᵢ, aᵢ) = wᵢ for orthonormal aᵢ", () => {
    const q = r.orthogonal(4);
    const f = objectives.tensorDecomposition(objectives.orthogonalTensor(q, [1, 2, 3, 4]));
    checkDerivatives(f, [0, 1].map(() => r.normalVector(4)));
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(f.value(Float64Array.from(q.getColumn(i))) + (i + 1)) < 1e-12);
  });

  it("Burer–Monteiro max-cut: gradient and Hessian; −f is ¼Σ Wᵢⱼ(1 − ⟨yᵢ, yⱼ⟩) on the manifold", () => {
    const w = randomGraph(7, 0.5, 3);
    const f = objectives.burerMonteiroMaxCut(w, 3);
    checkDerivatives(f, [0, 1].map(() => r.normalVector(21)));
    const y = productOfSpheres(7, 3);
    const point = Float64Array.from(r.normalVector(21));
    y.retract(new Float64Array(21), point, point);
    let direct = 0;
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) {
      let inner = 0;
      for (let a = 0; a < 3; a++) inner += point[i * 3 + a] * point[j * 3 + a];
      direct += (w[i][j] * (1 - inner)) / 4;
    }
    assert.ok(Math.abs(-f.value(point) - direct) < 1e-12);
  });
});

describe("second-order report", () => {
  /** d²/dt² f(R_x(tv)) at 0 by central differences: the Riemannian Hessian's quadratic form for a second-order retraction. */
  function curvatureAlong(f: Objective, manifold: Manifold, x: Float64Array, v: Float64Array, h = 1e-4) {
    const at = (t: number) => {
      const out = new Float64Array(x.length);
      manifold.retract(x, v.map((c) => t * c), out);
      return f.value(out);
    };
    return (at(h) - 2 * at(0) + at(-h)) / (h * h);
  }

  it("on the sphere it agrees with classifyOnSphere at every eigenvector of a Rayleigh quotient", () => {
    const q = rng(5).orthogonal(5);
    const a = q.mmul(Matrix.diag([1, 2, 3, 4, 5])).mmul(q.transpose());
    const f = objectives.rayleighQuotient(a);
    for (let i = 0; i < 5; i++) {
      const x = Float64Array.from(q.getColumn(i));
      const mine = secondOrderReport(f, x, { manifold: sphere });
      const theirs = classifyOnSphere(a, x);
      assert.equal(mine.kind, theirs.kind);
      assert.ok(relativeError(mine.eigenvalues, theirs.eigenvalues) < 1e-10, `${mine.eigenvalues} vs ${theirs.eigenvalues}`);
      assert.equal(mine.secondOrder, i === 0, "only the bottom eigenvector is a second-order point");
    }
  });

  it("on a product of spheres its quadratic form is the second derivative along the retraction, at a non-critical point", () => {
    const w = randomGraph(6, 0.6, 8);
    const f = objectives.burerMonteiroMaxCut(w, 3);
    const manifold = productOfSpheres(6, 3);
    const r = rng(2);
    const x = new Float64Array(18);
    manifold.retract(new Float64Array(18), r.normalVector(18), x);
    const basis = manifold.tangentBasis!(x);
    // the basis is orthonormal and tangent
    assert.ok(relativeError(basis.transpose().mmul(basis).to1DArray(), Matrix.eye(12).to1DArray()) < 1e-12);
    const shift = manifold.hessianShift!(x, f.grad(x));
    const h = f.hessian!(x);
    for (let i = 0; i < 18; i++) h.set(i, i, h.get(i, i) - shift[i]);
    const riemannian = basis.transpose().mmul(h).mmul(basis);
    for (let trial = 0; trial < 3; trial++) {
      const c = r.normalVector(12);
      const v = Float64Array.from(basis.mmul(Matrix.columnVector(Array.from(c))).to1DArray());
      const form = Matrix.rowVector(Array.from(c)).mmul(riemannian).mmul(Matrix.columnVector(Array.from(c))).get(0, 0);
      const measured = curvatureAlong(f, manifold, x, v);
      // the difference quotient's error is O(h²) ≈ 1e-8 plus rounding ε|f|/h² ≈ 1e-8
      assert.ok(Math.abs(form - measured) < 1e-5 * (1 + Math.abs(form)), `${form} vs ${measured}`);
    }
  });

  it("reports a strict saddle of phase retrieval as not second-order (x = 0 has Hessian −(1/m)Σ yᵢaᵢaᵢᵀ)", () => {
    const r = rng(4);
    const a = r.normalMatrix(40, 4);
    const xStar = r.normalVector(4);
    const y = a.mmul(Matrix.columnVector(Array.from(xStar))).to1DArray().map((v) => v * v);
    const f = objectives.phaseRetrieval(a, y);
    const atZero = secondOrderReport(f, new Float64Array(4));
    assert.equal(atZero.gradNorm, 0);
    assert.ok(atZero.lambdaMin < -0.1 && !atZero.secondOrder && atZero.kind === "maximizer");
    const atTruth = secondOrderReport(f, xStar);
    assert.ok(atTruth.secondOrder && atTruth.kind === "minimizer");
  });
});

describe("product of spheres", () => {
  it("one Riemannian gradient step is yᵢ ← (yᵢ − η(gᵢ − ⟨yᵢ, gᵢ⟩yᵢ))/‖·‖ row by row", () => {
    const n = 5, p = 3, eta = 0.3;
    const w = randomGraph(n, 0.8, 11);
    const f = objectives.burerMonteiroMaxCut(w, p);
    const y0 = optimizers.normalizeRows(rng(6).normalVector(n * p), n, p);
    const step = riemannianGradientDescent(f, y0, { stepSize: eta, maxIterations: 1, tolerance: 0, manifold: productOfSpheres(n, p) }).x;
    // the formula, with the gradient 2CY written out: (CY)ᵢ = Σⱼ Cᵢⱼ yⱼ, C = −L/4
    const degree = w.map((row) => row.reduce((t, v) => t + v, 0));
    for (let i = 0; i < n; i++) {
      const g = Array.from({ length: p }, (_, a) => 2 * w.reduce((t, row, j) => t + ((j === i ? -degree[i] : w[i][j]) / 4) * y0[j * p + a], 0));
      const inner = g.reduce((t, v, a) => t + v * y0[i * p + a], 0);
      const moved = g.map((v, a) => y0[i * p + a] - eta * (v - inner * y0[i * p + a]));
      const norm = Math.hypot(...moved);
      for (let a = 0; a < p; a++) assert.ok(Math.abs(step[i * p + a] - moved[a] / norm) < 1e-14);
    }
  });
});

describe("distances to the planted solution modulo symmetry", () => {
  it("procrustesDistance is 0 for a rotated factor and matches √(‖U‖² + ‖U*‖² − 2Σσ) otherwise", () => {
    const r = rng(7);
    const uStar = r.normalMatrix(8, 3);
    const rotated = uStar.mmul(r.orthogonal(3));
    const same = procrustesDistance(rotated, uStar);
    assert.ok(same.distance < 1e-12 && same.matrixError < 1e-14);
    const u = r.normalMatrix(8, 3);
    const other = procrustesDistance(Float64Array.from(u.to1DArray()), Float64Array.from(uStar.to1DArray()), 3);
    const sigma = new SingularValueDecomposition(u.transpose().mmul(uStar)).diagonal;
    const expected = Math.sqrt(u.norm("frobenius") ** 2 + uStar.norm("frobenius") ** 2 - 2 * sigma.reduce((s, v) => s + v, 0));
    assert.ok(Math.abs(other.distance - expected) < 1e-10);
    // and no orthogonal matrix drawn at random does better
    for (let k = 0; k < 50; k++) assert.ok(Matrix.sub(u.mmul(r.orthogonal(3)), uStar).norm("frobenius") >= other.distance - 1e-12);
  });

  it("signDistance and componentDistance see through sign and permutation", () => {
    const x = Float64Array.of(1, -2, 3);
    assert.deepEqual(signDistance(x.map((v) => -v), x), { distance: 0, relative: 0, sign: -1 });
    const q = rng(1).orthogonal(4);
    const found = componentDistance(Float64Array.from(q.getColumn(2)).map((v) => -v), q);
    assert.equal(found.index, 2);
    assert.equal(found.sign, -1);
    assert.ok(found.distance < 1e-15);
  });
});

describe("max-cut SDP certificate and rounding", () => {
  it("the 5-cycle's SDP value is (5/2)(1 + cos(π/5)), certified, with max cut 4 and rounding ≤ 4", () => {
    const result = maxCutSDP(cycle(5), { rank: 3, rng: rng(1) });
    assert.ok(Math.abs(result.value - 2.5 * (1 + Math.cos(Math.PI / 5))) < 1e-8, `SDP value ${result.value}`);
    assert.ok(result.certificate.lambdaMin > -1e-8 && result.certificate.gapBound < 1e-7);
    assert.equal(exhaustiveMaxCut(cycle(5)).value, 4);
    assert.ok(result.cut.value <= 4 && result.cut.value === cutValue(cycle(5), result.cut.sides));
    assert.equal(result.cut.sides.length, 5);
  });

  it("K₈: SDP value n²/4 = 16 = the max cut", () => {
    const result = maxCutSDP(complete(8), { rank: 4, rng: rng(2) });
    assert.ok(Math.abs(result.value - 16) < 1e-7 && result.certificate.lambdaMin > -1e-8);
    assert.equal(exhaustiveMaxCut(complete(8)).value, 16);
  });

  it("an uncertifiable point is reported as such: the twisted state of C₂₀ at p = 2 is second-order stationary but not optimal", () => {
    const w = cycle(20);
    const y = twistedState(20);
    const cert = maxCutCertificate(w, y);
    const twistedValue = 10 * (1 + Math.cos(Math.PI / 10));
    assert.ok(Math.abs(cert.value - twistedValue) < 1e-10);
    assert.equal(cert.certified, false);
    assert.ok(cert.lambdaMin < -1e-3, `λ_min(S) = ${cert.lambdaMin}`);
    // the bound holds: the true gap to the SDP optimum (20, the bipartite cycle's max cut) is at most n|λ_min|
    assert.ok(20 - cert.value <= cert.gapBound + 1e-12, `gap ${20 - cert.value} vs bound ${cert.gapBound}`);
    const report = secondOrderReport(objectives.burerMonteiroMaxCut(w, 2), y, { manifold: productOfSpheres(20, 2) });
    // a local minimum at p = 2: critical, the Riemannian Hessian ⪰ 0 with exactly one zero eigenvalue (the
    // rotation Y ↦ YQ, Q ∈ O(2), under which f is invariant) and the rest bounded away from 0
    assert.ok(report.gradNorm < 1e-12 && report.secondOrder, `${report.gradNorm}, ${report.lambdaMin}`);
    assert.ok(Math.abs(report.eigenvalues[0]) < 1e-10 && report.eigenvalues[1] > 1e-3, `${report.eigenvalues.slice(0, 3)}`);
    // and a random cut at p = 1 (every point is second-order stationary: the tangent space is {0}) is not certified
    const cut = Float64Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 1 : -1));
    assert.equal(maxCutCertificate(w, cut).certified, false);
  });

  it("E[rounded cut] is Σ W_ij·arccos⟨y_i, y_j⟩/π: at any point of the product of spheres, and exactly 4 on the 5-cycle's SDP optimum", () => {
    // The closed forms reject the linearized (1 − ⟨y_i, y_j⟩)/2, which gives (5/2)(1 + cos π/5) ≈ 4.52
    // on C5: at its (unique) SDP optimum neighbours are 4π/5 apart, each edge cut with probability 4/5.
    // 1e-6: the Riemannian descent stops at a gradient of about 1e-9, the Gram entries are that close.
    const c5 = maxCutSDP(cycle(5), { rank: 3, rng: rng(1) });
    assert.ok(Math.abs(c5.cut.expected - 4) < 1e-6, `C5: ${c5.cut.expected}`);
    // At a random point with unit rows (n = 9, p = 3), the formula summed here independently.
    const n = 9, p = 3, w = randomGraph(n, 0.6, 5), g = rng(11);
    const y = new Float64Array(n * p);
    for (let i = 0; i < n; i++) y.set(g.sphere(p), i * p);
    let expected = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let c = 0;
      for (let k = 0; k < p; k++) c += y[i * p + k] * y[j * p + k];
      expected += (w[i][j] * Math.acos(Math.max(-1, Math.min(1, c)))) / Math.PI;
    }
    const rounded = goemansWilliamson(w, y, { rng: rng(2), rounds: 5 });
    assert.ok(Math.abs(rounded.expected - expected) < 1e-12 * Math.max(1, expected), `${rounded.expected} vs ${expected}`);
  });

  it("exhaustive search agrees with a plain enumeration, and SDP ≥ max cut ≥ rounded, E[rounded] ≥ 0.878·SDP", () => {
    const w = randomGraph(10, 0.5, 21);
    let brute = 0;
    for (let mask = 0; mask < 1 << 10; mask++) brute = Math.max(brute, cutValue(w, Array.from({ length: 10 }, (_, i) => ((mask >> i) & 1 ? 1 : -1))));
    const exact = exhaustiveMaxCut(w);
    assert.ok(Math.abs(exact.value - brute) < 1e-12 && Math.abs(cutValue(w, exact.sides) - brute) < 1e-12);
    const sdp = maxCutSDP(w, { rank: 5, rng: rng(3), rounds: 2000 });
    assert.ok(sdp.certificate.certified);
    // the certified inequalities: SDP* ≤ value + gapBound, and SDP* ≥ max cut ≥ any rounded cut
    // (1e-9: the same cut summed in another order differs in the last bits)
    assert.ok(sdp.value + sdp.certificate.gapBound >= exact.value - 1e-9 && exact.value >= sdp.cut.value - 1e-9);
    assert.ok(sdp.cut.expected >= 0.878 * sdp.value, `${sdp.cut.expected} vs ${0.878 * sdp.value}`);
    // the Monte Carlo mean of 2000 hyperplanes against the closed form: 4 standard errors (cut spread ≤ total weight)
    const total = w.flat().reduce((s, v) => s + v, 0) / 2;
    assert.ok(Math.abs(sdp.cut.mean - sdp.cut.expected) < (4 * total) / Math.sqrt(2000) / 2, `${sdp.cut.mean} vs ${sdp.cut.expected}`);
    const again = goemansWilliamson(w, sdp.Y, { rng: rng(3), rounds: 10 });
    assert.equal(again.expected, sdp.cut.expected);
  });
});

describe("bad input names the argument", () => {
  it("throws for each new function", () => {
    assert.throws(() => objectives.matrixCompletion([[1, 0], [0, 1]], [[1, 0]], 1), /mask/);
    assert.throws(() => objectives.matrixCompletion([[1, 0], [0, 1]], [[1, 2], [0, 1]], 1), /mask\[0\]\[1\]/);
    assert.throws(() => objectives.matrixCompletion([[1, 0], [0, 1]], [[1, 0], [0, 1]], 3), /rank/);
    assert.throws(() => objectives.matrixCompletion([[1, 0], [0, 1]], [[1, 0], [0, 1]], 1, { regularizer: { lambda: -1, alpha: 1 } }), /regularizer.lambda/);
    assert.throws(() => objectives.matrixSensing([], [], 1), /a must/);
    assert.throws(() => objectives.matrixSensing([[[1, 0], [0, 1]]], [1, 2], 1), /y must/);
    assert.throws(() => objectives.phaseRetrieval([[1, 2]], [-1]), /y\[0\]/);
    assert.throws(() => objectives.tensorDecomposition(new Float64Array(15)), /t must/);
    assert.throws(() => objectives.burerMonteiroMaxCut([[0, 1], [2, 0]], 1), /symmetric/);
    assert.throws(() => objectives.burerMonteiroMaxCut([[0, -1], [-1, 0]], 1), /w\[0\]\[1\]/);
    assert.throws(() => maxCutSDP(cycle(4), { rank: 2, rng: 1 as never }), /rng/);
    assert.throws(() => maxCutSDP(cycle(4), { rank: 0, rng: rng(1) }), /options.rank/);
    assert.throws(() => maxCutCertificate(cycle(4), new Float64Array(8)), /unit-norm/);
    assert.throws(() => exhaustiveMaxCut(complete(25)), /24 vertices/);
    assert.throws(() => productOfSpheres(0, 2), /n must/);
    assert.throws(() => procrustesDistance([[1, 2]], [[1, 2], [3, 4]]), /same shape/);
    assert.throws(() => secondOrderReport(objectives.rayleighQuotient([[1, 0], [0, 2]]), Float64Array.of(1, 1), { manifold: sphere }), /x must lie/);
    assert.throws(() => secondOrderReport(objectives.rayleighQuotient([[1, 0], [0, 2]]), Float64Array.of(1, 0), null as never), /options/);
    assert.throws(() => goemansWilliamson(cycle(4), new Float64Array(4).fill(1), undefined as never), /options/);
    assert.throws(() => objectives.gram(new Float64Array(3), 2, 2), /u must have length 4/);
    assert.throws(() => optimizers.orthogonalComplementBasis(Float64Array.of(0, 0)), /v must be/);
    // found by the property-based fault suite: overflows and deep crashes now fail at the call with the argument's name
    assert.throws(() => maxCutSDP([[0]], { rank: 2, rng: rng(1) }), /options\.rank must be ≤ n = 1/);
    assert.throws(() => procrustesDistance([1, 2] as never, [[1], [2]]), /u\[0\] must be a non-empty row/);
    assert.throws(() => procrustesDistance([[1], [2]], [[0], [0]]), /uStar must be non-zero/);
    assert.throws(() => signDistance(Float64Array.of(1, 2), Float64Array.of(0, 0)), /xStar must be non-zero/);
    assert.throws(() => signDistance(Float64Array.of(1e300, 0), Float64Array.of(1e-300, 0)), /relative = Infinity/);
    assert.throws(() => objectives.gram(Float64Array.of(1e200, 1), 2, 1), /u's entries are too large/);
    assert.throws(() => objectives.orthogonalTensor([[1e100]]), /a and weights are too large/);
    assert.throws(() => objectives.orthogonalTensor([[1]], null as never), /weights must be an array of numbers/);
    assert.throws(() => objectives.orthogonalTensor([1, 2] as never), /a\[0\] must be a non-empty row/);
    assert.throws(() => objectives.graphWeights(new Matrix(0, 0)), /w must be non-empty/);
    const broken = (hessian: Matrix, grad = Float64Array.of(0, 0)): Objective => ({ dim: 2, value: () => 0, grad: () => grad, hessian: () => hessian });
    assert.throws(() => secondOrderReport(broken(new Matrix([[1]])), Float64Array.of(1, 0)), /objective\.hessian\(x\) must be 2×2/);
    assert.throws(() => secondOrderReport(broken(new Matrix([[1, -5], [5, 1]])), Float64Array.of(1, 0)), /objective\.hessian\(x\) must be symmetric/);
    assert.throws(() => secondOrderReport(broken(Matrix.eye(2), Float64Array.of(NaN, 0)), Float64Array.of(1, 0)), /objective\.grad\(x\)\[0\] must be finite/);
  });

  it("the distances, normalizeRows and orthogonalComplementBasis are scale-equivariant up to the ends of float64's range", () => {
    // Each was computed from squared entries: 1e200² overflowed to ∞ (∞ or NaN returned, or a zero row returned as
    // "normalized") and 1e-200² underflowed to 0 (a non-zero row rejected as zero). Scaled by 2^k, the results must
    // be the unscaled ones times 2^k (distances) or unchanged (relative errors, unit rows, bases), exactly: a power
    // of 2 scales without rounding, so the only admissible difference is the rounding of the computation itself.
    const u = [[1, -2], [0.5, 3], [2, 1]], uStar = [[1, -1.5], [1, 2.5], [2, 0]];
    const base = procrustesDistance(u, uStar);
    const x = Float64Array.of(3, -1, 2), xStar = Float64Array.of(-2.5, 1, -1);
    const sign = signDistance(x, xStar);
    for (const k of [660, -660]) {
      const s = 2 ** k;
      const scaled = procrustesDistance(u.map((r) => r.map((v) => v * s)), uStar.map((r) => r.map((v) => v * s)));
      assert.ok(Math.abs(scaled.distance / s - base.distance) < 1e-14 * base.distance, `procrustes at 2^${k}: ${scaled.distance / s} vs ${base.distance}`);
      assert.ok(Math.abs(scaled.matrixError - base.matrixError) < 1e-14 && Math.abs(scaled.relative - base.relative) < 1e-14);
      const signScaled = signDistance(x.map((v) => v * s), xStar.map((v) => v * s));
      assert.ok(Math.abs(signScaled.distance / s - sign.distance) < 1e-14 * sign.distance && Math.abs(signScaled.relative - sign.relative) < 1e-14 && signScaled.sign === sign.sign);
      const nearest = componentDistance(x.map((v) => v * s), [[-2.5 * s, 0], [s, s], [-s, 0]]);
      assert.equal(nearest.index, 0);
      assert.ok(Math.abs(nearest.distance / s - sign.distance) < 1e-14 * sign.distance);
      const rows = optimizers.normalizeRows(Float64Array.of(3 * s, 4 * s, 0, -s), 2, 2);
      assert.deepEqual(Array.from(rows), [0.6, 0.8, 0, -1]);
      const basis = optimizers.orthogonalComplementBasis(Float64Array.of(s, 2 * s, -2 * s));
      const plain = optimizers.orthogonalComplementBasis(Float64Array.of(1, 2, -2));
      assert.ok(Matrix.sub(basis, plain).norm("frobenius") < 1e-15, `basis at 2^${k}`);
    }
  });
});
