// The landscape objectives (rankK, tensorDecomposition, burerMonteiro, lowRank's gram and
// matrixCompletion checks, dictionaryLearning, octopus, objective.ts's output and denseData) on the
// cases the earlier tests (mutation-landscape-objectives, mutation-factor-objectives,
// designedLandscapes, methods) leave out: boundary sizes, the closed-form critical points of rank-k
// approximation against M's own eigenpairs, rounding-size tolerances against real asymmetry, the
// octopus's pieces against the paper's formulas and its exact passages against float64 gradient
// descent, and every input check with its message. Written for `npm run mutate`.
// Tolerances: 1e-12 to 1e-15 where the library and the test sum the same terms in another order
// (observed differences ≤ 1e-15 relative); 1e-7 where a spline's derivative is a central difference
// (h = 1e-6: truncation ~1e-12, rounding ~1e-10 relative). A wrong term, factor or sign is off by ≥ 1e-2.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Matrix, objectives } from "landscape";

function closeArrays(a: ArrayLike<number>, e: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, e.length, `${what}: length`);
  for (let i = 0; i < e.length; i++) assert.ok(Math.abs(a[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])), `${what}[${i}]: ${a[i]} vs ${e[i]}`);
}

describe("rankKApproximation: M's eigenpairs, the critical points U = V_S Λ_S^{1/2}, and the checks", () => {
  // A coupled symmetric M with a negative eigenvalue (indefinite): eigenvalues 4.3…, 1.6…, −1.9…
  const M = [[2, 1, -0.5], [1, 0.5, 2], [-0.5, 2, 1]];
  const Mv = (v: ArrayLike<number>) => M.map((row) => row.reduce((s, m, j) => s + m * v[j], 0));

  it("eigenvalues descending with M vᶜ = λ_c vᶜ for unit columns vᶜ; target is the symmetric part", () => {
    const f = objectives.rankKApproximation(M, 2);
    const { eigenvalues: lambda, eigenvectors: V } = f;
    assert.equal(lambda.length, 3);
    assert.ok(lambda[0] > lambda[1] && lambda[1] > lambda[2] && lambda[2] < 0, `${lambda}`);
    // trace and ‖M‖_F² are the sums of λ and λ² (an eigenvalue in the wrong place or sign changes them by O(1))
    assert.ok(Math.abs(lambda.reduce((s, l) => s + l, 0) - 3.5) < 1e-12);
    assert.ok(Math.abs(lambda.reduce((s, l) => s + l * l, 0) - M.flat().reduce((s, m) => s + m * m, 0)) < 1e-12);
    for (let c = 0; c < 3; c++) {
      const v = V.getColumn(c);
      closeArrays(Mv(v), v.map((t) => lambda[c] * t), 1e-12, `M v${c}`);
      assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-12);
    }
    // an asymmetry of rounding size (1e-12 ≤ 1e-10·max|m|) is accepted and averaged away
    const g = objectives.rankKApproximation([[1, 2], [2 + 1e-12, 5]], 1);
    assert.equal(g.target.get(0, 1), g.target.get(1, 0));
    assert.equal(g.target.get(0, 1), (2 + (2 + 1e-12)) / 2);
  });

  it("criticalPoint puts √λᵢ vᵢ in column c (row-major n × k), zero columns after, and is critical", () => {
    const f = objectives.rankKApproximation(M, 2);
    const { eigenvalues: lambda, eigenvectors: V } = f;
    const u = f.criticalPoint([1, 0]); // column 0 ← eigenpair 1, column 1 ← eigenpair 0
    assert.equal(u.length, 6);
    for (let r = 0; r < 3; r++) {
      assert.equal(u[r * 2], Math.sqrt(lambda[1]) * V.get(r, 1));
      assert.equal(u[r * 2 + 1], Math.sqrt(lambda[0]) * V.get(r, 0));
    }
    assert.ok(Math.max(...f.grad(u).map(Math.abs)) < 1e-12);
    const one = f.criticalPoint([0]);
    for (let r = 0; r < 3; r++) assert.equal(one[r * 2 + 1], 0);
    assert.ok(Math.max(...f.grad(one).map(Math.abs)) < 1e-12);
    closeArrays(f.criticalPoint([]), [0, 0, 0, 0, 0, 0], 0, "U = 0");
    // k = n is allowed, and there the eigenvalue-0 eigenvector of a singular M is a valid index
    const singular = objectives.rankKApproximation([[1, 0], [0, 0]], 2);
    assert.deepEqual(singular.eigenvalues, [1, 0]);
    closeArrays(singular.criticalPoint([0, 1]).map(Math.abs), [1, 0, 0, 0], 0, "√0 v₁");
  });

  it("rejects k out of range, an asymmetric M, and bad index lists, naming the argument", () => {
    assert.throws(() => objectives.rankKApproximation(M, 4), /^Error: k must be ≤ n = 3, got 4$/);
    assert.throws(() => objectives.rankKApproximation(M, 0), /^Error: k must be an integer ≥ 1, got 0$/);
    assert.throws(() => objectives.rankKApproximation([[1, 2], [2.5, 1]], 1), /^Error: m must be symmetric: m\[1\]\[0\] = 2\.5 but m\[0\]\[1\] = 2$/);
    const f = objectives.rankKApproximation(M, 2);
    assert.throws(() => f.criticalPoint("01" as never), /^Error: indices must be an array of at most k = 2 eigenvalue indices$/);
    assert.throws(() => f.criticalPoint([0, 1, 2]), /^Error: indices must be an array of at most k = 2 eigenvalue indices$/);
    assert.throws(() => f.criticalPoint([0, -1]), /^Error: indices\[1\] must be an integer ≥ 0, got -1$/);
    assert.throws(() => f.criticalPoint([0.5]), /^Error: indices\[0\] must be an integer ≥ 0, got 0\.5$/);
    assert.throws(() => f.criticalPoint([3]), /^Error: indices\[0\] must be < n = 3, got 3$/);
    assert.throws(() => f.criticalPoint([1, 1]), /^Error: indices must be distinct, 1 is repeated$/);
    assert.throws(() => f.criticalPoint([0, 2]), /^Error: indices\[1\] = 2 names a negative eigenvalue -1\.\d+ \(no real √λ\)$/);
  });
});

