// quadratic and strictSaddle (lib/src/objectives/quadratic.ts, strictSaddle.ts) against their
// formulas at points with every coordinate non-zero, a coupled A and a shifted centre: value,
// gradient and Hessian exactly, the cached product Ax after in-place changes of x, the input
// checks. Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Matrix, objectives } from "landscape";

const A = [[4, 1, -0.5], [1, 3, 0.25], [-0.5, 0.25, 2]];
const b = Float64Array.of(1, -2, 0.5);
const c = 0.75;
const Ax = (x: ArrayLike<number>) => A.map((row) => row.reduce((s, v, j) => s + v * x[j], 0));
const fOf = (x: ArrayLike<number>) => 0.5 * Ax(x).reduce((s, v, i) => s + v * x[i], 0) - b.reduce((s, v, i) => s + v * x[i], 0) + c;

function closeArrays(a: ArrayLike<number>, e: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, e.length, what);
  for (let i = 0; i < e.length; i++) assert.ok(Math.abs(a[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])), `${what}[${i}]: ${a[i]} vs ${e[i]}`);
}

describe("quadratic: f = ½xᵀAx − bᵀx + c, ∇f = Ax − b, ∇²f = A, x* = A⁻¹b", () => {
  it("value and gradient at several points, including after changing x in place (the cached Ax)", () => {
    const f = objectives.quadratic(A, b, c);
    assert.equal(f.dim, 3);
    const x = Float64Array.of(0.3, -1.2, 2);
    assert.ok(Math.abs(f.value(x) - fOf(x)) < 1e-14);
    closeArrays(f.grad(x), Ax(x).map((v, i) => v - b[i]), 1e-15, "∇f");
    // The same x changed in its last, then its first coordinate: Ax must be recomputed.
    x[2] = -0.4;
    assert.ok(Math.abs(f.value(x) - fOf(x)) < 1e-14);
    x[0] = 1.7;
    const out = new Float64Array(3).fill(9);
    assert.equal(f.grad(x, out), out);
    closeArrays(out, Ax(x).map((v, i) => v - b[i]), 1e-15, "∇f into out");
    assert.ok(Math.abs(f.value(Float64Array.of(0, 0, 0)) - c) === 0);
  });

  it("b and c default to 0; Hessian, spectrum and minimizer", () => {
    const f0 = objectives.quadratic(A);
    const x = Float64Array.of(-0.5, 0.5, 1);
    assert.ok(Math.abs(f0.value(x) - 0.5 * Ax(x).reduce((s, v, i) => s + v * x[i], 0)) < 1e-14);
    closeArrays(f0.grad(x), Ax(x), 1e-15, "∇f with b = 0");
    const f = objectives.quadratic(A, b, c);
    const h = f.hessian!(x);
    closeArrays(h.to1DArray(), A.flat(), 0, "∇²f");
    h.set(0, 0, 100); // the returned Hessian is a copy
    assert.equal(f.hessian!(x).get(0, 0), 4);
    closeArrays(f.a.to1DArray(), A.flat(), 0, "a");
    const xStar = f.minimizer();
    closeArrays(Ax(xStar), b, 1e-14, "A x*");
    // The spectrum (μ, L) against the invariants of A: with λ₂ = tr A − μ − L, the product is det A
    // and the sum of squares ‖A‖²_F.
    const { min, max } = f.spectrum;
    const det = 4 * (3 * 2 - 0.0625) - 1 * (1 * 2 + 0.125) + -0.5 * (0.25 + 1.5);
    const mid = 9 - min - max;
    assert.ok(min > 0 && Math.abs(min * mid * max - det) < 1e-12);
    assert.ok(Math.abs(min ** 2 + mid ** 2 + max ** 2 - A.flat().reduce((s, v) => s + v * v, 0)) < 1e-12);
    assert.ok(min <= mid && mid <= max);
  });

  it("symmetrizes A exactly within the 1e-10 tolerance, copies the caller's matrix, rejects asymmetric and indefinite A", () => {
    const given = new Matrix([[2, 0.5], [0.5 + 1e-12, 3]]);
    const f = objectives.quadratic(given);
    assert.equal(f.a.get(0, 1), f.a.get(1, 0));
    assert.equal(f.a.get(0, 1), 0.25 + 0.5 * (0.5 + 1e-12));
    assert.equal(given.get(1, 0), 0.5 + 1e-12); // the caller's matrix is untouched
    assert.equal(given.get(0, 0), 2);
    assert.throws(() => objectives.quadratic([[2, 0.5], [0.6, 3]]), /^Error: a must be symmetric: a\[0\]\[1\] = 0\.5 but a\[1\]\[0\] = 0\.6$/);
    // The tolerance is relative to 1 + |aᵢⱼ|: 1e-7 of asymmetry on entries 1e4 passes (bound 1e-6).
    assert.equal(objectives.quadratic([[2e4, 1e4], [1e4 + 1e-7, 3e4]]).dim, 2);
    assert.throws(() => objectives.quadratic([[1, 2], [2, 1]]), /^Error: a must be positive definite \(its Cholesky factorization failed\)$/);
    assert.throws(() => objectives.quadratic(A, b, NaN), /^Error: c must be a finite number, got NaN$/);
    assert.throws(() => objectives.quadratic("a" as never), /^Error: a must be a Matrix or an array of rows, got string$/);
    assert.throws(() => objectives.quadratic(A, new Float64Array(2)), /^Error: b must have length 3, got length 2$/);
  });
});

describe("strictSaddle: f = ½(x − a)² + ¼(y − b)⁴ − ½(y − b)², ∇f = (x − a, (y − b)³ − (y − b)), ∇²f = diag(1, 3(y − b)² − 1)", () => {
  it("at a point off the axes, centred at (1.5, −0.7) and at the origin", () => {
    for (const [a, bc] of [[1.5, -0.7], [0, 0]]) {
      const f = bc === 0 && a === 0 ? objectives.strictSaddle() : objectives.strictSaddle({ center: [a, bc] });
      assert.equal(f.dim, 2);
      const p = Float64Array.of(0.4, 1.3);
      const x = p[0] - a, y = p[1] - bc;
      assert.ok(Math.abs(f.value(p) - (0.5 * x * x + 0.25 * y ** 4 - 0.5 * y * y)) < 1e-15);
      const out = new Float64Array(2).fill(4);
      f.grad(p, out);
      closeArrays(out, [x, y ** 3 - y], 1e-15, "∇f");
      closeArrays(f.hessian!(p).to1DArray(), [1, 0, 0, 3 * y * y - 1], 1e-15, "∇²f");
      // The minimizers (a, b ± 1) have value −¼ and zero gradient.
      assert.equal(f.value(Float64Array.of(a, bc + 1)), -0.25);
      closeArrays(f.grad(Float64Array.of(a, bc - 1)), [0, 0], 0, "∇f at a minimizer");
    }
    assert.throws(() => objectives.strictSaddle({ center: [1] as never }), /^Error: center must have length 2, got length 1$/);
    assert.throws(() => objectives.strictSaddle(null as never), /^Error: options must be an object of options, got null$/);
  });
});
