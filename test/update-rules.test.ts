// One step of every update rule against its formula, on coupled (non-separable) problems with
// non-trivial parameters (ρ ≠ 1, c ≠ 1, η ≠ 1), so that a wrong formula cannot agree by accident.
// These tests are what `npm run mutate` relies on to kill plausible one-line bugs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  Matrix, admm, certify, coordinateDescent, entropicMirrorMap, gd, jinParameters, logBarrierMirrorMap, mirrorDescent, objectives,
  norm2, perturbedGradientDescent, riemannianGradientDescent, rng, solve, sphere, steepestDescent, stochasticGradientDescent, type Objective,
} from "landscape";

const { relativeError } = certify;

/** f(x) = ½xᵀAx − bᵀx with a dense (coupled) A: ∂ᵢf depends on every coordinate. */
const A = new Matrix([
  [3, 1, 0.5],
  [1, 2, -0.7],
  [0.5, -0.7, 1.5],
]);
const b = Float64Array.of(1, -2, 0.5);
const coupled = objectives.quadratic(A, b);
const gradAt = (x: Float64Array) => coupled.grad(Float64Array.from(x));
const close = (a: ArrayLike<number>, e: ArrayLike<number>, tol = 1e-14, what = "") => assert.ok(relativeError(a, e) <= tol, `${what} ${Array.from(a)} vs ${Array.from(e)}`);

