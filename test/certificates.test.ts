// Every certificate on a case it must pass and on one it must fail; every Hessian against finite
// differences of the gradient; the max-margin solvers with a bias on separable data against an
// independent solve; the fits and the margin losses against their formulas.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  Matrix, certify, classifyCriticalPoint, kktCheck, linearFit, exponentialFit, powerFit, maxMarginL1, maxMarginL2, maxMarginLinf,
  newtonCriticalPoint, normP, objectives, rng, solve, type Objective,
} from "landscape";

const { finiteDifferenceGradient, finiteDifferenceHessian, relativeError, nonnegativeLeastSquares } = certify;

/** An objective from value, gradient and Hessian formulas. */
const objective = (dim: number, value: (x: Float64Array) => number, grad: (x: Float64Array) => number[], hessian: (x: Float64Array) => number[][]): Objective => ({
  dim, value, grad: (x, out) => { const g = out ?? new Float64Array(dim); g.set(grad(x)); return g; }, hessian: (x) => new Matrix(hessian(x)),
});

describe("critical points", () => {
  it("x⁴ + y² and x⁴ at 0 are degenerate (λ_min = 0), not minimizers; −x⁴ is not a maximizer; x⁴ − y² is a strict saddle", () => {
    const quartic = objective(2, ([x, y]) => x ** 4 + y * y, ([x, y]) => [4 * x ** 3, 2 * y], ([x]) => [[12 * x * x, 0], [0, 2]]);
    assert.equal(classifyCriticalPoint(quartic, Float64Array.of(0, 0)).kind, "degenerate");
    const oneD = objective(1, ([x]) => x ** 4, ([x]) => [4 * x ** 3], ([x]) => [[12 * x * x]]);
    assert.equal(classifyCriticalPoint(oneD, Float64Array.of(0)).kind, "degenerate");
    const negQuartic = objective(1, ([x]) => -(x ** 4), ([x]) => [-4 * x ** 3], ([x]) => [[-12 * x * x]]);
    assert.equal(classifyCriticalPoint(negQuartic, Float64Array.of(0)).kind, "degenerate", "−x⁴ at 0 is degenerate, not a maximizer");
    const saddle = objective(2, ([x, y]) => x ** 4 - y * y, ([x, y]) => [4 * x ** 3, -2 * y], ([x]) => [[12 * x * x, 0], [0, -2]]);
    assert.equal(classifyCriticalPoint(saddle, Float64Array.of(0, 0)).kind, "strict-saddle");
  });

  it("classifies by λ_min, λ_max against the tolerance, both sides of each boundary, and reports the evidence", () => {
    // f = ½ Σ λᵢ xᵢ², Hessian diag(λ): the kind from the spectrum at x = 0, tolerance 0.1.
    const diag = (l: number[]) => objective(l.length, (x) => 0.5 * l.reduce((s, v, i) => s + v * x[i] * x[i], 0), (x) => l.map((v, i) => v * x[i]), () => l.map((v, i) => l.map((_, j) => (i === j ? v : 0))));
    const kind = (l: number[], x = new Float64Array(l.length)) => classifyCriticalPoint(diag(l), x, 0.1).kind;
    assert.equal(kind([0.11, 3]), "minimizer");
    assert.equal(kind([0.09, 3]), "degenerate");
    assert.equal(kind([-3, -0.11]), "maximizer");
    assert.equal(kind([-3, -0.09]), "strict-saddle");
    assert.equal(kind([-0.11, 2]), "strict-saddle");
    assert.equal(kind([-0.09, 2]), "degenerate");
    assert.equal(kind([-0.09, -0.05]), "degenerate");
    assert.equal(kind([1, 2], Float64Array.of(0.11, 0)), "not-critical");
    assert.equal(kind([1, 2], Float64Array.of(0.09, 0)), "minimizer");
    // Exact ties: the conditions are strict (λ = ±tolerance and ‖∇f‖ = tolerance fall on the cautious side).
    assert.equal(kind([0.1, 3]), "degenerate");
    assert.equal(kind([-3, -0.1]), "strict-saddle");
    assert.equal(kind([-0.1, 2]), "degenerate");
    assert.equal(kind([1, 2], Float64Array.of(0.1, 0)), "minimizer");
    const c = classifyCriticalPoint(diag([2, -1]), Float64Array.of(0.3, 0), 0.1);
    assert.deepEqual([c.kind, c.gradNorm, c.eigenvalues.map((v) => Math.round(v * 1e12) / 1e12)], ["not-critical", 0.6, [-1, 2]]);
  });

  it("Newton's method: one step on a quadratic, quadratic convergence on x³/3 − x, and a failure reported", () => {
    const q = objectives.quadratic([[2, 1], [1, 3]], Float64Array.of(1, 1));
    const one = newtonCriticalPoint(q, Float64Array.of(5, -4));
    assert.equal(one.iterations, 1);
    assert.ok(one.converged && relativeError(one.x, q.minimizer()) < 1e-14);
    const cubic = objective(1, ([x]) => x ** 3 / 3 - x, ([x]) => [x * x - 1], ([x]) => [[2 * x]]);
    const r = newtonCriticalPoint(cubic, Float64Array.of(2), { tolerance: 1e-12 });
    // x ← x − (x² − 1)/(2x) from 2: 1.25, 1.025, 1.0003049, 1.00000005, 1: ‖∇f‖ ≤ 1e-12 after 5 steps.
    assert.deepEqual([r.converged, r.iterations], [true, 5]);
    assert.ok(Math.abs(r.x[0] - 1) < 1e-13);
    const capped = newtonCriticalPoint(cubic, Float64Array.of(2), { maxIterations: 2 });
    assert.deepEqual([capped.converged, capped.iterations, capped.x[0]], [false, 2, 1.025]);
    const blowUp = objective(1, () => 0, ([x]) => [Math.exp(x) > 1e300 ? Infinity : x * x + 1], ([x]) => [[2 * x]]);
    assert.deepEqual(newtonCriticalPoint(blowUp, Float64Array.of(800)), { x: Float64Array.of(800), converged: false, iterations: 0 }, "a non-finite gradient stops at once");
    // The check after the last step counts: 5 steps reach the tolerance with maxIterations = 5.
    assert.deepEqual([newtonCriticalPoint(cubic, Float64Array.of(2), { maxIterations: 5 }).converged], [true]);
    // ‖∇f‖ equal to the tolerance is converged (≤), before any step.
    assert.equal(newtonCriticalPoint(cubic, Float64Array.of(2), { tolerance: 3 }).iterations, 0);
    const noHessian = { dim: 1, value: () => 0, grad: () => Float64Array.of(0) };
    assert.throws(() => newtonCriticalPoint(noHessian, Float64Array.of(0)), /objective must have hessian\(x\) for Newton's method/);
    assert.throws(() => classifyCriticalPoint(noHessian, Float64Array.of(0)), /objective must have hessian\(x\) to classify critical points/);
    assert.throws(() => newtonCriticalPoint(cubic, Float64Array.of(2, 1)), /^Error: x0 must have length 1/);
    assert.throws(() => newtonCriticalPoint(cubic, Float64Array.of(2), { tolerance: 0 }), /^Error: tolerance must be a finite number > 0/);
    assert.throws(() => newtonCriticalPoint(cubic, Float64Array.of(2), { maxIterations: 0 }), /^Error: maxIterations must be an integer ≥ 1/);
    assert.throws(() => classifyCriticalPoint(cubic, Float64Array.of(2, 1)), /^Error: x must have length 1/);
    assert.throws(() => classifyCriticalPoint(cubic, Float64Array.of(2), -1), /^Error: tolerance must be a finite number > 0/);
  });
});

describe("Hessians against finite differences of the gradient", () => {
  const X = [[1, 0.5, -0.2], [-0.3, 1.2, 0.4], [0.8, -0.6, 1], [-1, -0.1, 0.3]];
  const y = [1, -1, 1, -1];
  it("the margin losses (logistic, exponential), the quadratic, the saddle objectives", () => {
    const r = rng(81);
    const fs: Objective[] = [
      objectives.logisticLoss(X, y), objectives.exponentialLoss(X, y), objectives.quadratic([[2, 0.3], [0.3, 1]], Float64Array.of(1, -1)),
      objectives.strictSaddle(), objectives.rayleighQuotient(new Matrix([[1, 0.2, 0], [0.2, 2, 0.5], [0, 0.5, -1]])),
      objectives.rankOneApproximation(new Matrix([[2, 0.4, 0.1], [0.4, 1, -0.3], [0.1, -0.3, 0.5]])),
    ];
    for (const f of fs) {
      for (let k = 0; k < 2; k++) {
        const x = r.normalVector(f.dim, 0.7);
        assert.ok(relativeError(f.grad(x), finiteDifferenceGradient(f, x)) < 1e-7);
        assert.ok(relativeError(f.hessian!(x).to1DArray(), finiteDifferenceHessian(f, x).to1DArray()) < 1e-7);
      }
    }
  });

  it("the scalar losses: ℓ, ℓ′, ℓ″, log ℓ and log|ℓ′| against their formulas, in every branch", () => {
    const { logistic, exponential } = objectives;
    for (const z of [-50, -3, -0.5, 0, 0.7, 4, 29, 31, 35]) {
      const rel = (a: number, e: number, what: string) => assert.ok(Math.abs(a - e) <= 1e-13 * Math.abs(e) + 1e-300, `${what} at ${z}: ${a} vs ${e}`);
      rel(logistic.value(z), z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)), "ℓ");
      rel(logistic.derivative(z), -1 / (1 + Math.exp(z)), "ℓ′");
      rel(logistic.second(z), Math.exp(z) / (1 + Math.exp(z)) ** 2, "ℓ″");
      rel(logistic.logValue(z), Math.log(logistic.value(z)), "log ℓ");
      rel(logistic.logAbsDerivative(z), z < -30 ? -Math.exp(z) : -Math.log(1 + Math.exp(z)), "log|ℓ′|"); // log(1/(1 + eᶻ))
      rel(exponential.value(z), Math.exp(-z), "e^{−z}");
      rel(exponential.derivative(z), -Math.exp(-z), "−e^{−z}");
      rel(exponential.second(z), Math.exp(-z), "e^{−z}");
      assert.equal(exponential.logValue(z), -z);
      assert.equal(exponential.logAbsDerivative(z), -z);
    }
    // Where ℓ underflows, log ℓ and log|ℓ′| are still exact: log ℓ(z) = −z + log(1 − e^{−z}/2 + …).
    assert.equal(logistic.logValue(800), -800);
    assert.equal(logistic.logAbsDerivative(800), -800);
    assert.ok(Math.abs(logistic.logAbsDerivative(-800)) < 1e-300 + 1e-320);
    assert.equal(logistic.value(-800), 800);
    assert.equal(logistic.derivative(-800), -1);
  });

  it("the log-risk's gradient is ∇L/L, and the diagonal network's β = u⊙u − v⊙v", () => {
    const plain = objectives.logisticLoss(X, y), log = objectives.logisticLoss(X, y, { log: true });
    const w = Float64Array.of(0.4, -0.9, 1.3);
    const L = plain.value(w);
    assert.ok(relativeError(log.grad(w), plain.grad(w).map((v) => v / L)) < 1e-14);
    assert.ok(Math.abs(log.value(w) - Math.log(L)) < 1e-14);
    // log-sum-exp shifts by the largest log ℓ: margins 10 and 1000 give log L = −10 + log(1 + e^{−990}) = −10, not ∞.
    const far = objectives.exponentialLoss([[1, 0], [0, 1]], [1, 1], { log: true });
    assert.equal(far.value(Float64Array.of(1000, 10)), -10);
    assert.deepEqual(Array.from(far.grad(Float64Array.of(1000, 10))), [0, -1]);
    const net = objectives.diagonalNetwork(plain);
    assert.deepEqual(Array.from(net.beta(Float64Array.of(1, 2, 3, 0.5, 1, 4))), [0.75, 3, -7]);
    assert.equal(net.value(Float64Array.of(1, 2, 3, 0.5, 1, 4)), plain.value(Float64Array.of(0.75, 3, -7)));
    assert.equal(net.dim, 6);
  });
});