describe("octopus (Du et al. 2017) with non-default L, γ, τ: each piece against its formula", () => {
  const L = 2, gamma = 0.5, tau = 1.5, d = 4;
  const nu = (13 / 6) * gamma * tau * tau + (37 / 6) * L * tau * tau;
  // the splines as the paper writes them (recomputed here, not taken from the library)
  const g1 = (x: number) => -gamma * x * x + ((-14 * L + 10 * gamma) / (3 * tau)) * (x - tau) ** 3 + ((5 * L - 3 * gamma) / (2 * tau * tau)) * (x - tau) ** 4;
  const g2 = (x: number) => -gamma - (10 * (L + gamma) * (x - 2 * tau) ** 3) / tau ** 3 - (15 * (L + gamma) * (x - 2 * tau) ** 4) / tau ** 4 - (6 * (L + gamma) * (x - 2 * tau) ** 5) / tau ** 5;
  const diff = (h: (x: number) => number, x: number) => (h(x + 1e-6) - h(x - 1e-6)) / 2e-6;
  const f = objectives.octopus(d, { L, gamma, tau });
  const far = (v: number) => (Math.abs(v) - 4 * tau) ** 2;

  it("ν, f* and the parameters", () => {
    assert.equal(f.dim, d);
    assert.deepEqual([f.L, f.gamma, f.tau], [L, gamma, tau]);
    assert.ok(Math.abs(f.nu - nu) < 1e-14 * nu);
    assert.equal(f.minimum, -d * f.nu);
    // the splines meet the quadratic pieces: g₂(τ) = L, g₂(2τ) = −γ, g₁(τ) = −γτ²
    assert.ok(Math.abs(g2(tau) - L) < 1e-12 && Math.abs(g2(2 * tau) + gamma) < 1e-12);
  });

  it("value and gradient in the four pieces (signs of the coordinates mixed), on the boundaries |xᵢ| = τ, 2τ, 6τ", () => {
    // |x₁| ≤ τ, i = 1: L(|x₀| − 4τ)² − γx₁² + L(x₂² + x₃²) − ν
    let x = Float64Array.of(-4.5 * tau, 0.6 * tau, -0.3, 0.9 * tau);
    assert.equal(f.saddlesPassed(x), 1);
    assert.ok(Math.abs(f.value(x) - (L * far(x[0]) - gamma * x[1] ** 2 + L * (x[2] ** 2 + x[3] ** 2) - nu)) < 1e-12);
    closeArrays(f.grad(x, new Float64Array(d).fill(7)), [-2 * L * (4.5 * tau - 4 * tau), -2 * gamma * x[1], 2 * L * x[2], 2 * L * x[3]], 1e-13, "∇f, i = 1, |x₁| ≤ τ");
    // τ < |x₁| ≤ 2τ, i = 1: L(|x₀| − 4τ)² + g₁(|x₁|) + g₂(|x₁|)x₂² + Lx₃² − ν
    x = Float64Array.of(3 * tau, -1.4 * tau, 0.7, -0.4);
    const t = 1.4 * tau;
    assert.ok(Math.abs(f.value(x) - (L * far(x[0]) + g1(t) + g2(t) * x[2] ** 2 + L * x[3] ** 2 - nu)) < 1e-12);
    closeArrays(f.grad(x), [2 * L * (3 * tau - 4 * tau), -(diff(g1, t) + diff(g2, t) * x[2] ** 2), 2 * g2(t) * x[2], 2 * L * x[3]], 1e-7, "∇f, i = 1, τ < |x₁| ≤ 2τ");
    // i = d − 1 in the spline piece: no g₂ term (there is no next coordinate)
    x = Float64Array.of(4.2 * tau, -3.9 * tau, 5 * tau, 1.7 * tau);
    const s = 1.7 * tau;
    assert.equal(f.saddlesPassed(x), 3);
    assert.ok(Math.abs(f.value(x) - (L * (far(x[0]) + far(x[1]) + far(x[2])) + g1(s) - 3 * nu)) < 1e-12);
    closeArrays(f.grad(x), [2 * L * 0.2 * tau, -2 * L * (3.9 * tau - 4 * tau), 2 * L * tau, diff(g1, s)], 1e-7, "∇f, i = d − 1");
    // no |xᵢ| ≤ 2τ: the final basin, L Σ (|xⱼ| − 4τ)² − dν
    x = Float64Array.of(-6 * tau, 2.5 * tau, 4 * tau, -3 * tau);
    assert.equal(f.saddlesPassed(x), d);
    assert.ok(Math.abs(f.value(x) - (L * x.reduce((acc, v) => acc + far(v), 0) - d * nu)) < 1e-12);
    closeArrays(f.grad(x), [-2 * L * 2 * tau, 2 * L * -1.5 * tau, 0, -2 * L * -tau], 1e-13, "∇f, final basin");
    // |x₀| = τ exactly is the quadratic piece (−γx₀²); |x₀| = 2τ exactly is still active (not passed)
    x = Float64Array.of(tau, 0.2, -0.1, 0.3);
    assert.ok(Math.abs(f.value(x) - (-gamma * tau * tau + L * (0.04 + 0.01 + 0.09))) < 1e-12);
    closeArrays(f.grad(x), [-2 * gamma * tau, 2 * L * 0.2, -2 * L * 0.1, 2 * L * 0.3], 1e-13, "∇f at |x₀| = τ");
    x = Float64Array.of(-2 * tau, tau, 0, -tau); // |x₁| = τ after the active one is still inside
    assert.equal(f.saddlesPassed(x), 0);
    assert.ok(Math.abs(f.value(x) - (g1(2 * tau) + g2(2 * tau) * tau * tau + L * tau * tau)) < 1e-12);
  });

  it("outside the domain: value +∞, gradient NaN, inDomain false, saddlesPassed 0", () => {
    for (const x of [
      Float64Array.of(6 * tau * (1 + 1e-12), 0, 0, 0), // |x₀| > 6τ
      Float64Array.of(3 * tau, 3 * tau, -6.5 * tau, 0), // a later coordinate beyond 6τ
      Float64Array.of(0.5, 0, 0, tau * (1 + 1e-12)), // after the active one, |xⱼ| > τ
      Float64Array.of(3 * tau, 0.5, tau * 1.01, 0),
    ]) {
      assert.equal(f.value(x), Infinity);
      assert.equal(f.inDomain(x), false);
      assert.equal(f.saddlesPassed(x), 0);
      assert.ok(f.grad(x, new Float64Array(d)).every(Number.isNaN));
    }
    assert.equal(f.inDomain(Float64Array.of(6 * tau, -6 * tau, 0.5, tau)), true);
  });

  it("rejects bad d, parameters and options, and parameters beyond float64", () => {
    assert.throws(() => objectives.octopus(0), /^Error: d must be an integer ≥ 1, got 0$/);
    assert.throws(() => objectives.octopus(2, null as never), /^Error: options must be an object of options, got null$/);
    assert.throws(() => objectives.octopus(2, { L: 0 }), /^Error: L must be a finite number > 0, got 0$/);
    assert.throws(() => objectives.octopus(2, { gamma: -1 }), /^Error: gamma must be a finite number > 0, got -1$/);
    assert.throws(() => objectives.octopus(2, { tau: Infinity }), /^Error: tau must be a finite number > 0, got Infinity$/);
    // d·ν overflows (ν itself finite), or (L + γ)τ⁵ overflows (ν finite)
    assert.throws(() => objectives.octopus(100, { L: 1e306, tau: 1 }), /^Error: L = 1e\+306, gamma = 1, tau = 1 put ν = \(13\/6\)γτ² \+ \(37\/6\)Lτ² or the splines beyond the float64 range$/);
    assert.throws(() => objectives.octopus(1, { tau: 1e62 }), /^Error: L = 2\.718281828459045, gamma = 1, tau = 1e\+62 put ν/);
    assert.equal(objectives.octopus(1, { tau: 1e61 }).dim, 1);
    // L = γ, τ⁵ = 1e305 finite: (L + γ)τ⁵ = 2e309 overflows (the splines' coefficient is L + γ; L − γ = 0 would pass)
    assert.throws(() => objectives.octopus(1, { L: 1e4, gamma: 1e4, tau: 1e61 }), /^Error: L = 10000, gamma = 10000, tau = 1e\+61 put ν/);
  });
});

