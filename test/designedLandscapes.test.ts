import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gd, Matrix, objectives, permutationDistance, projectorDistance, riemannianGradientDescent, rng, secondOrderReport, sphere } from "landscape";
import { checkDerivatives } from "./helpers/derivatives";


/** A planted network: B* with orthonormal rows (m × d), a* ≥ 0, and n samples x ~ N(0, I), y = a*ᵀrelu(B*x). */
function planted(seed: number, m: number, d: number, n: number) {
  const g = rng(seed);
  const bStar = g.orthogonal(d).subMatrix(0, m - 1, 0, d - 1);
  const aStar = Array.from({ length: m }, () => g.uniform(0.5, 1.5));
  const X = g.normalMatrix(n, d);
  const Z = X.mmul(bStar.transpose());
  const y = Array.from({ length: n }, (_, t) => aStar.reduce((s, a, i) => s + a * Math.max(0, Z.get(t, i)), 0));
  return { g, bStar, aStar, X, y };
}

describe("Ge–Lee–Ma's designed objective", () => {
  it("relu's Hermite coefficients: the closed form against Gauss–Hermite-free Monte Carlo and the known values", () => {
    // σ̂₀ = 1/√(2π), σ̂₁ = ½, σ̂₂ = 1/(2√π), σ̂₃ = 0, σ̂₄ = −1/(√(2π)√24), σ̂₆ = 3/(√(2π)√720)
    const c = 1 / Math.sqrt(2 * Math.PI);
    assert.equal(objectives.reluHermiteCoefficient(0), c);
    assert.equal(objectives.reluHermiteCoefficient(1), 0.5);
    assert.ok(Math.abs(objectives.reluHermiteCoefficient(2) - 1 / (2 * Math.sqrt(Math.PI))) < 1e-15);
    assert.equal(objectives.reluHermiteCoefficient(3), 0);
    assert.ok(Math.abs(objectives.reluHermiteCoefficient(4) + c / Math.sqrt(24)) < 1e-15);
    assert.ok(Math.abs(objectives.reluHermiteCoefficient(6) - (3 * c) / Math.sqrt(720)) < 1e-15);
    // Monte Carlo E[relu(z)He₄(z)]/√24 with 4·10⁵ draws: standard error √(Var(relu·He₄)/24/n) = √(4.5/4e5) = 3.4e-3
    // (E[relu²He₄²] = ½E[(He₅ + 4He₃)²] = ½(120 + 16·6) = 108, the mean² 0.16 negligible); 5 s.e. = 1.7e-2, which still
    // rejects a sign error (σ̂₄ off by 0.16) or He₄/24 in place of He₄/√24 (off by 0.065)
    const g = rng(4);
    let s = 0;
    const n = 400_000;
    for (let i = 0; i < n; i++) {
      const z = g.normal();
      if (z > 0) s += z * (z ** 4 - 6 * z * z + 3);
    }
    assert.ok(Math.abs(s / n / Math.sqrt(24) - objectives.reluHermiteCoefficient(4)) < 1.7e-2, `Monte Carlo ${s / n / Math.sqrt(24)}`);
    assert.throws(() => objectives.reluHermiteCoefficient(-1), /k/);
  });

  it("closed form: the gradient against central differences, and the value at B = 0 and at a hand-computed point", () => {
    const { bStar, aStar } = planted(1, 3, 5, 1);
    const G = objectives.designedObjective(bStar, aStar, { sigma4: -0.3, mu: 0.2, lambda: 0.7 });
    const g = rng(2);
    checkDerivatives(G, [g.normalVector(15), g.normalVector(15, 0.3)]);
    // B = 0: only the penalty, λ·m
    assert.ok(Math.abs(G.value(new Float64Array(15)) - 0.7 * 3) < 1e-14);
    // B = [b*₀; 0; 0] scaled by t: P has one non-zero entry t in column 0, so G = |σ̂₄| a₀(t⁴ − (1 + μ)t⁴) + λ((t² − 1)² + 2)
    const t = 1.3, x = new Float64Array(15);
    for (let k = 0; k < 5; k++) x[k] = t * bStar.get(0, k);
    const expected = 0.3 * aStar[0] * (t ** 4 - 1.2 * t ** 4) + 0.7 * ((t * t - 1) ** 2 + 2);
    assert.ok(Math.abs(G.value(x) - expected) < 1e-12, `${G.value(x)} vs ${expected}`);
  });

  it("closed form: B = DΠB* with s_j² = λ/(λ − |σ̂₄|μa*_π(j)) is a critical point, and its distance modulo permutation is √Σ(s_j − 1)²", () => {
    const { bStar, aStar } = planted(3, 4, 6, 1);
    const sigma4 = objectives.reluHermiteCoefficient(4), mu = 0.1, lambda = 0.2;
    const G = objectives.designedObjective(bStar, aStar, { sigma4, mu, lambda });
    const perm = [2, 0, 3, 1], signs = [1, -1, -1, 1];
    const x = new Float64Array(24);
    let predicted = 0;
    perm.forEach((i, j) => {
      const s = Math.sqrt(lambda / (lambda - Math.abs(sigma4) * mu * aStar[i]));
      predicted += (s - 1) ** 2;
      for (let k = 0; k < 6; k++) x[j * 6 + k] = signs[j] * s * bStar.get(i, k);
    });
    // rounding: the gradient's terms are O(1), so 1e-14 is tens of ulps; with s = 1 (the wrong scale) it is |σ̂₄|μa ≈ 1e-2
    assert.ok(Math.hypot(...G.grad(x)) < 1e-13, `‖∇G‖ = ${Math.hypot(...G.grad(x))}`);
    const wrong = Float64Array.from(x);
    for (let j = 0; j < 4; j++) for (let k = 0; k < 6; k++) wrong[j * 6 + k] = signs[j] * bStar.get(perm[j], k);
    assert.ok(Math.hypot(...G.grad(wrong)) > 1e-3, "with unit scales it is not critical");
    const distance = permutationDistance(x, bStar);
    assert.deepEqual(distance.assignment, perm);
    assert.ok(Math.abs(distance.distance - Math.sqrt(predicted)) < 1e-14);
  });

  it("from samples: the gradient against central differences, the collapsed sums against the definition, and unbiasedness against the closed form", () => {
    const { bStar, aStar, X, y } = planted(5, 3, 4, 40);
    const options = { sign: -1 as const, mu: 0.15, lambda: 0.4 };
    const Gn = objectives.designedObjectiveFromSamples(X, y, 3, options);
    const g = rng(6);
    const b = g.normalVector(12, 0.7);
    checkDerivatives(Gn, [b, g.normalVector(12)]);
    // the definition, term by term: sign·(1/n)Σₜ yₜ[Σ_{j≠k} φ(b_j, b_k, xₜ) − μΣ_j φ(b_j, b_j, xₜ)] + λΣ(‖b_j‖² − 1)²
    const row = (v: Float64Array, j: number) => v.subarray(j * 4, j * 4 + 4);
    const dot = (u: ArrayLike<number>, v: ArrayLike<number>) => Array.from(u).reduce((s, ui, k) => s + ui * v[k], 0);
    const phi = (v: Float64Array, w: Float64Array, x: number[]) => {
      const vx = dot(v, x), wx = dot(w, x), vv = dot(v, v), ww = dot(w, w), vw = dot(v, w);
      return (vx * vx * wx * wx - vv * wx * wx - ww * vx * vx - 4 * vw * vx * wx + vv * ww + 2 * vw * vw) / Math.sqrt(24);
    };
    let sum = 0;
    for (let t = 0; t < 40; t++) {
      const x = X.getRow(t);
      let inner = 0;
      for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) inner += (j === k ? -options.mu : 1) * phi(row(b, j), row(b, k), x);
      sum += y[t] * inner;
    }
    let penalty = 0;
    for (let j = 0; j < 3; j++) penalty += (dot(row(b, j), row(b, j)) - 1) ** 2;
    const direct = (-sum) / 40 + options.lambda * penalty;
    assert.ok(Math.abs(Gn.value(b) - direct) < 1e-12 * (1 + Math.abs(direct)), `${Gn.value(b)} vs ${direct}`);
    // φ(v, v, x) = ‖v‖⁴h₄(⟨v,x⟩/‖v‖), the He₄ polynomial (u⁴ − 6‖v‖²u² + 3‖v‖⁴)/√24 with u = ⟨v, x⟩
    const v = row(b, 0), x0 = X.getRow(0), u = dot(v, x0), n2 = dot(v, v);
    assert.ok(Math.abs(phi(v, v, x0) - (u ** 4 - 6 * n2 * u * u + 3 * n2 * n2) / Math.sqrt(24)) < 1e-12);
    // unbiasedness: 8 independent batches of 12,500 samples; their mean against the closed form, within 4 standard errors of
    // the batch means (a wrong constant — no 1/√24, the sign of σ̂₄, a missing cross term — moves the estimate by far more)
    const G = objectives.designedObjective(bStar, aStar, { sigma4: objectives.reluHermiteCoefficient(4), mu: 0.15, lambda: 0.4 });
    // at B with every row near b*₀ the moment term is large: |σ̂₄|a₀(9 − 3(1 + μ)) ≈ 0.45·a₀ at B = [b*₀; b*₀; b*₀]
    const at = rng(8).normalVector(12, 0.1);
    for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) at[j * 4 + k] += bStar.get(0, k);
    const batches = Array.from({ length: 8 }, (_, i) => {
      const batch = planted(5, 3, 4, 12_500);
      const other = planted(100 + i, 3, 4, 12_500); // fresh inputs for the same teacher
      const Z = other.X.mmul(batch.bStar.transpose());
      const labels = Array.from({ length: 12_500 }, (_, t) => batch.aStar.reduce((s, a, j) => s + a * Math.max(0, Z.get(t, j)), 0));
      return objectives.designedObjectiveFromSamples(other.X, labels, 3, options).value(at);
    });
    const mean = batches.reduce((s, v) => s + v, 0) / 8;
    const se = Math.sqrt(batches.reduce((s, v) => s + (v - mean) ** 2, 0) / 7 / 8);
    const penaltyAt = 0.4 * [0, 1, 2].reduce((s, j) => s + (dot(row(at, j), row(at, j)) - 1) ** 2, 0);
    const moment = G.value(at) - penaltyAt;
    assert.ok(Math.abs(moment) > 10 * se, `the moment term (${moment}) must stand out of the noise (${se})`);
    assert.ok(Math.abs(mean - G.value(at)) < 4 * se, `samples ${mean} ± ${se} vs closed form ${G.value(at)}`);
  });

  it("rejects what the closed form cannot take", () => {
    assert.throws(() => objectives.designedObjective([[1, 1], [0, 1]], [1, 1], { sigma4: -0.1, mu: 0.1, lambda: 1 }), /bStar.*unit norm/);
    assert.throws(() => objectives.designedObjective([[1, 0]], [-1], { sigma4: -0.1, mu: 0.1, lambda: 1 }), /aStar/);
    assert.throws(() => objectives.designedObjective([[1, 0]], [1], { sigma4: 0, mu: 0.1, lambda: 1 }), /sigma4/);
    assert.throws(() => objectives.designedObjective([[1, 0]], [1], { sigma4: 1, mu: -1, lambda: 1 }), /mu/);
    assert.throws(() => objectives.designedObjectiveFromSamples([[1, 2]], [1], 1, { sign: 0 as never, mu: 0, lambda: 1 }), /sign/);
  });
});