/** The exact NNLS by enumeration: the best unconstrained least squares over every support (of at most d columns) with α ≥ 0. */
function nnlsByEnumeration(g: Float64Array[], w: Float64Array): number {
  let best = Math.hypot(...w);
  for (let mask = 1; mask < 1 << g.length; mask++) {
    const set = g.map((_, j) => j).filter((j) => mask & (1 << j));
    if (set.length > w.length) continue; // some optimum has linearly independent columns (Carathéodory)
    const a = new Matrix(w.length, set.length);
    set.forEach((j, c) => g[j].forEach((v, i) => a.set(i, c, v)));
    const s = solve(a, Matrix.columnVector(Array.from(w)), true).getColumn(0);
    if (s.some((v) => v < 0)) continue;
    const r = Float64Array.from(w);
    set.forEach((j, c) => g[j].forEach((v, i) => (r[i] -= s[c] * v)));
    best = Math.min(best, Math.hypot(...r));
  }
  return best;
}

describe("KKT certificate", () => {
  it("nonnegative least squares is exact: equal to the enumeration of supports, on random problems with and without active bounds", () => {
    const r = rng(91);
    let bounded = 0;
    for (let k = 0; k < 30; k++) {
      const g = Array.from({ length: 4 }, () => r.normalVector(5));
      const w = r.normalVector(5);
      const a = nonnegativeLeastSquares(g, w);
      assert.ok(a.every((v) => v >= 0));
      if (a.some((v) => v === 0)) bounded++;
      const res = Float64Array.from(w);
      g.forEach((gj, j) => gj.forEach((v, i) => (res[i] -= a[j] * v)));
      assert.ok(Math.abs(Math.hypot(...res) - nnlsByEnumeration(g, w)) < 1e-12, `problem ${k}`);
    }
    assert.ok(bounded > 5 && bounded < 30, "both cases occur");
    // More gradients than dimensions, and correlated ones: the active-set method has to step back
    // (a coordinate of the new least-squares solution turns negative) and drop constraints.
    for (let k = 0; k < 60; k++) {
      const base = r.normalVector(4);
      const g = Array.from({ length: 7 }, () => r.normalVector(4).map((v, i) => v + 1.5 * base[i]));
      const w = r.normalVector(4).map((v, i) => v + 2 * base[i]);
      const a = nonnegativeLeastSquares(g, w);
      const res = Float64Array.from(w);
      g.forEach((gj, j) => gj.forEach((v, i) => (res[i] -= a[j] * v)));
      assert.ok(a.every((v) => v >= 0) && Math.abs(Math.hypot(...res) - nnlsByEnumeration(g, w)) < 1e-12, `correlated problem ${k}`);
    }
    // w in the cone of the gradients: residual 0 to rounding.
    const g = [Float64Array.of(1, 0, 1), Float64Array.of(0, 2, 1)];
    const a = nonnegativeLeastSquares(g, Float64Array.of(0.5, 3, 2));
    assert.ok(Math.abs(a[0] - 0.5) < 1e-15 && Math.abs(a[1] - 1.5) < 1e-15);
    assert.deepEqual(nonnegativeLeastSquares([], Float64Array.of(1)), []);
  });

  // The diagonal network's constraints mᵢ(u, v) = yᵢ⟨xᵢ, u⊙u − v⊙v⟩, homogeneous of degree 2,
  // on data whose ℓ1 max-margin solution has two non-zero entries.
  const Z = [[2, -1, 0.1], [-1, 2, 0.1], [1.5, 1.2, -0.4], [3, 0.5, 1], [0.2, 2.5, -1]];
  const constraints = (w: Float64Array) => Float64Array.from(Z, (z) => z.reduce((s, v, j) => s + v * (w[j] ** 2 - w[3 + j] ** 2), 0));
  const gradients = (w: Float64Array, i: number) => Float64Array.from({ length: 6 }, (_, k) => (k < 3 ? 2 * Z[i][k] * w[k] : -2 * Z[i][k - 3] * w[k]));

  it("degree 2: scales by (min mᵢ)^{1/2}, certifies the ℓ1 solution mapped to (√β⁺, √β⁻) at residual ~1e-16, and rejects the ℓ2 one", async () => {
    const l1 = await maxMarginL1(Z, [1, 1, 1, 1, 1]);
    assert.ok(l1.direction.filter((v) => Math.abs(v) > 1e-9).length >= 2, "the ℓ1 solution has two non-zero entries");
    const toNetwork = (beta: Float64Array, c: number) => Float64Array.from({ length: 6 }, (_, k) => c * Math.sqrt(Math.max(0, k < 3 ? beta[k] : -beta[k - 3])));
    const at = await kktCheck({ point: toNetwork(l1.direction, 3.7), constraints, gradients, degree: 2, activeTolerance: 1e-6 });
    assert.ok(Math.abs(Math.min(...at.constraints) - 1) < 1e-14, "the normalized point's smallest constraint is 1");
    assert.deepEqual(at.active, l1.support);
    assert.ok(at.residual < 1e-14, `residual ${at.residual}`);
    // Stationarity: w̃ = Σ αᵢ∇mᵢ(w̃); for this problem αᵢ are the ℓ1 LP's dual weights times ½‖β̃‖₁-scaling, all > 0 on the support.
    assert.ok(at.multipliers.every((a) => a > 0));
    const l2 = await maxMarginL2(Z, [1, 1, 1, 1, 1]);
    const off = await kktCheck({ point: toNetwork(l2.direction, 0.6), constraints, gradients, degree: 2, activeTolerance: 1e-6 });
    assert.ok(off.residual > 0.05, `the ℓ2 direction is not a KKT point of the network: ${off.residual}`);
    // The residual is ‖w̃ − Σ αᵢ∇mᵢ(w̃)‖/‖w̃‖ at the exact NNLS multipliers, over the active constraints only.
    const wOff = off.normalizedPoint;
    const exact = nnlsByEnumeration(off.active.map((i) => gradients(wOff, i)), wOff) / Math.hypot(...wOff);
    assert.ok(Math.abs(off.residual - exact) < 1e-12, `${off.residual} vs ${exact}`);
    assert.deepEqual(Array.from(off.constraints), Array.from(constraints(wOff)));
    // The default activeTolerance is 1e-2: a constraint at 1.005 is active, one at 1.02 is not.
    const scaled = (c: number) => (w: Float64Array) => { const m = constraints(w); return m.map((v, i) => (i === 1 ? v * c : v)); };
    const near = await kktCheck({ point: toNetwork(l1.direction, 1), constraints: scaled(1.005), gradients, degree: 2 });
    const far = await kktCheck({ point: toNetwork(l1.direction, 1), constraints: scaled(1.02), gradients, degree: 2 });
    assert.deepEqual([near.active, far.active], [[0, 1], [0]]);
    await assert.rejects(kktCheck({ point: toNetwork(l1.direction, 1), constraints, gradients, degree: 1.5 }), /^Error: degree must be an integer ≥ 1/);
    await assert.rejects(kktCheck({ point: toNetwork(l1.direction, 1), constraints, gradients, degree: 2, activeTolerance: 0 }), /^Error: activeTolerance must be a finite number > 0/);
    await assert.rejects(kktCheck({ point: Float64Array.of(1, 0, 0, 0, 1, 0), constraints, gradients, degree: 2 }), /must satisfy every constraint/);
    await assert.rejects(kktCheck({ point: new Float64Array(6), constraints, gradients, degree: 2 }), /must satisfy every constraint with a positive value \(min is 0\)/);
    await assert.rejects(kktCheck({ point: [1, 2] as never, constraints, gradients, degree: 2 }), /^Error: point must be a Float64Array/);
  });
});

