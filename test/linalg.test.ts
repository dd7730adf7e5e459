import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { EigenvalueDecomposition } from "ml-matrix";
import { linalg, Matrix, rng, symmetricEigen, type Rng } from "landscape";
import { emulateGemm32, op } from "./helpers/gemm-reference";

const { dense, gemm, gemv, axpy, syrk, KC } = linalg;
type Dense = linalg.Dense;

function random(r: Rng, rows: number, cols: number): Dense {
  return dense(rows, cols, r.normalVector(rows * cols));
}

/**
 * Checks C = α·op(A)·op(B) + β·C₀ entry by entry against the naive triple loop, with the
 * rounding-error bound of a k-term dot product: |ĉ − c| ≤ 1e-13·k·(|α|·Σ|a||b| + |β|·|c₀|).
 * (Summation error is at most about k·2⁻⁵³ ≈ 1.1e-16·k times that scale; 1e-13·k is the
 * issue's tolerance. A wrong transpose, β or block edge is off by O(1) of the scale.)
 */
function checkGemm(r: Rng, m: number, n: number, k: number, transA: boolean, transB: boolean, alpha: number, beta: number) {
  const a = transA ? random(r, k, m) : random(r, m, k);
  const b = transB ? random(r, n, k) : random(r, k, n);
  const c0 = random(r, m, n);
  const c = dense(m, n, Float64Array.from(c0.data));
  if (beta === 0) c.data.fill(NaN); // β = 0 ignores C, NaN included (BLAS convention)
  const returned = gemm(a, b, c, { transA, transB, alpha, beta });
  assert.equal(returned, c);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let scale = 0;
      for (let l = 0; l < k; l++) {
        s += op(a, transA, i, l) * op(b, transB, l, j);
        scale += Math.abs(op(a, transA, i, l) * op(b, transB, l, j));
      }
      const expected = alpha * s + (beta === 0 ? 0 : beta * c0.data[i * n + j]);
      const bound = 1e-13 * Math.max(k, 1) * (Math.abs(alpha) * scale + Math.abs(beta) * Math.abs(c0.data[i * n + j]));
      const got = c.data[i * n + j];
      assert.ok(Math.abs(got - expected) <= bound, `C[${i}][${j}] of ${m}×${k}·${k}×${n} (transA ${transA}, transB ${transB}, α ${alpha}, β ${beta}): ${got} vs ${expected}`);
    }
  }
}