describe("one step of each update rule against its formula", () => {
  it("gradient descent: x₁ = x₀ − η∇f(x₀), and the trace reports f and ‖∇f‖ at x₁", () => {
    const x0 = Float64Array.of(0.3, -1.2, 2);
    const eta = 0.17;
    const t = gd(coupled, x0, { stepSize: eta, maxIterations: 1 });
    const g = gradAt(x0);
    const x1 = x0.map((v, i) => v - eta * g[i]);
    close(t.x, x1);
    assert.ok(Math.abs(t.value - coupled.value(x1)) < 1e-14);
    assert.ok(Math.abs(t.gradNorm - Math.hypot(...gradAt(x1))) < 1e-14);
    assert.equal(t.iterations, 1);
  });

  it("cyclic coordinate descent uses the fresh partial derivative at each coordinate step (a stale gradient fails on a coupled quadratic)", () => {
    const x0 = Float64Array.of(0.3, -1.2, 2);
    const eta = 0.21;
    const t = coordinateDescent(coupled, x0, { stepSize: eta, maxIterations: 2 });
    const x = Float64Array.from(x0);
    for (let sweep = 0; sweep < 2; sweep++) for (let i = 0; i < 3; i++) x[i] -= eta * gradAt(x)[i];
    close(t.x, x);
    // The stale-gradient sweep (every coordinate with ∇f at the start of the sweep) is plain GD: far from it.
    const stale = Float64Array.from(x0);
    for (let sweep = 0; sweep < 2; sweep++) { const g = gradAt(stale); for (let i = 0; i < 3; i++) stale[i] -= eta * g[i]; }
    assert.ok(relativeError(t.x, stale) > 1e-2);
  });

  it("random coordinate descent draws its d coordinates per iteration from the generator, uniformly with replacement", () => {
    const x0 = Float64Array.of(0.3, -1.2, 2);
    const eta = 0.21;
    const t = coordinateDescent(coupled, x0, { stepSize: eta, maxIterations: 3, order: "random", rng: rng(7) });
    const draw = rng(7);
    const x = Float64Array.from(x0);
    for (let k = 0; k < 3 * 3; k++) { const i = draw.integer(0, 2); x[i] -= eta * gradAt(x)[i]; }
    close(t.x, x);
    assert.throws(() => coordinateDescent(coupled, x0, { stepSize: 0.1, order: "greedy" as never }), /order must be "cyclic" or "random"/);
  });

  it("Riemannian GD on the sphere: x₁ = R(−η P_x∇f(x₀)) with P_x v = v − ⟨x, v⟩x (no step along the Euclidean gradient)", () => {
    const q = objectives.rayleighQuotient(A);
    const x0 = rng(11).sphere(3);
    const eta = 0.13;
    const t = riemannianGradientDescent(q, x0, { stepSize: eta, maxIterations: 1, manifold: sphere });
    const g = q.grad(Float64Array.from(x0));
    const s = g.reduce((acc, v, i) => acc + v * x0[i], 0);
    const step = x0.map((v, i) => v - eta * (g[i] - s * v));
    const n = Math.hypot(...step);
    close(t.x, step.map((v) => v / n));
    // Stationarity is the Riemannian gradient's norm at x₁.
    const g1 = q.grad(Float64Array.from(t.x));
    const s1 = g1.reduce((acc, v, i) => acc + v * t.x[i], 0);
    assert.ok(Math.abs(t.gradNorm - Math.hypot(...g1.map((v, i) => v - s1 * t.x[i]))) < 1e-14);
    // The Euclidean step followed by normalization is a different point.
    const euclid = x0.map((v, i) => v - eta * g[i]);
    const ne = Math.hypot(...euclid);
    assert.ok(relativeError(t.x, euclid.map((v) => v / ne)) > 1e-2);
  });

  it("the sphere: projection, retraction and the membership test", () => {
    const x = Float64Array.of(0.6, 0, 0.8);
    const out = new Float64Array(3);
    sphere.project(x, Float64Array.of(1, 2, 3), out);
    close(out, [1 - 3 * 0.6, 2, 3 - 3 * 0.8]); // ⟨x, v⟩ = 3
    sphere.retract(x, Float64Array.of(0.4, 1, 0.2), out);
    close(out, [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)]);
    assert.ok(sphere.contains(Float64Array.of(1 + 5e-10, 0, 0)) && !sphere.contains(Float64Array.of(1 + 2e-9, 0, 0)) && !sphere.contains(Float64Array.of(1 - 2e-9, 0, 0)));
  });

  it("mirror descent: entropy x₁ = x₀·e^{−η∇f}, log barrier 1/x₁ = 1/x₀ + η∇f", () => {
    const g = objectives.quadratic(A, b, 0);
    const shifted: Objective = { dim: 3, value: (x) => g.value(x.map((v) => v - 2)), grad: (x, out) => g.grad(x.map((v) => v - 2), out) };
    const x0 = Float64Array.of(2.5, 1.5, 2.2);
    const eta = 0.07;
    const grad = shifted.grad(Float64Array.from(x0));
    const entropy = mirrorDescent(shifted, x0, { stepSize: eta, maxIterations: 1, mirrorMap: entropicMirrorMap });
    close(entropy.x, x0.map((v, i) => v * Math.exp(-eta * grad[i])));
    const barrier = mirrorDescent(shifted, x0, { stepSize: eta, maxIterations: 1, mirrorMap: logBarrierMirrorMap });
    close(barrier.x, x0.map((v, i) => 1 / (1 / v + eta * grad[i])));
  });

  it("steepest descent: ℓ2 is GD; ℓ∞ is x − η‖g‖₁ sign(g); ℓ1 moves the largest |∂ᵢf| only, by η‖g‖_∞", () => {
    const x0 = Float64Array.of(0.3, -1.2, 2);
    const eta = 0.11;
    const g = gradAt(x0);
    const l1 = g.reduce((s, v) => s + Math.abs(v), 0);
    const imax = g.reduce((best, v, i) => (Math.abs(v) > Math.abs(g[best]) ? i : best), 0);
    const two = steepestDescent(coupled, x0, { stepSize: eta, maxIterations: 1, norm: 2 });
    close(two.x, x0.map((v, i) => v - eta * g[i]));
    const inf = steepestDescent(coupled, x0, { stepSize: eta, maxIterations: 1, norm: Infinity });
    close(inf.x, x0.map((v, i) => v - eta * l1 * Math.sign(g[i])));
    const one = steepestDescent(coupled, x0, { stepSize: eta, maxIterations: 1, norm: 1 });
    close(one.x, x0.map((v, i) => (i === imax ? v - eta * g[i] : v)));
  });

  it("noisy GD: x₁ = x₀ − η(∇f(x₀) + ξ) with ξ uniform on the sphere of radius σ ≠ 1, from the generator", () => {
    const x0 = Float64Array.of(0.3, -1.2, 2);
    const eta = 0.09, noise = 0.37;
    const t = stochasticGradientDescent(coupled, x0, { stepSize: eta, maxIterations: 1, noise, rng: rng(12) });
    const xi = rng(12).sphere(3, noise);
    const g = gradAt(x0);
    close(t.x, x0.map((v, i) => v - eta * (g[i] + xi[i])));
    const quiet = stochasticGradientDescent(coupled, x0, { stepSize: eta, maxIterations: 1, noise: 0, rng: rng(12) });
    close(quiet.x, x0.map((v, i) => v - eta * g[i]));
  });
});

