// What the first Stryker run of lib/src/certify/goldstein.ts (2026-11-30, third session) left
// open: Wolfe's algorithm on many random hulls, each end point checked by the hull problem's
// optimality conditions (x = Σwⱼpⱼ, w in the simplex, ⟨x, pⱼ⟩ ≥ ‖x‖² with equality on the
// support), the default solver being HiGHS's QP, and the names in the errors.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certify, goldsteinStationarity, minNormPoint, rng } from "landscape";

describe("minNormPoint on random hulls", () => {
  it("meets the optimality conditions on 300 hulls of 2–25 points in ℝ²–ℝ⁶, containing 0 or not", () => {
    const r = rng(17);
    let worst = 0, outside = 0;
    for (let trial = 0; trial < 300; trial++) {
      const d = 2 + (trial % 5), m = 2 + (trial % 24);
      const shift = r.normalVector(d, [0, 0.5, 2][trial % 3]);
      const points = Array.from({ length: m }, () => { const p = r.normalVector(d); for (let i = 0; i < d; i++) p[i] += shift[i]; return p; });
      const h = minNormPoint(points);
      const top = Math.max(...points.map((p) => p.reduce((s, v) => s + v * v, 0)));
      const xx = h.point.reduce((s, v) => s + v * v, 0);
      assert.ok(h.weights.every((w) => w >= 0) && Math.abs(h.weights.reduce((a, b) => a + b, 0) - 1) < 1e-12, `trial ${trial}: weights`);
      for (let i = 0; i < d; i++) assert.ok(Math.abs(h.point[i] - points.reduce((s, p, j) => s + h.weights[j] * p[i], 0)) < 1e-12 * Math.sqrt(top), `trial ${trial}: x = Σwp`);
      points.forEach((p, j) => {
        const gap = p.reduce((s, v, i) => s + v * h.point[i], 0) - xx; // ≥ 0 for every point, 0 on the support
        worst = Math.max(worst, -gap / top, h.weights[j] > 1e-9 ? Math.abs(gap) / top : 0);
      });
      if (xx > 1e-20) outside++;
    }
    // measured worst violation 2.9e-16 (relative to max‖p‖²), 179 of the 300 hulls without 0; the algorithm stops at 1e-12
    assert.ok(worst < 1e-11, `worst violation ${worst}`);
    assert.ok(outside > 150, `hulls not containing 0: ${outside}`); // 179 measured: most hulls make Wolfe work
  });

  it("takes null options as the defaults, and names a missing first point", () => {
    const points = [Float64Array.of(3, 1), Float64Array.of(-1, 2)];
    assert.deepEqual(minNormPoint(points, null as never), minNormPoint(points));
    assert.throws(() => minNormPoint([null as never]), /^Error: points\[0\] must be/);
  });
});

describe("goldsteinStationarity: the default solver and the checks", () => {
  it("solves the hull with HiGHS's QP unless told otherwise", async () => {
    const g = { dim: 2, value: (x: Float64Array) => Math.abs(x[0]) + Math.abs(x[1]), grad: (x: Float64Array) => Float64Array.of(Math.sign(x[0]), Math.sign(x[1])) };
    const x = Float64Array.of(0.01, -0.02);
    const r = await goldsteinStationarity(g, x, { radius: 0.05, samples: 8, rng: rng(3) });
    const qp = await certify.minNormPointQp(r.gradients);
    assert.equal(r.distance, qp.norm);
    assert.deepEqual(Array.from(r.weights), Array.from(qp.weights));
  });

  it("names an objective without grad, an rng without ball, and bad options", async () => {
    const g = { dim: 1, value: (x: Float64Array) => Math.abs(x[0]), grad: (x: Float64Array) => Float64Array.of(Math.sign(x[0])) };
    const x = Float64Array.of(0.5);
    await assert.rejects(goldsteinStationarity({ dim: 1, value: g.value, grad: 3 } as never, x, { radius: 1, rng: rng(1) }), /^Error: objective must have grad\(x\) \(or subgrad\(x\)\)$/);
    await assert.rejects(goldsteinStationarity(g, x, { radius: 1, rng: {} as never }), /^Error: rng must be an Rng \(from rng\(seed\)\)$/);
    await assert.rejects(goldsteinStationarity(g, x, null as never), /^Error: options must be an object/);
  });
});
