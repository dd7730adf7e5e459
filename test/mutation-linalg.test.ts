// The BLAS-style kernels, the dense type and the element-wise maps of the dense core
// (lib/src/linalg/{blas, dense, maps}.ts), pinned where test/linalg.test.ts only checks values to
// a tolerance: gemv and matVec.apply on small integer and dyadic inputs, where every product and
// sum is exact (so the expected values, recomputed by a plain loop here, are equal to the bit),
// with α ∉ {0, 1} and β ∉ {0, 1}; β = 0 with a y full of NaN (the BLAS convention: y is not read
// then, not even checked); the order of the argument checks (the shapes and α, β before the
// entries, which are read only when the result is not finite) shown by arguments with two faults;
// the exact message of every check (naming the function and the argument); outputs of the maps
// given as `out` (accepted with any entries, rejected with any other shape); relu(−0) = +0; the
// softmax of a row next to a row with a larger first entry, and in place; and the resident copy of
// matVec: 8 bytes an entry and a column (a 1 × 2²³ matrix and a 0 × 2²³ one fit in WebAssembly's
// 4 GiB with room to spare), an operator that still works after the arena grew. Written for
// `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linalg, Matrix } from "landscape";
import { throwsExactly } from "./helpers/assertions";

const { dense, dense32, gemv, axpy, syrk, matVec } = linalg;
type Dense = linalg.Dense;

/** A Dense literal without `dense`'s checks: entries may be NaN or ±∞ (an `out` to overwrite, an A to reject). */
const raw = (rows: number, cols: number, data: Float64Array): Dense => ({ rows, cols, data });

/** α·op(A)·x + β·y₀ by the textbook loop (β = 0: y₀ is not read). */
function naiveGemv(a: Dense, x: ArrayLike<number>, y0: ArrayLike<number>, trans: boolean, alpha: number, beta: number): number[] {
  const m = trans ? a.cols : a.rows;
  const n = trans ? a.rows : a.cols;
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (trans ? a.data[j * a.cols + i] : a.data[i * a.cols + j]) * x[j];
    out.push(beta === 0 ? alpha * s : beta * y0[i] + alpha * s);
  }
  return out;
}

/** A 3 × 5 matrix of small integers (five columns: one group of four and a remainder in gemv's loop). */
const A35 = () => dense(3, 5, Float64Array.of(1, -2, 3, 4, -5, 6, 7, -8, 9, 10, -11, 12, 13, -14, 15));
const OVERFLOW = "overflows the float64 range (an entry beyond ±1.8e308)";

describe("gemv: values", () => {
  it("y ← α·A·x + β·y with α, β ∉ {0, 1}, and α·A·x with β = 0, exactly (integer and dyadic inputs)", () => {
    const a = A35();
    const x = Float64Array.of(2, -1, 0.5, 3, -4);
    const y0 = [7, -3, 0.25];
    const y = Float64Array.from(y0);
    assert.equal(gemv(a, x, y, { alpha: 3, beta: -2 }), y, "returns y itself");
    assert.deepEqual(Array.from(y), naiveGemv(a, x, y0, false, 3, -2));
    // β = 0 with α = 2: y ← 2·A·x (2·s, not 2/s).
    assert.deepEqual(Array.from(gemv(a, x, undefined, { alpha: 2 })), naiveGemv(a, x, [], false, 2, 0));
    assert.deepEqual(Array.from(gemv(a, x, undefined, { alpha: -0.5 })), naiveGemv(a, x, [], false, -0.5, 0));
    // β = 1: y ← y + α·A·x.
    const y1 = Float64Array.from(y0);
    gemv(a, x, y1, { alpha: 0.5, beta: 1 });
    assert.deepEqual(Array.from(y1), naiveGemv(a, x, y0, false, 0.5, 1));
    assert.deepEqual(naiveGemv(a, x, [], false, 1, 0), [37.5, -12, -129.5], "the test's own loop, by hand: A·x");
  });

  it("y ← α·Aᵀ·x + β·y with α, β ∉ {0, 1}, β = 1 and β = 0", () => {
    const a = A35();
    const x = Float64Array.of(-1, 0.5, 2);
    const y0 = [1, -2, 3, 0.5, -0.25];
    for (const [alpha, beta] of [[3, -2], [-0.5, 1], [2, 0], [1, 0.5]]) {
      const y = Float64Array.from(y0);
      assert.equal(gemv(a, x, y, { trans: true, alpha, beta }), y);
      assert.deepEqual(Array.from(y), naiveGemv(a, x, y0, true, alpha, beta), `α = ${alpha}, β = ${beta}`);
    }
    assert.deepEqual(naiveGemv(a, x, [], true, 1, 0), [-20, 29.5, 19, -27.5, 40], "the test's own loop, by hand: Aᵀ·x");
  });

  it("with β = 0 ignores y: a y of NaN (or ±∞) is neither checked nor read, with and without transpose", () => {
    const a = A35();
    const x = Float64Array.of(2, -1, 0.5, 3, -4);
    const y = Float64Array.of(NaN, Infinity, -Infinity);
    assert.deepEqual(Array.from(gemv(a, x, y, { alpha: 3 })), naiveGemv(a, x, [], false, 3, 0));
    const xt = Float64Array.of(-1, 0.5, 2);
    const yt = new Float64Array(5).fill(NaN);
    assert.deepEqual(Array.from(gemv(a, xt, yt, { trans: true, alpha: -2, beta: 0 })), naiveGemv(a, xt, [], true, -2, 0));
    yt.fill(NaN);
    assert.deepEqual(Array.from(gemv(a, xt, yt, { trans: true })), naiveGemv(a, xt, [], true, 1, 0));
  });

  it("a 0 × n A gives an empty y without reading x's entries (they are read only for a non-finite result)", () => {
    const y = gemv(dense(0, 3), Float64Array.of(1, NaN, Infinity));
    assert.ok(y instanceof Float64Array);
    assert.equal(y.length, 0);
    assert.equal(gemv(dense(3, 0), Float64Array.of(NaN, 2, 3), undefined, { trans: true }).length, 0);
  });
});