describe("max-margin with a bias on separable data, against an independent solve", () => {
  // Separable only by an affine classifier (every point has x₁ > 0): a homogeneous separator does not exist.
  const r = rng(101);
  const X: number[][] = [], y: number[] = [];
  while (X.length < 24) {
    const x = [r.uniform(0.5, 4), r.uniform(-2, 2)];
    const s = x[0] - 2.2 + 0.4 * x[1];
    if (Math.abs(s) < 0.25) continue;
    X.push(x);
    y.push(Math.sign(s));
  }
  /** max over unit-ℓp w (an angle grid, refined) of max_b minᵢ yᵢ(⟨xᵢ, w⟩ + b) = (min₊⟨x, w⟩ − max₋⟨x, w⟩)/2. */
  function bruteForce(p: number) {
    const margin = (t: number) => {
      const w = [Math.cos(t), Math.sin(t)];
      const n = normP(Float64Array.from(w), p);
      let lo = Infinity, hi = -Infinity;
      X.forEach((x, i) => { const s = (x[0] * w[0] + x[1] * w[1]) / n; if (y[i] > 0) lo = Math.min(lo, s); else hi = Math.max(hi, s); });
      return { m: (lo - hi) / 2, b: -(lo + hi) / 2, w: w.map((v) => v / n) };
    };
    let best = 0, bestT = 0;
    for (let k = 0; k < 20000; k++) { const t = (2 * Math.PI * k) / 20000; if (margin(t).m > margin(best).m) { best = t; bestT = t; } }
    for (let h = (2 * Math.PI) / 20000; h > 1e-13; h /= 2) for (const t of [bestT - h, bestT + h]) if (margin(t).m > margin(bestT).m) bestT = t;
    return margin(bestT);
  }

  for (const [name, solver, p] of [["ℓ1", maxMarginL1, 1], ["ℓ∞", maxMarginLinf, Infinity], ["ℓ2", maxMarginL2, 2]] as const) {
    it(`${name}: the same margin, direction and bias as the brute-force search; without a bias the data are not separable`, async () => {
      const mm = await solver(X, y, { bias: true });
      const ref = bruteForce(p);
      assert.ok(Math.abs(mm.margin - ref.m) < 1e-9, `margin ${mm.margin} vs ${ref.m}`);
      assert.ok(relativeError(mm.direction, ref.w) < 1e-6, `direction ${Array.from(mm.direction)} vs ${ref.w}`);
      assert.ok(Math.abs(mm.bias - ref.b) < 1e-6, `bias ${mm.bias} vs ${ref.b}`);
      assert.ok(Math.abs(normP(mm.direction, p) - 1) < 1e-12);
      const m = X.map((x, i) => y[i] * (x[0] * mm.direction[0] + x[1] * mm.direction[1] + mm.bias));
      assert.ok(Math.abs(Math.min(...m) - mm.margin) < 1e-12);
      assert.deepEqual(mm.support, m.map((v, i) => (v <= mm.margin * (1 + 1e-6) + 1e-9 ? i : -1)).filter((i) => i >= 0));
      await assert.rejects(solver(X, y), /not linearly separable by a hyperplane through the origin/);
    });
  }
});

