// The input checks of lib/src/validate.ts, through the public functions that use them: each
// bad argument must throw an Error whose message names the argument, says what was expected and
// describes what was given (the README's promise), and each boundary value must be accepted.
// Written for `npm run mutate` (a check forced true or false, a `<` for a `<=`, an emptied
// message must fail a test here).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { admm, classifyOnSphere, gradientDescent, linearFit, Matrix, normalizedMargin, objectives, rng, secondOrderReport, sphere, symmetricEigen, sweep } from "landscape";
import { throwsExactly } from "./helpers/assertions";

const noStep = () => undefined;
const twoBlock = { dim: 1, xUpdate: noStep, zUpdate: noStep, value: () => 0 };
const bowl: objectives.Objective = { dim: 2, value: (x) => x[0] ** 2 + x[1] ** 2, grad: (x) => Float64Array.of(2 * x[0], 2 * x[1]) };

describe("validate: what a bad argument is described as", () => {
  it("a number by its value, an array or Float64Array by its length, null by name, anything else by its type", () => {
    const r = rng(1);
    throwsExactly(() => r.uniform(NaN), "a must be a finite number, got NaN");
    throwsExactly(() => r.uniform(-Infinity), "a must be a finite number, got -Infinity");
    throwsExactly(() => r.uniform(0, Infinity), "b must be a finite number, got Infinity");
    throwsExactly(() => r.uniform([1, 2] as never), "a must be a finite number, got an array of length 2");
    throwsExactly(() => r.uniform(new Float64Array(3) as never), "a must be a finite number, got an array of length 3");
    throwsExactly(() => r.uniform(null as never), "a must be a finite number, got null");
    throwsExactly(() => r.uniform("1" as never), "a must be a finite number, got string");
    throwsExactly(() => r.uniform({} as never), "a must be a finite number, got object");
    assert.ok(r.uniform(-1e308, 1e308) < 1e308);
  });
});

describe("validate: numbers", () => {
  it("assertPositive rejects 0, negatives, non-finite numbers and non-numbers, and accepts the smallest positive number", () => {
    const r = rng(1);
    throwsExactly(() => r.sphere(3, 0), "radius must be a finite number > 0, got 0");
    throwsExactly(() => r.sphere(3, -2), "radius must be a finite number > 0, got -2");
    throwsExactly(() => r.sphere(3, Infinity), "radius must be a finite number > 0, got Infinity");
    throwsExactly(() => r.sphere(3, NaN), "radius must be a finite number > 0, got NaN");
    throwsExactly(() => r.sphere(3, "1" as never), "radius must be a finite number > 0, got string");
    const x = r.sphere(2, 5e-324 * 2 ** 60);
    assert.equal(x.length, 2);
  });

  it("assertInteger rejects fractions, values below the minimum and non-numbers, and accepts the minimum", () => {
    const r = rng(1);
    throwsExactly(() => r.normalVector(0), "n must be an integer ≥ 1, got 0");
    throwsExactly(() => r.normalVector(1.5), "n must be an integer ≥ 1, got 1.5");
    throwsExactly(() => r.normalVector(Infinity), "n must be an integer ≥ 1, got Infinity");
    throwsExactly(() => r.normalVector("2" as never), "n must be an integer ≥ 1, got string");
    assert.equal(r.normalVector(1).length, 1);
    // The default minimum is 0: a negative seed in a sweep is named by its index.
    throwsExactly(() => sweep({ a: [1] }, [0, -1], () => ({ v: 1 }), { progress: false }), "seeds[1] must be an integer ≥ 0, got -1");
    assert.equal(sweep({ a: [1] }, [0], () => ({ v: 1 }), { progress: false }).length, 1);
  });
});