describe("gemv: argument checks, their messages and their order", () => {
  const a = dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
  const x = Float64Array.of(1, 1, 1);
  it("names A, the options, α and β", () => {
    throwsExactly(() => gemv(null as never, x), "gemv: A must be a dense matrix { rows, cols, data: Float64Array }, got null");
    throwsExactly(() => gemv(undefined as never, x), "gemv: A must be a dense matrix { rows, cols, data: Float64Array }, got undefined");
    throwsExactly(() => gemv(a, x, undefined, 5 as never), "gemv: options must be an object, got number");
    throwsExactly(() => gemv(a, x, undefined, "trans" as never), "gemv: options must be an object, got string");
    throwsExactly(() => gemv(a, x, undefined, null as never), "gemv: options must be an object, got null");
    throwsExactly(() => gemv(a, x, undefined, { alpha: Infinity }), "gemv: alpha and beta must be finite numbers, got Infinity and 0");
    throwsExactly(() => gemv(a, x, undefined, { alpha: NaN }), "gemv: alpha and beta must be finite numbers, got NaN and 0");
    throwsExactly(() => gemv(a, x, new Float64Array(2), { beta: -Infinity }), "gemv: alpha and beta must be finite numbers, got 1 and -Infinity");
  });

  it("names x and y with op(A)'s shape", () => {
    throwsExactly(() => gemv(a, [1, 1, 1] as never), "gemv: x (op(A) is 2×3) must be a Float64Array of length 3, got object");
    throwsExactly(() => gemv(a, Float64Array.of(1, 1)), "gemv: x (op(A) is 2×3) must have length 3, got length 2");
    throwsExactly(() => gemv(a, Float64Array.of(1, 1, 1), undefined, { trans: true }), "gemv: x (op(A) is 3×2) must have length 2, got length 3");
    throwsExactly(() => gemv(a, x, new Float64Array(3)), "gemv: y (op(A) is 2×3) must have length 2, got length 3");
    throwsExactly(() => gemv(a, x, Float64Array.of(1, NaN), { beta: 2 }), "gemv: y (op(A) is 2×3)[1] must be finite, got NaN");
    throwsExactly(() => gemv(a, Float64Array.of(1, 1), Float64Array.of(Infinity, 0, 0), { trans: true, beta: 0.5 }), "gemv: y (op(A) is 3×2)[0] must be finite, got Infinity");
  });

  it("checks the shapes and α before the entries of A and x, which it reads only when the result is not finite", () => {
    const nanA = raw(2, 3, Float64Array.of(1, NaN, 3, 4, 5, 6));
    // A's entries after x's length and after α.
    throwsExactly(() => gemv(nanA, Float64Array.of(1, 1)), "gemv: x (op(A) is 2×3) must have length 3, got length 2");
    throwsExactly(() => gemv(nanA, x, undefined, { alpha: Infinity }), "gemv: alpha and beta must be finite numbers, got Infinity and 0");
    throwsExactly(() => gemv(nanA, x, new Float64Array(3)), "gemv: y (op(A) is 2×3) must have length 2, got length 3");
    // x's entries after y's length, and A's before x's.
    throwsExactly(() => gemv(a, Float64Array.of(1, NaN, 1), new Float64Array(3)), "gemv: y (op(A) is 2×3) must have length 2, got length 3");
    throwsExactly(() => gemv(nanA, Float64Array.of(1, NaN, 1)), "gemv: A[0][1] must be finite, got NaN");
    // Each alone, once the result is not finite.
    throwsExactly(() => gemv(nanA, x), "gemv: A[0][1] must be finite, got NaN");
    throwsExactly(() => gemv(nanA, Float64Array.of(1, 1), undefined, { trans: true }), "gemv: A[0][1] must be finite, got NaN");
    throwsExactly(() => gemv(a, Float64Array.of(1, NaN, 1)), "gemv: x (op(A) is 2×3)[1] must be finite, got NaN");
  });

  it("reports a result beyond the float64 range from finite inputs as an overflow", () => {
    const big = dense(1, 2, Float64Array.of(1e308, 1e308));
    throwsExactly(() => gemv(big, Float64Array.of(1, 1)), `gemv: α·op(A)·x + β·y ${OVERFLOW}`);
    throwsExactly(() => gemv(big, Float64Array.of(1), undefined, { trans: true, alpha: 3 }), `gemv: α·op(A)·x + β·y ${OVERFLOW}`);
  });
});