describe("permutationDistance and projectorDistance", () => {
  it("the exact assignment against brute force over permutations and signs", () => {
    const g = rng(9);
    const m = 5, d = 3;
    const bStar = g.normalMatrix(m, d), b = g.normalVector(m * d);
    let best = Infinity;
    const permute = (prefix: number[], rest: number[]) => {
      if (rest.length === 0) {
        let s = 0;
        prefix.forEach((i, j) => {
          let minus = 0, plus = 0;
          for (let k = 0; k < d; k++) {
            minus += (b[j * d + k] - bStar.get(i, k)) ** 2;
            plus += (b[j * d + k] + bStar.get(i, k)) ** 2;
          }
          s += Math.min(minus, plus);
        });
        best = Math.min(best, Math.sqrt(s));
        return;
      }
      rest.forEach((r, t) => permute([...prefix, r], rest.filter((_, u) => u !== t)));
    };
    permute([], [0, 1, 2, 3, 4]);
    assert.ok(Math.abs(permutationDistance(b, bStar).distance - best) < 1e-12);
  });

  it("projectors: 0 for the same span in another basis, √2 sin θ for lines at angle θ, and zero columns ignored", () => {
    const g = rng(10);
    const V = g.orthogonal(6).subMatrix(0, 5, 0, 1);
    const R = new Matrix([[2, 1], [-1, 3]]);
    assert.ok(projectorDistance(V.mmul(R), V) < 1e-14);
    const th = 0.3;
    assert.ok(Math.abs(projectorDistance([[1], [0]], [[Math.cos(th)], [Math.sin(th)]]) - Math.SQRT2 * Math.sin(th)) < 1e-14);
    assert.ok(projectorDistance([[1, 0], [0, 0], [0, 0]], [[3], [0], [0]]) < 1e-15);
    assert.throws(() => projectorDistance([[0], [0]], [[1], [0]]), /u must be non-zero/);
  });
});