describe("gemm", () => {
  it("matches the naive triple loop on random shapes, both transposes, α and β ∉ {0, 1}", () => {
    const r = rng(11);
    // Shapes with 1, odd sizes, sizes past the 4×4 tile, the 64-row strip and the k block (KC = 256).
    const shapes: [number, number, number][] = [
      [1, 1, 1], [1, 7, 1], [3, 1, 5], [5, 3, 1], [7, 9, 13], [17, 16, 15], [4, 4, 4],
      [65, 33, 70], [130, 2 * KC + 3, 9], [37, KC, 66], [70, 300, 131], [1, 2, 2 * KC + 88],
    ];
    for (const [m, n, k] of shapes) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) checkGemm(r, m, n, k, transA, transB, 0.7, -1.3);
      }
    }
    // Beside α, β ∉ {0, 1}: the special cases β = 0 (C ignored), β = 1 (accumulate), α = −2.
    for (const [alpha, beta] of [[1, 0], [-2, 1], [1, 1], [0.5, 0]]) {
      checkGemm(r, 23, 41, 300, false, false, alpha, beta);
      checkGemm(r, 6, 5, 4, true, false, alpha, beta);
    }
  });

  it("returns a new C when none is given, and C ← β·C when k = 0", () => {
    const a = dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    const b = dense(3, 2, Float64Array.of(1, 0, 0, 1, 1, 1));
    assert.deepEqual(Array.from(gemm(a, b).data), [4, 5, 10, 11]);
    const c = dense(2, 2, Float64Array.of(1, 2, 3, 4));
    gemm(dense(2, 0), dense(0, 2), c, { beta: 3 });
    assert.deepEqual(Array.from(c.data), [3, 6, 9, 12]);
  });

  it("is bitwise identical with one and two threads, and from run to run", () => {
    const r = rng(12);
    for (const [m, n, k] of [[200, 200, 200], [333, 257, 2 * KC + 88], [130, 70, 40]]) {
      const a = random(r, m, k);
      const b = random(r, n, k);
      const c0 = random(r, m, n);
      const run = (threads: number) => gemm(a, b, dense(m, n, Float64Array.from(c0.data)), { transB: true, alpha: 0.3, beta: -0.9, threads }).data;
      const one = run(1);
      const two = run(2);
      const again = run(2);
      assert.ok(one.every((v, i) => Object.is(v, two[i])), `${m}×${k}·${k}×${n}: one and two threads differ`);
      assert.ok(two.every((v, i) => Object.is(v, again[i])), `${m}×${k}·${k}×${n}: two runs differ`);
    }
  });

  it("stays exact over many back-to-back two-thread products whose strip counts alternate", () => {
    // Consecutive jobs with 2, 3 and 5 strips of 64 rows: a worker late for one job must never
    // take a strip of the next or count one as done (the result would miss rows or differ).
    const r = rng(16);
    const shapes = [70, 150, 300].map((m) => ({ a: random(r, m, 40), b: random(r, 40, 33) }));
    const expected = shapes.map(({ a, b }) => gemm(a, b, undefined, { threads: 1 }).data);
    for (let i = 0; i < 300; i++) {
      const j = i % 3;
      const got = gemm(shapes[j].a, shapes[j].b, undefined, { threads: 2 }).data;
      assert.ok(got.every((v, t) => Object.is(v, expected[j][t])), `product ${i} (${shapes[j].a.rows} rows) differs`);
    }
  });

  it("splits a product with more than 64·32,767 rows into taller strips", () => {
    const m = 64 * 0x7fff + 1000;
    const a = dense(m, 1, Float64Array.from({ length: m }, (_, i) => i % 7));
    const c = gemm(a, dense(1, 2, Float64Array.of(3, -1)), undefined, { threads: 2 });
    for (let i = 0; i < m; i++) {
      if (c.data[2 * i] !== 3 * (i % 7) || c.data[2 * i + 1] !== -(i % 7)) assert.fail(`row ${i}: ${c.data[2 * i]}, ${c.data[2 * i + 1]}`);
    }
  });

  it("gives bitwise the same entries on the JavaScript path (small products) and the WebAssembly path", () => {
    // 1×600·600×2 (1,200 multiply-adds) runs in JavaScript, 5×600·600×2 in WebAssembly; both
    // sum each entry in the same order (k blocks of KC), so the shared row must match exactly.
    const r = rng(15);
    const a = random(r, 5, 2 * KC + 88);
    const b = random(r, 2 * KC + 88, 2);
    const c0 = random(r, 5, 2);
    const options = { alpha: 0.9, beta: -1.1 };
    const small = gemm(dense(1, a.cols, a.data.slice(0, a.cols)), b, dense(1, 2, c0.data.slice(0, 2)), options).data;
    const large = gemm(a, b, dense(5, 2, Float64Array.from(c0.data)), options).data;
    assert.ok(Object.is(small[0], large[0]) && Object.is(small[1], large[1]), `${Array.from(small)} vs ${Array.from(large.slice(0, 2))}`);
  });

  it("gives bitwise the same entries on the direct path (small products, no packing) and the packed path", () => {
    // 5×300·300×33 (49,500 multiply-adds) runs on the direct path, 70×300·300×33 (693,000) on
    // the packed one; the first five rows must match exactly, with both transposes (Bᵀ is
    // transposed while copied on the direct path), k past KC, and 33 columns (an edge tile).
    const r = rng(17);
    const [m, k, n, rows] = [70, 300, 33, 5];
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        const a = transA ? random(r, k, m) : random(r, m, k);
        const b = transB ? random(r, n, k) : random(r, k, n);
        const c0 = random(r, m, n);
        const options = { transA, transB, alpha: 0.9, beta: -1.1, threads: 1 };
        const large = gemm(a, b, dense(m, n, Float64Array.from(c0.data)), options).data;
        // The first `rows` rows of op(A): rows of A, or columns of Aᵀ's storage.
        const top = transA ? dense(k, rows, Float64Array.from({ length: k * rows }, (_, i) => a.data[Math.floor(i / rows) * m + (i % rows)])) : dense(rows, k, a.data.slice(0, rows * k));
        const small = gemm(top, b, dense(rows, n, c0.data.slice(0, rows * n)), options).data;
        assert.ok(small.every((v, i) => Object.is(v, large[i])), `transA ${transA}, transB ${transB}: the direct and packed paths differ`);
      }
    }
  });

  it("names the mismatch in shape errors", () => {
    const a = dense(3, 4);
    assert.throws(() => gemm(a, dense(5, 2)), /gemm: A is 3×4 but B is 5×2: the inner dimensions 4 and 5 differ/);
    assert.throws(() => gemm(a, dense(5, 4), undefined, { transA: true }), /gemm: Aᵀ is 4×3 but B is 5×4/);
    assert.throws(() => gemm(a, dense(4, 2), dense(2, 3)), /gemm: C must be 3×2 \(the shape of A·B\), got 2×3/);
    assert.throws(() => gemm(a, { rows: 4, cols: 2, data: new Float64Array(7) }), /gemm: B.data must have length rows·cols = 4·2 = 8, got 7/);
    assert.throws(() => gemm(a, dense(4, 4), a), /C must not share memory with A or B/);
    assert.throws(() => gemm(a, dense(4, 2), undefined, { alpha: NaN }), /alpha must be a finite number/);
    assert.throws(() => gemm(a, dense(4, 2), undefined, null as never), /gemm: options must be an object, got null/);
  });

  it("rejects non-finite entries by name and a product that overflows, and ignores C's content when β = 0", () => {
    const withNaN = () => ({ rows: 2, cols: 2, data: Float64Array.of(1, NaN, 0, 1) });
    const nan = withNaN();
    assert.throws(() => gemm(nan, dense(2, 2)), /gemm: A\[0\]\[1\] must be finite, got NaN/);
    assert.throws(() => gemm(dense(2, 2), nan), /gemm: B\[0\]\[1\] must be finite, got NaN/);
    // An empty result is finite whatever the entries: they are checked all the same (n = 0, then m = 0).
    assert.throws(() => gemm(nan, dense(2, 0)), /gemm: A\[0\]\[1\] must be finite, got NaN/);
    assert.throws(() => gemm(dense(0, 2), nan), /gemm: B\[0\]\[1\] must be finite, got NaN/);
    assert.throws(() => gemm(dense(2, 2), dense(2, 2), nan, { beta: 2 }), /gemm: C\[0\]\[1\] must be finite/);
    assert.deepEqual(Array.from(gemm(dense(2, 2), dense(2, 2), withNaN()).data), [0, 0, 0, 0]);
    const big = dense(1, 1, Float64Array.of(1e200));
    assert.throws(() => gemm(big, big), /gemm: α·op\(A\)·op\(B\) \+ β·C overflows the float64 range/);
    assert.throws(() => gemv(dense(2, 2), Float64Array.of(1, Infinity)), /gemv: x \(op\(A\) is 2×2\)\[1\] must be finite, got Infinity/);
    assert.throws(() => axpy(1e300, Float64Array.of(1e300), new Float64Array(1)), /axpy: α·x \+ y overflows/);
    assert.throws(() => linalg.relu(nan), /relu: z\[0\]\[1\] must be finite/);
  });

  it("exits promptly from a script that used two threads (the workers never keep the process alive)", () => {
    // A worker that kept the event loop alive would hang this child until the timeout.
    const script = `const { linalg } = require("landscape"); const a = linalg.dense(300, 300, new Float64Array(90000).fill(1)); const c = linalg.gemm(a, a, undefined, { threads: 2 }); if (c.data[0] !== 300) process.exit(3);`;
    const child = spawnSync(process.execPath, ["-e", script], { timeout: 30_000, encoding: "utf8" });
    assert.equal(child.signal, null, "the script was still running after 30 s");
    assert.equal(child.status, 0, child.stderr);
  });

  it("runs strips on a worker thread in two-thread products (a worker that fails to load would leave them all to the caller)", () => {
    // A worker starts asynchronously, so the first products may finish before it claims a strip: repeat, up to 200 products.
    // The engine the library loaded, beside the "landscape" that `require` finds (not lib/dist under the working
    // folder: in Stryker's sandbox node_modules, and so "landscape", is the repository's, another module instance).
    const script = `const { linalg } = require("landscape");
      const { workerStrips } = require(require("node:path").join(require("node:path").dirname(require.resolve("landscape")), "linalg", "engine.js"));
      const a = linalg.dense(400, 400, new Float64Array(160000).fill(1));
      for (let i = 0; i < 200 && workerStrips() === 0; i++) linalg.gemm(a, a, undefined, { threads: 2 });
      console.log(workerStrips());`;
    const child = spawnSync(process.execPath, ["-e", script], { timeout: 60_000, encoding: "utf8" });
    assert.equal(child.status, 0, child.stderr);
    assert.ok(Number(child.stdout) > 0, `no strip ran on a worker (${child.stdout.trim()}; stderr: ${child.stderr})`);
    assert.ok(!/worker thread failed/.test(child.stderr), child.stderr);
  });
});

