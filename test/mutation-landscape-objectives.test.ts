// The section-3 objectives (rankOne.ts, phaseRetrieval.ts, tensorDecomposition.ts) against
// their formulas, recomputed here independently at a generic point of a coupled problem, with
// every Hessian also against central differences of the gradient; plus their input checks.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Matrix, objectives } from "landscape";

function closeArrays(a: ArrayLike<number>, e: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, e.length, `${what}: length`);
  for (let i = 0; i < e.length; i++) assert.ok(Math.abs(a[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])), `${what}[${i}]: ${a[i]} vs ${e[i]}`);
}

/** Central differences of the gradient, column j = (∇f(x + h eⱼ) − ∇f(x − h eⱼ)) / 2h. */
function hessianByDifferences(f: objectives.Objective, x: Float64Array, h = 1e-5): number[] {
  const d = x.length, H = new Array<number>(d * d);
  for (let j = 0; j < d; j++) {
    const p = Float64Array.from(x), m = Float64Array.from(x);
    p[j] += h;
    m[j] -= h;
    const gp = f.grad(p), gm = f.grad(m);
    for (let i = 0; i < d; i++) H[i * d + j] = (gp[i] - gm[i]) / (2 * h);
  }
  return H;
}

const M = [[3, 1, -0.5], [1, 2, 0.7], [-0.5, 0.7, -1]];
const Mx = (x: ArrayLike<number>) => M.map((row) => row.reduce((s, v, j) => s + v * x[j], 0));
const x = Float64Array.of(0.6, -1.1, 0.8);
const sq = (v: ArrayLike<number>) => Array.from(v).reduce((s, t) => s + t * t, 0);

describe("rankOneApproximation: f = ‖xxᵀ − M‖²_F, ∇f = 4(‖x‖²x − Mx), ∇²f = 4(‖x‖²I + 2xxᵀ − M)", () => {
  it("value by the entries of xxᵀ − M, gradient and Hessian by their formulas and by differences", () => {
    const f = objectives.rankOneApproximation(M);
    assert.equal(f.dim, 3);
    closeArrays(f.target.to1DArray(), M.flat(), 0, "target");
    let v = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) v += (x[i] * x[j] - M[i][j]) ** 2;
    assert.ok(Math.abs(f.value(x) - v) < 1e-13);
    const n2 = sq(x), mx = Mx(x);
    const out = new Float64Array(3).fill(8);
    f.grad(x, out);
    closeArrays(out, Array.from(x, (xi, i) => 4 * (n2 * xi - mx[i])), 1e-14, "∇f");
    const h = f.hessian!(x).to1DArray();
    const expected: number[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expected.push(4 * ((i === j ? n2 : 0) + 2 * x[i] * x[j] - M[i][j]));
    closeArrays(h, expected, 1e-14, "∇²f");
    closeArrays(h, hessianByDifferences(f, x), 1e-7, "∇²f vs differences");
  });

  it("symmetrizes M within 1e-10·(1 + |mᵢⱼ|) and rejects an asymmetric M", () => {
    const f = objectives.rankOneApproximation([[1, 2], [2 + 1e-12, 5]]);
    assert.equal(f.target.get(0, 1), f.target.get(1, 0));
    assert.throws(() => objectives.rankOneApproximation([[1, 2], [2.1, 5]]), /^Error: m must be symmetric$/);
    assert.equal(objectives.rankOneApproximation([[1e4, 1e4], [1e4 + 1e-7, 1]]).dim, 2);
  });
});

describe("rayleighQuotient: f = xᵀAx, ∇f = 2Ax, ∇²f = 2A", () => {
  it("value, gradient into out, Hessian (a fresh copy each time)", () => {
    const f = objectives.rayleighQuotient(M);
    assert.equal(f.dim, 3);
    closeArrays(f.matrix.to1DArray(), M.flat(), 0, "matrix");
    const ax = Mx(x);
    assert.ok(Math.abs(f.value(x) - ax.reduce((s, v, i) => s + v * x[i], 0)) < 1e-14);
    const out = new Float64Array(3).fill(-3);
    assert.equal(f.grad(x, out), out);
    closeArrays(out, ax.map((v) => 2 * v), 1e-15, "∇f");
    const h = f.hessian!(x);
    closeArrays(h.to1DArray(), M.flat().map((v) => 2 * v), 0, "∇²f");
    h.set(0, 0, 99);
    assert.equal(f.hessian!(x).get(0, 0), 6);
    assert.equal(f.matrix.get(0, 0), 3);
    assert.throws(() => objectives.rayleighQuotient([[1, 2], [3, 4]]), /^Error: a must be symmetric$/);
  });
});