describe("axpy and syrk", () => {
  it("axpy: y ← α·x + y in place, exactly", () => {
    const x = Float64Array.of(1, -2, 0.5, 4);
    const y = Float64Array.of(3, 0.25, -1, 8);
    assert.equal(axpy(-1.5, x, y), y);
    assert.deepEqual(Array.from(y), [3 - 1.5, 0.25 + 3, -1 - 0.75, 8 - 6]);
  });

  it("axpy: α must be a finite number (named, given back as a string), and the overflow is named", () => {
    const x = Float64Array.of(1, 2);
    const y = Float64Array.of(0, 0);
    throwsExactly(() => axpy(Infinity, x, y), "axpy: alpha must be a finite number, got Infinity");
    throwsExactly(() => axpy(NaN, x, y), "axpy: alpha must be a finite number, got NaN");
    throwsExactly(() => axpy("2" as never, x, y), "axpy: alpha must be a finite number, got 2");
    throwsExactly(() => axpy(null as never, x, y), "axpy: alpha must be a finite number, got null");
    assert.deepEqual(Array.from(y), [0, 0], "y untouched by a rejected call");
    throwsExactly(() => axpy(2, Float64Array.of(1e308), Float64Array.of(0)), `axpy: α·x + y ${OVERFLOW}`);
  });

  it("syrk: AᵀA (default) and AAᵀ, and its options' check names syrk", () => {
    const a = dense(2, 3, Float64Array.of(1, 2, 3, -1, 0, 2));
    assert.deepEqual(Array.from(syrk(a).data), [2, 2, 1, 2, 4, 6, 1, 6, 13]);
    assert.deepEqual(Array.from(syrk(a, undefined, { trans: false, alpha: 2 }).data), [28, 10, 10, 10]);
    throwsExactly(() => syrk(a, undefined, 5 as never), "syrk: options must be an object, got number");
    throwsExactly(() => syrk(a, undefined, null as never), "syrk: options must be an object, got null");
  });
});