describe("gemm32", () => {
  const normals = (r: Rng, length: number) => Float32Array.from(length > 0 ? r.normalVector(length) : []);
  const random32 = (r: Rng, rows: number, cols: number) => linalg.dense32(rows, cols, normals(r, rows * cols));

  it("computes each entry in float32 in the documented order (bitwise), within float32 rounding of the float64 product", () => {
    const r = rng(21);
    // Shapes with 1, odd sizes, edges of the 4×8 tile, the 64-row strip and the k block (KC = 256).
    const shapes: [number, number, number][] = [[1, 1, 1], [3, 1, 5], [5, 9, 1], [7, 8, 13], [17, 16, 15], [65, 33, 70], [9, 17, 2 * KC + 3], [1, 2, 0]];
    const cases: [number, number][] = [[0.7, -1.3], [1, 0], [-2, 1], [0.1, 0.3]];
    let t = 0;
    for (const [m, n, k] of shapes) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          const [alpha, beta] = cases[t++ % cases.length];
          const a = transA ? random32(r, k, m) : random32(r, m, k);
          const b = transB ? random32(r, n, k) : random32(r, k, n);
          const c0 = normals(r, m * n);
          const c = linalg.dense32(m, n, Float32Array.from(c0));
          if (beta === 0) c.data.fill(NaN); // β = 0 ignores C
          const got = linalg.gemm32(a, b, c, { transA, transB, alpha, beta }).data;
          const expected = emulateGemm32(a, b, c0, transA, transB, alpha, beta, m, n, k);
          const label = `${m}×${k}·${k}×${n} (transA ${transA}, transB ${transB}, α ${alpha}, β ${beta})`;
          assert.ok(got.every((v, i) => Object.is(v, expected[i])), `${label}: not the documented float32 order`);
          // Independently of the emulation: within float32 rounding of the float64 product,
          // |ĉ − c| ≤ 2⁻²⁴·(k + 3)·(|α|·Σ|ab| + |β|·|c₀|) (k + 3 roundings per entry, α and β rounded);
          // a wrong transpose or β is off by O(1) of the scale.
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              let s = 0;
              let scale = 0;
              for (let l = 0; l < k; l++) {
                const p = (transA ? a.data[l * m + i] : a.data[i * k + l]) * (transB ? b.data[j * k + l] : b.data[l * n + j]);
                s += p;
                scale += Math.abs(p);
              }
              const exact = alpha * s + (beta === 0 ? 0 : beta * c0[i * n + j]);
              const bound = 2 ** -24 * (k + 3) * (Math.abs(alpha) * scale + Math.abs(beta * c0[i * n + j]));
              assert.ok(Math.abs(got[i * n + j] - exact) <= bound, `${label} C[${i}][${j}]: ${got[i * n + j]} vs ${exact}`);
            }
          }
        }
      }
    }
  });

  it("is bitwise identical with one and two threads, and from run to run", () => {
    const r = rng(22);
    for (const [m, n, k] of [[200, 200, 200], [333, 257, 2 * KC + 88]]) {
      const a = random32(r, m, k);
      const b = random32(r, n, k);
      const c0 = Float32Array.from(r.normalVector(m * n));
      const run = (threads: number) => linalg.gemm32(a, b, linalg.dense32(m, n, Float32Array.from(c0)), { transB: true, alpha: 0.3, beta: -0.9, threads }).data;
      const one = run(1);
      const two = run(2);
      const again = run(2);
      assert.ok(one.every((v, i) => Object.is(v, two[i])), `${m}×${k}·${k}×${n}: one and two threads differ`);
      assert.ok(two.every((v, i) => Object.is(v, again[i])), `${m}×${k}·${k}×${n}: two runs differ`);
    }
  });

  it("names shape errors, non-finite entries and a result beyond the float32 range; converts to and from float64", () => {
    const a = linalg.dense32(3, 4);
    assert.throws(() => linalg.gemm32(a, linalg.dense32(5, 2)), /gemm32: A is 3×4 but B is 5×2: the inner dimensions 4 and 5 differ/);
    assert.throws(() => linalg.gemm32(a, dense(4, 2) as never), /gemm32: B must be a dense matrix \{ rows, cols, data: Float32Array \}/);
    assert.throws(() => linalg.gemm32(a, linalg.dense32(4, 4), a), /gemm32: C must not share memory with A or B/);
    const nan = { rows: 2, cols: 2, data: Float32Array.of(1, NaN, 0, 1) };
    assert.throws(() => linalg.gemm32(nan, linalg.dense32(2, 2)), /gemm32: A\[0\]\[1\] must be finite, got NaN/);
    assert.throws(() => linalg.gemm32(nan, linalg.dense32(2, 0)), /gemm32: A\[0\]\[1\] must be finite, got NaN/);
    assert.throws(() => linalg.gemm32(linalg.dense32(0, 2), nan), /gemm32: B\[0\]\[1\] must be finite, got NaN/);
    const big = linalg.dense32(1, 1, Float32Array.of(1e20));
    assert.throws(() => linalg.gemm32(big, big), /gemm32: α·op\(A\)·op\(B\) \+ β·C overflows the float32 range/);
    const x = dense(2, 2, Float64Array.of(0.1, -2, 3e-3, 1));
    const x32 = linalg.toDense32(x);
    assert.deepEqual(Array.from(x32.data), Array.from(x.data, Math.fround));
    assert.deepEqual(Array.from(linalg.toDense64(x32).data), Array.from(x.data, Math.fround));
    assert.throws(() => linalg.toDense32(dense(1, 1, Float64Array.of(1e39))), /toDense32: an entry of a is beyond the float32 range/);
  });
});

