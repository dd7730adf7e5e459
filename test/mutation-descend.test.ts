// The shared loop `descend` (lib/src/optimizers/descend.ts) and the thin methods built on it
// (gradientDescent, steepestDescent, stochasticGradientDescent, mirrorDescent,
// stochasticSubgradient): each stopping test at its boundary (‖∇f‖ = tolerance, |f| = bound),
// the defaults, the history, what the update rule and the schedule receive, and the errors.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { entropicMirrorMap, gd, logBarrierMirrorMap, mirrorDescent, objectives, optimizers, powerSchedule, rng, steepestDescent, stochasticGradientDescent, stochasticSubgradient } from "landscape";

/** f(x) = ½‖x‖² in ℝ²: ∇f = x, and GD with step η multiplies x by 1 − η exactly for η a power of 2. */
const half: objectives.Objective = { dim: 2, value: (x) => 0.5 * (x[0] * x[0] + x[1] * x[1]), grad: (x, out) => { const g = out ?? new Float64Array(2); g[0] = x[0]; g[1] = x[1]; return g; } };
const x0 = () => Float64Array.of(3, -4); // ‖x₀‖ = 5

describe("descend: stopping tests at their boundaries", () => {
  it("converged once ‖∇f‖ ≤ tolerance, including equality; never for tolerance 0", () => {
    // η = ½: ‖∇f(x_k)‖ = 5·2⁻ᵏ exactly; tolerance 5/8 is reached with equality at k = 3.
    const t = gd(half, x0(), { stepSize: 0.5, tolerance: 5 / 8, maxIterations: 50 });
    assert.equal(t.status, "converged");
    assert.equal(t.iterations, 3);
    assert.equal(t.gradNorm, 5 / 8);
    assert.equal(t.divergedAt, undefined);
    assert.ok(!("divergedAt" in t));
    // At the minimizer from the start: tolerance 0 never stops on the gradient.
    const z = gd(half, Float64Array.of(0, 0), { stepSize: 0.5, tolerance: 0, maxIterations: 4 });
    assert.equal(z.status, "max-iterations");
    assert.equal(z.iterations, 4);
  });

  it("defaults: maxIterations 1000, tolerance 1e-8 (strictly above stops later), divergenceBound 1e12, history of the first and last", () => {
    const slow = gd(half, x0(), { stepSize: 2 ** -12, tolerance: 0 });
    assert.equal(slow.iterations, 1000);
    assert.equal(slow.status, "max-iterations");
    const t = gd(half, x0(), { stepSize: 0.5 });
    // 5·2⁻ᵏ ≤ 1e-8 first at k = 29 (5·2⁻²⁹ = 9.3e-9; 5·2⁻²⁸ = 1.9e-8).
    assert.equal(t.iterations, 29);
    assert.equal(t.status, "converged");
    assert.deepEqual(t.history.iteration, [0, 29]);
    assert.deepEqual(Array.from(t.history.x[0]), [3, -4]);
    assert.equal(t.history.value[0], 12.5);
    assert.equal(t.history.gradNorm[0], 5);
    assert.equal(t.history.gradNorm[1], t.gradNorm);
    // x ← −x·(η − 1) with η = 3: |x| doubles a step; f = ½|x|² passes 1e12 when |x| > 1.414e6:
    // 5·2ᵏ > 1.414e6 first at k = 19 (2.6e6; f = 3.4e12), not at 18 (f = 8.6e11).
    const up = gd(half, x0(), { stepSize: 3, maxIterations: 100 });
    assert.equal(up.status, "diverged");
    assert.equal(up.divergedAt, 19);
    assert.equal(up.iterations, 19);
  });

  it("diverged when |f| exceeds the bound (not at equality), or an entry of x does, or is NaN", () => {
    // f = 12.5·4ᵏ with η = 3 (|x| doubling): a bound 12.5·4² = 200 is met with equality at k = 2, passed at 3.
    const atBound = gd(half, x0(), { stepSize: 3, maxIterations: 10, divergenceBound: 200 });
    assert.equal(atBound.divergedAt, 3);
    // x = (3, −4)·(−2)ᵏ: ‖x‖_∞ = 4·2ᵏ passes 100 at k = 5 (128), while f = 12.5·4⁵ = 12800 passes 1e5 only at 7.
    const flat = { ...half, value: () => 1 };
    const byX = gd(flat, x0(), { stepSize: 3, maxIterations: 20, divergenceBound: 100 });
    assert.equal(byX.status, "diverged");
    assert.equal(byX.divergedAt, 5);
    // An x entry equal to the bound is inside: x₀ = (3, −4), bound 4.
    const edge = gd(flat, x0(), { stepSize: 1, maxIterations: 0, divergenceBound: 4 });
    assert.equal(edge.status, "max-iterations");
    const negative = gd({ ...half, value: () => -1e13 }, x0(), { stepSize: 0.5, maxIterations: 5 });
    assert.equal(negative.divergedAt, 0);
    const nan = gd({ ...half, grad: (x) => Float64Array.of(x[0], x[1] > -1 ? NaN : x[1]) }, x0(), { stepSize: 0.75, maxIterations: 5 });
    assert.equal(nan.status, "diverged");
    // A non-finite value at x₀ is a divergence at step 0, not an error.
    const bad = gd({ ...half, value: () => NaN, grad: () => Float64Array.of(NaN, 0) }, x0(), { stepSize: 0.5 });
    assert.equal(bad.divergedAt, 0);
  });

  it("stopWhen ends the run with status stopped at the first k where it holds, and gets (x_k, k)", () => {
    const seen: number[] = [];
    const t = gd(half, x0(), { stepSize: 0.5, stopWhen: (x, k) => { seen.push(k); return x[0] < 1; } });
    assert.equal(t.status, "stopped");
    assert.equal(t.iterations, 2); // x₀ = 3, x₁ = 1.5, x₂ = 0.75
    assert.deepEqual(seen, [0, 1, 2]);
    assert.throws(() => gd(half, x0(), { stepSize: 0.5, stopWhen: 3 as never }), /^Error: stopWhen must be a function \(x, k\) => boolean$/);
  });

  it("the schedule gets (k, x_k, f(x_k)); the recorded history follows recordEvery", () => {
    const calls: [number, number, number][] = [];
    const t = gd(half, x0(), { stepSize: (k, x, v) => { calls.push([k, x[0], v]); return 0.5; }, maxIterations: 2, tolerance: 0, recordEvery: 1 });
    assert.deepEqual(calls, [[0, 3, 12.5], [1, 1.5, 3.125]]);
    assert.deepEqual(t.history.iteration, [0, 1, 2]);
    assert.deepEqual(t.history.value, [12.5, 3.125, 0.78125]);
    const every2 = gd(half, x0(), { stepSize: 0.5, maxIterations: 5, tolerance: 0, recordEvery: 2 });
    assert.deepEqual(every2.history.iteration, [0, 2, 4, 5]);
    const last = gd(half, x0(), { stepSize: 0.5, maxIterations: 4, tolerance: 0, recordEvery: 2 });
    assert.deepEqual(last.history.iteration, [0, 2, 4]); // the last iterate is not recorded twice
    assert.throws(() => gd(half, x0(), { stepSize: () => -1 }), /^Error: stepSize\(0\) must be a finite number > 0, got -1$/);
    assert.throws(() => gd(half, x0(), { stepSize: NaN }), /^Error: stepSize must be a finite number > 0, got NaN$/);
  });

  it("objective.grad may return a new array (copied) but not one of the wrong length", () => {
    const fresh = { ...half, grad: (x: Float64Array) => Float64Array.of(x[0], x[1]) };
    assert.deepEqual(Array.from(gd(fresh, x0(), { stepSize: 0.5, maxIterations: 1 }).x), [1.5, -2]);
    assert.throws(() => gd({ ...half, grad: (x: Float64Array) => (x[0] < 2 ? Float64Array.of(1) : Float64Array.of(x[0], x[1])) }, x0(), { stepSize: 0.5 }), /^Error: objective\.grad must return a vector of length 2, got length 1 at step 1$/);
    assert.throws(() => gd({ ...half, grad: () => undefined as never }, x0(), { stepSize: 0.5 }), /^Error: objective\.grad must return a vector of length 2, got undefined at step 0$/);
    // A non-finite gradient where f is finite, at the start: a broken objective.
    assert.throws(() => gd({ ...half, grad: () => Float64Array.of(1, Infinity) }, x0(), { stepSize: 0.5 }), /^Error: objective\.grad\(x0\)\[1\] must be finite, got Infinity$/);
  });

  it("rejects bad options by name", () => {
    assert.throws(() => gd(half, x0(), null as never), /^Error: options must be given, with at least stepSize$/);
    assert.throws(() => gd(half, x0(), { stepSize: 0.5, tolerance: -1e-9 }), /^Error: tolerance must be ≥ 0 \(0: never stop on the gradient\), got -1e-9$/);
    assert.throws(() => gd(half, x0(), { stepSize: 0.5, tolerance: NaN }), /^Error: tolerance must be a finite number, got NaN$/);
    assert.throws(() => gd(half, x0(), { stepSize: 0.5, divergenceBound: 0 }), /^Error: divergenceBound must be a finite number > 0, got 0$/);
    assert.throws(() => gd(half, x0(), { stepSize: 0.5, maxIterations: -1 }), /^Error: maxIterations must be an integer ≥ 0, got -1$/);
    assert.throws(() => gd(half, x0(), { stepSize: 0.5, recordEvery: 0.5 }), /^Error: recordEvery must be an integer ≥ 0, got 0\.5$/);
  });
});