describe("matVec.apply: values", () => {
  it("y ← α·A·x + β·y with α, β ∉ {0, 1} and with the defaults, exactly, into the given y", () => {
    const a = A35();
    const op = matVec(a);
    assert.deepEqual([op.rows, op.cols], [3, 5]);
    const x = Float64Array.of(2, -1, 0.5, 3, -4);
    const y0 = [7, -3, 0.25];
    const y = Float64Array.from(y0);
    assert.equal(op.apply(x, y, { alpha: 3, beta: -2 }), y);
    assert.deepEqual(Array.from(y), naiveGemv(a, x, y0, false, 3, -2));
    assert.deepEqual(Array.from(op.apply(x)), naiveGemv(a, x, [], false, 1, 0));
    assert.deepEqual(Array.from(op.apply(x, undefined, {})), naiveGemv(a, x, [], false, 1, 0));
    assert.deepEqual(Array.from(op.apply(x, undefined, { alpha: -0.5 })), naiveGemv(a, x, [], false, -0.5, 0));
    const y1 = Float64Array.from(y0);
    op.apply(x, y1, { beta: 1 });
    assert.deepEqual(Array.from(y1), naiveGemv(a, x, y0, false, 1, 1));
  });

  it("with β = 0 ignores y: a y of NaN and ±∞ is overwritten", () => {
    const a = A35();
    const op = matVec(a);
    const x = Float64Array.of(2, -1, 0.5, 3, -4);
    const y = Float64Array.of(NaN, Infinity, -Infinity);
    assert.equal(op.apply(x, y, { alpha: 2, beta: 0 }), y);
    assert.deepEqual(Array.from(y), naiveGemv(a, x, [], false, 2, 0));
    y.fill(NaN);
    assert.deepEqual(Array.from(op.apply(x, y)), naiveGemv(a, x, [], false, 1, 0));
  });
});

describe("matVec.apply: argument checks, their messages and their order", () => {
  const op = matVec(dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6)));
  const x = Float64Array.of(1, 1, 1);
  const nanX = Float64Array.of(1, NaN, 1);
  it("names the options, α and β", () => {
    throwsExactly(() => op.apply(x, undefined, 5 as never), "matVec.apply: options must be an object, got number");
    throwsExactly(() => op.apply(x, undefined, null as never), "matVec.apply: options must be an object, got null");
    throwsExactly(() => op.apply(x, undefined, { alpha: Infinity }), "matVec.apply: alpha and beta must be finite numbers, got Infinity and 0");
    throwsExactly(() => op.apply(x, undefined, { alpha: NaN }), "matVec.apply: alpha and beta must be finite numbers, got NaN and 0");
    throwsExactly(() => op.apply(x, new Float64Array(2), { beta: Infinity }), "matVec.apply: alpha and beta must be finite numbers, got 1 and Infinity");
  });

  it("names x and y with A's shape, whatever β", () => {
    throwsExactly(() => op.apply([1, 1, 1] as never), "matVec.apply: x (A is 2×3) must be a Float64Array of length 3, got object");
    throwsExactly(() => op.apply(Float64Array.of(1, 1)), "matVec.apply: x (A is 2×3) must have length 3, got length 2");
    throwsExactly(() => op.apply(x, [0, 0] as never), "matVec.apply: y (A is 2×3) must be a Float64Array of length 2, got object");
    throwsExactly(() => op.apply(x, [0, 0] as never, { beta: 2 }), "matVec.apply: y (A is 2×3) must be a Float64Array of length 2, got object");
    const long = Float64Array.of(5, 6, 7);
    throwsExactly(() => op.apply(x, long), "matVec.apply: y (A is 2×3) must have length 2, got length 3");
    throwsExactly(() => op.apply(x, long, { beta: 0 }), "matVec.apply: y (A is 2×3) must have length 2, got length 3");
    throwsExactly(() => op.apply(x, Float64Array.of(1)), "matVec.apply: y (A is 2×3) must have length 2, got length 1");
    assert.deepEqual(Array.from(long), [5, 6, 7], "a rejected y is left as it was");
    throwsExactly(() => op.apply(x, Float64Array.of(NaN, 1), { beta: 2 }), "matVec.apply: y (A is 2×3)[0] must be finite, got NaN");
    throwsExactly(() => op.apply(x, Float64Array.of(1, -Infinity), { alpha: 0.5, beta: -1 }), "matVec.apply: y (A is 2×3)[1] must be finite, got -Infinity");
  });

  it("checks the shapes, α and β before x's entries, which it reads only when the result is not finite", () => {
    throwsExactly(() => op.apply(nanX, Float64Array.of(5, 6, 7)), "matVec.apply: y (A is 2×3) must have length 2, got length 3");
    throwsExactly(() => op.apply(nanX, undefined, { alpha: Infinity }), "matVec.apply: alpha and beta must be finite numbers, got Infinity and 0");
    throwsExactly(() => op.apply(nanX, undefined, 5 as never), "matVec.apply: options must be an object, got number");
    throwsExactly(() => op.apply(nanX), "matVec.apply: x (A is 2×3)[1] must be finite, got NaN");
    throwsExactly(() => op.apply(Float64Array.of(Infinity, 0, 0), new Float64Array(2), { beta: 3 }), "matVec.apply: x (A is 2×3)[0] must be finite, got Infinity");
    // An empty A: nothing to compute, x's entries are never read.
    assert.equal(matVec(dense(0, 3)).apply(nanX).length, 0);
  });

  it("reports a result beyond the float64 range from finite inputs as an overflow", () => {
    const big = matVec(dense(1, 2, Float64Array.of(1e308, 1e308)));
    throwsExactly(() => big.apply(Float64Array.of(1, 1)), `matVec.apply: α·A·x + β·y ${OVERFLOW}`);
    throwsExactly(() => big.apply(Float64Array.of(1, 0), Float64Array.of(1e308), { beta: 1 }), `matVec.apply: α·A·x + β·y ${OVERFLOW}`);
  });
});