describe("phaseRetrieval: f = (1/4m)Σ(⟨aᵢ,x⟩² − yᵢ)², ∇f = (1/m)Σ(⟨aᵢ,x⟩² − yᵢ)⟨aᵢ,x⟩aᵢ, ∇²f = (1/m)Σ(3⟨aᵢ,x⟩² − yᵢ)aᵢaᵢᵀ", () => {
  const a = [[1, -0.5, 2], [0.3, 1.2, -0.7], [-1, 0.4, 0.9], [2, 1, 0.5]];
  const xStar = [0.5, -1, 0.25];
  const y = a.map((row) => row.reduce((s, v, j) => s + v * xStar[j], 0) ** 2).map((v, i) => v + 0.1 * i); // noisy intensities
  it("value, gradient and Hessian by the sums, and the Hessian by differences", () => {
    const f = objectives.phaseRetrieval(a, y);
    assert.equal(f.dim, 3);
    assert.equal(f.measurements, 4);
    const m = 4;
    const ax = a.map((row) => row.reduce((s, v, j) => s + v * x[j], 0));
    assert.ok(Math.abs(f.value(x) - ax.reduce((s, v, i) => s + (v * v - y[i]) ** 2, 0) / (4 * m)) < 1e-14);
    const g = [0, 1, 2].map((j) => ax.reduce((s, v, i) => s + (v * v - y[i]) * v * a[i][j], 0) / m);
    closeArrays(f.grad(x, new Float64Array(3).fill(2)), g, 1e-14, "∇f");
    const H: number[] = [];
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) H.push(ax.reduce((s, v, i) => s + (3 * v * v - y[i]) * a[i][j] * a[i][k], 0) / m);
    const h = f.hessian(x).to1DArray();
    closeArrays(h, H, 1e-14, "∇²f");
    closeArrays(h, hessianByDifferences(f, x), 1e-7, "∇²f vs differences");
    // ±x* are global minimizers of the noiseless problem.
    const exact = objectives.phaseRetrieval(new Matrix(a), a.map((row) => row.reduce((s, v, j) => s + v * xStar[j], 0) ** 2));
    assert.ok(exact.value(Float64Array.from(xStar, (v) => -v)) < 1e-30);
  });

  it("rejects a bad a, a y of the wrong length, a negative or non-finite intensity", () => {
    assert.throws(() => objectives.phaseRetrieval([] as never, []), /^Error: a must be an m × n Matrix or a non-empty array of rows$/);
    assert.throws(() => objectives.phaseRetrieval([[1, 2], 3] as never, [1, 1]), /^Error: a must be an m × n Matrix/);
    assert.throws(() => objectives.phaseRetrieval("a" as never, [1]), /^Error: a must be an m × n Matrix/);
    assert.equal(objectives.phaseRetrieval([Float64Array.of(1, 2)] as never, [1]).dim, 2);
    assert.throws(() => objectives.phaseRetrieval([[1, 2], [3, NaN]], [1, 1]), /^Error: a\[1\]\[1\] must be a finite number, got NaN$/);
    assert.throws(() => objectives.phaseRetrieval([[1, 2], [3, 4]], [1]), /^Error: y must be an array of 2 intensities \(one per row of a\)$/);
    assert.throws(() => objectives.phaseRetrieval([[1, 2], [3, 4]], null as never), /^Error: y must be an array of 2 intensities/);
    assert.throws(() => objectives.phaseRetrieval([[1, 2], [3, 4]], { length: "2" } as never), /^Error: y must be an array of 2 intensities/);
    assert.throws(() => objectives.phaseRetrieval([[1, 2], [3, 4]], [1, -0.5]), /^Error: y\[1\] must be ≥ 0 \(an intensity ⟨aᵢ, x\*⟩²\), got -0\.5$/);
    assert.throws(() => objectives.phaseRetrieval([[1, 2], [3, 4]], [Infinity, 1]), /^Error: y\[0\] must be a finite number, got Infinity$/);
    assert.equal(objectives.phaseRetrieval([[1, 2], [3, 4]], [0, 0]).value(Float64Array.of(0, 0)), 0);
  });
});

