// The survivors of `npm run mutate` on lib/src/optimizers/{descend, steepestDescent,
// stochasticGradientDescent, mirrorDescent, stochasticSubgradient, productOfSpheres,
// noisyGradientDescent}.ts that test/mutation-descend.test.ts and test/mutation-manifolds.test.ts
// left: the errors each method names, the boundaries of its conditions (η·σ = 1, a uniform draw
// equal to η·σ, a zero entry of the gradient in the ℓ∞ rule, a tie in the Householder pivot),
// the defaults (tolerance 0 for the noisy methods), the draws and gradient evaluations a method
// makes, and that a map or manifold writes only the entries of `out` it owns.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { objectives, optimizers, productOfSpheres, rng, steepestDescent, stochasticGradientDescent, stochasticSubgradient } from "landscape";

const { descend, entropicMirrorMap, gd, logBarrierMirrorMap, mirrorDescent, noisyGradientDescent, normalizeRows, orthogonalComplementBasis, stepAt } = optimizers;

/** f(x) = ½‖x‖² in ℝ²: ∇f = x. */
const half: objectives.Objective = { dim: 2, value: (x) => 0.5 * (x[0] * x[0] + x[1] * x[1]), grad: (x, out) => { const g = out ?? new Float64Array(2); g[0] = x[0]; g[1] = x[1]; return g; } };
const x0 = () => Float64Array.of(3, -4);

describe("descend: the errors it names", () => {
  it("stepAt names a constant step `stepSize` and a schedule's `stepSize(k)`, and returns η_k", () => {
    const x = Float64Array.of(1, 2);
    assert.equal(stepAt(0.25, 7, x, 1), 0.25);
    assert.equal(stepAt((k) => 1 / (k + 1), 3, x, 1), 0.25);
    assert.throws(() => stepAt(NaN, 0, x, 0), /^Error: stepSize must be a finite number > 0, got NaN$/);
    assert.throws(() => stepAt(() => 0, 3, x, 0), /^Error: stepSize\(3\) must be a finite number > 0, got 0$/);
  });

  it("a bad constant step is refused before any step is taken (maxIterations 0, or converged at x₀)", () => {
    assert.throws(() => gd(half, x0(), { stepSize: NaN, maxIterations: 0 }), /^Error: stepSize must be a finite number > 0, got NaN$/);
    assert.throws(() => gd(half, Float64Array.of(0, 0), { stepSize: -1 }), /^Error: stepSize must be a finite number > 0, got -1$/);
  });

  it("names the objective and the update rule", () => {
    assert.throws(() => gd(null as never, x0(), { stepSize: 0.5 }), /^Error: objective must be an Objective with dim, value\(x\) and grad\(x\), got null$/);
    assert.throws(() => descend(half, x0(), { stepSize: 0.5 }, null as never), /^Error: update must be an update rule \(x, g, step, k\) => void, got null$/);
  });
});

describe("steepestDescent: the ℓ∞ rule where a partial derivative is 0, and its options", () => {
  it("x − η‖g‖₁ sign(g) leaves the coordinate with gᵢ = 0 where it is", () => {
    // g = (0, 2) everywhere: ‖g‖₁ = 2, the step is −η·2·(0, 1); a division by sign(0) would send x₀ to −∞
    const tilted: objectives.Objective = { dim: 2, value: (x) => 2 * x[1], grad: () => Float64Array.of(0, 2) };
    const t = steepestDescent(tilted, Float64Array.of(1.5, 1), { stepSize: 0.25, maxIterations: 1, norm: Infinity });
    assert.deepEqual(Array.from(t.x), [1.5, 0.5]); // 1 − 0.25·2·1
    assert.throws(() => steepestDescent(half, x0(), null as never), /^Error: options must be an object of options, got null$/);
  });
});