describe("matVec: the resident copy", () => {
  // WebAssembly's memory ends at 4 GiB. Each operator keeps A (8 bytes an entry) and slots for x
  // (8 bytes a column) and y there, rounded up to 64 bytes; at 512 bytes an entry or a column, a
  // 1 × 2²³ matrix or x would need 4 GiB.
  const n = 2 ** 23;
  it("an operator made before the arena grew still works (its views of x's and y's slots are remade)", () => {
    const small = matVec(dense(2, 2, Float64Array.of(1, 2, 3, 4)));
    assert.deepEqual(Array.from(small.apply(Float64Array.of(1, -1))), [-1, -1]);
    // A 0 × 2²³ operator: no entries to copy, a 64 MiB slot for x (never written here), so the arena grows.
    const empty = matVec(dense(0, n));
    assert.deepEqual([empty.rows, empty.cols], [0, n]);
    assert.deepEqual(Array.from(small.apply(Float64Array.of(2, 1))), [4, 10]);
    assert.deepEqual(Array.from(small.apply(Float64Array.of(1, 1), Float64Array.of(1, 1), { beta: 2 })), [5, 9]);
  });

  it("keeps A in 8 bytes an entry: a 1 × 2²³ matrix (64 MiB) is accepted", () => {
    const wide = matVec(dense(1, n));
    assert.deepEqual([wide.rows, wide.cols], [1, n]);
  });
});

describe("dense, dense32, assertDense, fromMatrix: argument checks", () => {
  it("rows and cols must be integers ≥ 0 (named, with the function)", () => {
    throwsExactly(() => dense(1.5, 2), "dense: rows must be an integer ≥ 0, got 1.5");
    throwsExactly(() => dense(2, 0.5), "dense: cols must be an integer ≥ 0, got 0.5");
    throwsExactly(() => dense(-1, 2), "dense: rows must be an integer ≥ 0, got -1");
    throwsExactly(() => dense("2" as never, 1), "dense: rows must be an integer ≥ 0, got 2");
    throwsExactly(() => dense32(-1, 1), "dense32: rows must be an integer ≥ 0, got -1");
    throwsExactly(() => dense32(1, 2.5), "dense32: cols must be an integer ≥ 0, got 2.5");
  });

  it("data must be the right typed array of length rows·cols with finite entries", () => {
    throwsExactly(() => dense(2, 1, [1, 2] as never), "dense: data must be a Float64Array, got object");
    throwsExactly(() => dense(1, 2, Float32Array.of(1, 2) as never), "dense: data must be a Float64Array, got object");
    throwsExactly(() => dense32(2, 1, [1, 2] as never), "dense32: data must be a Float32Array, got object");
    throwsExactly(() => dense32(1, 2, Float64Array.of(1, 2) as never), "dense32: data must be a Float32Array, got object");
    throwsExactly(() => dense32(2, 3, new Float32Array(5)), "dense32: data must have length rows·cols = 6, got 5");
    throwsExactly(() => dense32(1, 2, Float32Array.of(1, NaN)), "dense32: data[0][1] must be finite, got NaN");
    throwsExactly(() => dense(1, 2, Float64Array.of(Infinity, 1)), "dense: data[0][0] must be finite, got Infinity");
    const d = dense32(1, 2, Float32Array.of(1.5, -2));
    assert.deepEqual([d.rows, d.cols, Array.from(d.data)], [1, 2, [1.5, -2]]);
  });

  it("assertDense says what it got: null, undefined, a number", () => {
    throwsExactly(() => linalg.assertDense("M", null), "M must be a dense matrix { rows, cols, data: Float64Array }, got null");
    throwsExactly(() => linalg.assertDense("M", undefined), "M must be a dense matrix { rows, cols, data: Float64Array }, got undefined");
    throwsExactly(() => linalg.assertDense("M", 3), "M must be a dense matrix { rows, cols, data: Float64Array }, got number");
    throwsExactly(() => linalg.assertDense32("M", null), "M must be a dense matrix { rows, cols, data: Float32Array }, got null");
  });

  it("fromMatrix says what it got, and rejects a non-finite entry", () => {
    throwsExactly(() => linalg.fromMatrix(null as never), "fromMatrix: m must be an ml-matrix Matrix, got null");
    throwsExactly(() => linalg.fromMatrix(undefined as never), "fromMatrix: m must be an ml-matrix Matrix, got undefined");
    throwsExactly(() => linalg.fromMatrix([[1]] as never), "fromMatrix: m must be an ml-matrix Matrix, got object");
    throwsExactly(() => linalg.fromMatrix(new Matrix([[1, 2], [3, NaN]])), "fromMatrix: m[1][1] must be finite, got NaN");
    throwsExactly(() => linalg.fromMatrix(new Matrix([[1, -Infinity]])), "fromMatrix: m[0][1] must be finite, got -Infinity");
  });

  it("toMatrix and transpose copy every entry", () => {
    const d = dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    assert.deepEqual(linalg.toMatrix(d).to2DArray(), [[1, 2, 3], [4, 5, 6]]);
    const t = linalg.transpose(d);
    assert.deepEqual([t.rows, t.cols, Array.from(t.data)], [3, 2, [1, 4, 2, 5, 3, 6]]);
  });
});

