// The dense products and the symmetric eigendecomposition of lib/src/linalg (gemm.ts, eigen.ts,
// and the WebAssembly engine of engine.ts behind them), pinned where a one-line bug would show:
// - gemm on each of its three paths (JavaScript below 11³ multiply-adds, the direct WebAssembly
//   kernel below 2¹⁸, the packed threaded one above), with both transposes, α and β (β = 0
//   ignores C, NaN included; β = 1; others; α = 0 and the sign of a zero), shapes around the
//   4-row tile, the 64-row strip and the KC = 256 block of k, compared entry by entry and bitwise
//   (Object.is) with a plain loop in the summation order gemm documents (KC's comment: per block a
//   sum in increasing k, then C ← β·C + α·s₀, C ← C + α·s_b); a product of 2²² + 1 rows (taller strips);
// - gemm32 likewise, float32 emulated with Math.fround in the same order;
// - the message of every argument check (shapes, transposes in the names, C's shape, shared
//   memory by one entry or adjacent, α, β, threads, options, non-finite entries, and an overflow
//   in C's last entry only, on each path);
// - the engine only through the exported functions: the first blocks of its two memories (which
//   must grow), matVec operators (whose matrices live in the unshared memory beside the direct
//   path's workspace) kept exact while workspaces grow, are given back and merge around them,
//   products whose C has the same slot with another length or another slot, eigendecompositions
//   and packed products sharing the shared memory, and worker threads that start without a warning;
// - symmetricEigenDense against closed forms (n = 0, 1, 2, diagonal matrices, a known spectrum,
//   zero columns, I + uuᵀ, entries beyond 2^±500 rescaled exactly, subnormal entries dropped,
//   matrices scaled by 1e±6 and 1e±100) and on random matrices (A·v = λ·v, VᵀV = I, values
//   ascending, `vectors: false`, only the lower triangle read).
// Written for `npm run mutate` (test/linalg.test.ts checks the products to a tolerance only). The
// first describe must stay first and the 2²²-row product last: see their comments.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linalg, rng, type Rng } from "landscape";
import { throwsExactly } from "./helpers/assertions";
import { emulateGemm, emulateGemm32, firstDifference } from "./helpers/gemm-reference";

const { dense, dense32, gemm, gemm32, KC, symmetricEigenDense, matVec } = linalg;
type Dense = linalg.Dense;
type Dense32 = linalg.Dense32;

/** n normals (n may be 0). */
const normals = (r: Rng, n: number) => (n > 0 ? r.normalVector(n) : new Float64Array(0));
const random = (r: Rng, rows: number, cols: number): Dense => dense(rows, cols, normals(r, rows * cols));
/** A Dense without dense()'s check (NaN entries allowed). */
const raw = (rows: number, cols: number, data: Float64Array): Dense => ({ rows, cols, data });
const raw32 = (rows: number, cols: number, data: Float32Array): Dense32 => ({ rows, cols, data });
const random32 = (r: Rng, rows: number, cols: number): Dense32 => dense32(rows, cols, Float32Array.from(normals(r, rows * cols)));


interface Case {
  m: number;
  n: number;
  k: number;
  transA?: boolean;
  transB?: boolean;
  alpha?: number;
  beta?: number;
  threads?: number;
}

/** Runs one gemm on random operands (C filled with NaN when β = 0) and compares it bitwise with `reference`; returns C. */
function checkGemm(r: Rng, { m, n, k, transA = false, transB = false, alpha = 1, beta = 0, threads }: Case, options: { omitAlphaBeta?: boolean } = {}): Float64Array {
  const a = transA ? random(r, k, m) : random(r, m, k);
  const b = transB ? random(r, n, k) : random(r, k, n);
  const c0 = normals(r, m * n);
  const c = raw(m, n, beta === 0 ? new Float64Array(m * n).fill(NaN) : Float64Array.from(c0));
  const given: linalg.GemmOptions = options.omitAlphaBeta ? {} : { alpha, beta };
  if (transA) given.transA = true;
  if (transB) given.transB = true;
  if (threads !== undefined) given.threads = threads;
  const returned = gemm(a, b, c, given);
  assert.equal(returned, c, "gemm returns the C it was given");
  const expected = emulateGemm(a, b, c0, transA, transB, alpha, beta, m, n, k);
  const at = firstDifference(c.data, expected);
  assert.equal(at, -1, `${m}×${k}·${k}×${n} (transA ${transA}, transB ${transB}, α ${alpha}, β ${beta}, threads ${threads}): C[${Math.floor(at / n)}][${at % n}] = ${c.data[at]}, expected ${expected[at]}`);
  return c.data;
}

function checkGemm32(r: Rng, { m, n, k, transA = false, transB = false, alpha = 1, beta = 0, threads }: Case): void {
  const a = transA ? random32(r, k, m) : random32(r, m, k);
  const b = transB ? random32(r, n, k) : random32(r, k, n);
  const c0 = Float32Array.from(normals(r, m * n));
  const c = raw32(m, n, beta === 0 ? new Float32Array(m * n).fill(NaN) : Float32Array.from(c0));
  const given: linalg.GemmOptions = { transA, transB, alpha, beta };
  if (threads !== undefined) given.threads = threads;
  assert.equal(gemm32(a, b, c, given), c);
  const expected = emulateGemm32(a, b, c0, transA, transB, alpha, beta, m, n, k);
  const at = firstDifference(c.data, expected);
  assert.equal(at, -1, `gemm32 ${m}×${k}·${k}×${n} (transA ${transA}, transB ${transB}, α ${alpha}, β ${beta}, threads ${threads}): C[${Math.floor(at / n)}][${at % n}] = ${c.data[at]}, expected ${expected[at]}`);
}

/** α and β: β = 0 (C ignored), β = 1 (accumulate), both ∉ {0, 1}, α = 0 (C ← β·C, signed zeros kept). */
const SCALARS: [number, number][] = [[1, 0], [0.7, -1.3], [-2, 1], [1, 1], [0.5, 0], [0, 0.25], [-1.5, 2]];
const BOTH: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];

