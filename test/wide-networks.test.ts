import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { margin, objectives, optimizers, rng, type Rng } from "landscape";

const { networkMargin, reluFeatureSup, reluMaxMargin, reluRegularizedLowerBound } = margin;

/** |Σᵢ cᵢ relu(uᵀx̃ᵢ)| at the angle t. */
const featureSum = (X: number[][], c: number[], t: number) => Math.abs(X.reduce((s, [a, b], i) => s + c[i] * Math.max(0, Math.cos(t) * a + Math.sin(t) * b), 0));
/** 1-D inputs with a bias, x̃ᵢ = (xᵢ, 1), evenly spaced in [−1, 1]. */
const withBias = (n: number) => Array.from({ length: n }, (_, i) => [-1 + (2 * i) / (n - 1), 1]);

describe("reluFeatureSup: max over the unit circle of |Σᵢ cᵢ relu(uᵀx̃ᵢ)|", () => {
  it("is ‖c x̃‖ for a single point (closed form) and attains it at u = x̃/‖x̃‖", () => {
    const s = reluFeatureSup([[3, 4]], [2]);
    assert.ok(Math.abs(s.value - 10) < 1e-12);
    assert.ok(Math.abs(s.direction[0] - 0.6) < 1e-12 && Math.abs(s.direction[1] - 0.8) < 1e-12);
  });

  it("matches a dense scan of the circle on random data, within the scan's Lipschitz error, and its direction attains it", () => {
    for (let seed = 0; seed < 5; seed++) {
      const r = rng(seed);
      const X = Array.from({ length: 7 }, () => [r.normal(), r.normal()]);
      const c = Array.from({ length: 7 }, () => r.normal());
      const s = reluFeatureSup(X, c);
      const N = 200_000;
      let scan = 0;
      for (let k = 0; k < N; k++) scan = Math.max(scan, featureSum(X, c, (2 * Math.PI * k) / N));
      // between scan points the sum moves by at most (π/N)·Σ|cᵢ|‖x̃ᵢ‖ (relu is 1-Lipschitz)
      const lipschitz = X.reduce((t, [a, b], i) => t + Math.abs(c[i]) * Math.hypot(a, b), 0);
      assert.ok(s.value >= scan - 1e-12 && s.value <= scan + (Math.PI / N) * lipschitz, `seed ${seed}: ${s.value} against the scan ${scan}`);
      assert.ok(Math.abs(featureSum(X, c, Math.atan2(s.direction[1], s.direction[0])) - s.value) < 1e-12);
    }
  });

  it("rejects rows not in ℝ², coefficients of the wrong length, and overflow", () => {
    assert.throws(() => reluFeatureSup([[1, 2, 3]], [1]), /X must have 2 columns/);
    assert.throws(() => reluFeatureSup([[1, 2]], [1, 2]), /c must have one coefficient per row/);
    assert.throws(() => reluFeatureSup([[1e300, 1e300], [1e300, 1e300]], [1e300, 1e300]), /overflows/);
  });
});