describe("octopus.gradientDescentPassages against float64 gradient descent written out here", () => {
  /** x ← x − η∇f(x) in float64, with the first step at which each saddle is passed. */
  function floatPassages(f: objectives.Octopus, x0: Float64Array, eta: number, maxIterations: number) {
    const x = Float64Array.from(x0), passedAt: number[] = [];
    let minAbs = Infinity, t = 0;
    for (; ; t++) {
      assert.ok(f.inDomain(x));
      const s = f.saddlesPassed(x);
      while (passedAt.length < s) passedAt.push(t);
      if (s === f.dim || t === maxIterations) break;
      const g = f.grad(x);
      for (let j = 0; j < f.dim; j++) {
        x[j] -= eta * g[j];
        if (x[j] !== 0) minAbs = Math.min(minAbs, Math.abs(x[j]));
      }
    }
    return { passedAt, iterations: t, minAbs };
  }

  it("1 − 2ηL < 0 (the waiting coordinates flip sign each step), d = 5: the same passages, with coordinates below 1e-100 carried exactly", () => {
    const L = 2, gamma = 0.5, tau = 1.5, d = 5, eta = 1.45 / (2 * L); // 1 − 2ηL = −0.45
    const f = objectives.octopus(d, { L, gamma, tau });
    const x0 = Float64Array.of(0.3, -0.2, 0.2, -0.2, 0.2);
    const float = floatPassages(f, x0, eta, 5000);
    // float64 reaches the minimizer here (no coordinate underflows to 0), but some pass below
    // 1e-100, the threshold where the exact run switches to sign and logarithm
    assert.ok(float.minAbs < 1e-150 && float.minAbs > 0, `${float.minAbs}`);
    assert.equal(float.passedAt.length, d);
    assert.deepEqual(f.gradientDescentPassages(x0, { stepSize: eta, maxIterations: 5000 }), { passedAt: float.passedAt, iterations: float.iterations, reached: true });
    // stopped early: the passages so far, not reached
    const part = f.gradientDescentPassages(x0, { stepSize: eta, maxIterations: 100 });
    assert.deepEqual(part, { passedAt: float.passedAt.filter((t) => t <= 100), iterations: 100, reached: false });
    assert.deepEqual(f.gradientDescentPassages(x0, { stepSize: eta, maxIterations: 0 }), { passedAt: [], iterations: 0, reached: false });
    // a start past two saddles has passed them at step 0; one in the final basin stops at once
    const later = Float64Array.of(4 * tau, -4.5 * tau, 0.3, -0.2, 0.2);
    const fl = floatPassages(f, later, eta, 5000);
    assert.deepEqual(fl.passedAt.slice(0, 2), [0, 0]);
    assert.deepEqual(f.gradientDescentPassages(later, { stepSize: eta, maxIterations: 5000 }).passedAt, fl.passedAt);
    assert.deepEqual(f.gradientDescentPassages(Float64Array.of(3 * tau, 3 * tau, 3 * tau, 3 * tau, 5 * tau), { stepSize: eta, maxIterations: 10 }), { passedAt: [0, 0, 0, 0, 0], iterations: 0, reached: true });
  });

  it("rejects bad options and starts, and reports the step at which a too large step leaves the domain", () => {
    const f = objectives.octopus(3, { L: 2, gamma: 0.5, tau: 1.5 });
    const x0 = Float64Array.of(0.3, -0.2, 0.2);
    assert.throws(() => f.gradientDescentPassages(x0, null as never), /^Error: options must be an object of options, got null$/);
    assert.throws(() => f.gradientDescentPassages(x0, { stepSize: 0, maxIterations: 5 }), /^Error: stepSize must be a finite number > 0, got 0$/);
    assert.throws(() => f.gradientDescentPassages(x0, { stepSize: 0.1, maxIterations: -1 }), /^Error: maxIterations must be an integer ≥ 0, got -1$/);
    assert.throws(() => f.gradientDescentPassages(Float64Array.of(0.3, 0.2), { stepSize: 0.1, maxIterations: 5 }), /^Error: x0 must have length 3, got length 2$/);
    assert.throws(() => f.gradientDescentPassages(Float64Array.of(0.3, 2, 0), { stepSize: 0.1, maxIterations: 5 }), /^Error: x0 must lie in the octopus's domain \(\|xⱼ\| ≤ 6τ, and \|xⱼ\| ≤ τ after the first coordinate with \|xᵢ\| ≤ 2τ\)$/);
    // η = 1.2: 1 − 2ηL = −3.8, the coordinates after x₀ grow ×3.8 a step and leave |xⱼ| ≤ τ
    let x = Float64Array.from(x0), left = 0;
    while (f.inDomain(x)) {
      const g = f.grad(x);
      x = x.map((v, j) => v - 1.2 * g[j]);
      left++;
    }
    assert.ok(left > 1);
    assert.throws(() => f.gradientDescentPassages(x0, { stepSize: 1.2, maxIterations: 100 }), new RegExp(`^Error: gradient descent with stepSize = 1\\.2 left the octopus's domain at step ${left}$`));
  });
});

describe("dictionaryLearning: f = (μ/p)Σₖ log cosh(qᵀyₖ/μ) on a 3 × 5 Y given three ways, and denseData's checks", () => {
  const Y = [[1, -0.5, 2, 0.3, -1.2], [0.4, 1.1, -0.7, 0.9, 0.2], [-0.3, 0.8, 0.5, -1.5, 1]];
  const mu = 0.4, p = 5;
  const q = Float64Array.of(0.6, -0.48, 0.64);
  const z = [0, 1, 2, 3, 4].map((k) => Y.reduce((s, row, i) => s + row[k] * q[i], 0));

  it("value, gradient and Hessian by the sums over samples; Matrix, rows and Dense give the same", () => {
    const data = Float64Array.from(Y.flat());
    for (const y of [Y, new Matrix(Y), { rows: 3, cols: 5, data }]) {
      const f = objectives.dictionaryLearning(y, mu);
      assert.deepEqual([f.dim, f.n, f.samples, f.mu], [3, 3, 5, mu]);
      assert.ok(Math.abs(f.value(q) - (mu / p) * z.reduce((s, v) => s + Math.log(Math.cosh(v / mu)), 0)) < 1e-15);
      const g = [0, 1, 2].map((i) => z.reduce((s, v, k) => s + Math.tanh(v / mu) * Y[i][k], 0) / p);
      const out = new Float64Array(3).fill(5);
      assert.equal(f.grad(q, out), out);
      closeArrays(out, g, 1e-15, "∇f");
      const H: number[] = [];
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) H.push(z.reduce((s, v, k) => s + (1 - Math.tanh(v / mu) ** 2) * Y[i][k] * Y[j][k], 0) / (p * mu));
      closeArrays(f.hessian!(q).to1DArray(), H, 1e-14, "∇²f");
    }
    // a Dense is used as it is (no copy): a later change of its data shows
    const shared = { rows: 3, cols: 5, data: Float64Array.from(data) };
    const f = objectives.dictionaryLearning(shared, mu);
    shared.data[0] = 0;
    assert.notEqual(f.value(q), objectives.dictionaryLearning(Y, mu).value(q));
  });

  it("log cosh is stable far out in both directions, and exact at 0", () => {
    const f = objectives.dictionaryLearning([[1000], [-3000]], 1);
    assert.ok(Math.abs(f.value(Float64Array.of(1, 0)) - (1000 - Math.LN2)) < 1e-9);
    assert.ok(Math.abs(f.value(Float64Array.of(0, 1)) - (3000 - Math.LN2)) < 1e-9);
    assert.equal(f.value(Float64Array.of(0, 0)), 0);
    // a moderate z against log(cosh(z)) directly: 0.3·log cosh(0.7/0.3)
    assert.ok(Math.abs(objectives.dictionaryLearning([[0.7]], 0.3).value(Float64Array.of(1)) - 0.3 * Math.log(Math.cosh(0.7 / 0.3))) < 1e-15);
  });

  it("rejects bad data, μ and points, naming the argument", () => {
    assert.throws(() => objectives.dictionaryLearning(Y, 0), /^Error: mu must be a finite number > 0, got 0$/);
    assert.throws(() => objectives.dictionaryLearning("y" as never, 1), /^Error: y must be an n × p Matrix, array of rows or Dense \(one sample per column\)$/);
    assert.throws(() => objectives.dictionaryLearning({ rows: 2, cols: 2, data: new Float64Array(3) } as never, 1), /^Error: y must be an n × p Matrix, array of rows or Dense/);
    assert.throws(() => objectives.dictionaryLearning({ rows: 1.5, cols: 2, data: new Float64Array(3) } as never, 1), /^Error: y must be an n × p Matrix, array of rows or Dense/);
    assert.throws(() => objectives.dictionaryLearning({ rows: 2, cols: 1.5, data: new Float64Array(3) } as never, 1), /^Error: y must be an n × p Matrix, array of rows or Dense/);
    assert.throws(() => objectives.dictionaryLearning({ rows: 1, cols: 2, data: [1, 2] } as never, 1), /^Error: y must be an n × p Matrix, array of rows or Dense/);
    assert.throws(() => objectives.dictionaryLearning(null as never, 1), /^Error: y must be an n × p Matrix, array of rows or Dense/);
    assert.throws(() => objectives.dictionaryLearning({ rows: 0, cols: 3, data: new Float64Array(0) }, 1), /^Error: y must be non-empty$/);
    assert.throws(() => objectives.dictionaryLearning({ rows: 3, cols: 0, data: new Float64Array(0) }, 1), /^Error: y must be non-empty$/);
    assert.throws(() => objectives.dictionaryLearning([[1, 2, 3], [4, 5, NaN]], 1), /^Error: y\[1\]\[2\] must be finite, got NaN$/);
    assert.throws(() => objectives.dictionaryLearning({ rows: 2, cols: 3, data: Float64Array.of(1, 2, 3, 4, 5, NaN) }, 1), /^Error: y\[1\]\[2\] must be a finite number, got NaN$/);
    assert.throws(() => objectives.dictionaryLearning([[1, 2], [3]], 1), /^Error: y\[1\] must have length 2, got 1$/);
    const f = objectives.dictionaryLearning(Y, mu);
    for (const call of [(x: Float64Array) => f.value(x), (x: Float64Array) => f.grad(x), (x: Float64Array) => f.hessian!(x)]) {
      assert.throws(() => call(Float64Array.of(1, 0)), /^Error: q must be a Float64Array of length 3, got length 2$/);
      assert.throws(() => call([1, 0, 0] as never), /^Error: q must be a Float64Array of length 3, got object$/);
    }
    assert.throws(() => f.grad(q, new Float64Array(2)), /^Error: out must have length 3, got 2$/);
  });
});