describe("gemv, axpy, syrk", () => {
  it("gemv matches the naive loop, with and without transpose, α and β", () => {
    const r = rng(13);
    for (const [m, n] of [[1, 1], [7, 3], [5, 10], [100, 37]]) {
      const a = random(r, m, n);
      for (const trans of [false, true]) {
        const [p, q] = trans ? [n, m] : [m, n];
        const x = r.normalVector(q);
        const y0 = r.normalVector(p);
        const y = gemv(a, x, Float64Array.from(y0), { trans, alpha: -0.6, beta: 1.7 });
        for (let i = 0; i < p; i++) {
          let s = 0;
          let scale = 0;
          for (let j = 0; j < q; j++) {
            s += op(a, trans, i, j) * x[j];
            scale += Math.abs(op(a, trans, i, j) * x[j]);
          }
          const expected = -0.6 * s + 1.7 * y0[i];
          assert.ok(Math.abs(y[i] - expected) <= 1e-13 * q * (0.6 * scale + 1.7 * Math.abs(y0[i])), `gemv ${m}×${n} trans ${trans} entry ${i}`);
        }
      }
    }
    assert.throws(() => gemv(dense(3, 4), new Float64Array(3)), /gemv: x \(op\(A\) is 3×4\) must have length 4, got length 3/);
  });

  it("axpy computes y + αx in place", () => {
    const y = Float64Array.of(1, 2, 3);
    assert.equal(axpy(2, Float64Array.of(1, -1, 0.5), y), y);
    assert.deepEqual(Array.from(y), [3, 0, 4]);
    assert.throws(() => axpy(1, new Float64Array(2), new Float64Array(3)), /axpy: y must have length 2/);
  });

  it("syrk gives AᵀA and AAᵀ, exactly symmetric, equal to gemm", () => {
    const a = random(rng(14), 90, 70);
    const ata = syrk(a);
    const aat = syrk(a, undefined, { trans: false });
    assert.equal(ata.rows, 70);
    assert.equal(aat.rows, 90);
    for (const [g, n] of [[ata, 70], [aat, 90]] as const) {
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.equal(g.data[i * n + j], g.data[j * n + i]);
    }
    assert.deepEqual(ata.data, gemm(a, a, undefined, { transA: true }).data);
  });
});