describe("steepestDescent on a coupled quadratic: one step of each norm's rule", () => {
  const f = objectives.quadratic([[2, 0.5], [0.5, 1]], Float64Array.of(1, -3));
  const x = Float64Array.of(0.4, 0.7);
  const g = f.grad(x); // (0.15, −1.8)
  it("ℓ2: x − ηg; ℓ1: only the largest |gᵢ| moves; ℓ∞: x − η‖g‖₁ sign(g)", () => {
    const eta = 0.3;
    const step = (norm: 1 | 2 | typeof Infinity) => Array.from(steepestDescent(f, x, { stepSize: eta, maxIterations: 1, norm }).x);
    assert.deepEqual(step(2), [x[0] - eta * g[0], x[1] - eta * g[1]]);
    assert.deepEqual(step(1), [x[0], x[1] - eta * g[1]]);
    const l1 = Math.abs(g[0]) + Math.abs(g[1]);
    assert.deepEqual(step(Infinity), [x[0] - eta * l1 * Math.sign(g[0]), x[1] - eta * l1 * Math.sign(g[1])]);
    // ℓ1 with the largest entry first: the first coordinate moves.
    const y = Float64Array.of(3, -2); // g = (4, 2.5)
    const gy = f.grad(y);
    assert.ok(Math.abs(gy[0]) > Math.abs(gy[1]));
    assert.deepEqual(Array.from(steepestDescent(f, y, { stepSize: eta, maxIterations: 1, norm: 1 }).x), [y[0] - eta * gy[0], -2]);
    // A tie |g₀| = |g₁| moves the first coordinate only.
    const tie = { dim: 2, value: () => 0, grad: () => Float64Array.of(-1, 1) };
    assert.deepEqual(Array.from(steepestDescent(tie, Float64Array.of(0, 0), { stepSize: 1, maxIterations: 1, tolerance: 0, norm: 1 }).x), [1, 0]);
    assert.throws(() => steepestDescent(f, x, { stepSize: 1, norm: 3 as never }), /^Error: norm must be 1, 2 or Infinity, got 3$/);
    assert.throws(() => steepestDescent(null as never, x, { stepSize: 1, norm: 2 }), /^Error: objective must be an Objective/);
  });
});

