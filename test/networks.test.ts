import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ad, certify, linalg, Matrix, objectives, optimizers, rng } from "landscape";

const { finiteDifferenceGradient, relativeError } = certify;
type Options = Parameters<typeof objectives.twoLayerNetwork>[2];

/** The same loss as an ad program, written sample by sample (independent of the batched code). */
function program(X: number[][], y: number[], o: Options): ad.Program {
  const { width: m, activation, loss, outputWeights = "trained", weightDecay = 0 } = o;
  const d = X[0].length;
  const sigma = (z: ad.Node) => (activation === "relu" ? ad.relu(z) : activation === "quadratic" ? ad.square(z) : ad.log(ad.add(1, ad.exp(z))));
  return (t) => {
    const a = (j: number) => (outputWeights === "trained" ? t[m * d + j] : outputWeights[j]);
    const terms = X.map((x, i) => {
      const f = ad.sum(Array.from({ length: m }, (_, j) => ad.mul(a(j), sigma(ad.sum(x.map((xl, l) => ad.mul(t[j * d + l], xl)))))));
      return loss === "squared" ? ad.mul(0.5, ad.square(ad.sub(f, y[i]))) : ad.log(ad.add(1, ad.exp(ad.mul(-y[i], f))));
    });
    return ad.add(ad.mul(ad.sum(terms), 1 / X.length), ad.mul(weightDecay, ad.sum(t.map((ti) => ad.square(ti)))));
  };
}

function data(n: number, d: number, seed: number, labels: "real" | "sign") {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from(r.normalVector(d)));
  const y = X.map(() => (labels === "real" ? r.normal() : r.uniform() < 0.5 ? -1 : 1));
  return { X, y };
}