describe("growth-law fits on noisy data", () => {
  it("slope, intercept and R² equal the normal equations and 1 − SS_res/SS_tot computed independently", () => {
    const r = rng(111);
    const x = Array.from({ length: 12 }, (_, i) => 1 + i * 0.7);
    const yv = x.map((v) => 0.4 + 1.9 * v + r.normal(0, 0.8));
    const fit = linearFit(x, yv);
    const design = new Matrix(x.map((v) => [1, v]));
    const beta = solve(design, Matrix.columnVector(yv)).getColumn(0);
    assert.ok(Math.abs(fit.intercept - beta[0]) < 1e-12 && Math.abs(fit.slope - beta[1]) < 1e-12);
    const mean = yv.reduce((s, v) => s + v, 0) / yv.length;
    const ssRes = yv.reduce((s, v, i) => s + (v - beta[0] - beta[1] * x[i]) ** 2, 0);
    const ssTot = yv.reduce((s, v) => s + (v - mean) ** 2, 0);
    assert.ok(Math.abs(fit.r2 - (1 - ssRes / ssTot)) < 1e-12 && fit.r2 < 0.999 && fit.r2 > 0.5);
    // The exponential and power fits are the linear fit of the logs.
    const ey = x.map((v, i) => Math.exp(0.3 * v + 0.1 * Math.sin(i)));
    assert.deepEqual(exponentialFit(x, ey), linearFit(x, ey.map(Math.log)));
    assert.deepEqual(powerFit(x, ey), linearFit(x.map(Math.log), ey.map(Math.log)));
    assert.deepEqual(linearFit([1, 2, 3], [5, 5, 5]), { slope: 0, intercept: 5, r2: 1 });
    // Centred sums keep the slope exact far from the origin (x or y ≈ 1e8), where uncentred products lose 8 digits:
    // the reference is the fit of the same doubles shifted back by 1e8 (an exact subtraction).
    const xs = [0, 1.3, 2.9, 3.7], ys = [1.1, 3.3, 2.2, 4.7];
    const yFar = ys.map((v) => 1e8 + v);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    const xFar = xs.map((v) => 1e8 + v);
    assert.ok(rel(linearFit(xFar, ys).slope, linearFit(xFar.map((v) => v - 1e8), ys).slope) < 1e-12);
    assert.ok(rel(linearFit(xs, yFar).slope, linearFit(xs, yFar.map((v) => v - 1e8)).slope) < 1e-12);
    assert.throws(() => linearFit([1, 2], [1]), /same length/);
    assert.throws(() => linearFit([1], [1]), /at least 2 points/);
    assert.throws(() => linearFit([1, NaN], [1, 2]), /x\[1\] must be a finite number/);
    assert.throws(() => linearFit([1, 2], [1, Infinity]), /y\[1\] must be a finite number/);
  });
});