describe("the engine's two memories, from their first blocks on (this describe must stay first in the file)", () => {
  // Written for a process that runs this file alone (as `npm run mutate` does): these are then the
  // first blocks of the unshared memory (the direct path's workspace, matVec's matrices; 1 MiB at
  // first, its first 128 bytes reserved) and of the shared one (the packed path, eigendecompositions;
  // 1 MiB, its first 8 KiB reserved). In a process that used them before, the tests only check the results.
  // (The helpers they use are function declarations further down, hoisted.)
  it("grows the unshared memory for a first workspace just over its free megabyte (the reserved bytes are not free)", () => {
    // 1×65,524·65,524×1: A and B take 524,224 bytes each and C 8, a block of 1,048,512 bytes, more
    // than the 1,048,448 free: the memory grows by a page. Without it, C's slot would start at 1 MiB, the end.
    const r = rng(120);
    checkGemm(r, { m: 1, n: 1, k: 65_524, alpha: 0.5, beta: 2 });
    checkGemm(r, { m: 1, n: 1, k: 65_524 });
  });

  it("keeps matVec operators exact while the workspace grows around them (one takes the memory's last bytes exactly; a workspace given back merges only with adjacent free space)", () => {
    // After the test above, the free space is the 65,472 bytes at the end; a 1×4,088 operator takes
    // them exactly (A and x 32,704 bytes each, y 8, rounded to 64). The next, larger workspace must
    // come from new memory past that operator, not from the free block before it extended over it.
    const r = rng(121);
    const check = (a: Dense, op: linalg.MatVec, when: string) => {
      for (let t = 0; t < 3; t++) {
        const x = normals(r, a.cols);
        let s = 0;
        let scale = 0;
        for (let j = 0; j < a.cols; j++) {
          s += a.data[j] * x[j];
          scale += Math.abs(a.data[j] * x[j]);
        }
        const y = op.apply(x)[0];
        assert.ok(Math.abs(y - s) <= 1e-13 * a.cols * scale, `matVec 1×${a.cols} ${when}: ${y} vs ${s}`);
      }
    };
    const a0 = random(r, 1, 4088);
    const op0 = matVec(a0);
    checkGemm(r, { m: 1, n: 1, k: 70_000, beta: -1 });
    checkGemm(r, { m: 2, n: 1, k: 40_000, transA: true });
    check(a0, op0, "after the workspace grew");
    // Now the first workspace, given back, is free space just before that operator, and the second
    // (1,120,128 bytes) lies just after it. A 1×70,000 operator (1,120,064 bytes) fits in neither free
    // block: it takes new memory right after the workspace, whose rest (53,568 bytes) stays free. The next
    // workspace (1,152,128 bytes) gives the second back, which must be merged with neither free neighbour
    // across an operator (either merged block would be large enough to take it, over the operator).
    const a1 = random(r, 1, 70_000);
    const op1 = matVec(a1);
    checkGemm(r, { m: 1, n: 1, k: 72_000, alpha: 2 });
    check(a0, op0, "after the workspace grew again");
    check(a1, op1, "after the workspace grew again");
  });

  it("grows the shared memory for a first eigendecomposition block just over its free megabyte", () => {
    // n = 359: Vᵀ, the rotations' cosines and sines, d and e take 8·n·(n + 4) = 1,042,536 bytes, more
    // than the 1,040,384 free: the memory grows. Without it, e's slot (the last) would end past 1 MiB.
    const r = rng(122);
    const n = 359;
    const s = symmetricFromLower(random(r, n, n));
    const { values, vectors } = symmetricEigenDense(s);
    for (let i = 1; i < n; i++) assert.ok(values[i - 1] <= values[i], `λ${i - 1} > λ${i}`);
    const v = vectors!.data;
    const scale = Math.max(-values[0], values[n - 1]);
    for (const j of [0, 1, 180, n - 2, n - 1]) {
      let norm = 0;
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let l = 0; l < n; l++) av += s.data[i * n + l] * v[l * n + j];
        assert.ok(Math.abs(av - values[j] * v[i * n + j]) <= 1e-12 * scale, `n = ${n}: (A·v${j} − λ${j}·v${j})[${i}]`);
        norm += v[i * n + j] ** 2;
      }
      assert.ok(Math.abs(norm - 1) <= 1e-12, `n = ${n}: ‖v${j}‖² = ${norm}`);
    }
  });
});

describe("gemm: the JavaScript path (fewer than 11³ multiply-adds), bitwise in the documented order", () => {
  it("matches the plain loop on shapes with 1, odd sizes, k past one and two KC blocks, both transposes, every α, β", () => {
    const r = rng(101);
    // m·n·k < 1331 for every shape; (2, 1, 300), (1, 2, 300), (2, 2, 300) and (1, 1, 600) cross KC with m or n ≥ 2,
    // so that a block's start k0·stride is wrong whenever a stride is (the strides are 1 when m = n = 1).
    const shapes: [number, number, number][] = [[1, 1, 1], [2, 3, 4], [3, 1, 5], [5, 3, 1], [4, 6, 7], [2, 1, 300], [1, 2, 300], [2, 2, 300], [1, 1, 600], [1, 1, KC], [2, 2, KC + 1], [10, 11, 12]];
    for (const [m, n, k] of shapes) {
      assert.ok(m * n * k < 11 ** 3, "the JavaScript path");
      for (const [transA, transB] of BOTH) for (const [alpha, beta] of SCALARS) checkGemm(r, { m, n, k, transA, transB, alpha, beta });
    }
  });

  it("defaults to α = 1, β = 0, no transposes: C's previous content (NaN) ignored", () => {
    const r = rng(102);
    checkGemm(r, { m: 3, n: 2, k: 5 }, { omitAlphaBeta: true });
    const a = dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    const b = dense(3, 2, Float64Array.of(1, -1, 0, 2, 3, 0.5));
    assert.deepEqual(Array.from(gemm(a, b).data), [10, 4.5, 22, 9]);
    assert.deepEqual(Array.from(gemm(a, b, undefined, {}).data), [10, 4.5, 22, 9]);
    // Aᵀ·A (3×3) and A·Bᵀ need the transposed strides and shapes.
    assert.deepEqual(Array.from(gemm(a, a, undefined, { transA: true }).data), [17, 22, 27, 22, 29, 36, 27, 36, 45]);
    assert.deepEqual(Array.from(gemm(a, a, undefined, { transB: true }).data), [14, 32, 32, 77]);
    assert.deepEqual(Array.from(gemm(b, b, undefined, { transA: true, transB: false }).data), [10, 0.5, 0.5, 5.25]);
    assert.deepEqual(Array.from(gemm(a, b, raw(2, 2, Float64Array.of(NaN, NaN, NaN, NaN))).data), [10, 4.5, 22, 9]);
  });

  it("with k = 0 sets C ← β·C, and C ← 0 when β = 0 (NaN included); a 0-row or 0-column product is empty", () => {
    const c = dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    assert.equal(gemm(dense(2, 0), dense(0, 3), c, { beta: -2 }), c);
    assert.deepEqual(Array.from(c.data), [-2, -4, -6, -8, -10, -12]);
    gemm(dense(2, 0), dense(0, 3), c, { beta: 1 });
    assert.deepEqual(Array.from(c.data), [-2, -4, -6, -8, -10, -12]);
    const nan = raw(3, 2, new Float64Array(6).fill(NaN));
    gemm(dense(0, 3), dense(2, 0), nan, { transA: true, transB: true });
    assert.deepEqual(Array.from(nan.data), [0, 0, 0, 0, 0, 0]);
    const empty = gemm(dense(0, 4), dense(4, 3));
    assert.deepEqual([empty.rows, empty.cols, empty.data.length], [0, 3, 0]);
    const none = gemm(dense(3, 4), dense(4, 0));
    assert.deepEqual([none.rows, none.cols, none.data.length], [3, 0, 0]);
    const d32 = gemm32(dense32(0, 4), dense32(4, 3));
    assert.deepEqual([d32.rows, d32.cols, d32.data.length], [0, 3, 0]);
    const e32 = gemm32(dense32(3, 4), dense32(4, 0));
    assert.deepEqual([e32.rows, e32.cols, e32.data.length], [3, 0, 0]);
  });

  it("keeps the sign of a zero: α = 0 with a negative sum gives −0 (C ← −0 + 0 would make it +0)", () => {
    // k = KC (one block exactly): a loop over one more block would add α·0 = +0 to C = −0.
    for (const [m, n, k] of [[1, 1, KC], [1, 1, 2 * KC], [11, 11, 11], [5, 7, 2 * KC], [70, 70, 60]] as const) {
      const a = dense(m, k, new Float64Array(m * k).fill(-1));
      const b = dense(k, n, new Float64Array(k * n).fill(1));
      const c = gemm(a, b, undefined, { alpha: 0 });
      assert.ok(c.data.every((v) => Object.is(v, -0)), `${m}×${k}·${k}×${n}: 0·(negative sum) must be −0, got ${c.data[0]}`);
      const d = gemm(a, b, undefined, { alpha: -1 });
      assert.ok(d.data.every((v) => v === k), `${m}×${k}·${k}×${n}: −1·(−k) = k`);
    }
  });
});