describe("stochasticGradientDescent: x − η(g + ξ), g sampled when the objective can", () => {
  it("uses objective.sampleGrad when present, and no noise draw when noise = 0", () => {
    const sampled = { ...half, sampleGrad: (x: Float64Array, r: unknown, out?: Float64Array) => { const s = out ?? new Float64Array(2); s[0] = 10; s[1] = -10; return s; } };
    const t = stochasticGradientDescent(sampled, x0(), { stepSize: 0.5, maxIterations: 1, noise: 0, rng: rng(1) });
    assert.deepEqual(Array.from(t.x), [3 - 5, -4 + 5]);
    // noise 0 draws nothing: the generator is where it started.
    const r = rng(2), fresh = rng(2);
    stochasticGradientDescent(half, x0(), { stepSize: 0.5, maxIterations: 3, noise: 0, rng: r });
    assert.equal(r.uniform(), fresh.uniform());
    // With noise, the tolerance defaults to 0 (runs to maxIterations even at a critical point).
    const noisy = stochasticGradientDescent(half, Float64Array.of(0, 0), { stepSize: 0.5, maxIterations: 3, noise: 0.1, rng: rng(3) });
    assert.equal(noisy.iterations, 3);
    const stops = stochasticGradientDescent(half, x0(), { stepSize: 0.5, maxIterations: 100, noise: 0, rng: rng(3), tolerance: 0.1 });
    assert.equal(stops.status, "converged");
    assert.throws(() => stochasticGradientDescent(half, x0(), { stepSize: 0.5, noise: -1, rng: rng(1) }), /^Error: noise must be ≥ 0, got -1$/);
    assert.throws(() => stochasticGradientDescent(half, x0(), { stepSize: 0.5, noise: NaN, rng: rng(1) }), /^Error: noise must be a finite number, got NaN$/);
    assert.throws(() => stochasticGradientDescent(half, x0(), { stepSize: 0.5, noise: 1 } as never), /^Error: rng must be given \(an Rng\): the noise is random$/);
    assert.throws(() => stochasticGradientDescent(half, x0(), { stepSize: 0.5, noise: 1, rng: {} as never }), /^Error: rng must be given/);
    assert.throws(() => stochasticGradientDescent(half, x0(), null as never), /^Error: options must be an object of options, got null$/);
  });
});