describe("stochasticGradientDescent and stochasticSubgradient: the errors they name", () => {
  it("a missing objective, options or a bad dim are named (not a TypeError or RangeError)", () => {
    assert.throws(() => stochasticGradientDescent(null as never, x0(), { stepSize: 0.5, noise: 0, rng: rng(1) }), /^Error: objective must be an Objective with dim, value\(x\) and grad\(x\), got null$/);
    assert.throws(() => stochasticSubgradient(null as never, x0(), { stepSize: 0.5 }), /^Error: objective must be an Objective with dim, value\(x\) and grad\(x\), got null$/);
    assert.throws(() => stochasticSubgradient(undefined as never, x0(), { stepSize: 0.5 }), /^Error: objective must be an Objective with dim, value\(x\) and grad\(x\), got undefined$/);
    assert.throws(() => stochasticSubgradient(half, x0(), null as never), /^Error: options must be an object of options, got null$/);
    for (const dim of [-1, 2.5]) {
      assert.throws(() => stochasticSubgradient({ ...half, dim }, x0(), { stepSize: 0.5 }), new RegExp(`^Error: objective\\.dim must be an integer ≥ 1, got ${dim}$`));
    }
  });

  it("stochasticSubgradient reuses grad(x_k) when subgrad is grad: one gradient evaluation per iterate", () => {
    let calls = 0;
    const grad = (x: Float64Array, out?: Float64Array) => { calls++; return half.grad(x, out); };
    const f = { ...half, grad, subgrad: grad };
    const t = stochasticSubgradient(f, x0(), { stepSize: 0.5, maxIterations: 4 });
    assert.equal(calls, 5); // x₀ … x₄, each once (descend's); not once more per step
    assert.deepEqual(Array.from(t.x), [3 / 16, -4 / 16]);
  });
});

describe("mirror maps write only the entries of `out` that belong to x", () => {
  it("toDual and toPrimal leave out[d…] alone; the log barrier's domain excludes 0", () => {
    for (const map of [entropicMirrorMap, logBarrierMirrorMap]) {
      const dual = new Float64Array(4).fill(7);
      map.toDual(Float64Array.of(0.5, 2), dual);
      assert.deepEqual(Array.from(dual.subarray(2)), [7, 7], map.name);
      const primal = new Float64Array(4).fill(7);
      assert.equal(map.toPrimal(Float64Array.of(-0.5, -2), primal), true);
      assert.deepEqual(Array.from(primal.subarray(2)), [7, 7], map.name);
    }
    assert.deepEqual(Array.from((() => { const o = new Float64Array(2); entropicMirrorMap.toDual(Float64Array.of(1, Math.E), o); return o; })()), [0, 1]);
    assert.equal(logBarrierMirrorMap.contains(Float64Array.of(1, 0)), false);
    assert.equal(logBarrierMirrorMap.contains(Float64Array.of(1, 1e-300)), true);
  });

  it("mirrorDescent names bad options and a bad objective", () => {
    const f = objectives.strictSaddle({ center: [2, 3] });
    assert.throws(() => mirrorDescent(f, Float64Array.of(1, 2), null as never), /^Error: options must be an object of options, got null$/);
    assert.throws(() => mirrorDescent(null as never, Float64Array.of(1, 2), { stepSize: 1, mirrorMap: entropicMirrorMap }), /^Error: objective must be an Objective with dim, value\(x\) and grad\(x\), got null$/);
  });
});