describe("gemm: the direct WebAssembly path (11³ to 2¹⁸ multiply-adds), bitwise in the documented order", () => {
  it("matches the plain loop around the 4×4 tile and the KC block, both transposes, every α, β", () => {
    const r = rng(103);
    const shapes: [number, number, number][] = [[11, 11, 11], [5, 7, 300], [13, 9, 40], [6, 5, 257], [17, 33, 3], [7, 3, 520], [1, 1, 1400], [4, 4, 2 * KC], [3, 2, 1000], [30, 21, 19]];
    for (const [m, n, k] of shapes) {
      const work = m * n * k;
      assert.ok(work >= 11 ** 3 && work < 2 ** 18, "the direct path");
      for (const [transA, transB] of BOTH) for (const [alpha, beta] of SCALARS) checkGemm(r, { m, n, k, transA, transB, alpha, beta });
    }
  });
});

describe("gemm: the packed path (2¹⁸ multiply-adds and more), bitwise in the documented order with 1, 2 and 3 threads", () => {
  it("matches the plain loop on shapes past the 64-row strip, the 4-column panel and the KC block", () => {
    const r = rng(104);
    // 70×70×60: two strips, 70 = 4·17 + 2 columns; 130×9×257: three strips, one k past KC;
    // 67×6×700: k over three blocks; 64×65×64: exactly one strip, 2^18 multiply-adds and more.
    const shapes: [number, number, number][] = [[70, 70, 60], [130, 9, 257], [67, 6, 700], [64, 65, 64]];
    let t = 0;
    for (const [m, n, k] of shapes) {
      assert.ok(m * n * k >= 2 ** 18, "the packed path");
      for (const [transA, transB] of BOTH) {
        for (const [alpha, beta] of SCALARS) checkGemm(r, { m, n, k, transA, transB, alpha, beta, threads: 1 + (t++ % 3) });
      }
    }
  });

  it("gives the same result with the default thread count as with one thread", () => {
    const r = rng(105);
    const a = random(r, 150, 80);
    const b = random(r, 80, 45);
    const one = gemm(a, b, undefined, { threads: 1 }).data;
    for (let i = 0; i < 5; i++) assert.equal(firstDifference(gemm(a, b).data, one), -1);
    assert.equal(firstDifference(gemm(a, b, undefined, { threads: 64 }).data, one), -1);
  });

  it("rejects a product that overflows, and names a non-finite entry of A or B, on each path", () => {
    for (const [m, n, k] of [[1, 1, 1], [11, 11, 11], [70, 70, 60]] as const) {
      const a = dense(m, k, new Float64Array(m * k).fill(1e200));
      const b = dense(k, n, new Float64Array(k * n).fill(1e200));
      throwsExactly(() => gemm(a, b), "gemm: α·op(A)·op(B) + β·C overflows the float64 range (an entry beyond ±1.8e308)");
      // A finite product of large entries does not throw (the check looks at the result only).
      const small = dense(k, n, new Float64Array(k * n).fill(1e-200));
      assert.ok(gemm(a, small).data.every((v) => Math.abs(v - k) <= 1e-12 * k));
      const nanA = dense(m, k, new Float64Array(m * k).fill(1));
      nanA.data[m * k - 1] = NaN;
      throwsExactly(() => gemm(nanA, small), `gemm: A[${m - 1}][${k - 1}] must be finite, got NaN`);
      const infB = dense(k, n, new Float64Array(k * n).fill(1));
      infB.data[k * n - 1] = -Infinity;
      throwsExactly(() => gemm(dense(m, k), infB), `gemm: B[${k - 1}][${n - 1}] must be finite, got -Infinity`);
      // C's entries are read (and checked) only when β ≠ 0.
      const nanC = raw(m, n, new Float64Array(m * n).fill(1));
      nanC.data[m * n - 1] = NaN;
      throwsExactly(() => gemm(dense(m, k), dense(k, n), nanC, { beta: 0.5 }), `gemm: C[${m - 1}][${n - 1}] must be finite, got NaN`);
      assert.ok(gemm(dense(m, k), dense(k, n), nanC).data.every((v) => v === 0));
    }
  });
});

describe("gemm and gemm32: the overflow check covers every entry of C", () => {
  it("rejects a product whose only infinite entry is the last one, on each path and in float32", () => {
    for (const [m, n, k] of [[3, 4, 5], [11, 11, 11], [13, 9, 40], [70, 70, 60], [130, 9, 257]] as const) {
      // Ones, with 1e200 in A's last row and B's last column: only C[m − 1][n − 1] = k·1e400 overflows.
      const a = dense(m, k, new Float64Array(m * k).fill(1));
      const b = dense(k, n, new Float64Array(k * n).fill(1));
      for (let l = 0; l < k; l++) {
        a.data[(m - 1) * k + l] = 1e200;
        b.data[l * n + n - 1] = 1e200;
      }
      throwsExactly(() => gemm(a, b), "gemm: α·op(A)·op(B) + β·C overflows the float64 range (an entry beyond ±1.8e308)");
      const a32 = dense32(m, k, Float32Array.from(a.data, (x) => (x === 1 ? 1 : 1e20)));
      const b32 = dense32(k, n, Float32Array.from(b.data, (x) => (x === 1 ? 1 : 1e20)));
      throwsExactly(() => gemm32(a32, b32), "gemm32: α·op(A)·op(B) + β·C overflows the float32 range (an entry beyond ±3.4e38)");
    }
  });
});

