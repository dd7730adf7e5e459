import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certify, Matrix, objectives, optimizers, rng } from "landscape";

const { quadraticNetworkCertificate, quadraticNetworkConvexOptimum } = certify;
const ones = (k: number) => new Array<number>(k).fill(1);

/** n inputs on the unit sphere of ℝᵈ, labels xᵀTx from a planted T = Q·diag(1 … 2)·Qᵀ (full rank, well conditioned). */
function planted(n: number, d: number, seed: number) {
  const r = rng(seed);
  const Q = r.orthogonal(d);
  const T = Q.mmul(Matrix.diag(Array.from({ length: d }, (_, i) => 1 + i / Math.max(d - 1, 1)))).mmul(Q.transpose());
  const X = Array.from({ length: n }, () => Array.from(r.sphere(d)));
  const y = X.map((x) => x.reduce((s, xi, i) => s + xi * x.reduce((t, xj, j) => t + T.get(i, j) * xj, 0), 0));
  return { X, y };
}

describe("quadratic-network certificate", () => {
  // x = e₁, e₂, e₃ (n = 3), y = (2, −1, 0.5), λ = 0.1: F(M) = (1/3)·Σ ½(Mᵢᵢ − yᵢ)² + 0.1·tr M depends on
  // the diagonal only; its minimum over M ⪰ 0 is at Mᵢᵢ = max(yᵢ − 3λ, 0) = (1.7, 0, 0.2), with
  // F* = (0.3² + 1² + 0.3²)/6 + 0.1·1.9, and G = ∇F = diag((Mᵢᵢ − yᵢ)/3 + 0.1).
  const basis = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const exact = (k: number) => objectives.twoLayerNetwork(basis, [2, -1, 0.5], { width: k, activation: "quadratic", loss: "squared", outputWeights: ones(k), weightDecay: 0.1 });
  const Fstar = (0.09 + 1 + 0.09) / 6 + 0.19;

  it("accepts the closed-form optimum with λ_min(G) = 0 and ⟨G, M⟩ = 0, and the convex solve finds F*", () => {
    const net = exact(2);
    const theta = Float64Array.of(Math.sqrt(1.7), 0, 0, 0, 0, Math.sqrt(0.2));
    const c = quadraticNetworkCertificate(net, theta);
    assert.ok(Math.abs(c.value - Fstar) < 1e-15 && Math.abs(net.value(theta) - Fstar) < 1e-15);
    assert.ok(Math.abs(c.lambdaMin) < 1e-15, `λ_min(G) = ${c.lambdaMin}`);
    assert.ok(Math.abs(c.innerProduct) < 1e-15);
    assert.ok(Math.abs(c.G.get(1, 1) - (1 / 3 + 0.1)) < 1e-15);
    assert.ok(c.certified);
    const opt = quadraticNetworkConvexOptimum(net);
    assert.ok(opt.converged);
    // FISTA stops at |⟨G, M⟩| ≤ 1e-9 and λ_min(G) ≥ −1e-9: F − F* ≤ 1e-9 + R·1e-9 with R = 8.75
    assert.ok(Math.abs(opt.value - Fstar) < 1e-8, `convex optimum ${opt.value}, closed form ${Fstar}`);
    assert.equal(opt.rank, 2);
    [1.7, 0, 0.2].forEach((v, i) => assert.ok(Math.abs(opt.M.get(i, i) - v) < 1e-6));
  });

  it("rejects a point off the optimum with the exact λ_min(G), and its gap bound holds", () => {
    const net = exact(2);
    const theta = Float64Array.of(1, 0, 0, 0, 0, Math.sqrt(0.2)); // M₁₁ = 1 < 1.7: G₁₁ = (1 − 2)/3 + 0.1
    const c = quadraticNetworkCertificate(net, theta);
    assert.ok(Math.abs(c.lambdaMin - (-1 / 3 + 0.1)) < 1e-15, `λ_min(G) = ${c.lambdaMin}`);
    assert.ok(!c.certified);
    // R = min(F₀, F(M))/λ with F₀ = (4 + 1 + 0.25)/6 = 0.875 > F(M) here; bound = ⟨G, M⟩ + R·|λ_min|
    assert.ok(c.value < 5.25 / 6);
    const R = c.value / 0.1;
    assert.ok(Math.abs(c.gapBound! - (c.innerProduct + R * (1 / 3 - 0.1))) < 1e-12);
    assert.ok(c.value - Fstar <= c.gapBound! && c.value - Fstar > 0.08);
  });

  it("has G with ∇_{wⱼ}L = 2Gwⱼ (the network's gradient, an independent formula)", () => {
    const { X, y } = planted(15, 4, 1);
    const C = rng(2).normalMatrix(4, 4);
    const Csym = C.add(C.transpose()).mul(0.05);
    const net = objectives.twoLayerNetwork(X, y, { width: 3, activation: "quadratic", loss: "squared", outputWeights: ones(3), weightDecay: 0.02, perturbation: Csym });
    const theta = net.init(rng(3));
    const c = quadraticNetworkCertificate(net, theta);
    const g = net.grad(theta);
    const W = new Matrix(3, 4);
    for (let j = 0; j < 3; j++) for (let l = 0; l < 4; l++) W.set(j, l, theta[j * 4 + l]);
    const twoWG = W.mmul(c.G).mul(2).to1DArray();
    const err = Math.max(...twoWG.map((v, i) => Math.abs(v - g[i])));
    assert.ok(err < 1e-13, `max |2WG − ∇L| = ${err}`); // rounding of sums of O(1) terms
    assert.ok(Math.abs(c.value - net.value(theta)) < 1e-13);
  });

  for (const loss of ["squared", "logistic"] as const) {
    it(`certifies a wide network (k = d + 1) trained by gd and matches the convex optimum; rejects k = rank(M*) − 1 (${loss})`, () => {
      const d = 4;
      const { X, y } = planted(30, d, 4);
      const labels = loss === "squared" ? y : y.map((v) => (v > 1.5 ? 1 : -1));
      const make = (k: number) => objectives.twoLayerNetwork(X, labels, { width: k, activation: "quadratic", loss, outputWeights: ones(k), weightDecay: 0.01 });
      const opt = quadraticNetworkConvexOptimum(make(1));
      assert.ok(opt.converged);
      const wide = make(d + 1);
      const trace = optimizers.gd(wide, wide.init(rng(5)), { stepSize: 0.2, maxIterations: 20_000, tolerance: 1e-9 });
      const c = quadraticNetworkCertificate(wide, trace.x);
      assert.ok(c.certified, `λ_min(G) = ${c.lambdaMin}, ⟨G, M⟩ = ${c.innerProduct}`);
      // both stop at 1e-9-level optimality conditions (observed difference ≤ 1e-16); a network
      // stuck at a lower rank is ≥ 2e-4 above (below)
      assert.ok(Math.abs(trace.value - opt.value) < 1e-8, `network ${trace.value} vs convex ${opt.value}`);
      assert.ok(c.gapBound !== undefined && c.gapBound < 1e-4);
      // the convex optimum has rank 4 (squared) and 2 (logistic): one neuron fewer cannot reach it
      const narrow = make(opt.rank - 1);
      const t1 = optimizers.gd(narrow, narrow.init(rng(6)), { stepSize: 0.2, maxIterations: 20_000, tolerance: 1e-9 });
      const c1 = quadraticNetworkCertificate(narrow, t1.x);
      // observed λ_min(G) = −1.0e-2 (squared, k = 3), −3.6e-3 (logistic, k = 1); a certified point has ≥ −1e-6
      assert.ok(!c1.certified && c1.lambdaMin < -1e-3, `k = rank − 1: λ_min(G) = ${c1.lambdaMin}`);
      // observed gaps 4.1e-3 and 2.0e-4, against ≤ 1e-16 for the wide network
      assert.ok(t1.value - opt.value > 1e-5, `k = rank − 1 ends at ${t1.value}, optimum ${opt.value}`);
      assert.ok(c1.gapBound! >= t1.value - opt.value);
    });
  }

  it("rejects networks it does not apply to, with errors naming the argument", () => {
    const X = [[1, 0], [0, 1]];
    const base = { width: 2, activation: "quadratic", loss: "squared" } as const;
    assert.throws(() => quadraticNetworkCertificate(objectives.twoLayerNetwork(X, [1, 1], base), new Float64Array(6)), /network must have fixed output weights/);
    assert.throws(() => quadraticNetworkCertificate(objectives.twoLayerNetwork(X, [1, 1], { ...base, outputWeights: [1, -1] }), new Float64Array(4)), /network must have fixed output weights/);
    assert.throws(() => quadraticNetworkCertificate(objectives.twoLayerNetwork(X, [1, 1], { ...base, activation: "relu", outputWeights: [1, 1] }), new Float64Array(4)), /network must have the quadratic activation/);
    assert.throws(() => quadraticNetworkCertificate(objectives.twoLayerNetwork(X, [1, 1], { ...base, outputWeights: [1, 1] }), new Float64Array(3)), /theta must have length 4/);
    assert.throws(() => quadraticNetworkConvexOptimum({} as never), /network must be a TwoLayerNetwork/);
  });

  it("throws, naming weightDecay and perturbation, when λI + C is not PSD and F is unbounded below (n < d)", () => {
    // inputs in the plane x₃ = 0 and C = −0.5·e₃e₃ᵀ: F(t·e₃e₃ᵀ) = F(0) + t(λ − 0.5) → −∞
    const X = [[1, 0, 0], [0, 1, 0]];
    const C = Matrix.zeros(3, 3);
    C.set(2, 2, -0.5);
    const make = (perturbation: Matrix) => objectives.twoLayerNetwork(X, [1, 2], { width: 3, activation: "quadratic", loss: "squared", outputWeights: ones(3), weightDecay: 0.1, perturbation });
    assert.throws(() => quadraticNetworkConvexOptimum(make(C)), /unbounded below.*weightDecay.*perturbation/);
    // the same C along x₁, a direction the data see: μ < 0 but the squared loss keeps F bounded, and the solve converges
    const C1 = Matrix.zeros(3, 3);
    C1.set(0, 0, -0.5);
    const opt = quadraticNetworkConvexOptimum(make(C1));
    assert.ok(opt.converged, `bounded problem with μ < 0: ${opt.iterations} iterations`);
    // closed form: M₁₁ = argmin ½(m − 1)²/2 + (0.1 − 0.5)m = 1.8, M₂₂ = 2 − 0.2 = 1.8, M₃₃ = 0
    assert.ok(Math.abs(opt.M.get(0, 0) - 1.8) < 1e-6 && Math.abs(opt.M.get(1, 1) - 1.8) < 1e-6 && Math.abs(opt.M.get(2, 2)) < 1e-9);
  });
});
