// The minimum-norm point of a convex hull and Goldstein's stationarity estimate
// (lib/src/certify/goldstein.ts), checked by the optimality conditions of the hull problem
// (x = Σwⱼpⱼ, w in the simplex, ⟨x, pⱼ⟩ ≥ ‖x‖² for every j with equality on the support), by
// closed forms (a segment, a hull containing 0), and the sampled gradients replayed from the
// seed. Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certify, goldsteinStationarity, minNormPoint, objectives, rng } from "landscape";

type Hull = { point: Float64Array; norm: number; weights: Float64Array };

/** The optimality conditions of min ‖Σwⱼpⱼ‖ over the simplex, to `tol` (relative to max‖pⱼ‖²). */
function assertOptimal(points: number[][], h: Hull, tol: number, what: string): void {
  const d = points[0].length;
  const top = Math.max(...points.map((p) => p.reduce((s, v) => s + v * v, 0)));
  assert.ok(h.weights.every((w) => w >= 0), `${what}: weights ≥ 0`);
  assert.ok(Math.abs(h.weights.reduce((a, b) => a + b, 0) - 1) < 1e-12, `${what}: Σw = 1`);
  for (let i = 0; i < d; i++) assert.ok(Math.abs(h.point[i] - points.reduce((s, p, j) => s + h.weights[j] * p[i], 0)) < 1e-12 * Math.sqrt(top), `${what}: x = Σwp`);
  const xx = h.point.reduce((s, v) => s + v * v, 0);
  assert.ok(Math.abs(h.norm - Math.sqrt(xx)) < 1e-14 * Math.sqrt(top), `${what}: norm`);
  points.forEach((p, j) => {
    const xp = p.reduce((s, v, i) => s + v * h.point[i], 0);
    assert.ok(xp >= xx - tol * top, `${what}: ⟨x, p${j}⟩ = ${xp} < ‖x‖² = ${xx}`);
    if (h.weights[j] > 1e-9) assert.ok(Math.abs(xp - xx) < tol * top, `${what}: support ${j}`);
  });
}

const F = (a: number[][]) => a.map((p) => Float64Array.from(p));

describe("minNormPoint (Wolfe) and minNormPointQp (HiGHS)", () => {
  const cases: [string, number[][]][] = [
    ["a segment", [[3, 1], [-1, 2]]],
    ["a triangle away from 0", [[2, 1, 0.5], [1, 3, -0.2], [1.5, -0.5, 1], [4, 4, 4]]],
    ["a hull containing 0", [[1, 0], [-1, 1], [-0.5, -1]]],
    ["an interior point is never used", [[2, 0], [0, 2], [1.5, 1.5], [5, 5]]],
    ["a single point", [[0.3, -0.4]]],
  ];
  for (const [name, pts] of cases) {
    it(`${name}: both solvers satisfy the optimality conditions and agree`, async () => {
      const w = minNormPoint(F(pts));
      const q = await certify.minNormPointQp(F(pts));
      assertOptimal(pts, w, 1e-10, `Wolfe, ${name}`);
      assertOptimal(pts, q, 1e-6, `HiGHS, ${name}`);
      const scale = Math.sqrt(Math.max(...pts.map((p) => p.reduce((s, v) => s + v * v, 0))));
      assert.ok(Math.abs(w.norm - q.norm) < 1e-6 * scale);
    });
  }

  it("huge and tiny entries: the same weights as the problem at scale 1, the point and norm scaled", async () => {
    const base = minNormPoint(F([[3, 1], [-1, 2]]));
    for (const s of [1e200, 1e-200]) {
      const w = minNormPoint(F([[3 * s, 1 * s], [-1 * s, 2 * s]]));
      const q = await certify.minNormPointQp(F([[3 * s, 1 * s], [-1 * s, 2 * s]]));
      assert.ok(Math.abs(w.norm / s - base.norm) < 1e-14 && Math.abs(w.weights[0] - base.weights[0]) < 1e-14);
      assert.ok(Math.abs(w.point[1] / s - base.point[1]) < 1e-14);
      assert.ok(Math.abs(q.norm / s - base.norm) < 1e-6 && Math.abs(q.point[0] / s - base.point[0]) < 1e-6);
    }
  });

  it("closed forms: the segment [a, b] at t = ⟨b, b − a⟩/‖b − a‖², a hull around 0 at 0", () => {
    const a = [3, 1], b = [-1, 2];
    const t = (b[0] * (b[0] - a[0]) + b[1] * (b[1] - a[1])) / ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2);
    const expected = [t * a[0] + (1 - t) * b[0], t * a[1] + (1 - t) * b[1]];
    const w = minNormPoint(F([a, b]));
    assert.ok(Math.abs(w.point[0] - expected[0]) < 1e-14 && Math.abs(w.point[1] - expected[1]) < 1e-14);
    assert.ok(Math.abs(w.weights[0] - t) < 1e-14);
    assert.ok(minNormPoint(F([[1, 0], [-1, 1], [-0.5, -1]])).norm < 1e-12);
    // The point of smallest norm is the start; when it is optimal, it is returned alone.
    const alone = minNormPoint(F([[5, 5], [1, 0.5], [3, 4]]));
    assert.deepEqual(Array.from(alone.weights), [0, 1, 0]);
  });

  it("rejects empty or ragged input and a bad tolerance", () => {
    assert.throws(() => minNormPoint([]), /^Error: points must be a non-empty array of Float64Array$/);
    assert.throws(() => minNormPoint("p" as never), /^Error: points must be a non-empty array of Float64Array$/);
    assert.throws(() => minNormPoint([new Float64Array(0)]), /^Error: points must have at least one coordinate$/);
    assert.throws(() => minNormPoint(F([[1, 2], [1]])), /^Error: points\[1\] must have length 2, got length 1$/);
    assert.throws(() => minNormPoint(F([[1, 2]]), { tolerance: 0 }), /^Error: tolerance must be a finite number > 0, got 0$/);
    assert.equal(minNormPoint(F([[0, 0], [0, 0]])).norm, 0);
  });
});