describe("gemm: argument checks", () => {
  it("names a shape mismatch with the transposes, the inner dimensions and C's expected shape", () => {
    const a = dense(3, 4);
    throwsExactly(() => gemm(a, dense(5, 2)), "gemm: A is 3×4 but B is 5×2: the inner dimensions 4 and 5 differ");
    throwsExactly(() => gemm(a, dense(5, 4), undefined, { transA: true }), "gemm: Aᵀ is 4×3 but B is 5×4: the inner dimensions 3 and 5 differ");
    throwsExactly(() => gemm(a, dense(2, 5), undefined, { transB: true }), "gemm: A is 3×4 but Bᵀ is 5×2: the inner dimensions 4 and 5 differ");
    throwsExactly(() => gemm(a, dense(2, 4), undefined, { transA: true, transB: true }), "gemm: Aᵀ is 4×3 but Bᵀ is 4×2: the inner dimensions 3 and 4 differ");
    throwsExactly(() => gemm(a, dense(4, 2), dense(2, 3)), "gemm: C must be 3×2 (the shape of A·B), got 2×3");
    throwsExactly(() => gemm(a, dense(4, 2), dense(3, 3)), "gemm: C must be 3×2 (the shape of A·B), got 3×3");
    throwsExactly(() => gemm(a, dense(4, 2), dense(2, 2)), "gemm: C must be 3×2 (the shape of A·B), got 2×2");
    throwsExactly(() => gemm(a, dense(3, 2), dense(4, 3), { transA: true }), "gemm: C must be 4×2 (the shape of Aᵀ·B), got 4×3");
    throwsExactly(() => gemm(a, dense(2, 4), dense(3, 3), { transB: true }), "gemm: C must be 3×2 (the shape of A·Bᵀ), got 3×3");
    throwsExactly(() => gemm32(dense32(3, 4), dense32(2, 3), dense32(4, 4), { transA: true, transB: true }), "gemm32: C must be 4×2 (the shape of Aᵀ·Bᵀ), got 4×4");
    throwsExactly(() => gemm32(dense32(3, 4), dense32(2, 5), undefined, { transB: true }), "gemm32: A is 3×4 but Bᵀ is 5×2: the inner dimensions 4 and 5 differ");
  });

  it("names a malformed A, B or C", () => {
    throwsExactly(() => gemm(null as never, dense(1, 1)), "gemm: A must be a dense matrix { rows, cols, data: Float64Array }, got null");
    throwsExactly(() => gemm(dense(1, 1), 3 as never), "gemm: B must be a dense matrix { rows, cols, data: Float64Array }, got number");
    throwsExactly(() => gemm(dense(1, 1), dense(1, 1), {} as never), "gemm: C must be a dense matrix { rows, cols, data: Float64Array }, got object");
  });
});

describe("gemm and gemm32: argument checks, continued", () => {
  it("names a non-finite α or β, a bad thread count and options that are not an object", () => {
    const [a, b] = [dense(2, 2), dense(2, 2)];
    throwsExactly(() => gemm(a, b, undefined, { alpha: NaN }), "gemm: alpha must be a finite number, got NaN");
    throwsExactly(() => gemm(a, b, undefined, { alpha: -Infinity }), "gemm: alpha must be a finite number, got -Infinity");
    throwsExactly(() => gemm(a, b, undefined, { beta: Infinity }), "gemm: beta must be a finite number, got Infinity");
    throwsExactly(() => gemm(a, b, undefined, { beta: NaN, alpha: 2 }), "gemm: beta must be a finite number, got NaN");
    throwsExactly(() => gemm(a, b, undefined, { threads: 0 }), "gemm: threads must be an integer ≥ 1, got 0");
    throwsExactly(() => gemm(a, b, undefined, { threads: -1 }), "gemm: threads must be an integer ≥ 1, got -1");
    throwsExactly(() => gemm(a, b, undefined, { threads: 1.5 }), "gemm: threads must be an integer ≥ 1, got 1.5");
    throwsExactly(() => gemm(a, b, undefined, null as never), "gemm: options must be an object, got null");
    throwsExactly(() => gemm(a, b, undefined, 3 as never), "gemm: options must be an object, got number");
    // threads: 1 is allowed, as is a large count (capped by the engine).
    assert.deepEqual(Array.from(gemm(dense(1, 1, Float64Array.of(2)), dense(1, 1, Float64Array.of(3)), undefined, { threads: 1 }).data), [6]);
    const [a32, b32] = [dense32(2, 2), dense32(2, 2)];
    throwsExactly(() => gemm32(a32, b32, undefined, { alpha: Infinity }), "gemm32: alpha must be a finite number, got Infinity");
    throwsExactly(() => gemm32(a32, b32, undefined, { beta: NaN }), "gemm32: beta must be a finite number, got NaN");
    throwsExactly(() => gemm32(a32, b32, undefined, { threads: 0 }), "gemm32: threads must be an integer ≥ 1, got 0");
    throwsExactly(() => gemm32(a32, b32, undefined, null as never), "gemm32: options must be an object, got null");
    throwsExactly(() => gemm32(a32, dense32(3, 2)), "gemm32: A is 2×2 but B is 3×2: the inner dimensions 2 and 3 differ");
    throwsExactly(() => gemm32(null as never, b32), "gemm32: A must be a dense matrix { rows, cols, data: Float32Array }, got null");
    throwsExactly(() => gemm32(a32, dense(2, 2) as never), "gemm32: B must be a dense matrix { rows, cols, data: Float32Array }, got object");
    throwsExactly(() => gemm32(a32, b32, dense(2, 2) as never), "gemm32: C must be a dense matrix { rows, cols, data: Float32Array }, got object");
    throwsExactly(() => gemm32(a32, b32, dense32(2, 3)), "gemm32: C must be 2×2 (the shape of A·B), got 2×3");
    throwsExactly(() => gemm(a, { rows: 2, cols: 2, data: new Float64Array(3) }), "gemm: B.data must have length rows·cols = 2·2 = 4, got 3");
  });

  it("rejects a C that shares memory with A or with B, by as little as one entry, and accepts neighbours in one buffer", () => {
    const buffer = new Float64Array(12);
    const part = (from: number, rows: number, cols: number) => dense(rows, cols, buffer.subarray(from, from + rows * cols));
    // A = buffer[0..4), B = buffer[4..8), C = buffer[8..12): adjacent, not overlapping.
    const a = part(0, 2, 2);
    const b = part(4, 2, 2);
    a.data.set([1, 2, 3, 4]);
    b.data.set([5, 6, 7, 8]);
    assert.deepEqual(Array.from(gemm(a, b, part(8, 2, 2)).data), [19, 22, 43, 50]);
    // C just before A (C = [0, 4), A = [4, 8)) and B in another buffer.
    const before = part(0, 2, 2);
    assert.deepEqual(Array.from(gemm(b, dense(2, 2, Float64Array.of(1, 0, 0, 1)), before).data), [5, 6, 7, 8]);
    const message = "gemm: C must not share memory with A or B";
    throwsExactly(() => gemm(a, b, part(3, 2, 2)), message); // C's first entry is A's last
    throwsExactly(() => gemm(dense(2, 2), b, part(7, 2, 2)), message); // C's first entry is B's last (A elsewhere)
    throwsExactly(() => gemm(dense(2, 2), part(5, 2, 2), part(2, 2, 2)), message); // C's last entry is B's first
    throwsExactly(() => gemm(part(6, 2, 2), dense(2, 2), part(3, 2, 2)), message); // C's last entry is A's first
    throwsExactly(() => gemm(a, b, a), message);
    const f32 = new Float32Array(8);
    const a32 = dense32(2, 2, f32.subarray(0, 4));
    throwsExactly(() => gemm32(a32, dense32(2, 2), dense32(2, 2, f32.subarray(3, 7))), "gemm32: C must not share memory with A or B");
    assert.equal(gemm32(a32, dense32(2, 2), dense32(2, 2, f32.subarray(4, 8))).data[0], 0);
  });
});

