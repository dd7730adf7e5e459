// The factored objectives (lowRank.ts: matrix completion, matrix sensing, gram; burerMonteiro.ts:
// the max-cut Burer–Monteiro objective) against their formulas recomputed here at a generic
// factor U, on problems where the parts that symmetric data would hide are present (an
// asymmetric mask and sensing matrices, a row-norm regularizer active on some rows only);
// gradients against central differences of the value, Hessians and Hessian-vector products
// against central differences of the gradient; cached products after in-place changes of U.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Matrix, objectives, rng } from "landscape";

function closeArrays(a: ArrayLike<number>, e: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, e.length, `${what}: length`);
  for (let i = 0; i < e.length; i++) assert.ok(Math.abs(a[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])), `${what}[${i}]: ${a[i]} vs ${e[i]}`);
}

/**
 * ∇f against central differences of f (h = 1e-6: truncation ~1e-12·f‴, rounding ~1e-10·|f|),
 * ∇²f and ∇²f[v] against central differences of ∇f (h = 1e-5). The tolerance 1e-6 is ~100 times
 * the observed error of the differences; a wrong factor, sign or term changes entries by O(1).
 */
function checkDerivatives(f: objectives.Objective & { hessian?(x: Float64Array): Matrix; hessianVector?(u: Float64Array, v: Float64Array, out?: Float64Array): Float64Array }, x: Float64Array, what: string): void {
  const d = x.length;
  const g = f.grad(x, new Float64Array(d).fill(3));
  const fd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const p = Float64Array.from(x), m = Float64Array.from(x);
    p[j] += 1e-6;
    m[j] -= 1e-6;
    fd[j] = (f.value(p) - f.value(m)) / 2e-6;
  }
  closeArrays(g, fd, 1e-6, `${what} ∇f vs differences`);
  const H: number[] = new Array(d * d);
  for (let j = 0; j < d; j++) {
    const p = Float64Array.from(x), m = Float64Array.from(x);
    p[j] += 1e-5;
    m[j] -= 1e-5;
    const gp = f.grad(p), gm = f.grad(m);
    for (let i = 0; i < d; i++) H[i * d + j] = (gp[i] - gm[i]) / 2e-5;
  }
  if (f.hessian) closeArrays(f.hessian(x).to1DArray(), H, 1e-6, `${what} ∇²f vs differences`);
  if (f.hessianVector) {
    const v = Float64Array.from({ length: d }, (_, i) => Math.sin(1.3 * i + 0.4));
    const hv = f.hessianVector(x, v, new Float64Array(d).fill(-2));
    closeArrays(hv, H.reduce((acc, h, k) => { acc[Math.floor(k / d)] += h * v[k % d]; return acc; }, new Array<number>(d).fill(0)), 1e-6, `${what} ∇²f[v] vs differences`);
  }
}

const n = 4, r = 2;
const U = Float64Array.of(0.9, -0.3, 0.2, 1.1, -0.7, 0.5, 0.4, -0.8);
const gramOf = (u: ArrayLike<number>) => Array.from({ length: n * n }, (_, k) => { const i = Math.floor(k / n), j = k % n; let s = 0; for (let a = 0; a < r; a++) s += u[i * r + a] * u[j * r + a]; return s; });
const target = [[1, 0.2, -0.3, 0.5], [0.2, 2, 0.1, 0], [-0.3, 0.1, 1.5, -0.4], [0.5, 0, -0.4, 0.8]];
const mask = [[1, 1, 0, 1], [0, 1, 1, 0], [1, 0, 0, 1], [1, 1, 0, 1]]; // not symmetric

