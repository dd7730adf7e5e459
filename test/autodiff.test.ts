import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ad, certify, objectives, rng, type Objective } from "landscape";

const { finiteDifferenceGradient, relativeError } = certify;
type P = (x: ad.Node[]) => ad.Node;

/** One-sided difference quotients (f(x ± h e) − f(x))/(±h) of a one-variable program. */
const sides = (p: P, x: number, h = 1e-7) => {
  const f = (t: number) => ad.evaluate(p, [t]).value;
  return { left: (f(x) - f(x - h)) / h, right: (f(x + h) - f(x)) / h };
};

describe("ad: the rules at kinks", () => {
  const identity: P = ([x]) => ad.sub(ad.relu(x), ad.relu(ad.neg(x)));
  const maxPlusMin: P = ([x]) => ad.add(ad.max(x, 0), ad.min(x, 0));
  const zero: P = ([x]) => ad.add(ad.sub(x, ad.relu(x)), ad.relu(ad.neg(x)));

  it("framework: tfjs 3.21.0's choices (relu′(0) = 0, abs′(0) = −1, max and min pass to the first argument)", () => {
    // these are the values tf.grad returns (measured with tfjs 3.21.0, see the notebook 01)
    assert.equal(ad.grad(identity, [0], { rule: "framework" }).grad[0], 0);
    assert.equal(ad.grad(maxPlusMin, [0], { rule: "framework" }).grad[0], 2);
    assert.equal(ad.grad(zero, [0], { rule: "framework" }).grad[0], 1);
    assert.equal(ad.grad(([x]) => ad.abs(x), [0], { rule: "framework" }).grad[0], -1);
    assert.equal(ad.grad(([x]) => ad.max(x, ad.mul(2, x)), [0], { rule: "framework" }).grad[0], 1);
  });

  it("clarke: the true derivative of differentiable functions at their kinks, for every seeded direction", () => {
    for (let seed = 0; seed < 20; seed++) {
      assert.equal(ad.grad(identity, [0], { seed }).grad[0], 1);
      assert.equal(ad.grad(maxPlusMin, [0], { seed }).grad[0], 1);
      assert.equal(ad.grad(zero, [0], { seed }).grad[0], 0);
    }
    // and the one-sided differences agree with it
    for (const [p, want] of [[identity, 1], [maxPlusMin, 1], [zero, 0]] as const) {
      const { left, right } = sides(p, 0);
      assert.ok(Math.abs(left - want) < 1e-6 && Math.abs(right - want) < 1e-6, `${left}, ${right}`);
    }
  });

  it("clarke: at a true kink, the derivative of the piece active along the direction", () => {
    assert.equal(ad.grad(([x]) => ad.abs(x), [0], { direction: Float64Array.of(1) }).grad[0], 1);
    assert.equal(ad.grad(([x]) => ad.abs(x), [0], { direction: Float64Array.of(-1) }).grad[0], -1);
    // max(x, y) at x = y along v = (1, 2): y grows faster, so ∇ = (0, 1)
    assert.deepEqual(Array.from(ad.grad(([x, y]) => ad.max(x, y), [1, 1], { direction: Float64Array.of(1, 2) }).grad), [0, 1]);
    assert.deepEqual(Array.from(ad.grad(([x, y]) => ad.min(x, y), [1, 1], { direction: Float64Array.of(1, 2) }).grad), [1, 0]);
    // (1 − relu(x))² at 0: right derivative −2, left 0
    const kink: P = ([x]) => ad.square(ad.sub(1, ad.relu(x)));
    assert.equal(ad.grad(kink, [0], { direction: Float64Array.of(1) }).grad[0], -2);
    assert.ok(ad.grad(kink, [0], { direction: Float64Array.of(-1) }).grad[0] === 0);
  });

  it("clarke: a random direction gives lim ∇f(x + t v) on a 2-D piecewise-linear network at a point where every unit has a kink", () => {
    // f(w) = relu(w₁ + w₂) − relu(w₁ − w₂) + |w₁|, at w = 0
    const f: P = ([a, b]) => ad.add(ad.sub(ad.relu(ad.add(a, b)), ad.relu(ad.sub(a, b))), ad.abs(a));
    for (let seed = 0; seed < 10; seed++) {
      const { grad, direction } = ad.grad(f, [0, 0], { seed });
      // f is differentiable at t·v (no unit at its kink), where both rules give the gradient
      const near = ad.grad(f, Float64Array.from(direction!, (v) => 1e-8 * v), { rule: "framework" }).grad;
      assert.deepEqual(Array.from(grad), Array.from(near), `seed ${seed}`);
    }
  });
});