describe("maps: relu and reluMask", () => {
  const z = dense(2, 3, Float64Array.of(-1, 0, 2, 3, -4, 0.5));
  it("relu writes into an out of the same shape whatever it held (NaN included), and rejects any other shape", () => {
    const out = raw(2, 3, new Float64Array(6).fill(NaN));
    assert.equal(linalg.relu(z, out), out);
    assert.deepEqual(Array.from(out.data), [0, 0, 2, 3, 0, 0.5]);
    throwsExactly(() => linalg.relu(z, dense(3, 3)), "relu: out must be 2×3, got 3×3");
    throwsExactly(() => linalg.relu(z, dense(2, 4)), "relu: out must be 2×3, got 2×4");
    throwsExactly(() => linalg.relu(z, dense(3, 2)), "relu: out must be 2×3, got 3×2");
    const out32: linalg.Dense32 = { rows: 2, cols: 3, data: new Float32Array(6).fill(NaN) };
    assert.deepEqual(Array.from(linalg.relu(linalg.toDense32(z), out32).data), [0, 0, 2, 3, 0, 0.5]);
  });

  it("relu(−0) is +0 (max(z, 0) with z > 0 ? z : 0)", () => {
    const r = linalg.relu(dense(1, 2, Float64Array.of(-0, 0)));
    assert.ok(Object.is(r.data[0], 0) && Object.is(r.data[1], 0), `relu(−0) = ${Object.is(r.data[0], -0) ? "−0" : r.data[0]}`);
    const r32 = linalg.relu(linalg.dense32(1, 1, Float32Array.of(-0)));
    assert.ok(Object.is(r32.data[0], 0));
  });

  it("reluMask: g must have z's shape, out too (named)", () => {
    const g = dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    throwsExactly(() => linalg.reluMask(z, dense(3, 3)), "reluMask: g must be 2×3 like z, got 3×3");
    throwsExactly(() => linalg.reluMask(z, dense(2, 4)), "reluMask: g must be 2×3 like z, got 2×4");
    throwsExactly(() => linalg.reluMask(z, g, dense(3, 2)), "reluMask: out must be 2×3, got 3×2");
    const out = raw(2, 3, new Float64Array(6).fill(NaN));
    assert.equal(linalg.reluMask(z, g, out), out);
    assert.deepEqual(Array.from(out.data), [0, 0, 3, 4, 0, 6]);
  });
});