describe("gemm32: every size on the packed path, bitwise in the documented float32 order", () => {
  it("matches the Math.fround loop around the 4×8 tile, the 64-row strip and the KC block, every α, β, both transposes", () => {
    const r = rng(106);
    const shapes: [number, number, number][] = [[1, 1, 1], [2, 3, 4], [5, 9, 300], [4, 8, KC], [13, 17, KC + 1], [70, 11, 40], [3, 2, 2 * KC + 5]];
    for (const [m, n, k] of shapes) {
      for (const [transA, transB] of BOTH) for (const [alpha, beta] of SCALARS) checkGemm32(r, { m, n, k, transA, transB, alpha, beta });
    }
    // The threaded part: 2¹⁸ multiply-adds and more, with 1, 2 and 3 threads.
    let t = 0;
    for (const [m, n, k] of [[70, 70, 60], [130, 12, 300]] as const) {
      for (const [transA, transB] of BOTH) for (const [alpha, beta] of [[0.7, -1.3], [1, 0], [-2, 1]] as const) checkGemm32(r, { m, n, k, transA, transB, alpha, beta, threads: 1 + (t++ % 3) });
    }
  });

  it("with k = 0 sets C ← β·C (0 when β = 0); α and β are rounded to float32", () => {
    const c = dense32(2, 3, Float32Array.of(1, 2, 3, 4, 5, 6));
    gemm32(dense32(2, 0), dense32(0, 3), c, { beta: 0.1 });
    assert.deepEqual(Array.from(c.data), [1, 2, 3, 4, 5, 6].map((x) => Math.fround(Math.fround(0.1) * x)));
    const nan = raw32(2, 3, new Float32Array(6).fill(NaN));
    gemm32(dense32(2, 0), dense32(0, 3), nan);
    assert.deepEqual(Array.from(nan.data), [0, 0, 0, 0, 0, 0]);
    const one = gemm32(dense32(1, 1, Float32Array.of(3)), dense32(1, 1, Float32Array.of(1)), undefined, { alpha: 0.1 });
    assert.equal(one.data[0], Math.fround(Math.fround(0.1) * 3));
    assert.ok(one.data instanceof Float32Array);
  });

  it("names a non-finite entry and a result beyond the float32 range", () => {
    for (const [m, n, k] of [[1, 1, 1], [70, 70, 60]] as const) {
      const big = dense32(m, k, new Float32Array(m * k).fill(1e20));
      throwsExactly(() => gemm32(big, dense32(k, n, new Float32Array(k * n).fill(1e20))), "gemm32: α·op(A)·op(B) + β·C overflows the float32 range (an entry beyond ±3.4e38)");
      const nanA = raw32(m, k, new Float32Array(m * k).fill(1));
      nanA.data[m * k - 1] = NaN;
      throwsExactly(() => gemm32(nanA, dense32(k, n)), `gemm32: A[${m - 1}][${k - 1}] must be finite, got NaN`);
      const infB = raw32(k, n, new Float32Array(k * n).fill(1));
      infB.data[0] = Infinity;
      throwsExactly(() => gemm32(dense32(m, k), infB), "gemm32: B[0][0] must be finite, got Infinity");
      const nanC = raw32(m, n, new Float32Array(m * n).fill(NaN));
      throwsExactly(() => gemm32(dense32(m, k), dense32(k, n), nanC, { beta: 1 }), "gemm32: C[0][0] must be finite, got NaN");
      assert.ok(gemm32(dense32(m, k), dense32(k, n), nanC).data.every((v) => v === 0));
    }
  });
});

describe("the engine's memory, through products of changing sizes", () => {
  it("direct-path products of shapes whose C has the same slot but another length, or the same length in another slot, are each exact", () => {
    const r = rng(107);
    // First the largest, so that the kept workspace (and so C's slot) stays where it is.
    checkGemm(r, { m: 20, n: 20, k: 300 });
    // 4×400·400×2 and 2×800·800×1: A's and B's slots take the same bytes (12,800 and 6,464), so C's slot
    // starts at the same place, with 8 and 2 entries; 2×2 products with k = 400 and k = 500 have C's 4 entries at two places.
    const shapes: Case[] = [{ m: 4, n: 2, k: 400 }, { m: 2, n: 1, k: 800 }, { m: 4, n: 2, k: 400 }, { m: 2, n: 2, k: 400 }, { m: 2, n: 2, k: 500 }, { m: 2, n: 2, k: 400 }, { m: 1, n: 3, k: 700 }];
    for (let round = 0; round < 2; round++) {
      for (const s of shapes) {
        assert.ok(s.m * s.n * s.k >= 11 ** 3, "the direct path");
        checkGemm(r, { ...s, beta: 0 });
        checkGemm(r, { ...s, alpha: 0.3, beta: -1.1, transB: true });
      }
    }
  });

  it("keeps matVec operators exact while direct products grow the unshared memory past its first megabyte", () => {
    const r = rng(108);
    const ops: { a: Dense; op: linalg.MatVec }[] = [];
    const check = () => {
      for (const { a, op } of ops) {
        const x = normals(r, a.cols);
        const y = op.apply(x);
        for (let i = 0; i < a.rows; i++) {
          let s = 0;
          let scale = 0;
          for (let j = 0; j < a.cols; j++) {
            s += a.data[i * a.cols + j] * x[j];
            scale += Math.abs(a.data[i * a.cols + j] * x[j]);
          }
          assert.ok(Math.abs(y[i] - s) <= 1e-13 * a.cols * scale, `matVec ${a.rows}×${a.cols} row ${i}: ${y[i]} vs ${s}`);
        }
      }
    };
    // Direct products of growing workspaces (k·8 bytes for A and for B each): 40 KB, 400 KB, 1.6 MB, 3.2 MB;
    // an operator made after each one sits right after the workspace, where a workspace too small would write.
    for (const k of [2_500, 25_000, 100_000, 200_000]) {
      checkGemm(r, { m: 1, n: 1, k, alpha: 0.5, beta: 1.5 });
      const a = random(r, 3, 5);
      ops.push({ a, op: matVec(a) });
      checkGemm(r, { m: 2, n: 3, k: Math.floor(k / 8), transA: true, beta: 0.5 });
      const wide = random(r, 9, 130);
      ops.push({ a: wide, op: matVec(wide) });
      check();
    }
  });

  it("keeps exact results while eigendecompositions, packed products and gemm32 take and give back blocks of the shared memory", () => {
    const r = rng(109);
    for (const [n, k] of [[8, 64], [40, 900], [90, 3000], [20, 12_000]] as const) {
      const g = random(r, n, n);
      const s = gemm(g, g, undefined, { transA: true });
      const before = symmetricEigenDense(s);
      checkGemm(r, { m: 64, n: 5, k, beta: 0.25, threads: 2 });
      checkGemm32(r, { m: 33, n: 9, k, alpha: -0.5, beta: 1, threads: 2 });
      const after = symmetricEigenDense(s);
      assert.equal(firstDifference(before.values, after.values), -1, `n = ${n}: eigenvalues changed`);
      assert.equal(firstDifference(before.vectors!.data, after.vectors!.data), -1, `n = ${n}: eigenvectors changed`);
      checkEigen(s, before);
    }
  });
});