describe("ADMM", () => {
  // f(x) = ½xᵀAx − bᵀx (coupled), g(z) = (κ/2)‖z − c‖²; the subproblems are exact:
  // x⁺ = (A + ρI)⁻¹(b + ρ(z − u)),  z⁺ = (κc + ρ(x + u))/(κ + ρ).
  const kappa = 2, c = Float64Array.of(-1, 0.5, 3);
  const problem = {
    dim: 3,
    value: (x: Float64Array) => coupled.value(x) + (kappa / 2) * x.reduce((s, v, i) => s + (v - c[i]) ** 2, 0),
    xUpdate: (z: Float64Array, u: Float64Array, rho: number, out: Float64Array) => {
      const m = Matrix.add(A, Matrix.eye(3).mul(rho));
      const rhs = Matrix.columnVector(Array.from(b, (v, i) => v + rho * (z[i] - u[i])));
      out.set(solve(m, rhs).getColumn(0));
    },
    zUpdate: (x: Float64Array, u: Float64Array, rho: number, out: Float64Array) => {
      for (let i = 0; i < 3; i++) out[i] = (kappa * c[i] + rho * (x[i] + u[i])) / (kappa + rho);
    },
  };
  const start = () => ({ x: Float64Array.of(1, 1, 1), z: Float64Array.of(0.5, -0.2, 0.1), u: Float64Array.of(0.3, -0.4, 0.2) });

  it("one iteration with ρ = 2.5: x⁺, z⁺, u⁺ = u + x⁺ − z⁺, residual max(‖x⁺ − z⁺‖, ρ‖z⁺ − z‖)", () => {
    const rho = 2.5;
    const s = start();
    const t = admm(problem, s, { rho, maxIterations: 1 });
    const x = new Float64Array(3), z = new Float64Array(3);
    problem.xUpdate(s.z, s.u, rho, x);
    problem.zUpdate(x, s.u, rho, z);
    close(t.x, x);
    close(t.z, z);
    close(t.u, s.u.map((v, i) => v + x[i] - z[i]));
    const primal = Math.hypot(...x.map((v, i) => v - z[i]));
    const dual = rho * Math.hypot(...z.map((v, i) => v - s.z[i]));
    assert.ok(dual > primal, "the dual residual is the larger here, so the factor ρ is seen");
    assert.ok(Math.abs(t.gradNorm - Math.max(primal, dual)) < 1e-14);
    assert.ok(Math.abs(t.value - problem.value(x)) < 1e-13);
    assert.deepEqual([t.status, t.iterations, t.history.iteration], ["max-iterations", 1, [1]]);
    assert.deepEqual(Array.from(s.x), [1, 1, 1], "the start is not modified");
    // With a small ρ the primal residual ‖x⁺ − z⁺‖ is the larger: both enter the max.
    const small = admm(problem, start(), { rho: 0.05, maxIterations: 1 });
    const xs = new Float64Array(3), zs = new Float64Array(3);
    problem.xUpdate(start().z, start().u, 0.05, xs);
    problem.zUpdate(xs, start().u, 0.05, zs);
    const primalSmall = Math.hypot(...xs.map((v, i) => v - zs[i]));
    assert.ok(primalSmall > 0.05 * Math.hypot(...zs.map((v, i) => v - start().z[i])));
    assert.ok(Math.abs(small.gradNorm - primalSmall) < 1e-14);
  });

  it("converges with ρ = 0.4 to the minimizer of f + g, (A + κI)x = b + κc, recording every k-th iterate once", () => {
    const t = admm(problem, start(), { rho: 0.4, maxIterations: 2000, tolerance: 1e-11, recordEvery: 5 });
    assert.equal(t.status, "converged");
    const xStar = solve(Matrix.add(A, Matrix.eye(3).mul(kappa)), Matrix.columnVector(Array.from(b, (v, i) => v + kappa * c[i]))).getColumn(0);
    close(t.x, xStar, 1e-9);
    assert.ok(t.gradNorm <= 1e-11);
    const expected = Array.from({ length: Math.floor(t.iterations / 5) }, (_, i) => 5 * (i + 1));
    if (t.iterations % 5 !== 0) expected.push(t.iterations);
    assert.deepEqual(t.history.iteration, expected);
    // The last iterate is recorded once, also when it falls on the recording grid; without recordEvery only the last.
    assert.deepEqual(admm(problem, start(), { rho: 0.4, maxIterations: 10, recordEvery: 5 }).history.iteration, [5, 10]);
    assert.deepEqual(admm(problem, start(), { rho: 0.4, maxIterations: 10 }).history.iteration, [10]);
  });

  it("stops when the residual equals the tolerance, and reports a non-finite value as divergence", () => {
    // x and z both jump to (1, 0): primal residual 0, dual residual ρ‖(1, 0) − 0‖ = ρ = 2 exactly.
    const jump = { dim: 2, value: () => 0, xUpdate: (_z: Float64Array, _u: Float64Array, _r: number, out: Float64Array) => out.set([1, 0]), zUpdate: (_x: Float64Array, _u: Float64Array, _r: number, out: Float64Array) => out.set([1, 0]) };
    const zero = () => ({ x: new Float64Array(2), z: new Float64Array(2), u: new Float64Array(2) });
    const t = admm(jump, zero(), { rho: 2, tolerance: 2, maxIterations: 10 });
    assert.deepEqual([t.status, t.iterations, t.gradNorm], ["converged", 1, 2]);
    const bad = { ...jump, value: (x: Float64Array) => (x[0] === 1 ? NaN : 0) };
    const d = admm(bad, zero(), { rho: 2, tolerance: 1e-9, maxIterations: 10 });
    assert.deepEqual([d.status, d.divergedAt, d.iterations], ["diverged", 1, 1]);
    assert.equal(t.divergedAt, undefined);
  });
});