describe("rankKApproximation", () => {
  const g = rng(11);
  const Q = g.orthogonal(6);
  const spectrum = [3, 2, 1.5, 0.7, 0.4, 0.1];
  const M = Q.mmul(Matrix.diag(spectrum)).mmul(Q.transpose());

  it("is ½‖UUᵀ − M‖² with its gradient, Hessian, and ½ of rankOneApproximation at k = 1", () => {
    const f = objectives.rankKApproximation(M, 2);
    const u = g.normalVector(12);
    checkDerivatives(f, [u, g.normalVector(12, 0.2)]);
    const U = new Matrix(Array.from({ length: 6 }, (_, i) => [u[2 * i], u[2 * i + 1]]));
    assert.ok(Math.abs(f.value(u) - 0.5 * Matrix.sub(U.mmul(U.transpose()), M).norm("frobenius") ** 2) < 1e-12);
    const x = g.normalVector(6);
    assert.ok(Math.abs(2 * objectives.rankKApproximation(M, 1).value(x) - objectives.rankOneApproximation(M).value(x)) < 1e-12);
    assert.deepEqual(f.eigenvalues.map((l) => Number(l.toFixed(12))), spectrum);
  });

  it("critical points in closed form: the top pair is a minimum at ½Σ_{i>k}λᵢ², every other one a strict saddle with λ_min ≤ −2(λⱼ − λᵢ)", () => {
    const f = objectives.rankKApproximation(M, 2);
    const top = f.criticalPoint([0, 1]);
    assert.ok(Math.abs(f.value(top) - 0.5 * (1.5 ** 2 + 0.7 ** 2 + 0.4 ** 2 + 0.1 ** 2)) < 1e-12);
    const atTop = secondOrderReport(f, top);
    assert.ok(atTop.gradNorm < 1e-12 && atTop.lambdaMin > -1e-12, `top: ${atTop.gradNorm}, ${atTop.lambdaMin}`);
    for (const indices of [[0, 2], [1, 2], [2, 5], [0], [3], []]) {
      const x = f.criticalPoint(indices);
      const report = secondOrderReport(f, x);
      assert.ok(report.gradNorm < 1e-12, `${indices}: ‖∇f‖ = ${report.gradNorm}`);
      // the Rayleigh quotient along v_j in a zero column (curvature −2λⱼ) or replacing column i (2λᵢ − 2λⱼ) bounds λ_min from above
      const missing = [0, 1].filter((j) => !indices.includes(j));
      const bound = indices.length < 2 ? -2 * spectrum[missing[0]] : -2 * (spectrum[missing[0]] - spectrum[Math.max(...indices)]);
      assert.ok(report.lambdaMin <= bound + 1e-12, `${indices}: λ_min ${report.lambdaMin} above the bound ${bound}`);
    }
    assert.throws(() => f.criticalPoint([0, 0]), /distinct/);
    assert.throws(() => f.criticalPoint([0, 1, 2]), /at most k/);
  });
});