/** Checks A·V = V·Λ, VᵀV = I (1e-12 relative to max|λ|), λ ascending, and values-only equal to the values up to rounding. */
function checkEigen(a: Dense, { values, vectors }: { values: Float64Array; vectors?: Dense }, label = `n = ${a.rows}`): void {
  const n = a.rows;
  assert.equal(values.length, n);
  assert.ok(vectors && vectors.rows === n && vectors.cols === n && vectors.data.length === n * n, `${label}: an n × n matrix of vectors`);
  for (let i = 1; i < n; i++) assert.ok(values[i - 1] <= values[i], `${label}: λ${i - 1} = ${values[i - 1]} > λ${i} = ${values[i]}`);
  const scale = Math.max(1e-300, ...Array.from(values, Math.abs));
  const v = vectors.data;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let l = 0; l < n; l++) av += a.data[i * n + l] * v[l * n + j];
      assert.ok(Math.abs(av - values[j] * v[i * n + j]) <= 1e-12 * scale, `${label}: (A·v${j} − λ${j}·v${j})[${i}] = ${av - values[j] * v[i * n + j]}`);
    }
    for (let q = 0; q <= j; q++) {
      let dot = 0;
      for (let l = 0; l < n; l++) dot += v[l * n + j] * v[l * n + q];
      assert.ok(Math.abs(dot - (q === j ? 1 : 0)) <= 1e-12, `${label}: v${j}·v${q} = ${dot}`);
    }
  }
}

/** The symmetric matrix of `lower`'s lower triangle, with `upper` (or the mirror) above the diagonal. */
function symmetricFromLower(lower: Dense, upper?: (i: number, j: number) => number): Dense {
  const n = lower.rows;
  const s = dense(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      s.data[i * n + j] = lower.data[i * n + j];
      s.data[j * n + i] = j === i ? lower.data[i * n + j] : upper ? upper(j, i) : lower.data[i * n + j];
    }
  }
  return s;
}

/** |x − y| ≤ tol for every entry, up to the sign of each column (eigenvectors are defined up to sign). */
function sameColumnsUpToSign(x: Dense, y: ArrayLike<number>, tol: number, label: string) {
  const n = x.rows;
  for (let j = 0; j < x.cols; j++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += x.data[i * n + j] * y[i * n + j];
    const sign = dot < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) assert.ok(Math.abs(x.data[i * n + j] - sign * y[i * n + j]) <= tol, `${label}: V[${i}][${j}] = ${x.data[i * n + j]}, expected ±${y[i * n + j]}`);
  }
}

