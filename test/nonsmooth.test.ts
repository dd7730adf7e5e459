import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ad, certify, goldsteinStationarity, minNormPoint, objectives, powerSchedule, rng, stochasticSubgradient, type Objective } from "landscape";

const { minNormPointQp, relativeError } = certify;

const absolute: Objective = { dim: 1, value: (x) => Math.abs(x[0]), grad: (x) => Float64Array.of(Math.sign(x[0])) };
/** max over planes ⟨aⱼ, x⟩ (a corner at 0), with the gradient of the active plane. */
const maxOfPlanes = (planes: number[][]): Objective => ({
  dim: 2,
  value: (x) => Math.max(...planes.map((a) => a[0] * x[0] + a[1] * x[1])),
  grad: (x) => {
    const values = planes.map((a) => a[0] * x[0] + a[1] * x[1]);
    return Float64Array.from(planes[values.indexOf(Math.max(...values))]);
  },
});

describe("goldsteinStationarity", () => {
  it("|x|: 0 at the kink, 1 at x = 1 with δ < 1 (HiGHS and Wolfe)", async () => {
    for (const solver of ["highs", "wolfe"] as const) {
      const atKink = await goldsteinStationarity(absolute, Float64Array.of(0), { radius: 0.1, samples: 10, rng: rng(1), solver });
      assert.ok(atKink.distance < 1e-8, `${solver}: ${atKink.distance}`);
      const away = await goldsteinStationarity(absolute, Float64Array.of(1), { radius: 0.5, samples: 10, rng: rng(1), solver });
      assert.ok(Math.abs(away.distance - 1) < 1e-8, `${solver}: ${away.distance}`);
      assert.equal(away.gradNorm, 1);
    }
  });

  it("max of planes at their corner: 0 when the gradients surround 0, the closed form otherwise", async () => {
    const s = Math.sqrt(3) / 2;
    const surround = await goldsteinStationarity(maxOfPlanes([[1, 0], [-0.5, s], [-0.5, -s]]), Float64Array.of(0, 0), { radius: 0.1, samples: 40, rng: rng(2) });
    assert.ok(surround.distance < 1e-8, `${surround.distance}`);
    // gradients (1, 1) and (1, −1): the nearest point of their segment to 0 is (1, 0)
    const wedge = await goldsteinStationarity(maxOfPlanes([[1, 1], [1, -1]]), Float64Array.of(0, 0), { radius: 0.1, samples: 40, rng: rng(3) });
    assert.ok(Math.abs(wedge.distance - 1) < 1e-8 && Math.abs(wedge.point[1]) < 1e-8, `${wedge.distance}`);
    // a ball that misses the corner sees one plane: the measure is that gradient's norm √2
    const off = await goldsteinStationarity(maxOfPlanes([[1, 1], [1, -1]]), Float64Array.of(0, 1), { radius: 0.5, samples: 40, rng: rng(3) });
    assert.ok(Math.abs(off.distance - Math.SQRT2) < 1e-8, `${off.distance}`);
  });

  it("the QP agrees with Wolfe's algorithm on random point sets, and both with the closed form for two points", async () => {
    const r = rng(4);
    for (let trial = 0; trial < 6; trial++) {
      const d = 2 + trial, m = 3 + 2 * trial;
      const shift = r.normalVector(d, trial % 2 ? 2 : 0.2);
      const points = Array.from({ length: m }, () => { const p = r.normalVector(d); for (let i = 0; i < d; i++) p[i] += shift[i]; return p; });
      const [qp, wolfe] = [await minNormPointQp(points), minNormPoint(points)];
      assert.ok(Math.abs(qp.norm - wolfe.norm) < 1e-7, `trial ${trial}: QP ${qp.norm} vs Wolfe ${wolfe.norm}`);
      assert.ok(Math.abs(wolfe.weights.reduce((a, b) => a + b, 0) - 1) < 1e-12 && wolfe.weights.every((w) => w >= 0), "convex weights");
    }
    for (let trial = 0; trial < 10; trial++) {
      const a = r.normalVector(3), b = r.normalVector(3);
      const ab = a.map((v, i) => v - b[i]);
      const t = Math.min(1, Math.max(0, a.reduce((s, v, i) => s + v * ab[i], 0) / ab.reduce((s, v) => s + v * v, 0)));
      const closed = Math.hypot(...a.map((v, i) => v - t * ab[i]));
      assert.ok(Math.abs(minNormPoint([a, b]).norm - closed) < 1e-12, "Wolfe = closed form");
      assert.ok(Math.abs((await minNormPointQp([a, b])).norm - closed) < 1e-7, "QP = closed form");
    }
  });

  it("rejects bad input, naming the argument", async () => {
    await assert.rejects(goldsteinStationarity(absolute, Float64Array.of(0), { radius: 0, rng: rng(1) }), /radius/);
    await assert.rejects(goldsteinStationarity(absolute, Float64Array.of(0, 1), { radius: 1, rng: rng(1) }), /x must have length 1/);
    await assert.rejects(goldsteinStationarity(absolute, Float64Array.of(0), { radius: 1, rng: undefined as never }), /rng/);
    await assert.rejects(goldsteinStationarity(absolute, Float64Array.of(0), { radius: 1, rng: rng(1), samples: 0 }), /samples/);
    assert.throws(() => minNormPoint([]), /points/);
    assert.throws(() => minNormPoint([Float64Array.of(1), Float64Array.of(1, 2)]), /points\[1\]/);
  });
});