describe("mirrorDescent: ∇ψ(x⁺) = ∇ψ(x) − η∇f(x)", () => {
  const f = objectives.strictSaddle({ center: [2, 3] });
  const x = Float64Array.of(1.5, 2.2);
  it("entropy: x·e^{−ηg}; log barrier: 1/x⁺ = 1/x + ηg; a dual point with no preimage diverges", () => {
    const g = f.grad(x), eta = 0.2;
    const ent = mirrorDescent(f, x, { stepSize: eta, maxIterations: 1, mirrorMap: entropicMirrorMap }).x;
    ent.forEach((v, i) => assert.ok(Math.abs(v - x[i] * Math.exp(-eta * g[i])) < 1e-15));
    const bar = mirrorDescent(f, x, { stepSize: eta, maxIterations: 1, mirrorMap: logBarrierMirrorMap }).x;
    bar.forEach((v, i) => assert.ok(Math.abs(1 / v - (1 / x[i] + eta * g[i])) < 1e-14));
    // g₀ = x₀ − 2 = −0.5 < 0: −1/x₀ + 5·0.5... a step with η|g₀| > 1/x₀ leaves the dual cone.
    const out = mirrorDescent(f, x, { stepSize: 2, maxIterations: 5, mirrorMap: logBarrierMirrorMap });
    assert.equal(out.status, "diverged");
    assert.equal(out.divergedAt, 1);
    assert.equal(entropicMirrorMap.name, "entropy");
    assert.equal(logBarrierMirrorMap.name, "log-barrier");
    assert.ok(!entropicMirrorMap.contains(Float64Array.of(1, 0)) && entropicMirrorMap.contains(Float64Array.of(1, 2)));
    assert.ok(!logBarrierMirrorMap.contains(Float64Array.of(-1, 2)) && logBarrierMirrorMap.contains(Float64Array.of(1, 2)));
    const t = new Float64Array(2);
    assert.equal(logBarrierMirrorMap.toPrimal(Float64Array.of(-0.5, 0), t), false);
    assert.throws(() => mirrorDescent(f, Float64Array.of(1, 0), { stepSize: 1, mirrorMap: entropicMirrorMap }), /^Error: x0 must lie in the domain of the entropy mirror map$/);
    assert.throws(() => mirrorDescent(f, x, { stepSize: 1 } as never), /^Error: mirrorMap must be a MirrorMap \(e\.g\. entropicMirrorMap\)$/);
    assert.throws(() => mirrorDescent(f, x, { stepSize: 1, mirrorMap: {} as never }), /^Error: mirrorMap must be a MirrorMap/);
    assert.throws(() => mirrorDescent(f, [1, 2] as never, { stepSize: 1, mirrorMap: entropicMirrorMap }), /^Error: x0 must be a Float64Array, got an array of length 2$/);
  });
});