describe("tensorDecomposition's symmetry check is relative to the entry: 1e-10·(1 + |t|)", () => {
  it("on a tensor with entries of order 1e4, an asymmetry of 1e-7 is rounding (accepted), one of 1e-6 is not", () => {
    const A = [[1, 0.5], [-0.3, 1], [0.2, -0.4]];
    const t = objectives.orthogonalTensor(A, [1e4, -2e4]);
    assert.equal(t[1], -5500); // T[0][0][0][1]: tolerance 1e-10·5501 = 5.5e-7
    const small = Float64Array.from(t), large = Float64Array.from(t);
    small[1] += 1e-7;
    large[1] += 1e-6;
    assert.equal(objectives.tensorDecomposition(small).dim, 3);
    assert.throws(() => objectives.tensorDecomposition(large), /^Error: t must be a symmetric tensor: t\[0\]\[0\]\[0\]\[1\] differs from a transposition of its indices$/);
  });
});

describe("burerMonteiroMaxCut and graphWeights: the empty graph, and the Hessian 2(C ⊗ I_p) entry by entry", () => {
  it("a 0 × 0 Matrix is rejected by name; graphWeights returns the checked weights row-major", () => {
    assert.throws(() => objectives.burerMonteiroMaxCut(new Matrix(0, 0), 1), /^Error: w must be non-empty \(a graph on at least one vertex\)$/);
    const { data, n } = objectives.graphWeights([[0, 2, 0.5], [2, 0, 1], [0.5, 1, 0]]);
    assert.equal(n, 3);
    closeArrays(data, [0, 2, 0.5, 2, 0, 1, 0.5, 1, 0], 0, "weights");
  });

  it("∇²f(Y)[i·p + a][k·p + b] = 2C[i][k]·[a = b] at p = 3 (independent of Y)", () => {
    const W = [[0, 1, 0.5], [1, 0, 2], [0.5, 2, 0]], p = 3;
    const f = objectives.burerMonteiroMaxCut(W, p);
    const deg = W.map((row) => row.reduce((s, v) => s + v, 0));
    const C = (i: number, k: number) => (i === k ? -deg[i] / 4 : W[i][k] / 4);
    const h = f.hessian(new Float64Array(9).fill(0.3));
    for (let i = 0; i < 3; i++) for (let a = 0; a < p; a++) for (let k = 0; k < 3; k++) for (let b = 0; b < p; b++) {
      assert.equal(h.get(i * p + a, k * p + b), a === b ? 2 * C(i, k) : 0, `(${i}·p + ${a}, ${k}·p + ${b})`);
    }
  });
});