describe("noisyGradientDescent: its boundaries, defaults and draws", () => {
  // a coupled quadratic f(x) = ½xᵀAx − bᵀx on two units of two coordinates
  const f = objectives.quadratic([[3, 1, 0, 0.5], [1, 2, 0.3, 0], [0, 0.3, 4, 1], [0.5, 0, 1, 2]], Float64Array.of(1, -2, 0.5, 1));
  const start = Float64Array.of(0.3, -0.2, 0.7, 0.1);
  const reinitialize = (x: Float64Array, unit: number) => { x[2 * unit] = 1; x[2 * unit + 1] = 0; };

  it("η·σ = 1 is allowed (every unit re-drawn at every step); η·σ > 1 is refused", () => {
    const t = noisyGradientDescent(f, start, { stepSize: 0.5, noise: 2, units: 2, reinitialize, rng: rng(1), maxIterations: 3 });
    assert.equal(t.reinitialized, 6);
    assert.deepEqual(Array.from(t.x), [1, 0, 1, 0]);
    assert.throws(() => noisyGradientDescent(f, start, { stepSize: 0.5, noise: 2.5, units: 2, reinitialize, rng: rng(1), maxIterations: 3 }), /^Error: stepSize·noise must be ≤ 1 \(a probability\), got 0\.5·2\.5 = 1\.25$/);
  });

  it("unit j is re-drawn when its uniform u < η·σ, not when u = η·σ", () => {
    const stub = (u: number) => ({ uniform: () => u }) as never;
    const at = noisyGradientDescent(f, start, { stepSize: 0.5, noise: 1, units: 2, reinitialize, rng: stub(0.5), maxIterations: 2 });
    assert.equal(at.reinitialized, 0);
    const below = noisyGradientDescent(f, start, { stepSize: 0.5, noise: 1, units: 2, reinitialize, rng: stub(0.4999), maxIterations: 2 });
    assert.equal(below.reinitialized, 4);
  });

  it("σ = 0 draws nothing from the generator; the tolerance defaults to 0 (runs on at a critical point)", () => {
    const r = rng(5), twin = rng(5);
    noisyGradientDescent(f, start, { stepSize: 0.1, noise: 0, units: 2, reinitialize, rng: r, maxIterations: 4 });
    assert.equal(r.uniform(), twin.uniform());
    const minimizer = f.minimizer();
    assert.ok(f.grad(minimizer).every((g) => Math.abs(g) < 1e-12));
    const t = noisyGradientDescent(f, minimizer, { stepSize: 0.1, noise: 0, units: 2, reinitialize, rng: rng(1), maxIterations: 4 });
    assert.equal(t.iterations, 4);
    assert.equal(t.status, "max-iterations");
    const stops = noisyGradientDescent(f, minimizer, { stepSize: 0.1, noise: 0, units: 2, reinitialize, rng: rng(1), maxIterations: 4, tolerance: 1e-9 });
    assert.equal(stops.iterations, 0);
  });

  it("names bad options", () => {
    const ok = { stepSize: 0.1, noise: 0.5, units: 2, reinitialize, rng: rng(1), maxIterations: 2 };
    assert.throws(() => noisyGradientDescent(f, start, null as never), /^Error: options must be an object of options, got null$/);
    assert.throws(() => noisyGradientDescent(null as never, start, ok), /^Error: objective must be an Objective with dim, value\(x\) and grad\(x\), got null$/);
    assert.throws(() => noisyGradientDescent(f, start, { ...ok, noise: NaN }), /^Error: noise must be a finite number, got NaN$/);
    assert.throws(() => noisyGradientDescent(f, start, { ...ok, noise: -0.5 }), /^Error: noise must be ≥ 0, got -0\.5$/);
    assert.throws(() => noisyGradientDescent(f, start, { ...ok, reinitialize: undefined as never }), /^Error: reinitialize must be a function \(x, unit, rng\) => void re-drawing one unit in place, got undefined$/);
    assert.throws(() => noisyGradientDescent(f, start, { ...ok, rng: undefined as never }), /^Error: rng must be given \(an Rng\): the re-initialization is random$/);
    assert.throws(() => noisyGradientDescent(f, start, { ...ok, rng: {} as never }), /^Error: rng must be given \(an Rng\): the re-initialization is random$/);
  });
});

describe("productOfSpheres and orthogonalComplementBasis: the remaining cases", () => {
  const n = 2, p = 3;
  const Y = Float64Array.of(0.6, 0, 0.8, 0, -1, 0);
  const V = Float64Array.of(0.3, -0.2, 0.5, 1, 0.4, -0.7);

  it("project and retract write only the n·p entries of out", () => {
    const M = productOfSpheres(n, p);
    for (const op of ["project", "retract"] as const) {
      const out = new Float64Array(n * p + p).fill(7);
      M[op](Y, V, out);
      assert.deepEqual(Array.from(out.subarray(n * p)), [7, 7, 7], op);
      assert.ok(out.subarray(0, n * p).every((v) => v !== 7 && Number.isFinite(v)), op);
    }
  });

  it("contains refuses a vector longer than n·p even when its rows have norm 1", () => {
    const M = productOfSpheres(n, p);
    assert.equal(M.contains(Float64Array.of(...Y, 1)), false);
    assert.equal(M.contains(Float64Array.of(...Y, 0.6, 0.8, 0)), false);
    assert.equal(M.contains(Y), true);
  });

  it("orthogonalComplementBasis on a tie |v₀| = |v₁|: the Householder formula with the first largest entry as pivot", () => {
    const v = [1, -1, 0.5];
    const B = orthogonalComplementBasis(v);
    // w = v/‖v‖ + sign(v₀)e₀ (pivot k = 0, the first of the tied entries); columns e_j − 2w w_j/‖w‖², j = 1, 2
    const norm = Math.hypot(...v);
    const w = v.map((vi) => vi / norm);
    w[0] += 1;
    const w2 = w.reduce((s, wi) => s + wi * wi, 0);
    [1, 2].forEach((j, col) => {
      for (let i = 0; i < 3; i++) assert.ok(Math.abs(B.get(i, col) - ((i === j ? 1 : 0) - (2 * w[i] * w[j]) / w2)) < 1e-15, `(${i}, ${col})`);
    });
    assert.throws(() => orthogonalComplementBasis([1, NaN]), /^Error: v\[1\] must be a finite number, got NaN$/);
  });

  it("normalizeRows names n and p", () => {
    assert.throws(() => normalizeRows(Y, 0, 3), /^Error: n must be an integer ≥ 1, got 0$/);
    assert.throws(() => normalizeRows(Y, 2, 0), /^Error: p must be an integer ≥ 1, got 0$/);
  });
});