describe("goldsteinStationarity: min-norm point of ∂f at x and at `samples` points of the δ-ball", () => {
  // f(x) = |x₀| + 2|x₁ − 0.1| + x₀x₁: non-smooth on two lines.
  const f: objectives.Objective = {
    dim: 2,
    value: (x) => Math.abs(x[0]) + 2 * Math.abs(x[1] - 0.1) + x[0] * x[1],
    grad: (x) => Float64Array.of(Math.sign(x[0]) + x[1], 2 * Math.sign(x[1] - 0.1) + x[0]),
  };
  it("the gradients at x and at x + ξ (ξ from rng.ball(d, δ), replayed), their min-norm point and ‖g(x)‖", async () => {
    const x = Float64Array.of(0.02, 0.08);
    for (const solver of ["wolfe", "highs"] as const) {
      const r = await goldsteinStationarity(f, x, { radius: 0.05, samples: 6, rng: rng(12), solver });
      const replay = rng(12);
      const expected = [f.grad(x)];
      for (let s = 0; s < 6; s++) {
        const xi = replay.ball(2, 0.05);
        expected.push(f.grad(Float64Array.of(x[0] + xi[0], x[1] + xi[1])));
      }
      assert.equal(r.gradients.length, 7);
      r.gradients.forEach((g, k) => assert.deepEqual(Array.from(g), Array.from(expected[k])));
      assert.equal(r.gradNorm, Math.hypot(...expected[0]));
      assert.equal(r.distance, r.norm);
      assertOptimal(expected.map((g) => Array.from(g)), r, solver === "wolfe" ? 1e-10 : 1e-6, solver);
      // Both kinks are within δ, with gradients of both signs: 0 is (nearly) in the hull.
      assert.ok(r.distance < 0.2 && r.gradNorm > 2);
    }
    // Default: d + 1 samples, HiGHS.
    const dflt = await goldsteinStationarity(f, x, { radius: 0.05, rng: rng(12) });
    assert.equal(dflt.gradients.length, 4);
  });

  it("uses subgrad when the objective has one; rejects bad options", async () => {
    const g = { ...f, subgrad: () => Float64Array.of(1, 1) };
    const r = await goldsteinStationarity(g, Float64Array.of(0, 0), { radius: 0.1, rng: rng(1), solver: "wolfe" });
    assert.ok(r.gradients.every((v) => v[0] === 1 && v[1] === 1));
    assert.ok(Math.abs(r.distance - Math.SQRT2) < 1e-15);
    const x = Float64Array.of(0, 0);
    await assert.rejects(goldsteinStationarity(null as never, x, { radius: 1, rng: rng(1) }), /^Error: objective must have grad\(x\) \(or subgrad\(x\)\)$/);
    await assert.rejects(goldsteinStationarity({ ...f, dim: 0 }, x, { radius: 1, rng: rng(1) }), /^Error: objective\.dim must be an integer ≥ 1, got 0$/);
    await assert.rejects(goldsteinStationarity(f, x, { radius: 0, rng: rng(1) }), /^Error: radius must be a finite number > 0, got 0$/);
    await assert.rejects(goldsteinStationarity(f, x, { radius: 1, samples: 0, rng: rng(1) }), /^Error: samples must be an integer ≥ 1, got 0$/);
    await assert.rejects(goldsteinStationarity(f, x, { radius: 1 } as never), /^Error: rng must be an Rng \(from rng\(seed\)\)$/);
    await assert.rejects(goldsteinStationarity(f, x, { radius: 1, rng: rng(1), solver: "qp" as never }), /^Error: solver must be "highs" or "wolfe", got qp$/);
    await assert.rejects(goldsteinStationarity({ ...f, grad: () => Float64Array.of(1) }, x, { radius: 1, rng: rng(1) }), /^Error: the objective's subgradient must have length 2, got length 1$/);
    await assert.rejects(goldsteinStationarity({ ...f, grad: () => Float64Array.of(1.5e308, 1.5e308) }, x, { radius: 1, rng: rng(1), solver: "wolfe" }), /^Error: the objective's sampled gradients near x are too large: their norms overflow$/);
  });
});