describe("validate: vectors, rows and arrays of numbers", () => {
  const a = [[2, 1], [1, 3]];
  it("assertVector: the type (with the expected length when there is one), the length, then each entry", () => {
    throwsExactly(() => objectives.quadratic(a, [1, 2] as never), "b must be a Float64Array of length 2, got an array of length 2");
    throwsExactly(() => objectives.quadratic(a, new Float64Array(3)), "b must have length 2, got length 3");
    throwsExactly(() => objectives.quadratic(a, Float64Array.of(1, NaN)), "b[1] must be finite, got NaN");
    throwsExactly(() => objectives.quadratic(a, Float64Array.of(Infinity, 0)), "b[0] must be finite, got Infinity");
    assert.equal(objectives.quadratic(a, Float64Array.of(1, -1)).value(Float64Array.of(0, 0)), 0);
    // Without an expected length the message asks only for a Float64Array.
    throwsExactly(() => classifyOnSphere([[1, 0], [0, 2]] as never, [1, 0] as never), "x must be a Float64Array, got an array of length 2");
  });

  it("assertRows: non-empty, first row non-empty, every row the first row's length, every entry finite; returns the shape", () => {
    const y = [1, -1];
    const w = [1, 0];
    throwsExactly(() => normalizedMargin(w, [], []), "X must be a non-empty array of rows");
    throwsExactly(() => normalizedMargin(w, [[]], [1]), "X[0] must be a non-empty row");
    throwsExactly(() => normalizedMargin(w, [null as never], [1]), "X[0] must be a non-empty row");
    throwsExactly(() => normalizedMargin(w, [[1, 2], [1]], y), "X[1] must have length 2, got 1");
    throwsExactly(() => normalizedMargin(w, [[1, 2], null as never], y), "X[1] must have length 2, got undefined");
    throwsExactly(() => normalizedMargin(w, [[1, 2], [3, NaN]], y), "X[1][1] must be finite, got NaN");
    throwsExactly(() => normalizedMargin(w, [[Infinity, 2], [3, 4]], y), "X[0][0] must be finite, got Infinity");
    // min yᵢ⟨xᵢ, w⟩ / ‖w‖ = min(2, 1) / 2.
    assert.equal(normalizedMargin([2, 0], [[1, 5], [-0.5, 7]], y), 0.5);
  });

  it("assertNumbers: arrays and typed arrays (not a DataView), of the expected length, with finite numbers", () => {
    throwsExactly(() => linearFit("ab" as never, [1, 2]), "x must be an array of numbers, got string");
    throwsExactly(() => linearFit(new DataView(new ArrayBuffer(16)) as never, [1, 2]), "x must be an array of numbers, got object");
    throwsExactly(() => linearFit([1, "2"] as never, [1, 2]), "x[1] must be a finite number, got string");
    throwsExactly(() => linearFit([1, 2], [1, NaN]), "y[1] must be a finite number, got NaN");
    throwsExactly(() => linearFit([1, 2], [Infinity, 2]), "y[0] must be a finite number, got Infinity");
    assert.equal(linearFit(Int32Array.of(0, 1, 2), Float64Array.of(1, 3, 5)).slope, 2);
    throwsExactly(() => normalizedMargin([1, 0, 0], [[1, 2]], [1]), "w must have length 2, got length 3");
  });
});

describe("validate: options, functions and objectives", () => {
  it("optionsObject: undefined means no options; null, arrays and non-objects are rejected", () => {
    const r = rng(1);
    throwsExactly(() => r.sample(3, 1, null as never), "options must be an object of options, got null");
    throwsExactly(() => r.sample(3, 1, [] as never), "options must be an object of options, got an array of length 0");
    throwsExactly(() => r.sample(3, 1, "x" as never), "options must be an object of options, got string");
    throwsExactly(() => r.sample(3, 1, 7 as never), "options must be an object of options, got 7");
    assert.equal(r.sample(3, 2, undefined).length, 2);
    assert.equal(r.sample(3, 5, { replace: true }).length, 5);
  });

  it("assertFunction: names the argument and what it must be (by default “a function”)", () => {
    const start = { x: new Float64Array(1), z: new Float64Array(1), u: new Float64Array(1) };
    throwsExactly(() => admm({ ...twoBlock, zUpdate: 1 as never }, start, { rho: 1 }), "problem.zUpdate must be a function, got 1");
    throwsExactly(() => sweep({ a: [1] }, [0], null as never, { progress: false }), "run must be a function (setting, rng) => record, got null");
  });

  it("assertObjective: an object with functions value and grad, then an integer dim ≥ 1", () => {
    const x0 = Float64Array.of(1, 1);
    const run = (o: unknown) => () => gradientDescent(o as never, x0, { stepSize: 0.1, maxIterations: 1 });
    const what = "objective must be an Objective with dim, value(x) and grad(x), got";
    throwsExactly(run(null), `${what} null`);
    throwsExactly(run(3), `${what} 3`);
    throwsExactly(run({ dim: 2, grad: bowl.grad }), `${what} object`);
    throwsExactly(run({ dim: 2, value: bowl.value }), `${what} object`);
    throwsExactly(run({ dim: 2, value: 1, grad: bowl.grad }), `${what} object`);
    throwsExactly(run({ value: bowl.value, grad: bowl.grad }), "objective.dim must be an integer ≥ 1, got undefined");
    throwsExactly(run({ dim: 0, value: bowl.value, grad: bowl.grad }), "objective.dim must be an integer ≥ 1, got 0");
    // A function carrying dim, value and grad is not an Objective (typeof is "function", not "object").
    throwsExactly(run(Object.assign(() => 0, bowl)), `${what} function`);
    assert.deepEqual(Array.from(run(bowl)().x), [0.8, 0.8]);
  });
});