describe("stochasticSubgradient and powerSchedule", () => {
  it("α_k = c/(k + 1)^p for p in (½, 1]", () => {
    const a = powerSchedule(0.8, 0.75);
    assert.equal(a(0), 0.8);
    assert.equal(a(15), 0.8 / 8);
    assert.equal(powerSchedule(2, 1)(3), 0.5);
    assert.throws(() => powerSchedule(1, 0.5), /^Error: p must be in \(1\/2, 1\] \(Σα = ∞ and Σα² < ∞\), got 0\.5$/);
    assert.throws(() => powerSchedule(1, 1.01), /^Error: p must be in \(1\/2, 1\]/);
    assert.throws(() => powerSchedule(0, 1), /^Error: c must be a finite number > 0, got 0$/);
    assert.throws(() => powerSchedule(1, NaN), /^Error: p must be a finite number, got NaN$/);
  });

  it("steps along sampleSubgrad (with the rng), else subgrad, else grad; tolerance defaults to 0", () => {
    const x = Float64Array.of(1, 2);
    const base = { dim: 2, value: () => 0, grad: () => Float64Array.of(1, 1) };
    const withSub = { ...base, subgrad: () => Float64Array.of(2, 0) };
    const withSample = { ...withSub, sampleSubgrad: (_: Float64Array, r: { uniform(): number }) => Float64Array.of(0, r.uniform() < 2 ? 4 : 0) };
    const one = (o: objectives.Objective, extra = {}) => Array.from(stochasticSubgradient(o, x, { stepSize: 0.5, maxIterations: 1, ...extra }).x);
    assert.deepEqual(one(base), [0.5, 1.5]);
    assert.deepEqual(one(withSub), [0, 2]);
    assert.deepEqual(one(withSample, { rng: rng(1) }), [1, 0]);
    // grad = 0 everywhere: the method still runs to maxIterations (tolerance 0 unless given).
    const zero = { dim: 2, value: () => 0, grad: () => Float64Array.of(0, 0) };
    assert.equal(stochasticSubgradient(zero, x, { stepSize: 0.5, maxIterations: 3 }).iterations, 3);
    assert.equal(stochasticSubgradient(zero, x, { stepSize: 0.5, maxIterations: 3, tolerance: 1e-9 }).iterations, 0);
    assert.throws(() => stochasticSubgradient(withSample, x, { stepSize: 0.5 }), /^Error: rng must be an Rng \(from rng\(seed\)\): the objective's subgradients are sampled$/);
    assert.throws(() => stochasticSubgradient(withSample, x, { stepSize: 0.5, rng: {} as never }), /^Error: rng must be an Rng/);
    assert.throws(() => stochasticSubgradient({ ...base, sampleSubgrad: 1 } as never, x, { stepSize: 0.5, rng: rng(1) }), /^Error: rng must be an Rng/);
  });
});

describe("descend with readsGradient = false: ∇f only where the trace reports it", () => {
  /**
   * f(x) = ½xᵀAx + bᵀx with A = [[2, 0.5], [0.5, 1]], b = (−1, 0.3): coupled, so ∇f = Ax + b moves
   * every step; `calls` counts the gradient evaluations. The rule steps along −η(Ax + b), computed
   * by itself (it never reads `g`), so that both modes take the same steps.
   */
  const counted = () => {
    const calls = { grad: 0, value: 0 };
    const gradOf = (x: Float64Array, out: Float64Array = new Float64Array(2)) => {
      out[0] = 2 * x[0] + 0.5 * x[1] - 1;
      out[1] = 0.5 * x[0] + x[1] + 0.3;
      return out;
    };
    const f: objectives.Objective = {
      dim: 2,
      value: (x) => { calls.value++; return x[0] * x[0] + 0.5 * x[0] * x[1] + 0.5 * x[1] * x[1] - x[0] + 0.3 * x[1]; },
      grad: (x, out) => { calls.grad++; return gradOf(x, out); },
    };
    const own = new Float64Array(2);
    const rule = (x: Float64Array, _g: Float64Array, eta: number, _k: number) => { gradOf(x, own); x[0] -= eta * own[0]; x[1] -= eta * own[1]; };
    return { f, calls, rule };
  };
  const run = (readsGradient: boolean, options: Partial<optimizers.DescentOptions> = {}) => {
    const { f, calls, rule } = counted();
    const trace = optimizers.descend(f, x0(), { stepSize: 0.3, maxIterations: 10, tolerance: 0, recordEvery: 3, ...options }, rule, undefined, readsGradient);
    return { trace, calls };
  };

  it("the same trace, bitwise, with ∇f at k = 0, each recorded k and the last (5 evaluations, not 11)", () => {
    const eager = run(true), lazy = run(false);
    assert.deepEqual(lazy.trace, eager.trace); // x, value, gradNorm, iterations, status and the whole history
    assert.deepEqual(lazy.trace.history.iteration, [0, 3, 6, 9, 10]);
    assert.equal(eager.calls.grad, 11); // k = 0 … 10
    assert.equal(lazy.calls.grad, 5); // k = 0, 3, 6, 9 (recorded) and 10 (the last)
    assert.equal(lazy.calls.value, eager.calls.value); // f at every step in both
    assert.equal(lazy.calls.value, 11);
    // recorded gradNorm is ‖Ax_k + b‖ at the recorded iterate itself
    const g = (x: Float64Array) => Math.hypot(2 * x[0] + 0.5 * x[1] - 1, 0.5 * x[0] + x[1] + 0.3);
    lazy.trace.history.x.forEach((x, i) => assert.ok(Math.abs(lazy.trace.history.gradNorm[i] - g(x)) <= 1e-15 * g(x))); // norm2 rounds apart from hypot
    // a last iterate that is also recorded is evaluated once
    assert.equal(run(false, { maxIterations: 9 }).calls.grad, 4);
  });

  it("with a tolerance, ∇f at every step, stopping where the eager loop stops", () => {
    const eager = run(true, { tolerance: 1e-3, maxIterations: 200 }), lazy = run(false, { tolerance: 1e-3, maxIterations: 200 });
    assert.equal(lazy.trace.status, "converged");
    assert.deepEqual(lazy.trace, eager.trace);
    assert.equal(lazy.calls.grad, lazy.trace.iterations + 1);
  });

  it("divergence by f or x is found at the same step; a non-finite ∇f where it is evaluated", () => {
    const up = { stepSize: 3, maxIterations: 50, divergenceBound: 1e6 };
    const eager = run(true, up), lazy = run(false, up);
    assert.equal(eager.trace.status, "diverged");
    assert.deepEqual(lazy.trace, eager.trace);
    // ∇f non-finite from k = 4 on while f stays finite: the eager loop stops at 4, the lazy one at the next recorded k (6)
    const { rule } = counted();
    const broken: objectives.Objective = { dim: 2, value: () => 1, grad: (x, out) => { const g = out ?? new Float64Array(2); g[0] = g[1] = steps >= 4 ? NaN : 1; return g; } };
    let steps = 0;
    const counting = (x: Float64Array, g: Float64Array, eta: number, k: number) => { rule(x, g, eta, k); steps++; };
    const options = { stepSize: 0.1, maxIterations: 20, tolerance: 0, recordEvery: 3 };
    assert.equal(optimizers.descend(broken, x0(), options, counting).divergedAt, 4);
    steps = 0;
    const late = optimizers.descend(broken, x0(), options, counting, undefined, false);
    assert.equal(late.status, "diverged");
    assert.equal(late.divergedAt, 6);
    assert.ok(Number.isNaN(late.gradNorm));
  });
});

describe("the stochastic methods evaluate the full gradient only where the trace reports it", () => {
  it("stochasticSubgradient on robust phase retrieval: the same iterates as x − α_k·(sampled subgradient), subgrad called at k = 0, the recorded k and the last", () => {
    const r = rng(41), d = 3, m = 7;
    const A = Array.from({ length: m }, () => Array.from(r.normalVector(d)));
    const b = A.map((a) => (a[0] - 0.5 * a[1] + 2 * a[2]) ** 2);
    const f = objectives.robustPhaseRetrieval(A, b);
    let full = 0;
    const counted = { ...f, subgrad: (x: Float64Array, out?: Float64Array) => { full++; return f.subgrad(x, out); } };
    counted.grad = counted.subgrad;
    const start = Float64Array.of(0.3, -0.2, 0.9), alpha = powerSchedule(0.05, 0.7);
    const t = stochasticSubgradient(counted, start, { stepSize: alpha, maxIterations: 40, rng: rng(8), recordEvery: 10 });
    assert.equal(full, 5); // k = 0, 10, 20, 30, 40
    // the same steps by hand: x_{k+1} = x_k − α_k·sampleSubgrad(x_k), one draw a step from the same generator
    const x = Float64Array.from(start), draws = rng(8);
    for (let k = 0; k < 40; k++) {
      const s = f.sampleSubgrad(x, draws);
      for (let i = 0; i < d; i++) x[i] -= alpha(k) * s[i];
      if ((k + 1) % 10 === 0) {
        const at = t.history.iteration.indexOf(k + 1);
        assert.deepEqual(Array.from(t.history.x[at]), Array.from(x));
        const g = f.subgrad(x);
        assert.ok(Math.abs(t.history.gradNorm[at] - Math.hypot(...g)) <= 1e-15 * Math.hypot(...g)); // at this iterate (norm2 rounds apart from hypot)
        assert.equal(t.history.value[at], f.value(x));
      }
    }
    assert.deepEqual(Array.from(t.x), Array.from(x));
    // an own subgradient oracle (not grad, no sampling): grad only at k = 0 and the last, subgrad at every step
    let grads = 0, subgrads = 0;
    const own = { dim: 2, value: () => 0, grad: () => { grads++; return Float64Array.of(1, 1); }, subgrad: () => { subgrads++; return Float64Array.of(2, 0); } };
    stochasticSubgradient(own, Float64Array.of(1, 2), { stepSize: 0.5, maxIterations: 5 });
    assert.deepEqual([grads, subgrads], [2, 5]);
  });

  it("stochasticGradientDescent with sampleGrad: grad at k = 0 and the last only; without it, at every step", () => {
    let full = 0;
    const f = { ...half, grad: (x: Float64Array, out?: Float64Array) => { full++; return half.grad(x, out); } };
    const sampled = { ...f, sampleGrad: (x: Float64Array, _r: unknown, out?: Float64Array) => { const s = out ?? new Float64Array(2); s[0] = x[0] + 1; s[1] = x[1]; return s; } };
    const t = stochasticGradientDescent(sampled, x0(), { stepSize: 0.5, maxIterations: 6, noise: 0, rng: rng(1) });
    assert.equal(full, 2);
    // x ← x − ½(x + e₁) = ½x − ½e₁: x₆ = (3·2⁻⁶ − (1 − 2⁻⁶), −4·2⁻⁶), and gradNorm = ‖∇f(x₆)‖ = ‖x₆‖
    assert.deepEqual(Array.from(t.x), [3 / 64 - 63 / 64, -4 / 64]);
    assert.ok(Math.abs(t.gradNorm - Math.hypot(3 / 64 - 63 / 64, -4 / 64)) <= 1e-15); // ‖∇f(x₆)‖ (norm2 rounds apart from hypot)
    full = 0;
    stochasticGradientDescent(f, x0(), { stepSize: 0.5, maxIterations: 6, noise: 0, rng: rng(1) });
    assert.equal(full, 7);
  });
});