describe("twoLayerNetwork", () => {
  const cases: Options[] = [];
  for (const activation of ["relu", "quadratic", "softplus"] as const) {
    for (const loss of ["squared", "logistic"] as const) {
      cases.push({ width: 3, activation, loss });
      cases.push({ width: 4, activation, loss, outputWeights: [1, -1, 0.5, 2], weightDecay: 0.03 });
    }
  }

  for (const o of cases) {
    const label = `${o.activation}, ${o.loss}, a ${o.outputWeights === undefined ? "trained" : "fixed"}, λ = ${o.weightDecay ?? 0}`;
    it(`has value and gradient equal to the ad program's, and gradient equal to central differences (${label})`, () => {
      const { X, y } = data(7, 3, 11, o.loss === "squared" ? "real" : "sign");
      const net = objectives.twoLayerNetwork(new Matrix(X), y, o);
      assert.equal(net.dim, o.outputWeights === undefined ? o.width * 3 + o.width : o.width * 3);
      const p = program(X, y, o);
      const r = rng(5);
      for (let trial = 0; trial < 4; trial++) {
        const theta = net.init(r, 1.5);
        if (net.trainsOutputWeights) for (let j = 0; j < o.width; j++) theta[o.width * 3 + j] *= 3;
        const reference = ad.grad(p, theta, { rule: "framework" });
        // the same sums in another order: rounding only (observed ≤ 4.3e-16 relative over the 48 points)
        assert.ok(Math.abs(net.value(theta) - reference.value) <= 1e-12 * Math.max(1, Math.abs(reference.value)), `value ${net.value(theta)} vs ad ${reference.value}`);
        const g = net.grad(theta);
        const adError = relativeError(g, reference.grad); // observed ≤ 4e-16; a missing σ′ or 1/n is O(1)
        assert.ok(adError < 1e-12, `gradient differs from the ad gradient by ${adError}`);
        // central differences with h = 1e-5: truncation O(h²) and rounding O(ε/h), ≤ 2.8e-9 observed; a wrong factor fails by O(1)
        const fdError = relativeError(g, finiteDifferenceGradient(net, theta));
        assert.ok(fdError < 1e-7, `gradient differs from central differences by ${fdError}`);
      }
    });
  }

  it("has the value and gradient computed by hand on a 2-sample, 2-unit ReLU network", () => {
    // X = [[1, 2], [−1, 1]], y = [1, −1], W = [[1, 0], [0.5, −1]], a = [2, −1], λ = 0.1.
    // Z = XWᵀ = [[1, −1.5], [−1, −1.5]], H = relu(Z) = [[1, 0], [0, 0]], f = Ha = [2, 0].
    // L = ½[(2 − 1)² + (0 + 1)²]/2 + 0.1·(1 + 0 + 0.25 + 1 + 4 + 1) = 0.5 + 0.725 = 1.225.
    // r = (f − y)/n = [0.5, 0.5]; ∇a = Hᵀr + 2λa = [0.5 + 0.4, 0 − 0.2];
    // ∇W = (r aᵀ ⊙ 1[Z > 0])ᵀX + 2λW = [[1·1, 1·2], [0, 0]] + [[0.2, 0], [0.1, −0.2]].
    const X = linalg.dense(2, 2, Float64Array.of(1, 2, -1, 1));
    const net = objectives.twoLayerNetwork(X, [1, -1], { width: 2, activation: "relu", loss: "squared", weightDecay: 0.1 });
    const theta = net.pack(linalg.dense(2, 2, Float64Array.of(1, 0, 0.5, -1)), [2, -1]);
    assert.deepEqual(Array.from(theta), [1, 0, 0.5, -1, 2, -1]);
    assert.ok(Math.abs(net.value(theta) - 1.225) < 1e-15);
    const g = net.grad(theta);
    [1.2, 2, 0.1, -0.2, 0.9, -0.2].forEach((v, i) => assert.ok(Math.abs(g[i] - v) < 1e-15, `∂L/∂θ[${i}] = ${g[i]}, by hand ${v}`));
    assert.deepEqual(Array.from(net.predict(theta, X)), [2, 0]);
  });

  it("has the quadratic network's value by hand for both losses", () => {
    // same data and weights, σ(z) = z²: H = [[1, 2.25], [1, 2.25]], f = [−0.25, −0.25]
    const X = new Matrix([[1, 2], [-1, 1]]);
    const W = linalg.dense(2, 2, Float64Array.of(1, 0, 0.5, -1));
    const squared = objectives.twoLayerNetwork(X, [1, -1], { width: 2, activation: "quadratic", loss: "squared" });
    assert.ok(Math.abs(squared.value(squared.pack(W, [2, -1])) - (0.5 * 1.25 ** 2 + 0.5 * 0.75 ** 2) / 2) < 1e-15);
    // logistic: [log(1 + e^{0.25}) + log(1 + e^{−0.25})]/2, a fixed (not in θ, not penalized)
    const logistic = objectives.twoLayerNetwork(X, [1, -1], { width: 2, activation: "quadratic", loss: "logistic", outputWeights: [2, -1], weightDecay: 0 });
    assert.equal(logistic.dim, 4);
    assert.ok(Math.abs(logistic.value(logistic.pack(W)) - (Math.log(1 + Math.exp(0.25)) + Math.log(1 + Math.exp(-0.25))) / 2) < 1e-15);
  });

  it("takes relu′(0) = 0: a unit exactly at its kink gets no gradient from that sample", () => {
    const X = new Matrix([[1, -1]]);
    const net = objectives.twoLayerNetwork(X, [3], { width: 1, activation: "relu", loss: "squared" });
    const g = net.grad(Float64Array.of(1, 1, 2)); // wᵀx = 0
    assert.deepEqual(Array.from(g), [0, 0, 0]);
  });

  it("computes the logistic loss without overflow and its gradient where exp(−yf) overflows", () => {
    const X = new Matrix([[1]]);
    const net = objectives.twoLayerNetwork(X, [-1], { width: 1, activation: "quadratic", loss: "logistic", outputWeights: [1] });
    // f = 1000² = 1e6, yf = −1e6: ℓ = 1e6 + log(1 + e^{−1e6}) = 1e6; ∂ℓ/∂w = −y·σ(−yf)·2w·x = 2000
    assert.equal(net.value(Float64Array.of(1000)), 1e6);
    assert.equal(net.grad(Float64Array.of(1000))[0], 2000);
  });

  it("unpacks W as a view and a as a view (trained) or a copy (fixed), and predicts on new inputs", () => {
    const { X, y } = data(5, 3, 2, "real");
    const net = objectives.twoLayerNetwork(new Matrix(X), y, { width: 2, activation: "softplus", loss: "squared" });
    const theta = net.init(rng(3));
    const { W, a } = net.unpack(theta);
    assert.equal(W.rows, 2);
    assert.equal(W.cols, 3);
    theta[0] = 7;
    a[1] = -4;
    assert.equal(W.data[0], 7);
    assert.equal(theta[7], -4);
    assert.deepEqual(net.pack(W, a), theta);
    // predict = f: the squared loss with y = 0 is mean ½f²
    const zero = objectives.twoLayerNetwork(new Matrix(X), [0, 0, 0, 0, 0], { width: 2, activation: "softplus", loss: "squared" });
    const f = net.predict(theta, new Matrix(X));
    assert.ok(Math.abs(zero.value(theta) - f.reduce((s, v) => s + 0.5 * v * v, 0) / 5) < 1e-14);
    const fixed = objectives.twoLayerNetwork(new Matrix(X), y, { width: 2, activation: "relu", loss: "squared", outputWeights: [1, -1] });
    const u = fixed.unpack(fixed.init(rng(4)));
    u.a[0] = 9;
    assert.deepEqual(Array.from(fixed.unpack(new Float64Array(6)).a), [1, -1]);
    assert.throws(() => fixed.pack(u.W, [1, 1]), /a must be omitted/);
  });

  it("draws wⱼ ~ N(0, scale²/d) and aⱼ ~ N(0, 1/m)", () => {
    const m = 2000, d = 5;
    const net = objectives.twoLayerNetwork(new Matrix([[1, 2, 3, 4, 5]]), [0], { width: m, activation: "relu", loss: "squared" });
    const theta = net.init(rng(6), 2);
    const variance = (v: Float64Array) => v.reduce((s, x) => s + x * x, 0) / v.length;
    // 10,000 and 2,000 draws: the variance estimates' relative sd are 1.4% and 3.2%; 5 sd,
    // so scale instead of scale² (or 1/d missing) fails
    assert.ok(Math.abs(variance(theta.subarray(0, m * d)) / (4 / d) - 1) < 0.07);
    assert.ok(Math.abs(variance(theta.subarray(m * d)) / (1 / m) - 1) < 0.16);
  });

  it("reports divergence: +∞ value and NaN gradient at a non-finite θ or an overflowing forward pass", () => {
    const net = objectives.twoLayerNetwork(new Matrix([[1, 1]]), [1], { width: 1, activation: "quadratic", loss: "squared" });
    assert.equal(net.value(Float64Array.of(NaN, 0, 1)), Infinity);
    assert.ok(Number.isNaN(net.grad(Float64Array.of(NaN, 0, 1))[0]));
    assert.equal(net.value(Float64Array.of(1e160, 0, 1)), Infinity);
    assert.ok(Number.isNaN(net.grad(Float64Array.of(1e160, 0, 1))[0]));
  });

  it("rejects bad input with errors naming the argument", () => {
    const X = new Matrix([[1, 2], [3, 4]]);
    const base = { width: 2, activation: "relu", loss: "squared" } as const;
    assert.throws(() => objectives.twoLayerNetwork(X, [1], base), /y must have length 2/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 0], { ...base, loss: "logistic" }), /y\[1\] must be −1 or \+1/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 1], { ...base, width: 0 }), /options.width/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 1], { ...base, activation: "tanh" as never }), /options.activation/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 1], { ...base, weightDecay: -1 }), /options.weightDecay/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 1], { ...base, outputWeights: [1] }), /options.outputWeights/);
    assert.throws(() => objectives.twoLayerNetwork(new Matrix([[1, NaN]]), [1], base), /X\[0\]\[1\] must be finite/);
    const net = objectives.twoLayerNetwork(X, [1, 1], base);
    assert.throws(() => net.value(new Float64Array(3)), /theta must have length 6/);
    assert.throws(() => net.predict(new Float64Array(6), new Matrix([[1, 2, 3]])), /X must have 2 columns/);
  });
});

/** Gradient descent lowers the loss: the objective plugs into the optimizers. */
describe("twoLayerNetwork with gd", () => {
  it("fits a planted quadratic network to a small loss", () => {
    const r = rng(9);
    const X = r.normalMatrix(40, 3);
    const teacher = objectives.twoLayerNetwork(X, new Float64Array(40), { width: 2, activation: "quadratic", loss: "squared", outputWeights: [1, 1] });
    const y = teacher.predict(teacher.init(r), X);
    const student = objectives.twoLayerNetwork(X, y, { width: 4, activation: "quadratic", loss: "squared", outputWeights: [1, 1, 1, 1] });
    const trace = optimizers.gd(student, student.init(r, 0.5), { stepSize: 0.02, maxIterations: 3000 });
    assert.ok(trace.value < 1e-3 * student.value(new Float64Array(student.dim)), `final loss ${trace.value}`);
  });
});
