// What the first Stryker run of lib/src/certify/quadraticNetwork.ts (2026-11-30, third session)
// left open: the gap bound when F(M) > F₀ and λ_min(G) < 0 (where F₀ = (1/n)Σℓ(yᵢ, 0) enters),
// μ = 0 exactly, a point with G ⪰ 0 but ⟨G, M⟩ > tol (not certified), F bounded though
// λ_min(λI + C) < 0 (the compression of λI + C to the inputs' null space, with off-diagonal
// terms and a two-dimensional null space), FISTA's check every 10 iterations, and the names.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certify, objectives } from "landscape";

const { quadraticNetworkCertificate, quadraticNetworkConvexOptimum } = certify;
const ones = (k: number) => new Array<number>(k).fill(1);

describe("quadraticNetworkCertificate: the bound's F₀, μ = 0, and ⟨G, M⟩", () => {
  // X = I₂, y = (1, 5), squared loss, λ = 0.1; θ = W = (√10, 0): M = diag(10, 0), f = (10, 0)
  const net = (C?: number[][]) => objectives.twoLayerNetwork([[1, 0], [0, 1]], [1, 5], { width: 1, activation: "quadratic", loss: "squared", outputWeights: [1], weightDecay: 0.1, ...(C ? { perturbation: C } : {}) });
  const theta = Float64Array.of(Math.sqrt(10), 0);

  it("F(M) > F₀ with λ_min(G) < 0: gap bound = ⟨G, M⟩ + (F₀/μ)·(−λ_min), F₀ = (1/n)Σ½yᵢ²", () => {
    const c = quadraticNetworkCertificate(net(), theta);
    // F = ½(½·9² + ½·5²) + λ·10 = 27.5; G = ½ diag(9, −5) + λI = diag(4.6, −2.4); ⟨G, M⟩ = 46; F₀ = ½(½ + 12.5) = 6.5
    assert.ok(Math.abs(c.value - 27.5) < 1e-13, `F = ${c.value}`);
    assert.ok(Math.abs(c.lambdaMin + 2.4) < 1e-13 && Math.abs(c.innerProduct - 46) < 1e-12);
    const bound = 46 + (6.5 / 0.1) * 2.4;
    assert.ok(Math.abs(c.gapBound! - bound) < 1e-12 * bound, `gap bound ${c.gapBound} vs ${bound} (F₀·n² would give ${46 + (26 / 0.1) * 2.4})`);
  });

  it("μ = λ + λ_min(C) = 0 exactly: no trace bound, so no gap bound", () => {
    assert.equal(quadraticNetworkCertificate(net([[-0.1, 0], [0, 0.5]]), theta).gapBound, undefined);
  });

  it("G ⪰ 0 but ⟨G, M⟩ ≫ tolerance: not certified", () => {
    // W = 3I: f = (9, 9) above y, G = ½ diag(8, 4) + λI ⪰ 0, ⟨G, M⟩ = 9(4.1 + 2.1) = 55.8
    const wide = objectives.twoLayerNetwork([[1, 0], [0, 1]], [1, 5], { width: 2, activation: "quadratic", loss: "squared", outputWeights: ones(2), weightDecay: 0.1 });
    const c = quadraticNetworkCertificate(wide, Float64Array.of(3, 0, 0, 3));
    assert.ok(c.lambdaMin > 0 && Math.abs(c.innerProduct - 55.8) < 1e-12, `λ_min ${c.lambdaMin}, ⟨G, M⟩ ${c.innerProduct}`);
    assert.equal(c.certified, false);
  });

  it("names null options and a network without unpack", () => {
    assert.throws(() => quadraticNetworkCertificate(net(), theta, null as never), /^Error: options must be an object/);
    assert.throws(() => quadraticNetworkConvexOptimum(net(), null as never), /^Error: options must be an object/);
    assert.throws(() => quadraticNetworkCertificate({ inputs: { rows: 1, cols: 1, data: Float64Array.of(1) } } as never, theta), /^Error: network must be a TwoLayerNetwork/);
  });
});