describe("orthogonalTensor and tensorDecomposition: f = −T(u,u,u,u), ∇f = −4T(u,u,u,·), ∇²f = −12T(u,u,·,·)", () => {
  const A = [[1, 0.5], [-0.3, 1], [0.2, -0.4]]; // d = 3, k = 2 (not orthogonal: a generic symmetric tensor)
  const w = [1.5, -0.7];
  const T = (u: number[][]) => { // T(u¹, u², u³, u⁴) = Σ_c w_c Π ⟨a_c, uʲ⟩
    let s = 0;
    for (let c = 0; c < 2; c++) s += w[c] * u.reduce((p, v) => p * v.reduce((t, vi, i) => t + vi * A[i][c], 0), 1);
    return s;
  };
  const e = (i: number) => [0, 1, 2].map((j) => (j === i ? 1 : 0));
  it("the tensor's entries are Σ_c w_c a_ci a_cj a_ck a_cl (weights default to 1)", () => {
    const t = objectives.orthogonalTensor(A, w);
    assert.equal(t.length, 81);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) {
      assert.ok(Math.abs(t[((i * 3 + j) * 3 + k) * 3 + l] - T([e(i), e(j), e(k), e(l)])) < 1e-15);
    }
    const t1 = objectives.orthogonalTensor(new Matrix(A));
    assert.ok(Math.abs(t1[0] - (1 + 0.5 ** 4)) < 1e-15);
    assert.ok(Math.abs(t1[80] - (0.2 ** 4 + 0.4 ** 4)) < 1e-15);
  });

  it("value, gradient and Hessian by contraction, and the Hessian by differences", () => {
    const f = objectives.tensorDecomposition(objectives.orthogonalTensor(A, w));
    assert.equal(f.dim, 3);
    const u = [0.6, -1.1, 0.8];
    const ux = Float64Array.from(u);
    assert.ok(Math.abs(f.value(ux) + T([u, u, u, u])) < 1e-14);
    closeArrays(f.grad(ux, new Float64Array(3).fill(1)), [0, 1, 2].map((i) => -4 * T([u, u, u, e(i)])), 1e-14, "∇f");
    const H: number[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) H.push(-12 * T([u, u, e(i), e(j)]));
    const h = f.hessian(ux).to1DArray();
    closeArrays(h, H, 1e-14, "∇²f");
    closeArrays(h, hessianByDifferences(f, ux), 1e-7, "∇²f vs differences");
    // A zero coordinate (the skipped uᵢuⱼ = 0 terms) changes nothing.
    const u0 = [0, -1.1, 0.8];
    assert.ok(Math.abs(f.value(Float64Array.from(u0)) + T([u0, u0, u0, u0])) < 1e-14);
  });

  it("rejects a non-tensor, a length that is not d⁴, a non-finite or asymmetric entry, and bad columns or weights", () => {
    assert.throws(() => objectives.tensorDecomposition([1] as never), /^Error: t must be a Float64Array of length d⁴ \(a dense symmetric 4-tensor\)$/);
    assert.throws(() => objectives.tensorDecomposition(new Float64Array(15)), /^Error: t must have length d⁴ for an integer d ≥ 1, got length 15$/);
    assert.throws(() => objectives.tensorDecomposition(new Float64Array(0)), /^Error: t must have length d⁴ for an integer d ≥ 1, got length 0$/);
    assert.equal(objectives.tensorDecomposition(Float64Array.of(2)).value(Float64Array.of(3)), -162);
    const bad = objectives.orthogonalTensor(A, w);
    bad[1] = NaN;
    assert.throws(() => objectives.tensorDecomposition(bad), /^Error: t\[1\] must be a finite number, got NaN$/);
    for (const k of [((0 * 3 + 1) * 3 + 2) * 3 + 2, ((2 * 3 + 2) * 3 + 0) * 3 + 1, ((1 * 3 + 2) * 3 + 2) * 3 + 2]) {
      const asym = objectives.orthogonalTensor(A, w);
      asym[k] += 1e-3;
      assert.throws(() => objectives.tensorDecomposition(asym), /^Error: t must be a symmetric tensor: t\[\d\]\[\d\]\[\d\]\[\d\] differs from a transposition of its indices$/, `entry ${k}`);
    }
    // Each of the three transpositions checked is needed: a tensor symmetric under the other two
    // (E = a⊗b⊗b⊗b is symmetric in positions 2–4 only; a⊗a⊗b⊗b under swaps 1↔2 and 3↔4 only;
    // b⊗b⊗b⊗a in positions 1–3 only) must be rejected.
    const av = [1, -0.5, 0.3], bv = [0.2, 0.8, -0.6];
    const outer = (p: number[], q: number[], r: number[], s: number[]) => {
      const e = new Float64Array(81);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) e[((i * 3 + j) * 3 + k) * 3 + l] = p[i] * q[j] * r[k] * s[l];
      return e;
    };
    for (const E of [outer(av, bv, bv, bv), outer(av, av, bv, bv), outer(bv, bv, bv, av)]) {
      const t = objectives.orthogonalTensor(A, w).map((v, k) => v + 1e-3 * E[k]);
      assert.throws(() => objectives.tensorDecomposition(t), /^Error: t must be a symmetric tensor/);
    }
    const nearly = objectives.orthogonalTensor(A, w);
    nearly[1] += 1e-12; // within 1e-10·(1 + |t|): rounding, accepted
    assert.equal(objectives.tensorDecomposition(nearly).dim, 3);
    assert.throws(() => objectives.orthogonalTensor([] as never), /^Error: a must be a d × k Matrix or array of rows$/);
    assert.throws(() => objectives.orthogonalTensor("a" as never), /^Error: a must be a d × k Matrix or array of rows$/);
    assert.throws(() => objectives.orthogonalTensor([[1, 2], [3]]), /^Error: a\[1\] must have length 2, got 1$/);
    assert.throws(() => objectives.orthogonalTensor(new Matrix([[1, NaN]])), /^Error: a\[0\]\[1\] must be a finite number, got NaN$/);
    assert.throws(() => objectives.orthogonalTensor(A, [1]), /^Error: weights must have length 2, got length 1$/);
    assert.throws(() => objectives.orthogonalTensor([[1e100]]), /^Error: a and weights are too large: the tensor's entry 0 \(Σ wᵢ aᵢ\^⊗4\) overflows float64$/);
  });
});