describe("dense type and element-wise maps", () => {
  it("converts to and from ml-matrix row-major", () => {
    const m = new Matrix([[1, 2, 3], [4, 5, 6]]);
    const d = linalg.fromMatrix(m);
    assert.deepEqual([d.rows, d.cols, Array.from(d.data)], [2, 3, [1, 2, 3, 4, 5, 6]]);
    assert.deepEqual(linalg.toMatrix(d).to2DArray(), m.to2DArray());
    assert.deepEqual(Array.from(linalg.transpose(d).data), [1, 4, 2, 5, 3, 6]);
    assert.throws(() => dense(2, 2, new Float64Array(3)), /dense: data must have length rows·cols = 4, got 3/);
  });

  it("relu, its mask, bias, column sums and row softmax", () => {
    const z = dense(2, 3, Float64Array.of(-1, 0, 2, 3, -4, 0.5));
    assert.deepEqual(Array.from(linalg.relu(z).data), [0, 0, 2, 3, 0, 0.5]);
    const g = dense(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    assert.deepEqual(Array.from(linalg.reluMask(z, g).data), [0, 0, 3, 4, 0, 6]); // relu′(0) = 0
    assert.deepEqual(Array.from(linalg.addBias(dense(2, 3, Float64Array.from(g.data)), Float64Array.of(10, 20, 30)).data), [11, 22, 33, 14, 25, 36]);
    assert.deepEqual(Array.from(linalg.columnSums(g)), [5, 7, 9]);
    // Softmax: rows sum to 1, equal to exp(z)/Σexp(z), and no overflow at z = 1000.
    const big = dense(2, 2, Float64Array.of(1000, 1000 + Math.log(3), 0, Math.log(2)));
    const p = linalg.softmaxRows(big).data;
    const expected = [0.25, 0.75, 1 / 3, 2 / 3];
    // 1e-12: 1000 + ln 3 is stored to ulp(1000) ≈ 1.1e-13, which moves the ratio by about that much
    // (measured 1.0e-14); an overflow gives NaN and a wrong normalization is off by O(1).
    p.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `softmax entry ${i}: ${v}`));
    assert.throws(() => linalg.addBias(z, new Float64Array(2)), /addBias: b must be a Float64Array of length 3/);
  });

  it("the same maps on float32 matrices: the float64 results rounded to float32, and a clear error for mixed types", () => {
    const r = rng(34);
    const z = dense(3, 5, r.normalVector(15));
    const g = dense(3, 5, r.normalVector(15));
    const z32 = linalg.toDense32(z);
    const g32 = linalg.toDense32(g);
    // From the float32 inputs widened exactly to float64, every map's float64 result rounded to float32.
    const [z64, g64] = [linalg.toDense64(z32), linalg.toDense64(g32)];
    const same = (x: linalg.Dense32, y: linalg.Dense, what: string) => {
      assert.ok(x.data instanceof Float32Array, `${what}: not float32`);
      assert.ok(x.data.every((v, i) => Object.is(v, Math.fround(y.data[i]))), `${what}: not the float64 result rounded`);
    };
    same(linalg.relu(z32), linalg.relu(z64), "relu");
    same(linalg.reluMask(z32, g32), linalg.reluMask(z64, g64), "reluMask");
    same(linalg.softmaxRows(z32), linalg.softmaxRows(z64), "softmaxRows");
    const inPlace = linalg.dense32(3, 5, Float32Array.from(z32.data));
    same(linalg.softmaxRows(inPlace, inPlace), linalg.softmaxRows(z64), "softmaxRows in place");
    const b = Float32Array.of(1.5, -2, 0.25, 3, -1);
    same(linalg.addBias(linalg.dense32(3, 5, Float32Array.from(z32.data)), b), linalg.addBias(linalg.toDense64(z32), Float64Array.from(b)), "addBias");
    assert.deepEqual(Array.from(linalg.columnSums(g32)), Array.from(linalg.columnSums(g64)));
    assert.throws(() => linalg.reluMask(z32, g as never), /reluMask: g must hold a Float32Array like z, got a Float64Array/);
    assert.throws(() => linalg.relu(z32, g as never), /relu: out must hold a Float32Array like the input/);
    assert.throws(() => linalg.addBias(z32, new Float64Array(5) as never), /addBias: b must be a Float32Array of length 5/);
  });
});