describe("ad: smooth programs against the hand-written gradients and finite differences", () => {
  const check = (objective: Objective, program: P, seed: number) => {
    const r = rng(seed);
    for (let trial = 0; trial < 5; trial++) {
      const x = r.normalVector(objective.dim);
      const viaAd = ad.grad(program, x);
      assert.ok(Math.abs(viaAd.value - objective.value(x)) <= 1e-12 * (1 + Math.abs(viaAd.value)), "values agree");
      assert.ok(relativeError(viaAd.grad, objective.grad(x)) < 1e-12, "the AD agrees with the hand-written gradient");
      assert.ok(relativeError(finiteDifferenceGradient(objective, x), viaAd.grad) < 1e-7, "finite differences agree with the AD");
      assert.deepEqual(Array.from(ad.grad(program, x, { rule: "framework" }).grad), Array.from(viaAd.grad), "both rules agree off the kinks");
    }
  };

  it("strict saddle ½x² + ¼y⁴ − ½y²", () => {
    check(objectives.strictSaddle(), ([x, y]) => ad.add(ad.mul(0.5, ad.square(x)), ad.sub(ad.mul(0.25, ad.square(ad.square(y))), ad.mul(0.5, ad.square(y)))), 1);
  });

  it("quadratic ½xᵀAx − bᵀx and rank-one ‖xxᵀ − M‖²_F", () => {
    const A = [[3, 1, 0], [1, 2, 0.5], [0, 0.5, 1]];
    const b = Float64Array.of(1, -2, 0.5);
    check(objectives.quadratic(A, b), (x) => ad.sub(ad.mul(0.5, ad.sum(x.flatMap((xi, i) => x.map((xj, j) => ad.mul(A[i][j], ad.mul(xi, xj)))))), ad.sum(x.map((xi, i) => ad.mul(b[i], xi)))), 2);
    const M = [[2, 0.3, -0.1], [0.3, 1, 0.2], [-0.1, 0.2, 0.5]];
    check(objectives.rankOneApproximation(M), (x) => ad.sum(x.flatMap((xi, i) => x.map((xj, j) => ad.square(ad.sub(ad.mul(xi, xj), M[i][j]))))), 3);
  });

  it("logistic loss Σ log(1 + exp(−yᵢ⟨xᵢ, w⟩)) with exp, log, div", () => {
    const X = [[1, 2], [-1, 0.5], [0.3, -2], [2, 1]];
    const y = [1, -1, -1, 1];
    const program: P = (w) => ad.sum(X.map((x, i) => ad.log(ad.add(1, ad.div(1, ad.exp(ad.mul(y[i], ad.add(ad.mul(x[0], w[0]), ad.mul(x[1], w[1])))))))));
    check(objectives.logisticLoss(X, y), program, 4);
  });

  it("the non-smooth objectives at random (smooth) points: phase retrieval and the ReLU network", () => {
    const r = rng(5);
    const A = Array.from({ length: 12 }, () => Array.from(r.normalVector(3)));
    const b = A.map((a) => a[0] ** 2 + 0.5);
    check(objectives.robustPhaseRetrieval(A, b), (x) => ad.mul(ad.sum(A.map((a, i) => ad.abs(ad.sub(ad.square(ad.sum(a.map((aj, j) => ad.mul(aj, x[j])))), b[i])))), 1 / 12), 6);
    const Z = Array.from({ length: 8 }, () => Array.from(r.normalVector(3)));
    for (const loss of ["l1", "hinge"] as const) {
      const y = Z.map((z) => (loss === "hinge" ? (z[0] > 0 ? 1 : -1) : z[0] - z[1]));
      check(objectives.reluNetworkLoss(Z, y, { hidden: 4, loss }), ad.reluNetworkProgram(Z, y, { hidden: 4, loss }) as P, 7);
    }
  });
});

