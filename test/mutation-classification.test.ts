// The margin losses and classification objectives of lib/src/objectives/classification.ts
// against their formulas, recomputed here independently on a non-trivial dataset (three points
// in ℝ², mixed labels, w with both signs): L(w) = Σᵢ ℓ(mᵢ), ∇L = Σᵢ ℓ′(mᵢ) yᵢxᵢ,
// ∇²L = Σᵢ ℓ″(mᵢ) xᵢxᵢᵀ, log L by log-sum-exp where L underflows, the diagonal network's
// chain rule, and the losses' overflow-safe branches at |z| where the naive formula fails.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { objectives } from "landscape";

const { logistic, exponential } = objectives;
const X = [[1, 2], [-0.5, 1], [2, -1]];
const y = [1, -1, 1];
const w = Float64Array.of(0.3, -0.7);
const margin = (v: ArrayLike<number>, i: number) => y[i] * (X[i][0] * v[0] + X[i][1] * v[1]);

/** |a − b| ≤ tol·max(1, |b|). */
function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

describe("margin losses: each formula, including the branches that avoid overflow", () => {
  it("logistic ℓ, ℓ′, ℓ″, log ℓ, log|ℓ′| against the naive formulas where those are accurate", () => {
    for (const z of [-5, -1.3, -0.2, 0, 0.2, 1.3, 5]) {
      close(logistic.value(z), Math.log(1 + Math.exp(-z)), 1e-14, `ℓ(${z})`);
      close(logistic.derivative(z), -1 / (1 + Math.exp(z)), 1e-14, `ℓ′(${z})`);
      close(logistic.second(z), Math.exp(z) / (1 + Math.exp(z)) ** 2, 1e-14, `ℓ″(${z})`);
      close(logistic.logValue(z), Math.log(Math.log(1 + Math.exp(-z))), 1e-13, `log ℓ(${z})`);
      close(logistic.logAbsDerivative(z), -Math.log(1 + Math.exp(z)), 1e-14, `log|ℓ′|(${z})`);
    }
  });

  it("logistic at large |z|: ℓ(40) = e^{−40}(1 − e^{−40}/2), ℓ(−800) = 800, ℓ′(−800) = −1, ℓ″(±800) = 0, log ℓ(30.5) to 1e-14", () => {
    const e40 = Math.exp(-40);
    close(logistic.value(40), e40 * (1 - e40 / 2), 1e-15, "ℓ(40)");
    // Relative accuracy where −z + log1p(eᶻ) would cancel to 0, and ℓ′ where 1 + eᶻ overflows.
    assert.ok(Math.abs(logistic.value(40) / (e40 * (1 - e40 / 2)) - 1) < 1e-15);
    assert.equal(logistic.derivative(720), -Math.exp(-720));
    assert.ok(logistic.derivative(720) < 0);
    close(logistic.value(-800), 800, 1e-15, "ℓ(−800)");
    close(logistic.derivative(40), -e40 / (1 + e40), 1e-15, "ℓ′(40)");
    assert.equal(logistic.derivative(-800), -1);
    assert.equal(logistic.derivative(800), -0);
    // ℓ″ is even; e^{−|z|} keeps it from overflowing to ∞/∞ = NaN at z = −800.
    assert.equal(logistic.second(-800), 0);
    assert.equal(logistic.second(800), 0);
    // Above z = 30, log ℓ(z) = −z + log(1 − e^{−z}/2 + …): the correction e^{−30.5}/2 ≈ 3e-14
    // is 8 ulps of 30.5, so a wrong sign or factor in it is seen against log(log1p(e^{−z})).
    const u = Math.exp(-30.5);
    assert.ok(Math.abs(logistic.logValue(30.5) - Math.log(Math.log1p(u))) < 1e-14);
    assert.ok(Math.abs(logistic.logValue(29.5) - Math.log(Math.log1p(Math.exp(-29.5)))) < 1e-14);
    close(logistic.logValue(800), -800, 1e-15, "log ℓ(800)");
    close(logistic.logValue(-800), Math.log(800), 1e-15, "log ℓ(−800)");
    close(logistic.logAbsDerivative(40), -40 - e40, 1e-15, "log|ℓ′|(40)");
    close(logistic.logAbsDerivative(-40), -e40, 1e-15, "log|ℓ′|(−40)");
    assert.ok(Math.abs(logistic.logAbsDerivative(-40) + e40) < 1e-30);
    close(logistic.logAbsDerivative(800), -800, 1e-15, "log|ℓ′|(800)");
  });

  it("exponential: e^{−z}, −e^{−z}, e^{−z}, −z, −z", () => {
    for (const z of [-2.5, 0.7, 3]) {
      close(exponential.value(z), Math.exp(-z), 1e-15, "ℓ");
      close(exponential.derivative(z), -Math.exp(-z), 1e-15, "ℓ′");
      close(exponential.second(z), Math.exp(-z), 1e-15, "ℓ″");
      assert.equal(exponential.logValue(z), -z);
      assert.equal(exponential.logAbsDerivative(z), -z);
    }
    assert.equal(logistic.name, "logistic");
    assert.equal(exponential.name, "exponential");
  });
});