describe("symmetricEigenDense", () => {
  it("agrees with ml-matrix's eigenvalues to 1e-12 relative, with residual and orthogonality at rounding level", () => {
    for (const n of [1, 2, 3, 17, 120]) {
      const g = rng(20 + n).normalMatrix(n, n);
      const a = Matrix.add(g, g.transpose());
      const { values, vectors } = linalg.symmetricEigenDense(linalg.fromMatrix(a));
      const reference = new EigenvalueDecomposition(a, { assumeSymmetric: true }).realEigenvalues.sort((x, y) => x - y);
      const scale = Math.max(...reference.map(Math.abs));
      // 1e-12 relative is the tolerance; measured ≤ 3e-15 (both are backward stable).
      values.forEach((v, i) => assert.ok(Math.abs(v - reference[i]) <= 1e-12 * scale, `n = ${n}: λ${i} = ${v} vs ${reference[i]}`));
      assert.deepEqual(Array.from(linalg.symmetricEigenDense(linalg.fromMatrix(a), { vectors: false }).values), Array.from(values));
      // Independent of ml-matrix: ‖AV − VΛ‖ and ‖VᵀV − I‖ (measured ≤ 2e-14 at n = 200; 1e-12 rejects a wrong rotation).
      const v = linalg.toMatrix(vectors!);
      const residual = Matrix.sub(a.mmul(v), v.mmul(Matrix.diag(Array.from(values)))).abs().max();
      const orthogonality = Matrix.sub(v.transpose().mmul(v), Matrix.eye(n)).abs().max();
      assert.ok(residual <= 1e-12 * scale, `n = ${n}: residual ${residual}`);
      assert.ok(orthogonality <= 1e-12, `n = ${n}: orthogonality ${orthogonality}`);
    }
  });

  it("gives ml-matrix's eigenvectors (up to sign) on a spectrum with unit gaps", () => {
    const n = 40;
    const q = rng(30).orthogonal(n);
    const a = q.mmul(Matrix.diag(Array.from({ length: n }, (_, i) => i - 10))).mmul(q.transpose());
    const mine = symmetricEigen(a);
    const evd = new EigenvalueDecomposition(a, { assumeSymmetric: true });
    const order = evd.realEigenvalues.map((_, i) => i).sort((i, j) => evd.realEigenvalues[i] - evd.realEigenvalues[j]);
    order.forEach((from, to) => {
      const x = mine.vectors.getColumn(to);
      const y = evd.eigenvectorMatrix.getColumn(from);
      const sign = Math.sign(x.reduce((s, xi, i) => s + xi * y[i], 0));
      // Eigenvector error ≈ ε‖A‖/gap ≈ 1e-14 here; 1e-12 rejects a wrong or unsorted vector.
      x.forEach((xi, i) => assert.ok(Math.abs(xi - sign * y[i]) <= 1e-12, `vector ${to}, entry ${i}`));
      assert.ok(Math.abs(mine.values[to] - (to - 10)) <= 1e-12 * 30);
    });
  });

  it("gives bitwise the same values and vectors from run to run (fixed summation order in the SIMD loops)", () => {
    const r = rng(33);
    for (const n of [1, 2, 7, 64, 101]) {
      const g = random(r, n, n);
      const a = gemm(g, g, undefined, { transA: true });
      const one = linalg.symmetricEigenDense(a);
      const two = linalg.symmetricEigenDense(a);
      assert.ok(one.values.every((v, i) => Object.is(v, two.values[i])), `n = ${n}: eigenvalues differ between runs`);
      assert.ok(one.vectors!.data.every((v, i) => Object.is(v, two.vectors!.data[i])), `n = ${n}: eigenvectors differ between runs`);
      const valuesOnly = linalg.symmetricEigenDense(a, { vectors: false }).values;
      // Without vectors the reduction skips the accumulation only: the same tridiagonal, so the same eigenvalues up to QL's rounding.
      assert.ok(valuesOnly.every((v, i) => Math.abs(v - one.values[i]) <= 1e-12 * Math.max(1, Math.abs(one.values[n - 1]))), `n = ${n}: values-only differs`);
    }
  });

  it("rejects a matrix that is not square or not finite", () => {
    assert.throws(() => linalg.symmetricEigenDense(dense(2, 3)), /must be square, got 2×3/);
    assert.throws(() => linalg.symmetricEigenDense(dense(2, 2, Float64Array.of(1, 0, NaN, 1))), /a\[1\]\[0\] must be finite, got NaN/);
  });
});