describe("reluMaxMargin: γ* of two-layer ReLU networks, bracketed", () => {
  it("gives the closed forms: one point (γ* = ‖x̃‖/2) and two opposite points (γ* = ‖x̃‖/4)", async () => {
    const one = await reluMaxMargin([[1, 0]], [1], { features: 4 });
    assert.ok(Math.abs(one.lower - 0.5) < 1e-9 && Math.abs(one.upper - 0.5) < 1e-9);
    // f = α₀ relu(x₁) − α_π relu(−x₁) with α₀ + α_π ≤ 1: the margins α₀ and α_π are both ½ at best
    const two = await reluMaxMargin([[1, 0], [-1, 0]], [1, -1], { features: 4 });
    assert.ok(Math.abs(two.lower - 0.25) < 1e-9 && Math.abs(two.upper - 0.25) < 1e-9, `${two.lower}, ${two.upper}`);
    assert.deepEqual(Array.from(two.sampleWeights, (v) => Math.round(v * 1e9) / 1e9), [0.5, 0.5]);
  });

  it("brackets γ*: the grid network has margin `lower` (formula), no random network beats `upper`, and refinement closes the bracket", async () => {
    const X = withBias(6), y = [1, 1, -1, -1, 1, 1];
    const coarse = await reluMaxMargin(X, y, { features: 50 });
    const fine = await reluMaxMargin(X, y, { features: 50, refinements: 4 });
    assert.ok(coarse.lower <= coarse.upper && coarse.upper <= coarse.aPrioriUpper);
    assert.ok(fine.upper - fine.lower < (coarse.upper - coarse.lower) / 10, `refinement closes the bracket: ${coarse.upper - coarse.lower} → ${fine.upper - fine.lower}`);
    assert.ok(fine.lower >= coarse.lower && fine.upper <= coarse.upper + 1e-15, "the refined bracket lies inside the coarse one");
    assert.deepEqual(fine.uniformGrid, { lower: coarse.lower, upper: coarse.upper }, "and reports the uniform grid's bracket");
    assert.ok(fine.support.length <= X.length, "a basic solution uses at most n features");
    // The balanced network aₖ = sign(αₖ)√|αₖ|, wₖ = √|αₖ|·uₖ on the LP's features has ‖θ‖² = 2‖α‖₁ = 2 and margin M_K/2 = lower.
    const m = fine.support.length;
    const theta = new Float64Array(3 * m);
    fine.support.forEach((k, j) => {
      const s = Math.sqrt(Math.abs(fine.weights[k]));
      theta[2 * j] = s * Math.cos(fine.angles[k]);
      theta[2 * j + 1] = s * Math.sin(fine.angles[k]);
      theta[2 * m + j] = Math.sign(fine.weights[k]) * s;
    });
    const net = objectives.twoLayerNetwork(X, y, { width: m, activation: "relu", loss: "logistic" });
    assert.ok(Math.abs(networkMargin(net.predict(theta, X), y, theta) - fine.lower) < 1e-9 * fine.lower);
    const r = rng(3);
    for (const width of [1, 3, 8, 30]) {
      const random = objectives.twoLayerNetwork(X, y, { width, activation: "relu", loss: "logistic" });
      for (let k = 0; k < 200; k++) {
        const t = random.init(r);
        assert.ok(networkMargin(random.predict(t, X), y, t) <= fine.upper + 1e-12, "no network has a margin above γ*");
      }
    }
  });

  it("scales with the data (M(sX) = s·M(X), exactly by powers of two even at 1e200)", async () => {
    const X = withBias(5), y = [1, -1, -1, 1, 1];
    const base = await reluMaxMargin(X, y, { features: 40 });
    const big = await reluMaxMargin(X.map((r) => r.map((v) => v * 1e200)), y, { features: 40 });
    assert.ok(Math.abs(big.lower / 1e200 - base.lower) < 1e-9 * base.lower && Math.abs(big.upper / 1e200 - base.upper) < 1e-9 * base.upper);
  });

  it("rejects data no network separates, fewer than 3 features, and rows not in ℝ²", async () => {
    await assert.rejects(reluMaxMargin([[1, 1], [1, 1]], [1, -1], { features: 10 }), /cannot be separated by any ReLU network/);
    await assert.rejects(reluMaxMargin([[1, 1]], [1], { features: 2 }), /features/);
    await assert.rejects(reluMaxMargin([[1, 1, 1]], [1]), /X must have 2 columns/);
  });
});

describe("networkMargin: γ(θ) = minᵢ yᵢf(xᵢ)/‖θ‖²", () => {
  it("is the formula, invariant under θ → cθ for a 2-homogeneous network, and rejects θ = 0", () => {
    assert.equal(networkMargin([2, -3, 1], [1, -1, 1], [1, 2, 2]), 1 / 9);
    const X = withBias(4), y = [1, -1, 1, -1];
    const net = objectives.twoLayerNetwork(X, y, { width: 3, activation: "relu", loss: "logistic" });
    const t = net.init(rng(1));
    const scaled = t.map((v) => 3 * v);
    assert.ok(Math.abs(networkMargin(net.predict(t, X), y, t) - networkMargin(net.predict(scaled, X), y, scaled)) < 1e-12);
    assert.throws(() => networkMargin([1], [1], [0, 0]), /theta must be non-zero/);
    assert.throws(() => networkMargin([1, 2], [1], [1]), /y must have one label per output/);
  });
});

describe("reluRegularizedLowerBound: a dual certificate for min L_λ over all widths", () => {
  const X = withBias(6), y = [1, 1, -1, -1, 1, 1];

  it("is ln 2 = L_λ(0) once λ is large enough that θ = 0 is the global minimum (closed form)", () => {
    // at f = 0, sᵢ = ½ and S = sup|(1/n)Σ ½yᵢ relu(uᵀx̃ᵢ)| ≤ ½·max‖x̃‖ ≤ 0.71, so for 2λ ≥ 0.71 the bound is (1/n)Σ H(½) = ln 2
    assert.ok(Math.abs(reluRegularizedLowerBound(X, y, new Float64Array(6), 1) - Math.LN2) < 1e-15);
    assert.ok(reluRegularizedLowerBound(X, y, new Float64Array(6), 1e-3) < Math.LN2, "for small λ, 0 is not optimal and the bound is below ln 2");
  });

  it("never exceeds L_λ(θ) of any network (weak duality), and nearly meets it at a trained one", () => {
    const lambda = 1e-2;
    const r = rng(5);
    for (const width of [2, 5, 20]) {
      const net = objectives.twoLayerNetwork(X, y, { width, activation: "relu", loss: "logistic", weightDecay: lambda });
      for (let k = 0; k < 50; k++) {
        const t = net.init(r, 1 + 3 * r.uniform());
        const other = net.init(r);
        // the bound from any outputs is below the value of any network
        assert.ok(reluRegularizedLowerBound(X, y, net.predict(other, X), lambda) <= net.value(t) + 1e-12);
      }
    }
    const net = objectives.twoLayerNetwork(X, y, { width: 20, activation: "relu", loss: "logistic", weightDecay: lambda });
    const trained = optimizers.gradientDescent(net, net.init(rng(1)), { stepSize: 0.5, maxIterations: 4000, tolerance: 0 });
    const bound = reluRegularizedLowerBound(X, y, net.predict(trained.x, X), lambda);
    const start = net.init(rng(1));
    const startGap = (net.value(start) - reluRegularizedLowerBound(X, y, net.predict(start, X), lambda)) / net.value(start);
    // measured relative gap 1.4e-2 after 4,000 steps (5e-2 is 3.5× that), against 0.83 at the random start: the
    // certificate tells a near-optimal network from one that is not
    assert.ok(bound <= trained.value && (trained.value - bound) / trained.value < 5e-2, `${bound} against ${trained.value}`);
    assert.ok(startGap > 0.2, `the random start is not certified: gap ${startGap}`);
  });

  it("rejects λ ≤ 0 and outputs of the wrong length", () => {
    assert.throws(() => reluRegularizedLowerBound(X, y, new Float64Array(6), 0), /lambda must be > 0/);
    assert.throws(() => reluRegularizedLowerBound(X, y, new Float64Array(5), 1), /outputs must have one value per row/);
  });
});