describe("marginLoss: L, ∇L, ∇²L against Σᵢ ℓ(mᵢ), Σᵢ ℓ′(mᵢ)yᵢxᵢ, Σᵢ ℓ″(mᵢ)xᵢxᵢᵀ", () => {
  for (const loss of [logistic, exponential]) {
    it(`${loss.name}: value, gradient (fresh and into a dirty out), Hessian, signed rows`, () => {
      const f = objectives.marginLoss(X, y, loss);
      assert.equal(f.dim, 2);
      assert.equal(f.n, 3);
      assert.equal(f.loss, loss);
      assert.deepEqual(Array.from(f.signedRows), [1, 2, 0.5, -1, 2, -1]);
      const m = [0, 1, 2].map((i) => margin(w, i));
      close(f.value(w), m.reduce((s, mi) => s + loss.value(mi), 0), 1e-14, "L");
      const g = [0, 1].map((j) => m.reduce((s, mi, i) => s + loss.derivative(mi) * y[i] * X[i][j], 0));
      const grad = f.grad(w);
      g.forEach((gj, j) => close(grad[j], gj, 1e-14, `∇L[${j}]`));
      const out = new Float64Array(2).fill(9);
      assert.equal(f.grad(w, out), out);
      assert.deepEqual(Array.from(out), Array.from(grad));
      const h = f.hessian!(w);
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 2; b++) close(h.get(a, b), m.reduce((s, mi, i) => s + loss.second(mi) * X[i][a] * X[i][b], 0), 1e-14, `∇²L[${a}][${b}]`);
      }
    });
  }

  it("the log form: log L by log-sum-exp (finite where L under- or overflows), ∇ log L = ∇L / L", () => {
    for (const loss of [logistic, exponential]) {
      const plain = objectives.marginLoss(X, y, loss), logged = objectives.marginLoss(X, y, loss, { log: true });
      assert.equal(logged.dim, 2);
      assert.equal(logged.n, 3);
      assert.equal(logged.loss, loss);
      assert.deepEqual(Array.from(logged.signedRows), Array.from(plain.signedRows));
      assert.equal(logged.hessian, undefined);
      close(logged.value(w), Math.log(plain.value(w)), 1e-14, "log L");
      const L = plain.value(w), g = plain.grad(w), lg = logged.grad(w, new Float64Array(2).fill(5));
      for (let j = 0; j < 2; j++) close(lg[j], g[j] / L, 1e-14, `∇ log L[${j}]`);
    }
    // Margins ±400 (w = 400·e₁ on x = ±e₁ with labels +1 and −1... here y₁x₁ = e₁, y₂x₂ = −e₁):
    // exp risk L = e^{−400} + e^{400}, log L = 400 + log(1 + e^{−800}) = 400, which a log-sum-exp
    // shifted by the smallest term (e^{800} = ∞) would not give.
    const spread = objectives.exponentialLoss([[1, 0], [1, 0]], [1, -1], { log: true });
    assert.equal(spread.value(Float64Array.of(400, 3)), 400);
    const sg = spread.grad(Float64Array.of(400, 3));
    // ∇ log L = (−e^{−400}·e₁ + e^{400}·e₁)/L = e₁ (to rounding).
    close(sg[0], 1, 1e-15, "∂₁ log L");
    assert.equal(sg[1], 0);
    // Every margin past 745: L = 0 in float64, log L stays exact.
    const far = objectives.exponentialLoss(X, y, { log: true });
    const big = Float64Array.of(1000, -1000);
    const mBig = [0, 1, 2].map((i) => margin(big, i));
    const top = Math.max(...mBig.map((v) => -v));
    close(far.value(big), top + Math.log(mBig.reduce((s, v) => s + Math.exp(-v - top), 0)), 1e-15, "log L far out");
  });

  it("rejects a loss that is not a MarginLoss, naming the missing member", () => {
    assert.throws(() => objectives.marginLoss(X, y, null as never), /^Error: loss must be a MarginLoss \(e\.g\. logistic or exponential\)$/);
    assert.throws(() => objectives.marginLoss(X, y, 3 as never), /^Error: loss must be a MarginLoss/);
    assert.throws(() => objectives.marginLoss(X, y, { ...logistic, second: undefined } as never), /^Error: loss\.second must be a function, got undefined$/);
    assert.throws(() => objectives.marginLoss(X, y, { ...logistic, logAbsDerivative: 1 } as never), /^Error: loss\.logAbsDerivative must be a function/);
    assert.throws(() => objectives.logisticLoss(X, y, null as never), /^Error: options must be an object of options, got null$/);
  });
});

describe("diagonalNetwork: β = u⊙u − v⊙v, ∇_u = 2u⊙∇F(β), ∇_v = −2v⊙∇F(β)", () => {
  it("value, β and gradient on the logistic risk at (u, v) with both signs", () => {
    const F = objectives.logisticLoss(X, y);
    const net = objectives.diagonalNetwork(F);
    assert.equal(net.dim, 4);
    const p = Float64Array.of(0.9, -0.4, 0.5, 1.1);
    const beta = Float64Array.of(0.81 - 0.25, 0.16 - 1.21);
    net.beta(p).forEach((b, j) => close(b, beta[j], 1e-15, `β[${j}]`));
    close(net.value(p), F.value(beta), 1e-15, "F(β)");
    const gF = F.grad(beta);
    const expected = [2 * 0.9 * gF[0], 2 * -0.4 * gF[1], -2 * 0.5 * gF[0], -2 * 1.1 * gF[1]];
    const out = new Float64Array(4).fill(7);
    net.grad(p, out);
    expected.forEach((e, j) => close(out[j], e, 1e-14, `∇[${j}]`));
    assert.throws(() => objectives.diagonalNetwork({ dim: 2 } as never), /^Error: linear must be an Objective/);
  });
});