describe("dictionaryLearning", () => {
  it("value, gradient and Hessian against their definitions and differences; the stable log cosh", () => {
    const g = rng(12);
    const Y = g.normalMatrix(4, 30);
    const f = objectives.dictionaryLearning(Y, 0.3);
    const q = g.sphere(4);
    checkDerivatives(f, [q, g.normalVector(4)]);
    const direct = Y.transpose().mmul(Matrix.columnVector(Array.from(q))).to1DArray().reduce((s, z) => s + 0.3 * Math.log(Math.cosh(z / 0.3)), 0) / 30;
    assert.ok(Math.abs(f.value(q) - direct) < 1e-14);
    // log cosh(1000) = 1000 − log 2 without overflow (cosh(1000) = ∞)
    const far = objectives.dictionaryLearning([[1000]], 1);
    assert.ok(Math.abs(far.value(Float64Array.of(1)) - (1000 - Math.LN2)) < 1e-9);
  });

  it("±columns of a symmetric data set are Riemannian critical points, and descent on planted sparse data ends at a column", () => {
    // Y = [a₁, −a₁, a₂, −a₂] for orthonormal a: at q = a₁ the Euclidean gradient is tanh(1/μ)a₁ (parallel to q)
    const A = rng(13).orthogonal(3);
    const cols = [0, 1].flatMap((j) => [A.getColumn(j), A.getColumn(j).map((v) => -v)]);
    const Y = new Matrix(3, 4);
    cols.forEach((c, k) => Y.setColumn(k, c));
    const f = objectives.dictionaryLearning(Y, 0.1);
    const q = Float64Array.from(A.getColumn(0));
    const report = secondOrderReport(f, q, { manifold: sphere });
    assert.ok(report.gradNorm < 1e-15, `Riemannian gradient ${report.gradNorm}`);
    // planted: n = 5, θ = 0.2, p = 400; one start ends within 1e-3 of a column (measured 1 − |⟨q, a⟩| ≈ 3e-5; a wrong gradient sign ends at a maximum, far)
    const g = rng(14);
    const A0 = g.orthogonal(5);
    const X0 = new Matrix(5, 400);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 400; j++) X0.set(i, j, g.uniform() < 0.2 ? g.normal() : 0);
    const h = objectives.dictionaryLearning(A0.mmul(X0), 0.05);
    const t = riemannianGradientDescent(h, g.sphere(5), { manifold: sphere, stepSize: 0.3, maxIterations: 5000, tolerance: 1e-8 });
    const best = Math.max(...[0, 1, 2, 3, 4].map((j) => Math.abs(A0.getColumn(j).reduce((s, v, i) => s + v * t.x[i], 0))));
    assert.ok(1 - best < 1e-3, `1 − max|⟨q, a_j⟩| = ${1 - best}`);
  });
});

describe("gradient descent on the designed objective recovers B*", () => {
  it("from a random start, to the closed-form critical point DΠB*", () => {
    const { bStar, aStar } = planted(15, 4, 5, 1);
    const sigma4 = objectives.reluHermiteCoefficient(4), mu = 0.1, lambda = 0.2;
    const G = objectives.designedObjective(bStar, aStar, { sigma4, mu, lambda });
    const t = gd(G, rng(16).normalVector(20, 0.45), { stepSize: 0.5, maxIterations: 20_000, tolerance: 1e-10 });
    const { assignment } = permutationDistance(t.x, bStar);
    // each row's norm is the predicted scale s_j (a wrong μ or λ in the gradient moves it by ≥ 1e-3)
    assignment.forEach((i, j) => {
      const s = Math.sqrt(lambda / (lambda - Math.abs(sigma4) * mu * aStar[i]));
      const norm = Math.hypot(...t.x.subarray(j * 5, j * 5 + 5));
      assert.ok(Math.abs(norm - s) < 1e-8, `row ${j}: ${norm} vs ${s}`);
    });
  });
});