describe("ad: operation counts", () => {
  it("counts the function, the local derivatives, the tangents and the reverse pass exactly", () => {
    // y = a·b + relu(a): function 3 ops; clarke: tangents 3 (mul) + 1 (relu) + 3 (add) = 7; reverse 4 + 2 + 4 = 10
    const p: P = ([a, b]) => ad.add(ad.mul(a, b), ad.relu(a));
    assert.deepEqual(ad.evaluate(p, [2, 3]).operations, { function: 3, local: 0, tangent: 0, reverse: 0, total: 3 });
    assert.deepEqual(ad.grad(p, [2, 3]).operations, { function: 3, local: 0, tangent: 7, reverse: 10, total: 20 });
    assert.deepEqual(ad.grad(p, [2, 3], { rule: "framework" }).operations, { function: 3, local: 0, tangent: 0, reverse: 10, total: 13 });
    // a kink costs one comparison of tangents under clarke only
    assert.equal(ad.grad(([x]) => ad.relu(x), [0]).operations.local, 1);
    assert.equal(ad.grad(([x]) => ad.relu(x), [0], { rule: "framework" }).operations.local, 0);
  });

  it("the clarke/function ratio of a ReLU network's loss is below 6 and does not grow with the size", () => {
    const ratios = [[5, 3], [20, 10], [60, 20]].map(([n, k]) => {
      const r = rng(n);
      const Z = Array.from({ length: n }, () => Array.from(r.normalVector(4)));
      const program = ad.reluNetworkProgram(Z, Z.map((z) => z[0]), { hidden: k });
      const theta = r.normalVector(k * 4 + k);
      return ad.grad(program, theta).operations.total / ad.evaluate(program, theta).operations.total;
    });
    assert.ok(ratios.every((q) => q < 6), `${ratios}`);
    assert.ok(Math.max(...ratios) - Math.min(...ratios) < 0.05, `dimension-free: ${ratios}`);
  });
});

describe("ad: bad input", () => {
  it("names the argument", () => {
    assert.throws(() => ad.grad(undefined as never, [1]), /program/);
    assert.throws(() => ad.grad(([x]) => x, [Number.NaN]), /x\[0\]/);
    assert.throws(() => ad.grad(([x]) => x, [1], { rule: "torch" as never }), /rule/);
    assert.throws(() => ad.grad(([x]) => x, [1], { direction: Float64Array.of(0) }), /direction/);
    assert.throws(() => ad.grad(([x]) => x, [1, 2], { direction: Float64Array.of(1) }), /direction/);
    assert.throws(() => ad.add("a" as never, 1), /a must be/);
    assert.throws(() => ad.log(-1), /log/);
    assert.throws(() => ad.div(1, 0), /div/);
    assert.throws(() => ad.sum([]), /terms/);
    assert.throws(() => ad.grad(() => "x" as never, [1]), /program must return/);
    let leaked: ad.Node | undefined;
    ad.grad(([x]) => (leaked = x), [1]);
    assert.throws(() => ad.grad(([x]) => ad.add(x, leaked!), [1]), /two different runs/);
    assert.throws(() => ad.objective(([x]) => x, 0), /dim/);
    assert.throws(() => ad.reluNetworkProgram([[1]], [1, 2], { hidden: 1 }), /y/);
    assert.throws(() => ad.constant(Number.NaN), /value/);
  });
});