describe("validate: matrices", () => {
  it("assertMatrix: a Matrix or rectangular rows, non-empty, square, finite", () => {
    throwsExactly(() => symmetricEigen("x" as never), "a must be a Matrix or an array of rows, got string");
    throwsExactly(() => symmetricEigen([[1, 2], "ab"] as never), "a[1] must be a row (an array of numbers), got string");
    throwsExactly(() => symmetricEigen([[1, 2], 3] as never), "a[1] must be a row (an array of numbers), got 3");
    throwsExactly(() => symmetricEigen([[1, 2], [1]] as never), "a[1] must have length 2, got 1");
    throwsExactly(() => symmetricEigen([] as never), "a must be non-empty");
    throwsExactly(() => symmetricEigen([[]] as never), "a must be non-empty");
    throwsExactly(() => symmetricEigen(new Matrix(2, 0)), "a must be non-empty");
    throwsExactly(() => symmetricEigen(new Matrix(0, 2)), "a must be non-empty");
    throwsExactly(() => symmetricEigen([[1, 2, 3], [4, 5, 6]] as never), "a must be square, got 2×3");
    throwsExactly(() => symmetricEigen([[1, 0], [0, NaN]] as never), "a[1][1] must be a finite number, got NaN");
    // Typed-array rows are rows too.
    assert.deepEqual(symmetricEigen([Float64Array.of(2, 0), Float64Array.of(0, 1)] as never).values, [1, 2]);
    assert.deepEqual(symmetricEigen(new Matrix([[3, 0], [0, -1]])).values, [-1, 3]);
  });

  it("assertMatrix without `symmetric` does not check symmetry (a Riemannian Hessian's Euclidean part need not be symmetric)", () => {
    const skew = { dim: 2, value: () => 0, grad: () => Float64Array.of(0, 0), hessian: () => new Matrix([[2, 1], [-1, 4]]) };
    assert.deepEqual(secondOrderReport(skew, Float64Array.of(1, 0), { manifold: sphere }).eigenvalues, [4]);
    throwsExactly(() => secondOrderReport(skew, Float64Array.of(1, 0)), "objective.hessian(x) must be symmetric: objective.hessian(x)[1][0] = -1 but objective.hessian(x)[0][1] = 1");
    // quadratic checks symmetry itself, relative to 1 + |aᵢⱼ|: 8e-11 on entries below 1 passes there,
    // though assertMatrix's own check (relative to max|aᵢⱼ| = 0.5) would refuse it.
    assert.equal(objectives.quadratic([[0.5, 0.1], [0.1 + 8e-11, 0.5]]).dim, 2);
    throwsExactly(() => symmetricEigen([[0.5, 0.1], [0.1 + 8e-11, 0.5]] as never), `a must be symmetric: a[1][0] = ${0.1 + 8e-11} but a[0][1] = 0.1`);
  });

  it("assertMatrix with a size: the expected size in the message", () => {
    throwsExactly(() => classifyOnSphere([[1, 0, 0], [0, 2, 0], [0, 0, 3]] as never, Float64Array.of(1, 0)), "a must be 2×2, got 3×3");
    assert.equal(classifyOnSphere([[1, 0], [0, 2]] as never, Float64Array.of(1, 0)).kind, "minimizer");
  });

  it("assertMatrix with symmetric: asymmetry beyond 1e-10·max|aᵢⱼ| is rejected (max of absolute values), rounding-level asymmetry accepted", () => {
    throwsExactly(() => symmetricEigen([[1, 2], [2.5, 1]] as never), "a must be symmetric: a[1][0] = 2.5 but a[0][1] = 2");
    throwsExactly(() => symmetricEigen([[1, 2, 0], [2, 1, 0], [0, 1e-3, 1]] as never), "a must be symmetric: a[2][1] = 0.001 but a[1][2] = 0");
    // 1e-6 of asymmetry against a largest magnitude 1e6 (tolerance 1e-4) passes; it would not
    // against the smallest magnitude (1) or the largest signed entry (2 + 1e-6).
    const values = symmetricEigen([[-1e6, 2], [2 + 1e-6, 1]] as never).values;
    assert.ok(values[0] < -9.99e5 && Math.abs(values[1] - 1) < 1e-5);
    // An exactly symmetric matrix always passes (a `>` turned `>=` would reject it).
    assert.deepEqual(symmetricEigen([[0, 0], [0, 0]] as never).values, [0, 0]);
  });
});
