// The survivors of `npm run mutate` on lib/src/objectives/{networks, reluTeacherStudent}.ts (and
// the network objectives after them) that their unit tests left: the accepted input forms and
// every error with the argument it names, the overflow-safe branches (rows whose squared norm
// underflows or overflows, softplus and sigmoid far from 0), the remembered last point, and
// values and gradients against closed forms computed here.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Matrix, objectives } from "landscape";

const { reluTeacherStudent } = objectives;

/** |a − b| ≤ tol·max(1, |b|). */
function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

describe("reluTeacherStudent: input forms, sizes and errors", () => {
  it("accepts Float64Array rows and a Matrix, exposes the sizes and a copy of the teacher", () => {
    const rows = reluTeacherStudent([Float64Array.of(1, 0), Float64Array.of(0, 2)] as unknown as number[][], 3);
    assert.deepEqual(rows.teacher.to2DArray(), [[1, 0], [0, 2]]);
    assert.deepEqual([rows.dim, rows.width, rows.inputDim, rows.teacherWidth], [6, 3, 2, 2]);
    const V = new Matrix([[1, 0], [0, 2]]);
    const f = reluTeacherStudent(V, 3);
    assert.notEqual(f.teacher, V);
    f.teacher.set(0, 0, 5);
    // F at W = 0 is the teacher's term ½E(Σⱼ relu(vⱼᵀx))² = ½(‖v₁‖² + ‖v₂‖²)/2 + ‖v₁‖‖v₂‖/(2π) (θ = π/2): unchanged
    close(f.value(new Float64Array(6)), 0.25 * (1 + 4) + 2 / (2 * Math.PI), 1e-15, "F(0)");
    assert.deepEqual(V.to2DArray(), [[1, 0], [0, 2]]);
  });

  it("the first point evaluated is computed even when it is W = 0 (the remembered point starts as NaN)", () => {
    // V = I₂: ½(½ + ½) + 2·½·(1/2π) = ½ + 1/(2π)
    close(reluTeacherStudent(Matrix.eye(2), 2).value(new Float64Array(4)), 0.5 + 1 / (2 * Math.PI), 1e-15, "F(0)");
    assert.deepEqual(Array.from(reluTeacherStudent(Matrix.eye(2), 2).grad(new Float64Array(4))), [0, 0, 0, 0]);
  });

  it("grad writes into `out` and returns it", () => {
    const f = reluTeacherStudent([[0, 2, 0]], 1);
    const out = new Float64Array(3);
    assert.equal(f.grad(Float64Array.of(0, 1, 0), out), out);
    // w = v/2: ∇F = ½w − ½v = −v/4
    assert.ok(Math.abs(out[1] + 0.5) < 1e-15 && out[0] === 0 && out[2] === 0, `${out}`);
  });

  it("names the teacher, its size and its overflow, width and W's length", () => {
    const form = /^Error: teacher must be a k × d Matrix or a non-empty array of rows \(one teacher neuron per row\)$/;
    assert.throws(() => reluTeacherStudent("x" as never, 1), form);
    assert.throws(() => reluTeacherStudent([[1, 2], 5 as never], 1), form);
    assert.throws(() => reluTeacherStudent([], 1), form);
    assert.throws(() => reluTeacherStudent([[1, 2], [3]], 1), /^Error: teacher\[1\] must have length 2, got 1$/);
    assert.throws(() => reluTeacherStudent(new Matrix(0, 0), 1), /^Error: teacher must have at least one row and one column, got 0×0$/);
    assert.throws(() => reluTeacherStudent(new Matrix(2, 0), 1), /^Error: teacher must have at least one row and one column, got 2×0$/);
    assert.throws(() => reluTeacherStudent(new Matrix([[1, NaN]]), 1), /^Error: teacher\[0\]\[1\] must be a finite number, got NaN$/);
    assert.throws(() => reluTeacherStudent(new Matrix([[1, 0], [0, Infinity]]), 1), /^Error: teacher\[1\]\[1\] must be a finite number, got Infinity$/);
    // ‖(1.7e308, 1.7e308)‖ = 2.4e308 overflows; ‖(1e200, 0)‖ does not, but ¼‖v‖² does
    assert.throws(() => reluTeacherStudent([[1.7e308, 1.7e308]], 1), /^Error: teacher's row 0 is too large: its norm overflows float64$/);
    assert.throws(() => reluTeacherStudent([[1, 0], [1.7e308, 1.7e308]], 1), /^Error: teacher's row 1 is too large/);
    assert.throws(() => reluTeacherStudent([[1e200, 0], [0, 1e200]], 1), /^Error: teacher's entries are too large: E\[\(Σⱼ relu\(vⱼᵀx\)\)²\] overflows float64$/);
    assert.throws(() => reluTeacherStudent([[1, 0]], 0), /^Error: width must be an integer ≥ 1, got 0$/);
    assert.throws(() => reluTeacherStudent([[1, 0]], 2).grad(new Float64Array(5)), /^Error: W must have length width·d = 4, got 5$/);
  });
});

describe("reluTeacherStudent: rows whose squared norm underflows (the scaled norm)", () => {
  // θ between w = (3, 4)·1e-170 and v = e₁: cos θ = 0.6, sin θ = 0.8; ‖w‖² = 2.5e-339 underflows to 0
  const rest = Math.PI - Math.acos(0.6);

  it("a tiny student neuron is not a zero neuron: ∇F = (1/2π)[−‖v‖ sin θ ū + π w − (π − θ) v]", () => {
    const f = reluTeacherStudent([[1, 0]], 1);
    const g = f.grad(Float64Array.of(3e-170, 4e-170));
    // π w is 1e-170 against O(1): the other two terms, computed here
    close(g[0], (-0.8 * 0.6 - rest) / (2 * Math.PI), 1e-14, "∂F/∂w₁");
    close(g[1], (-0.8 * 0.8) / (2 * Math.PI), 1e-14, "∂F/∂w₂");
  });

  it("a tiny teacher neuron is not ignored: its pull −(π − θ)v/(2π) on a unit student", () => {
    const f = reluTeacherStudent([[3e-170, 4e-170]], 1);
    const g = f.grad(Float64Array.of(1, 0));
    // row 2: ū₂ = 0 and w₂ = 0, so only −(π − θ)v₂/(2π) = −(π − θ)·4e-170/(2π)
    const want = (-rest * 4e-170) / (2 * Math.PI);
    assert.ok(Math.abs(g[1] - want) <= 1e-14 * Math.abs(want), `${g[1]} vs ${want}`);
    // row 1: ½w₁ = ½ plus O(1e-170)
    assert.equal(g[0], 0.5);
  });
});