describe("perturbed gradient descent (Jin et al. 2017)", () => {
  it("jinParameters computes the paper's formulas, with c ≠ 1, on both sides of the max{·, 4} in χ", () => {
    for (const [deltaF, c] of [[1e3, 0.5], [1e-6, 2]] as const) {
      const [d, ell, rho, epsilon, delta] = [7, 3, 5, 1e-2, 0.05];
      const p = jinParameters({ d, ell, rho, epsilon, delta, deltaF, c });
      const chi = 3 * Math.max(Math.log((d * ell * deltaF) / (c * epsilon ** 2 * delta)), 4);
      const rel = (a: number, e: number) => assert.ok(Math.abs(a - e) <= 1e-14 * Math.abs(e), `${a} vs ${e}`);
      rel(p.chi, chi);
      rel(p.stepSize, c / ell);
      rel(p.radius, (Math.sqrt(c) * epsilon) / (chi ** 2 * ell));
      rel(p.gradientThreshold, (Math.sqrt(c) * epsilon) / chi ** 2);
      rel(p.functionThreshold, (c / chi ** 3) * Math.sqrt(epsilon ** 3 / rho));
      assert.equal(p.timeThreshold, Math.ceil((chi / c ** 2) * (ell / Math.sqrt(rho * epsilon))));
    }
    assert.equal(jinParameters({ d: 2, ell: 1, rho: 1, epsilon: 1, delta: 0.5, deltaF: 1e-9 }).chi, 12, "χ = 3·4 when the log is below 4");
  });

  // A convex quadratic at its minimizer x* = A⁻¹b: ∇f = 0, so PGD perturbs at once; GD then
  // returns towards x*, f does not decrease by f_thres, and PGD must return the anchor x* itself.
  const xStar = coupled.minimizer();
  const options = { stepSize: 0.2, radius: 0.05, gradientThreshold: 1e-6, functionThreshold: 1e-3, timeThreshold: 25, maxIterations: 1000, recordEvery: 1 };

  it("perturbs by ξ ~ uniform in the ball of radius r, drawn from the generator, when ‖∇f‖ ≤ g_thres", () => {
    const t = perturbedGradientDescent(coupled, xStar, { ...options, rng: rng(21) });
    const xi = rng(21).ball(3, options.radius);
    close(t.history.x[0], xStar.map((v, i) => v + xi[i]), 1e-15, "the iterate recorded at t = 0 is x̃ + ξ");
    assert.deepEqual(t.perturbations, [0]);
    // then plain GD steps from x̃ + ξ
    const x1 = t.history.x[0].map((v, i) => v - options.stepSize * gradAt(t.history.x[0])[i]);
    close(t.history.x[1], x1);
  });

  it("returns the anchor x̃ (not the current iterate) t_thres steps after a perturbation that did not decrease f by f_thres", () => {
    const t = perturbedGradientDescent(coupled, xStar, { ...options, rng: rng(21) });
    assert.equal(t.status, "converged");
    assert.equal(t.iterations, options.timeThreshold);
    assert.deepEqual(Array.from(t.x), Array.from(xStar));
    assert.equal(t.value, coupled.value(xStar));
    assert.ok(t.gradNorm < 1e-14);
    assert.ok(relativeError(t.history.x[options.timeThreshold], xStar) > 1e-6, "the iterate at t_thres is not x̃: returning it would differ");
    assert.equal(t.history.iteration.length, options.timeThreshold + 1, "t = 0 … t_thres, each once");
  });

  it("perturbs when ‖∇f‖ equals g_thres exactly (the condition is ‖∇f‖ ≤ g_thres)", () => {
    const x0 = Float64Array.of(0.3, -1.2, 2);
    const n0 = norm2(gradAt(x0)); // the library's norm, so that the tie is exact
    const t = perturbedGradientDescent(coupled, x0, { ...options, gradientThreshold: n0, rng: rng(23) });
    assert.equal(t.perturbations[0], 0);
    assert.notDeepEqual(Array.from(t.history.x[0]), Array.from(x0));
  });

  it("does not perturb while ‖∇f‖ > g_thres, nor again within t_thres steps", () => {
    // Start where ‖∇f‖ is just above g_thres: the first step is a plain gradient step.
    const g = 1e-3;
    const x0 = xStar.map((v, i) => v + (i === 0 ? 1.0001 * g / 3.3 : 0));
    const n0 = Math.hypot(...gradAt(x0));
    const t = perturbedGradientDescent(coupled, x0, { ...options, gradientThreshold: 0.999 * n0, rng: rng(22) });
    // No perturbation at t = 0; at t = 1 the gradient has shrunk below g_thres: x₁ = x₀ − η∇f(x₀) + ξ.
    assert.deepEqual(Array.from(t.history.x[0]), Array.from(x0));
    assert.equal(t.perturbations[0], 1);
    const xi = rng(22).ball(3, options.radius);
    close(t.history.x[1], x0.map((v, i) => v - options.stepSize * gradAt(x0)[i] + xi[i]), 1e-14);
    // On a function with a saddle PGD escapes (f decreases past f_thres) and may perturb again, never within t_thres steps.
    const f = objectives.strictSaddle();
    const p = perturbedGradientDescent(f, Float64Array.of(0, 0), { stepSize: 0.1, radius: 1e-3, gradientThreshold: 1e-4, functionThreshold: 1e-4, timeThreshold: 40, maxIterations: 5000, rng: rng(4) });
    assert.equal(p.status, "converged");
    for (let i = 1; i < p.perturbations.length; i++) assert.ok(p.perturbations[i] - p.perturbations[i - 1] > 40);
    assert.ok(p.perturbations.length >= 2, "it perturbs again at the minimizer, then stops there");
    assert.ok(Math.abs(Math.abs(p.x[1]) - 1) < 1e-3);
    // The stop test is a decrease by more than f_thres: a decrease of exactly f_thres does not continue the run.
    const escape = { stepSize: 0.1, radius: 1e-3, gradientThreshold: 1e-4, timeThreshold: 40, maxIterations: 41, recordEvery: 1 };
    const probe = perturbedGradientDescent(f, Float64Array.of(0, 0), { ...escape, functionThreshold: 10, rng: rng(4) });
    const decrease = f.value(Float64Array.of(0, 0)) - probe.history.value[40];
    assert.ok(decrease > 0);
    const tie = perturbedGradientDescent(f, Float64Array.of(0, 0), { ...escape, functionThreshold: decrease, rng: rng(4) });
    assert.deepEqual([tie.status, tie.iterations], ["max-iterations", 41]);
  });
});