describe("noisyGradientDescent: a gradient step, then each unit re-drawn with probability ησ", () => {
  // a coupled quadratic f(x) = ½xᵀAx − bᵀx on three units of two coordinates
  const A = [[3, 1, 0, 0, 0.5, 0], [1, 2, 0.3, 0, 0, 0], [0, 0.3, 4, 1, 0, 0], [0, 0, 1, 2, 0, 0.2], [0.5, 0, 0, 0, 3, 1], [0, 0, 0, 0.2, 1, 2]];
  const b = [1, -2, 0.5, 1, -1, 0.3];
  const f = objectives.quadratic(A, Float64Array.from(b));
  const x0 = Float64Array.of(0.3, -0.7, 1.1, 0.4, -0.2, 0.9);
  const reinitialize = (x: Float64Array, j: number, g: Rng) => {
    x[2 * j] = g.normal(0, 0.5);
    x[2 * j + 1] = g.normal(0, 0.5);
  };

  it("takes one step by its formula: x − η∇f(x), then unit j re-drawn when its uniform draw is below ησ (twin generator)", () => {
    const eta = 0.1, sigma = 5; // ησ = 0.5
    const trace = optimizers.noisyGradientDescent(f, x0, { stepSize: eta, maxIterations: 1, noise: sigma, units: 3, reinitialize, rng: rng(11) });
    const g = f.grad(x0);
    const expected = x0.map((v, i) => v - eta * g[i]);
    const twin = rng(11);
    let redrawn = 0;
    for (let j = 0; j < 3; j++) {
      if (twin.uniform() < eta * sigma) {
        reinitialize(expected, j, twin);
        redrawn++;
      }
    }
    assert.ok(redrawn > 0 && redrawn < 3, `the seed re-draws some units but not all (${redrawn})`);
    assert.deepEqual(Array.from(trace.x), Array.from(expected));
    assert.equal(trace.reinitialized, redrawn);
  });

  it("is gradient descent for σ = 0, re-draws a fraction ησ of the units on average, and rejects ησ > 1", () => {
    const plain = optimizers.gradientDescent(f, x0, { stepSize: 0.1, maxIterations: 20, tolerance: 0 });
    const noiseless = optimizers.noisyGradientDescent(f, x0, { stepSize: 0.1, maxIterations: 20, noise: 0, units: 3, reinitialize, rng: rng(1) });
    assert.deepEqual(Array.from(noiseless.x), Array.from(plain.x));
    assert.equal(noiseless.reinitialized, 0);
    const steps = 20_000, p = 0.1 * 0.3;
    const noisy = optimizers.noisyGradientDescent(f, x0, { stepSize: 0.1, maxIterations: steps, noise: 0.3, units: 3, reinitialize, rng: rng(2) });
    // binomial(3·20,000, 0.03): mean 1,800, standard deviation 41.8; 5 standard deviations
    assert.ok(Math.abs(noisy.reinitialized - 3 * steps * p) < 5 * Math.sqrt(3 * steps * p * (1 - p)), `${noisy.reinitialized} re-draws`);
    assert.throws(() => optimizers.noisyGradientDescent(f, x0, { stepSize: 0.5, maxIterations: 2, noise: 3, units: 3, reinitialize, rng: rng(1) }), /stepSize·noise must be ≤ 1/);
    assert.throws(() => optimizers.noisyGradientDescent(f, x0, { stepSize: 0.1, maxIterations: 2, noise: 1, units: 0, reinitialize, rng: rng(1) }), /units/);
  });
});