describe("quadraticNetworkConvexOptimum: bounded with λ_min(λI + C) < 0, and its checks", () => {
  // one input x = (1, 1, 0) in ℝ³: the null space is span{u = (1, −1, 0)/√2, e₃}. λ = 0.1, C = diag(−0.2, 0.05, c₃):
  // λI + C = diag(−0.1, 0.15, 0.1 + c₃) has a negative eigenvalue, but uᵀ(λI + C)u = ½(−0.1 + 0.15) = 0.025 and e₃ᵀ(λI + C)e₃ =
  // 0.1 + c₃: F is bounded below iff c₃ ≥ −0.1 (at c₃ = −0.1, F is flat along e₃e₃ᵀ). Without λ on the diagonal, or with λ off it,
  // uᵀ(·)u = −0.075 < 0.
  const net = (c3: number) => objectives.twoLayerNetwork([[1, 1, 0]], [2], { width: 3, activation: "quadratic", loss: "squared", outputWeights: ones(3), weightDecay: 0.1, perturbation: [[-0.2, 0, 0], [0, 0.05, 0], [0, 0, c3]] });

  it("converges where the compression is positive semidefinite (c₃ = 0 and the flat c₃ = −0.1), throws where it is not", () => {
    for (const c3 of [0, -0.1]) {
      const opt = quadraticNetworkConvexOptimum(net(c3));
      assert.ok(opt.converged, `c₃ = ${c3}: ${opt.iterations} iterations`);
      assert.ok(opt.lambdaMin >= -1e-9 && Math.abs(opt.innerProduct) <= 1e-9, `c₃ = ${c3}: λ_min ${opt.lambdaMin}, ⟨G, M⟩ ${opt.innerProduct}`);
      assert.equal(opt.iterations % 10, 0, "the conditions are checked every 10 iterations");
    }
    assert.throws(() => quadraticNetworkConvexOptimum(net(-0.11)), /unbounded below/);
    // inputs spanning ℝ² (no null space): bounded whatever λI + C, here diag(−0.2, 0.1)
    const full = objectives.twoLayerNetwork([[1, 0], [0, 1]], [1, 2], { width: 2, activation: "quadratic", loss: "squared", outputWeights: ones(2), weightDecay: 0.1, perturbation: [[-0.3, 0], [0, 0]] });
    assert.ok(quadraticNetworkConvexOptimum(full).converged);
  });

  it("at maxIterations it checks the conditions once more and reports them", () => {
    const opt = quadraticNetworkConvexOptimum(net(0), { maxIterations: 7 });
    assert.equal(opt.iterations, 7);
    assert.equal(opt.converged, opt.lambdaMin >= -1e-9 && Math.abs(opt.innerProduct) <= 1e-9);
  });
});

describe("groundTruth's distances: shapes, names, the size limit, overflow", () => {
  it("names u and uStar of different column counts, a bad xStar, a bad u, and 21 rows of bStar; takes 20", () => {
    assert.throws(() => certify.procrustesDistance([[1, 0], [0, 1], [1, 1]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]), /^Error: u and uStar must have the same shape, got 3×2 and 3×3$/);
    assert.throws(() => certify.signDistance(Float64Array.of(1), "x" as never), /^Error: xStar must be/);
    assert.throws(() => certify.projectorDistance("x" as never, [[1], [0]]), /^Error: u must be/);
    const column = (m: number) => Array.from({ length: m }, (_, i) => [i + 1]);
    assert.throws(() => certify.permutationDistance(column(21), column(21)), /^Error: bStar must have at most 20 rows \(the exact assignment costs m²2\^m\), got 21$/);
    const reversed = column(20).reverse();
    const r = certify.permutationDistance(reversed, column(20));
    assert.equal(r.distance, 0);
    assert.deepEqual(r.assignment, Array.from({ length: 20 }, (_, j) => 19 - j));
  });

  it("a distance beyond float64's range is named, not returned as ∞", () => {
    // rows ±1.5e308 against (1, 2): on the common scale the cost is 2, so the distance is √2·1.5e308 = ∞ in float64
    assert.throws(() => certify.permutationDistance([[1.5e308], [-1.5e308]], [[1], [2]]), /permutationDistance\(b, bStar\)/);
  });
});