describe("output(out, dim): the caller's array or a new one", () => {
  it("returns out itself when its length is dim, a new zero array otherwise, and names the bad argument", () => {
    const out = Float64Array.of(1, 2, 3);
    assert.equal(objectives.output(out, 3), out);
    assert.deepEqual(Array.from(out), [1, 2, 3]); // untouched
    const fresh = objectives.output(undefined, 4);
    assert.ok(fresh instanceof Float64Array);
    assert.deepEqual(Array.from(fresh), [0, 0, 0, 0]);
    assert.equal(objectives.output(undefined, 0).length, 0);
    assert.throws(() => objectives.output(out, 2), /^Error: out must have length 2, got 3$/);
    assert.throws(() => objectives.output(undefined, -1), /^Error: dim must be an integer ≥ 0, got -1$/);
    assert.throws(() => objectives.output(undefined, 1.5), /^Error: dim must be an integer ≥ 0, got 1\.5$/);
  });
});

describe("gram and matrixCompletion: the remaining checks", () => {
  it("gram names n, r and out; matrixCompletion a null regularizer", () => {
    const U = Float64Array.of(1, 2, 3, 4);
    assert.throws(() => objectives.gram(U, 0, 2), /^Error: n must be an integer ≥ 1, got 0$/);
    assert.throws(() => objectives.gram(U, 2, 0), /^Error: r must be an integer ≥ 1, got 0$/);
    assert.throws(() => objectives.gram(U, 2, 2, new Float64Array(3)), /^Error: out must have length 4, got 3$/);
    closeArrays(objectives.gram(U, 2, 2), [5, 11, 11, 25], 0, "UUᵀ");
    closeArrays(objectives.gram(U, 4, 1), [1, 2, 3, 4, 2, 4, 6, 8, 3, 6, 9, 12, 4, 8, 12, 16], 0, "uuᵀ");
    assert.throws(() => objectives.matrixCompletion([[1, 0], [0, 1]], [[1, 1], [1, 1]], 1, { regularizer: null as never }), /^Error: regularizer\.lambda must be a finite number > 0, got undefined$/);
  });

  it("matrix completion, matrix sensing and Burer–Monteiro max-cut name a U or Y of the wrong length (a shorter one gave NaN, a longer one a RangeError)", () => {
    const completion = objectives.matrixCompletion([[2, 1, 0], [1, 2, 1], [0, 1, 2]], [[1, 1, 0], [1, 1, 1], [0, 1, 1]], 2);
    const sensing = objectives.matrixSensing([new Matrix([[1, 2, 0], [2, 0, 1], [0, 1, 3]]), Matrix.eye(3)], [1, 2], 2);
    const maxCut = objectives.burerMonteiroMaxCut([[0, 1, 1], [1, 0, 1], [1, 1, 0]], 2);
    for (const [f, name, what] of [[completion, "U", "n·r"], [sensing, "U", "n·r"], [maxCut, "Y", "n·p"]] as const) {
      for (const length of [5, 7]) {
        const message = new RegExp(`^Error: ${name} must have length ${what} = 6 \\(n × [rp], row-major\\), got ${length}$`);
        assert.throws(() => f.value(new Float64Array(length).fill(0.5)), message);
        assert.throws(() => f.grad(new Float64Array(length).fill(0.5)), message);
      }
      assert.ok(Number.isFinite(f.value(new Float64Array(6).fill(0.5))), "the right length still evaluates");
    }
    assert.throws(() => completion.hessianVector(new Float64Array(5), new Float64Array(6)), /^Error: U must have length n·r = 6/);
  });
});