describe("symmetricEigenDense", () => {
  it("names a matrix that is not square, not dense or not finite, and options that are not an object", () => {
    throwsExactly(() => symmetricEigenDense(dense(2, 3)), "symmetricEigenDense: a must be square, got 2×3");
    throwsExactly(() => symmetricEigenDense(dense(3, 1)), "symmetricEigenDense: a must be square, got 3×1");
    throwsExactly(() => symmetricEigenDense(null as never), "symmetricEigenDense: a must be a dense matrix { rows, cols, data: Float64Array }, got null");
    throwsExactly(() => symmetricEigenDense(raw(2, 2, Float64Array.of(1, 0, NaN, 1))), "symmetricEigenDense: a[1][0] must be finite, got NaN");
    throwsExactly(() => symmetricEigenDense(raw(2, 2, Float64Array.of(1, Infinity, 0, 1))), "symmetricEigenDense: a[0][1] must be finite, got Infinity");
    throwsExactly(() => symmetricEigenDense(dense(2, 2), null as never), "symmetricEigenDense: options must be an object, got null");
    throwsExactly(() => symmetricEigenDense(dense(2, 2), "no" as never), "symmetricEigenDense: options must be an object, got string");
  });

  it("gives the empty decomposition for n = 0, and a·[1] for n = 1", () => {
    const zero = symmetricEigenDense(dense(0, 0));
    assert.deepEqual([zero.values.length, zero.vectors?.rows, zero.vectors?.cols, zero.vectors?.data.length], [0, 0, 0, 0]);
    assert.ok(zero.values instanceof Float64Array && zero.vectors?.data instanceof Float64Array);
    assert.equal(symmetricEigenDense(dense(0, 0), { vectors: false }).vectors, undefined);
    assert.equal(symmetricEigenDense(dense(0, 0), { vectors: true }).vectors?.rows, 0);
    for (const x of [5, -3, 0, 1e-300, 1e300]) {
      const one = symmetricEigenDense(dense(1, 1, Float64Array.of(x)));
      assert.deepEqual(Array.from(one.values), [x]);
      assert.deepEqual([one.vectors?.rows, one.vectors?.cols, Array.from(one.vectors!.data)], [1, 1, [1]]);
      const only = symmetricEigenDense(dense(1, 1, Float64Array.of(x)), { vectors: false });
      assert.deepEqual(Array.from(only.values), [x]);
      assert.equal(only.vectors, undefined);
    }
  });

  it("gives the closed form of 2 × 2 matrices: λ = (a + c)/2 ∓ √(((a − c)/2)² + b²), ascending, with their unit vectors", () => {
    const r = rng(110);
    const cases: [number, number, number][] = [[2, 1, 2], [1, 0.5, -3], [0, 1, 0], [4, -2, 1], [-1, 3, 5]];
    for (let t = 0; t < 6; t++) cases.push([r.normal(), r.normal(), r.normal()]);
    for (const [a, b, c] of cases) {
      const { values, vectors } = symmetricEigenDense(dense(2, 2, Float64Array.of(a, b, b, c)));
      const mean = (a + c) / 2;
      const radius = Math.hypot((a - c) / 2, b);
      const expected = [mean - radius, mean + radius];
      const scale = Math.abs(mean) + radius;
      values.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-15 * scale, `[[${a}, ${b}], [${b}, ${c}]]: λ${i} = ${v}, expected ${expected[i]}`));
      // (b, λ − a) is an eigenvector of λ (b ≠ 0).
      const unit = (x: number, y: number) => [x / Math.hypot(x, y), y / Math.hypot(x, y)];
      const [u0, u1] = [unit(b, expected[0] - a), unit(b, expected[1] - a)];
      sameColumnsUpToSign(vectors!, [u0[0], u1[0], u0[1], u1[1]], 1e-14, `[[${a}, ${b}], [${b}, ${c}]]`);
      assert.deepEqual(Array.from(symmetricEigenDense(dense(2, 2, Float64Array.of(a, b, b, c)), { vectors: false }).values).map((v, i) => Math.abs(v - expected[i]) <= 1e-15 * scale), [true, true]);
    }
  });

  it("sorts the diagonal of a diagonal matrix exactly, with the unit vectors permuted to match", () => {
    for (const diagonal of [[3, -1, 2, 0], [1, 1, 1], [-5, 4], [0, 0, 0, 0, 0], [7, 6, 5, 4, 3, 2, 1]]) {
      const n = diagonal.length;
      const a = dense(n, n);
      diagonal.forEach((x, i) => (a.data[i * n + i] = x));
      const { values, vectors } = symmetricEigenDense(a);
      const order = diagonal.map((_, i) => i).sort((i, j) => diagonal[i] - diagonal[j] || i - j);
      assert.deepEqual(Array.from(values), order.map((i) => diagonal[i]), `diag(${diagonal})`);
      // Column `to` is the unit vector e_order[to] (ties: any order of equal values, so check A·v = λ·v exactly instead).
      const v = vectors!.data;
      for (let to = 0; to < n; to++) {
        for (let i = 0; i < n; i++) assert.equal(Math.abs(v[i * n + to]) === 1 ? diagonal[i] : values[to], values[to], `diag(${diagonal}): column ${to}`);
        assert.equal(Array.from({ length: n }, (_, i) => v[i * n + to] ** 2).reduce((s, x) => s + x), 1, `diag(${diagonal}): column ${to} is a unit vector`);
      }
      assert.deepEqual(Array.from(symmetricEigenDense(a, { vectors: false }).values), order.map((i) => diagonal[i]));
    }
  });

  it("finds a known spectrum Q·diag(λ)·Qᵀ, and reads only the lower triangle", () => {
    const r = rng(111);
    for (const n of [3, 4, 6, 9, 16, 33]) {
      const q = r.orthogonal(n);
      const spectrum = Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1) * (i + 1) * 0.75);
      const a = dense(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) a.data[i * n + j] += q.get(i, l) * spectrum[l] * q.get(j, l);
      const s = symmetricFromLower(a); // exactly symmetric
      const result = symmetricEigenDense(s);
      const sorted = [...spectrum].sort((x, y) => x - y);
      result.values.forEach((v, i) => assert.ok(Math.abs(v - sorted[i]) <= 1e-12 * n, `n = ${n}: λ${i} = ${v}, expected ${sorted[i]}`));
      checkEigen(s, result);
      // Column j is ±Q's column of the j-th smallest value (the values are distinct, with gaps ≥ 0.75).
      const order = spectrum.map((_, i) => i).sort((i, j) => spectrum[i] - spectrum[j]);
      sameColumnsUpToSign(result.vectors!, Array.from({ length: n * n }, (_, t) => q.get(Math.floor(t / n), order[t % n])), 1e-12 * n, `n = ${n}`);
      // Anything above the diagonal is ignored: the same bits.
      const other = symmetricFromLower(s, () => r.normal() * 100);
      const again = symmetricEigenDense(other);
      assert.equal(firstDifference(again.values, result.values), -1, `n = ${n}: the upper triangle changed the values`);
      assert.equal(firstDifference(again.vectors!.data, result.vectors!.data), -1, `n = ${n}: the upper triangle changed the vectors`);
      const valuesOnly = symmetricEigenDense(other, { vectors: false });
      assert.equal(valuesOnly.vectors, undefined);
      valuesOnly.values.forEach((v, i) => assert.ok(Math.abs(v - sorted[i]) <= 1e-12 * n, `n = ${n}, values only: λ${i} = ${v}`));
    }
  });

  it("decomposes random symmetric matrices, matrices with zero rows and columns, and repeated eigenvalues", () => {
    const r = rng(112);
    for (const n of [2, 3, 5, 8, 17, 40]) {
      const s = symmetricFromLower(random(r, n, n));
      checkEigen(s, symmetricEigenDense(s), `random n = ${n}`);
      // Row and column 1 (and the last) zero: the reduction meets a zero column (scale = 0) on the way.
      const z = dense(n, n, Float64Array.from(s.data));
      for (let i = 0; i < n; i++) for (const j of [Math.min(1, n - 1), n - 1]) z.data[i * n + j] = z.data[j * n + i] = 0;
      const zr = symmetricEigenDense(z);
      checkEigen(z, zr, `zero rows n = ${n}`);
      assert.ok(zr.values.filter((v) => v === 0).length >= (n > 2 ? 2 : 1), `zero rows n = ${n}: the zero eigenvalues are exact, got ${Array.from(zr.values)}`);
    }
    // I + u·uᵀ (eigenvalue 1 repeated n − 1 times, 1 + ‖u‖²), and a block-diagonal matrix.
    const u = normals(r, 7);
    const p = dense(7, 7);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) p.data[i * 7 + j] = (i === j ? 1 : 0) + u[i] * u[j];
    const pr = symmetricEigenDense(p);
    checkEigen(p, pr, "I + uuᵀ");
    const norm = u.reduce((s, x) => s + x * x, 0);
    pr.values.forEach((v, i) => assert.ok(Math.abs(v - (i < 6 ? 1 : 1 + norm)) <= 1e-13 * (1 + norm), `I + uuᵀ: λ${i} = ${v}`));
    const block = dense(5, 5, Float64Array.of(2, 1, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, -1, 0.5, 0, 0, 0, 0.5, -1, 0, 0, 0, 0, 0, 4));
    const br = symmetricEigenDense(block);
    checkEigen(block, br, "block diagonal");
    [-1.5, -0.5, 1, 3, 4].forEach((x, i) => assert.ok(Math.abs(br.values[i] - x) <= 1e-14, `block diagonal: λ${i} = ${br.values[i]}`));
  });

  it("converges to the same relative accuracy on matrices scaled by 1e±6 and 1e±100 (inside 2^±500: not rescaled)", () => {
    const r = rng(114);
    for (const n of [3, 12, 30]) {
      const s = symmetricFromLower(random(r, n, n));
      const base = symmetricEigenDense(s);
      for (const factor of [1e6, 1e-6, 1e100, 1e-100]) {
        const scaled = dense(n, n, Float64Array.from(s.data, (x) => x * factor));
        const result = symmetricEigenDense(scaled);
        checkEigen(scaled, result, `n = ${n}, ×${factor}`);
        const top = Math.max(...Array.from(base.values, Math.abs));
        result.values.forEach((v, i) => assert.ok(Math.abs(v / factor - base.values[i]) <= 1e-12 * top, `n = ${n}, ×${factor}: λ${i} = ${v / factor} (scaled back) vs ${base.values[i]}`));
        const only = symmetricEigenDense(scaled, { vectors: false }).values;
        only.forEach((v, i) => assert.ok(Math.abs(v / factor - base.values[i]) <= 1e-12 * top, `n = ${n}, ×${factor}, values only: λ${i}`));
      }
    }
  });

  it("rescales entries beyond 2^±500 exactly (values times the power of two, the same vectors), and drops subnormal ones", () => {
    const r = rng(113);
    for (const n of [2, 5, 12]) {
      const s = symmetricFromLower(random(r, n, n));
      // The largest entry in [0.75, 1.4]: rounded log2 0, so the scaled matrices are rescaled by exactly 2^±600.
      let top = 0;
      for (const x of s.data) top = Math.max(top, Math.abs(x));
      for (let i = 0; i < s.data.length; i++) s.data[i] /= top;
      const base = symmetricEigenDense(s);
      for (const power of [600, -600, 1000, -1000]) {
        const scaled = dense(n, n, Float64Array.from(s.data, (x) => x * 2 ** power));
        const result = symmetricEigenDense(scaled);
        assert.equal(firstDifference(result.values, Float64Array.from(base.values, (x) => x * 2 ** power)), -1, `n = ${n}, 2^${power}: the values of A times 2^${power}`);
        assert.equal(firstDifference(result.vectors!.data, base.vectors!.data), -1, `n = ${n}, 2^${power}: the vectors of A`);
        const only = symmetricEigenDense(scaled, { vectors: false }).values;
        only.forEach((v, i) => assert.ok(Math.abs(v / 2 ** power - base.values[i]) <= 1e-13, `n = ${n}, 2^${power}, values only: λ${i}`));
      }
      // 2^±400 is left as it is: still within 1e-13 of the scaled values.
      for (const power of [400, -400]) {
        const result = symmetricEigenDense(dense(n, n, Float64Array.from(s.data, (x) => x * 2 ** power)));
        result.values.forEach((v, i) => assert.ok(Math.abs(v / 2 ** power - base.values[i]) <= 1e-13, `n = ${n}, 2^${power}: λ${i} = ${v / 2 ** power} vs ${base.values[i]}`));
      }
    }
    // The largest entry is the last diagonal one, 2^2000 times the others: rescaled by 2^1000, the others
    // vanish, and the values are 0, 0 and 2^1000 exactly (rescaled by the others' 2^−1000, the last would overflow).
    const eps = 2 ** -1000;
    const skewed = symmetricEigenDense(dense(3, 3, Float64Array.of(eps, eps, eps, eps, eps, eps, eps, eps, 2 ** 1000)));
    assert.deepEqual(Array.from(skewed.values), [0, 0, 2 ** 1000]);
    sameColumnsUpToSign(skewed.vectors!, [1, 0, 0, 0, 1, 0, 0, 0, 1], 0, "skewed");
    // Subnormal off-diagonal entries (far below rounding of the diagonal) are dropped: the diagonal exactly.
    const tiny = symmetricEigenDense(dense(3, 3, Float64Array.of(2, 1e-310, 0, 1e-310, 1, -3e-320, 0, -3e-320, 3)));
    assert.deepEqual(Array.from(tiny.values), [1, 2, 3]);
    sameColumnsUpToSign(tiny.vectors!, [0, 1, 0, 1, 0, 0, 0, 0, 1], 0, "subnormal");
    // Beside a zero block the subnormal coupling would not be negligible to QL (its values would come out as
    // ±1e-310, the first one rounded): dropped, the block's values are 0 exactly.
    const coupled = symmetricEigenDense(dense(3, 3, Float64Array.of(0, 1e-310, 0, 1e-310, 0, 0, 0, 0, 1)));
    assert.deepEqual(Array.from(coupled.values), [0, 0, 1]);
    sameColumnsUpToSign(coupled.vectors!, [1, 0, 0, 0, 1, 0, 0, 0, 1], 0, "subnormal beside a zero block");
  });
});