describe("stochasticSubgradient", () => {
  it("takes x₁ = x₀ − α₀g₀ with g₀ the sampled subgradient, and α_k = c/(k + 1)^p", () => {
    const r = rng(5);
    const A = Array.from({ length: 7 }, () => Array.from(r.normalVector(3)));
    const f = objectives.robustPhaseRetrieval(A, A.map((a) => a[1] ** 2));
    const x0 = Float64Array.of(0.3, -0.2, 0.9);
    const schedule = powerSchedule(0.2, 0.75);
    assert.equal(schedule(3), 0.2 / 4 ** 0.75);
    const trace = stochasticSubgradient(f, x0, { stepSize: schedule, maxIterations: 2, rng: rng(6), recordEvery: 1 });
    const replay = rng(6);
    let x = x0;
    for (let k = 0; k < 2; k++) {
      const g = f.sampleSubgrad(x, replay);
      x = x.map((v, i) => v - schedule(k) * g[i]);
      assert.ok(relativeError(trace.history.x[k + 1], x) < 1e-15, `step ${k}`);
    }
    assert.ok(Math.abs(trace.gradNorm - Math.hypot(...f.subgrad(trace.x))) < 1e-14, "the recorded norm is the full subgradient's");
  });

  it("without a sampler, is the deterministic subgradient method on subgrad", () => {
    const f = ad.objective(([x, y]) => ad.add(ad.abs(x), ad.mul(2, ad.abs(y))), 2);
    const t = stochasticSubgradient(f, Float64Array.of(1, -1), { stepSize: 0.25, maxIterations: 1 });
    assert.deepEqual(Array.from(t.x), [0.75, -0.5]);
  });

  it("refuses schedules outside ½ < p ≤ 1 and a sampled oracle without rng", () => {
    assert.throws(() => powerSchedule(1, 0.5), /p must be/);
    assert.throws(() => powerSchedule(1, 1.5), /p must be/);
    assert.throws(() => powerSchedule(0, 1), /c must be/);
    const f = objectives.robustPhaseRetrieval([[1, 0]], [1]);
    assert.throws(() => stochasticSubgradient(f, Float64Array.of(1, 1), { stepSize: 0.1 }), /rng/);
  });
});

describe("non-smooth objectives", () => {
  it("the sampled subgradients average to the full subgradient (unbiased)", () => {
    const r = rng(7);
    const A = Array.from({ length: 5 }, () => Array.from(r.normalVector(2)));
    const pr = objectives.robustPhaseRetrieval(A, A.map((a) => a[0] ** 2));
    const Z = Array.from({ length: 5 }, () => Array.from(r.normalVector(2)));
    const net = objectives.reluNetworkLoss(Z, Z.map((z) => z[0]), { hidden: 3 });
    for (const f of [pr, net]) {
      const x = r.normalVector(f.dim);
      const mean = new Float64Array(f.dim);
      const draws = 20000, sampler = rng(8);
      for (let s = 0; s < draws; s++) f.sampleSubgrad(x, sampler).forEach((v, i) => (mean[i] += v / draws));
      // Monte Carlo: the standard error of a mean of 20,000 draws is < 1% of these terms' spread
      assert.ok(relativeError(mean, f.subgrad(x)) < 0.05, `${relativeError(mean, f.subgrad(x))}`);
    }
  });

  it("phase retrieval is 0 at ±x♮ and its subgradient is 0 there (sign(0) = 0)", () => {
    const r = rng(9);
    const xs = r.normalVector(4);
    const A = Array.from({ length: 12 }, () => Array.from(r.normalVector(4)));
    const f = objectives.robustPhaseRetrieval(A, A.map((a) => a.reduce((s, v, j) => s + v * xs[j], 0) ** 2));
    assert.ok(f.value(xs) < 1e-14 && f.value(xs.map((v) => -v)) < 1e-14);
    assert.ok(f.subgrad(xs).every((v) => v === 0));
  });

  it("rejects bad input, naming the argument", () => {
    assert.throws(() => objectives.robustPhaseRetrieval([[1, 2]], [1, 2]), /b must/);
    assert.throws(() => objectives.robustPhaseRetrieval([[1, Number.NaN]], [1]), /A\[0\]\[1\]/);
    assert.throws(() => objectives.reluNetworkLoss([[1]], [1], { hidden: 0 }), /hidden/);
    assert.throws(() => objectives.reluNetworkLoss([[1]], [0.5], { hidden: 1, loss: "hinge" }), /y\[0\]/);
    assert.throws(() => objectives.reluNetworkLoss([[1]], [1], { hidden: 1, loss: "l2" as never }), /loss/);
    const f = objectives.reluNetworkLoss([[1]], [1], { hidden: 1 });
    assert.throws(() => f.value(Float64Array.of(1)), /theta/);
    assert.throws(() => f.sampleSubgrad(Float64Array.of(1, 1), undefined as never), /rng/);
  });
});