describe("gram: X = UUᵀ", () => {
  it("entries ⟨uᵢ, uⱼ⟩ (into out), and the checks", () => {
    const out = new Float64Array(n * n).fill(7);
    assert.equal(objectives.gram(U, n, r, out), out);
    closeArrays(out, gramOf(U), 1e-15, "UUᵀ");
    assert.throws(() => objectives.gram(U, n, 3), /^Error: u must have length 12, got length 8$/);
    assert.throws(() => objectives.gram(Float64Array.of(1e200, 0), 2, 1), /^Error: u's entries are too large: \(UUᵀ\)\[0\]\[0\] overflows float64$/);
    assert.throws(() => objectives.gram(Float64Array.of(1, 1e200), 2, 1), /^Error: u's entries are too large: \(UUᵀ\)\[1\]\[1\] overflows float64$/);
  });
});

describe("matrixCompletion: f = ½Σ_Ω((UUᵀ)ᵢⱼ − Mᵢⱼ)² + λΣᵢ(‖uᵢ‖ − α)₊⁴", () => {
  it("value by the sum over the mask; gradient, Hessian and Hessian-vector product by differences", () => {
    const f = objectives.matrixCompletion(target, mask, r);
    assert.equal(f.dim, n * r);
    assert.equal(f.n, n);
    assert.equal(f.rank, r);
    assert.equal(f.observed, 10);
    closeArrays(f.target.to1DArray(), target.flat(), 0, "target");
    const X = gramOf(U);
    const v = X.reduce((s, x, k) => s + mask[Math.floor(k / n)][k % n] * (x - target[Math.floor(k / n)][k % n]) ** 2, 0) / 2;
    assert.ok(Math.abs(f.value(U) - v) < 1e-14);
    checkDerivatives(f, U, "completion");
  });

  it("with the regularizer on rows with ‖uᵢ‖ > α only (α between the row norms)", () => {
    const lambda = 0.7, alpha = 0.95; // row norms 0.949, 1.118, 0.860, 0.894: only row 1 is penalized... and 0
    const f = objectives.matrixCompletion(target, mask, r, { regularizer: { lambda, alpha } });
    const plain = objectives.matrixCompletion(target, mask, r);
    const U2 = Float64Array.of(1.2, -0.3, 0.2, 1.1, -0.7, 0.5, 0.4, -0.8); // row norms 1.237, 1.118, 0.860, 0.894
    let reg = 0;
    for (let i = 0; i < n; i++) reg += Math.max(0, Math.hypot(U2[2 * i], U2[2 * i + 1]) - alpha) ** 4;
    assert.ok(reg > 0);
    assert.ok(Math.abs(f.value(U2) - (plain.value(U2) + lambda * reg)) < 1e-14);
    checkDerivatives(f, U2, "completion + regularizer");
    // The regularizer's gradient on row 0 is 4λ(‖u₀‖ − α)³u₀/‖u₀‖; rows 2 and 3 get none.
    const t = Math.hypot(1.2, -0.3), gr = f.grad(U2), gp = plain.grad(U2);
    closeArrays([gr[0] - gp[0], gr[1] - gp[1]], [4 * lambda * (t - alpha) ** 3 * 1.2 / t, 4 * lambda * (t - alpha) ** 3 * -0.3 / t], 1e-13, "regularizer's gradient");
    closeArrays(gr.subarray(4), gp.subarray(4), 0, "unpenalized rows");
  });

  it("recomputes the residual after U changes in place, and after a Hessian-vector product", () => {
    const f = objectives.matrixCompletion(target, mask, r);
    const fresh = objectives.matrixCompletion(target, mask, r);
    const u = Float64Array.from(U);
    f.value(u);
    u[7] = 0.3;
    closeArrays(f.grad(u), fresh.grad(u), 0, "after a change of the last entry");
    f.hessianVector(u, Float64Array.from(U));
    assert.equal(f.value(u), fresh.value(u));
  });

  it("accepts boolean masks and Matrix inputs, rejects the rest", () => {
    const bool = mask.map((row) => row.map((v) => v === 1));
    assert.equal(objectives.matrixCompletion(new Matrix(target), bool, r).value(U), objectives.matrixCompletion(target, new Matrix(mask), r).value(U));
    assert.throws(() => objectives.matrixCompletion(target, mask, r, null as never), /^Error: options must be an object \(\{ regularizer \}\)$/);
    assert.throws(() => objectives.matrixCompletion([] as never, mask, r), /^Error: m must be a square Matrix or a non-empty array of rows$/);
    assert.throws(() => objectives.matrixCompletion([[1, 2], 3] as never, mask, r), /^Error: m must be a square Matrix or a non-empty array of rows$/);
    assert.throws(() => objectives.matrixCompletion([[1, 2, 3], [4, 5, 6]], mask, r), /^Error: m must be square, got 2×3$/);
    assert.throws(() => objectives.matrixCompletion([[1, NaN], [0, 1]], [[1, 1], [1, 1]], 1), /^Error: m\[0\]\[1\] must be a finite number, got NaN$/);
    assert.throws(() => objectives.matrixCompletion(target, "x" as never, r), /^Error: mask must be an n × n Matrix or array of rows of 0\/1 \(or booleans\)$/);
    assert.throws(() => objectives.matrixCompletion(target, [[1, 1], [1, 1]], r), /^Error: mask must be 4×4, got 2×2$/);
    assert.throws(() => objectives.matrixCompletion(target, mask.map((row, i) => row.map((v, j) => (i === 2 && j === 1 ? 0.5 : v))), r), /^Error: mask\[2\]\[1\] must be 0 or 1, got 0\.5$/);
    assert.throws(() => objectives.matrixCompletion(target, mask, 5), /^Error: rank must be ≤ n = 4, got 5$/);
    assert.throws(() => objectives.matrixCompletion(target, mask, 0), /^Error: rank must be an integer ≥ 1, got 0$/);
    assert.equal(objectives.matrixCompletion(target, mask, 4).rank, 4);
    assert.throws(() => objectives.matrixCompletion(target, mask, r, { regularizer: { lambda: 0, alpha: 1 } }), /^Error: regularizer\.lambda must be a finite number > 0, got 0$/);
    assert.throws(() => objectives.matrixCompletion(target, mask, r, { regularizer: { lambda: 1 } as never }), /^Error: regularizer\.alpha must be a finite number > 0, got undefined$/);
  });
});

describe("matrixSensing: f = ½Σᵢ(⟨Aᵢ, UUᵀ⟩ − yᵢ)² with asymmetric Aᵢ", () => {
  const r3 = rng(11);
  const A = Array.from({ length: 5 }, () => Array.from({ length: n }, () => Array.from({ length: n }, () => r3.normal())));
  const y = [0.5, -1, 2, 0.3, 1.1];
  it("value by the inner products; gradient, Hessian and Hessian-vector product by differences", () => {
    const f = objectives.matrixSensing(A, y, r);
    assert.equal(f.dim, n * r);
    assert.equal(f.measurements, 5);
    assert.equal(f.n, n);
    assert.equal(f.rank, r);
    const X = gramOf(U);
    const v = A.reduce((s, Ai, i) => s + (Ai.flat().reduce((t, a, k) => t + a * X[k], 0) - y[i]) ** 2, 0) / 2;
    assert.ok(Math.abs(f.value(U) - v) < 1e-13);
    checkDerivatives(f, U, "sensing");
    const u = Float64Array.from(U);
    f.value(u);
    u[0] = -0.1;
    assert.equal(f.value(u), objectives.matrixSensing(A, y, r).value(u));
  });

  it("a zero measurement weight (rᵢ = 0) is skipped without changing the gradient", () => {
    const X = gramOf(U);
    const exact = A.map((Ai) => Ai.flat().reduce((t, a, k) => t + a * X[k], 0));
    const f = objectives.matrixSensing(A, exact, r);
    assert.ok(f.value(U) < 1e-28); // zero up to the rounding of ⟨Aᵢ, X⟩ summed in another order
    closeArrays(f.grad(U), new Float64Array(n * r), 1e-13, "∇f at a zero-residual point");
    checkDerivatives(f, U, "sensing at zero residual");
  });

  it("rejects bad input", () => {
    assert.throws(() => objectives.matrixSensing([], [], 1), /^Error: a must be a non-empty array of n × n matrices$/);
    assert.throws(() => objectives.matrixSensing("a" as never, [], 1), /^Error: a must be a non-empty array of n × n matrices$/);
    assert.throws(() => objectives.matrixSensing(A, [1, 2], r), /^Error: y must be an array of 5 measurements \(one per matrix of a\), got length 2$/);
    assert.throws(() => objectives.matrixSensing(A, null as never, r), /^Error: y must be an array of 5 measurements \(one per matrix of a\), got object$/);
    assert.throws(() => objectives.matrixSensing(A, 3 as never, r), /^Error: y must be an array of 5 measurements \(one per matrix of a\), got number$/);
    assert.throws(() => objectives.matrixSensing(A, [1, 2, NaN, 4, 5], r), /^Error: y\[2\] must be a finite number, got NaN$/);
    assert.throws(() => objectives.matrixSensing([A[0], [[1, 2], [3, 4]]], [1, 2], r), /^Error: a\[1\] must be 4×4, got 2×2$/);
  });
});

describe("burerMonteiroMaxCut: f(Y) = ⟨C, YYᵀ⟩, C = −L/4, ∇f = 2CY", () => {
  const W = [[0, 1, 0.5, 0], [1, 0, 2, 0.3], [0.5, 2, 0, 1.5], [0, 0.3, 1.5, 0]];
  it("f(Y) = −¼Σᵢⱼ Wᵢⱼ(1 − ⟨yᵢ, yⱼ⟩) on unit rows, ⟨C, YYᵀ⟩ off them; ∇f and ∇²f by differences", () => {
    const f = objectives.burerMonteiroMaxCut(W, r);
    assert.equal(f.dim, n * r);
    assert.equal(f.n, n);
    assert.equal(f.p, r);
    closeArrays(f.weights, W.flat(), 0, "weights");
    const deg = W.map((row) => row.reduce((s, v) => s + v, 0));
    closeArrays(f.cost, W.flat().map((w, k) => (Math.floor(k / n) === k % n ? -deg[k % n] / 4 : w / 4)), 1e-15, "C = −L/4");
    const angles = [0.3, 2, -1.2, 0.9];
    const Y = Float64Array.from(angles.flatMap((t) => [Math.cos(t), Math.sin(t)]));
    let cut = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cut += W[i][j] * (1 - Math.cos(angles[i] - angles[j]));
    assert.ok(Math.abs(f.value(Y) + cut / 4) < 1e-14);
    checkDerivatives(f, U, "max-cut");
    const y = Float64Array.from(U);
    f.value(y);
    y[5] = 0;
    assert.equal(f.value(y), objectives.burerMonteiroMaxCut(W, r).value(y));
  });

  it("rejects bad weights and ranks", () => {
    assert.throws(() => objectives.burerMonteiroMaxCut([] as never, 1), /^Error: w must be a symmetric n × n Matrix or a non-empty array of rows$/);
    assert.throws(() => objectives.burerMonteiroMaxCut([[0, 1], 2] as never, 1), /^Error: w must be a symmetric n × n Matrix or a non-empty array of rows$/);
    assert.throws(() => objectives.burerMonteiroMaxCut([[0, 1, 2], [1, 0, 3]], 1), /^Error: w must be square, got 2×3$/);
    assert.throws(() => objectives.burerMonteiroMaxCut([[0, NaN], [NaN, 0]], 1), /^Error: w\[0\]\[1\] must be a finite number, got NaN$/);
    assert.throws(() => objectives.burerMonteiroMaxCut([[0, 1], [1, 2]], 1), /^Error: w\[1\]\[1\] must be 0 \(no self-loops\), got 2$/);
    assert.throws(() => objectives.burerMonteiroMaxCut([[0, -1], [-1, 0]], 1), /^Error: w\[0\]\[1\] must be ≥ 0 \(a weight\), got -1$/);
    assert.throws(() => objectives.burerMonteiroMaxCut([[0, 1], [1.5, 0]], 1), /^Error: w must be symmetric: w\[0\]\[1\] ≠ w\[1\]\[0\]$/);
    assert.equal(objectives.burerMonteiroMaxCut([[0, 1e6], [1e6 + 1e-7, 0]], 1).n, 2);
    assert.throws(() => objectives.burerMonteiroMaxCut(W, 5), /^Error: p must be ≤ n = 4, got 5$/);
    assert.throws(() => objectives.burerMonteiroMaxCut(W, 0), /^Error: p must be an integer ≥ 1, got 0$/);
    assert.equal(objectives.burerMonteiroMaxCut(new Matrix(W), 4).p, 4);
  });
});