describe("the engine's worker threads", () => {
  it("start without a warning and leave the products exact (a worker that fails to load warns once and leaves its strips to the caller)", async () => {
    const warnings: string[] = [];
    const listener = (w: Error) => warnings.push(w.message);
    process.on("warning", listener);
    try {
      const r = rng(130);
      const a = random(r, 300, 50);
      const b = random(r, 50, 40);
      const one = gemm(a, b, undefined, { threads: 1 }).data;
      // Workers start asynchronously: give them time to load (and to fail, if they do) between products.
      for (let t = 0; t < 10; t++) {
        assert.equal(firstDifference(gemm(a, b, undefined, { threads: 4 }).data, one), -1, `product ${t} with 4 threads`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      process.off("warning", listener);
    }
    assert.deepEqual(warnings.filter((w) => /linalg/.test(w)), []);
  });
});

describe("gemm: a product of more than 2²² rows (last in the file: it grows the shared memory to 100 MB, which would hide the memory tests' out-of-bounds writes)", () => {
  it("computes every row (in strips of 64 its 65,537 strips would wrap the claim word's 16-bit index: taller strips are needed)", () => {
    // 64·32,767 rows or fewer take strips of 64; more take taller ones (here 4·⌈m / (4·32,767)⌉ = 128 rows).
    const m = 2 ** 22 + 1;
    const a = dense(m, 1);
    for (let i = 0; i < m; i += 61) a.data[i] = (i % 7) - 3;
    a.data[m - 1] = 5;
    const c = gemm(a, dense(1, 2, Float64Array.of(2, -1)));
    for (let i = 0; i < m; i++) {
      if (c.data[2 * i] !== 2 * a.data[i] || c.data[2 * i + 1] !== -a.data[i]) assert.fail(`row ${i}: ${c.data[2 * i]}, ${c.data[2 * i + 1]} for a = ${a.data[i]}`);
    }
  });
});