describe("the methods' remaining branches", () => {
  const pgdOptions = { stepSize: 0.2, radius: 0.05, gradientThreshold: 1e-6, functionThreshold: 1e-3, timeThreshold: 25, maxIterations: 1000 };

  it("perturbed GD: divergence, stopWhen, max-iterations and the history's last point, each reported", () => {
    const x0 = Float64Array.of(0.3, -1.2, 2);
    const diverged = perturbedGradientDescent(coupled, x0, { ...pgdOptions, stepSize: 1.5, rng: rng(1) });
    assert.equal(diverged.status, "diverged");
    assert.equal(diverged.divergedAt, diverged.iterations);
    const nan: Objective = { dim: 1, value: (x) => (x[0] > 1 ? 0 : x[0]), grad: (x, out) => { const g = out ?? new Float64Array(1); g[0] = x[0] > 0.5 ? NaN : -1; return g; } };
    assert.equal(perturbedGradientDescent(nan, Float64Array.of(0), { ...pgdOptions, stepSize: 0.2, rng: rng(1) }).status, "diverged", "a non-finite gradient is divergence");
    const stopped = perturbedGradientDescent(coupled, x0, { ...pgdOptions, rng: rng(1), stopWhen: (_x, k) => k === 3 });
    assert.deepEqual([stopped.status, stopped.iterations, stopped.divergedAt, stopped.history.iteration], ["stopped", 3, undefined, [0, 3]]);
    const capped = perturbedGradientDescent(coupled, x0, { ...pgdOptions, maxIterations: 4, rng: rng(1) });
    assert.deepEqual([capped.status, capped.iterations, capped.history.iteration], ["max-iterations", 4, [0, 4]]);
    assert.deepEqual(Array.from(capped.history.x[1]), Array.from(capped.x));
    assert.equal(capped.history.value[1], capped.value);
  });

  it("perturbed GD, ADMM, jinParameters and the manifold method reject bad parameters by name", () => {
    const x0 = Float64Array.of(0, 0, 0);
    for (const [name, bad] of [["radius", 0], ["gradientThreshold", -1], ["functionThreshold", NaN]] as const) {
      assert.throws(() => perturbedGradientDescent(coupled, x0, { ...pgdOptions, [name]: bad, rng: rng(1) }), new RegExp(`^Error: ${name} must be a finite number > 0`));
    }
    assert.throws(() => perturbedGradientDescent(coupled, x0, { ...pgdOptions, timeThreshold: 0, rng: rng(1) }), /^Error: timeThreshold must be an integer ≥ 1/);
    assert.throws(() => perturbedGradientDescent(coupled, x0, { ...pgdOptions, stepSize: () => 0.1, rng: rng(1) }), /stepSize must be a constant for perturbed gradient descent/);
    assert.throws(() => jinParameters({ d: 2, ell: 0, rho: 1, epsilon: 1, delta: 1, deltaF: 1 }), /^Error: ell must be a finite number > 0/);
    assert.throws(() => jinParameters({ d: 2, ell: 1, rho: 1, epsilon: 1, delta: 1, deltaF: 1, c: -1 }), /^Error: c must be a finite number > 0/);
    const s = { x: new Float64Array(3), z: new Float64Array(3), u: new Float64Array(3) };
    const p = { dim: 3, value: () => 0, xUpdate: () => {}, zUpdate: () => {} };
    assert.throws(() => admm(p, s, { rho: 1, maxIterations: -1 }), /^Error: maxIterations must be an integer ≥ 0/);
    assert.throws(() => admm(p, s, { rho: 1, tolerance: 0 }), /^Error: tolerance must be a finite number > 0/);
    assert.throws(() => admm(p, s, { rho: 1, recordEvery: 0.5 }), /^Error: recordEvery must be an integer ≥ 0/);
    assert.throws(() => admm(p, { ...s, z: new Float64Array(2) }, { rho: 1 }), /^Error: start\.z must have length 3/);
    assert.throws(() => admm(p, { ...s, u: new Float64Array(2) }, { rho: 1 }), /^Error: start\.u must have length 3/);
    assert.throws(() => admm(p, { ...s, x: new Float64Array(2) }, { rho: 1 }), /^Error: start\.x must have length 3/);
    const zero = admm(p, s, { rho: 1, maxIterations: 0 });
    assert.deepEqual([zero.status, zero.iterations, zero.gradNorm, zero.history.iteration], ["max-iterations", 0, Infinity, [0]]);
    const q = objectives.rayleighQuotient(A);
    assert.throws(() => riemannianGradientDescent(q, Float64Array.of(1, 0, 0), { stepSize: 0.1, manifold: undefined as never }), /manifold must be a Manifold/);
    assert.throws(() => riemannianGradientDescent(q, Float64Array.of(1, 0, 0), { stepSize: 0.1, manifold: { ...sphere, retract: undefined as never } }), /manifold must be a Manifold/);
  });

  it("Riemannian GD converges with ‖grad f‖ ≤ tolerance measured on the tangent space (the Euclidean gradient stays ≈ 2λ_min)", () => {
    const q = objectives.rayleighQuotient(A);
    const t = riemannianGradientDescent(q, rng(13).sphere(3), { stepSize: 0.05, maxIterations: 50_000, tolerance: 1e-9, manifold: sphere });
    assert.equal(t.status, "converged");
    assert.ok(t.gradNorm <= 1e-9 && Math.hypot(...q.grad(t.x)) > 0.1);
  });
});