describe("matVec", () => {
  it("applies a fixed matrix like the naive loop, with α and β, on shapes around its 4-row and 4-column groups", () => {
    const r = rng(40);
    for (const [m, n] of [[1, 1], [3, 2], [4, 4], [5, 7], [9, 10], [64, 33], [101, 100]]) {
      const a = random(r, m, n);
      const op = linalg.matVec(a);
      const x = r.normalVector(n);
      const y0 = r.normalVector(m);
      const y = op.apply(x, Float64Array.from(y0), { alpha: 1.3, beta: -0.4 });
      const plain = op.apply(x);
      for (let i = 0; i < m; i++) {
        let s = 0;
        let scale = 0;
        for (let j = 0; j < n; j++) {
          s += a.data[i * n + j] * x[j];
          scale += Math.abs(a.data[i * n + j] * x[j]);
        }
        assert.ok(Math.abs(y[i] - (1.3 * s - 0.4 * y0[i])) <= 1e-13 * n * (1.3 * scale + 0.4 * Math.abs(y0[i])), `${m}×${n} entry ${i}`);
        assert.ok(Math.abs(plain[i] - s) <= 1e-13 * n * scale, `${m}×${n} entry ${i}, α = 1, β = 0`);
      }
    }
    assert.throws(() => linalg.matVec(dense(2, 3)).apply(new Float64Array(2)), /matVec.apply: x \(A is 2×3\) must have length 3, got length 2/);
  });

  it("keeps its own copy: changing A afterwards changes nothing, and many operators coexist", () => {
    const a = dense(2, 2, Float64Array.of(1, 2, 3, 4));
    const ops = Array.from({ length: 50 }, (_, i) => linalg.matVec(dense(2, 2, Float64Array.of(i, 0, 0, i))));
    const op = linalg.matVec(a);
    a.data.fill(0);
    assert.deepEqual(Array.from(op.apply(Float64Array.of(1, 1))), [3, 7]);
    ops.forEach((o, i) => assert.deepEqual(Array.from(o.apply(Float64Array.of(1, 2))), [i, 2 * i]));
  });
});