describe("maps: addBias and columnSums", () => {
  it("addBias: b's check says what b was (its length, its constructor, or its type)", () => {
    const z = dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    const head = "addBias: b must be a Float64Array of length 3 (z's columns), got";
    throwsExactly(() => linalg.addBias(z, new Float64Array(2)), `${head} length 2`);
    throwsExactly(() => linalg.addBias(z, [1, 2, 3] as never), `${head} Array`);
    throwsExactly(() => linalg.addBias(z, Float32Array.of(1, 2, 3) as never), `${head} Float32Array`);
    throwsExactly(() => linalg.addBias(z, Object.create(null) as never), `${head} object`);
    throwsExactly(() => linalg.addBias(z, null as never), `${head} object`);
    throwsExactly(() => linalg.addBias(z, undefined as never), `${head} undefined`);
    throwsExactly(() => linalg.addBias(z, 7 as never), `${head} Number`);
    throwsExactly(() => linalg.addBias(linalg.dense32(1, 2), Float32Array.of(1)), "addBias: b must be a Float32Array of length 2 (z's columns), got length 1");
  });

  it("addBias: b's entries must be finite (checked before z is touched), and an overflow is named", () => {
    const z = dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    throwsExactly(() => linalg.addBias(z, Float64Array.of(1, NaN, 2)), "addBias: b[1] must be finite, got NaN");
    throwsExactly(() => linalg.addBias(z, Float64Array.of(Infinity, 0, 0)), "addBias: b[0] must be finite, got Infinity");
    assert.deepEqual(Array.from(z.data), [1, 2, 3, 4, 5, 6], "z untouched");
    assert.equal(linalg.addBias(z, Float64Array.of(0.5, -1, 10)), z);
    assert.deepEqual(Array.from(z.data), [1.5, 1, 13, 4.5, 4, 16]);
    throwsExactly(() => linalg.addBias(dense(1, 1, Float64Array.of(1e308)), Float64Array.of(1e308)), `addBias: z + b ${OVERFLOW}`);
  });

  it("columnSums: into a given out of length cols (whatever it held), which must be a Float64Array of that length", () => {
    const a = dense(3, 2, Float64Array.of(1, 2, 3, 4, 5, -6));
    const out = Float64Array.of(NaN, 100);
    assert.equal(linalg.columnSums(a, out), out);
    assert.deepEqual(Array.from(out), [9, 0]);
    const message = "columnSums: out must be a Float64Array of length 2";
    throwsExactly(() => linalg.columnSums(a, new Float64Array(3)), message);
    throwsExactly(() => linalg.columnSums(a, new Float64Array(1)), message);
    throwsExactly(() => linalg.columnSums(a, [0, 0] as never), message);
    throwsExactly(() => linalg.columnSums(a, new Float32Array(2) as never), message);
    throwsExactly(() => linalg.columnSums(dense(2, 1, Float64Array.of(1e308, 1e308))), `columnSums: Σᵢ a[i][j] ${OVERFLOW}`);
  });
});

describe("maps: softmaxRows", () => {
  it("takes each row's maximum over that row only: a larger entry starting the next row changes nothing", () => {
    // Row 0's softmax is (½, ½); row 1's is (1, e^−1000) = (1, 0) exactly in float64.
    const z = dense(2, 2, Float64Array.of(0, 0, 1000, 0));
    assert.deepEqual(Array.from(linalg.softmaxRows(z).data), [0.5, 0.5, 1, 0]);
    const z3 = dense(3, 2, Float64Array.of(0, 0, 1000, 1000, 2000, 2000));
    assert.deepEqual(Array.from(linalg.softmaxRows(z3).data), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it("in place (out = z), each row is normalized without touching the next one", () => {
    const z = dense(3, 2, Float64Array.of(0, 0, 3, 3, -5, -5));
    assert.equal(linalg.softmaxRows(z, z), z);
    assert.deepEqual(Array.from(z.data), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const w = dense(2, 4, Float64Array.of(1, 1, 1, 1, 7, 7, 7, 7));
    linalg.softmaxRows(w, w);
    assert.deepEqual(Array.from(w.data), new Array(8).fill(0.25));
  });

  it("writes into an out of the same shape whatever it held, and rejects any other shape", () => {
    const z = dense(2, 3, Float64Array.of(0, 0, 0, 1, 1, 1));
    const out = raw(2, 3, new Float64Array(6).fill(NaN));
    assert.equal(linalg.softmaxRows(z, out), out);
    assert.deepEqual(Array.from(out.data), new Array(6).fill(1 / 3));
    throwsExactly(() => linalg.softmaxRows(z, dense(3, 2)), "softmaxRows: out must be 2×3, got 3×2");
  });
});
