/**
 * C ← α·op(A)·op(B) + β·C on dense row-major operands: the one place where the speed of
 * dense products lives. Large products run in WebAssembly (128-bit SIMD, packed blocks, a
 * 4×4 register tile, rows split between threads); tiny ones in plain JavaScript, where the
 * call costs less. Both compute every output element in the same order (see KC), so the
 * result is bitwise the same whichever path, thread count or run.
 * @module
 */
import { allFinite, assertDense, assertOptions, overflow, type Dense } from "./dense";
import { defaultThreads, getEngine, MAX_THREADS, PARAM, runJob, workspace } from "./engine";

/** Options of `gemm`. */
export interface GemmOptions {
  /** Use Aᵀ for A (default false). */
  transA?: boolean;
  /** Use Bᵀ for B (default false). */
  transB?: boolean;
  /** α (default 1). */
  alpha?: number;
  /** β (default 0; with β = 0 the previous content of C is ignored, NaN included, as in BLAS). */
  beta?: number;
  /** Threads for a large product (default: LANDSCAPE_THREADS, else min(2, cores)). The result does not depend on it. */
  threads?: number;
}

/**
 * The k loop runs in blocks of KC: every element is s_b = Σ_{k in block b} a·b summed in
 * increasing k (a multiply, then an add), then C ← β·C + α·s_0 and C ← C + α·s_b for the
 * later blocks (C + α·s_0 when β = 1, α·s_0 when β = 0). Both paths follow this order.
 */
export const KC = 256;
/** Rows per strip: the unit of work a thread claims (a multiple of the 4-row tile). */
const STRIP_ROWS = 64;
/** At most this many strips per product (the claim word's index is 16 bits, 0xffff meaning closed). */
const MAX_STRIPS = 0x7fff;
/**
 * Below this many multiply-adds (m·n·k) the JavaScript path is used: the copies and packing
 * of the WebAssembly path cost about 2 µs (measured, CPU time: square products of 8³ took
 * 1.2 µs in JavaScript and 2.3 µs in WebAssembly, 10³ 1.9 and 2.5 µs, 12³ 3.3 and 1.8 µs).
 */
const WASM_MIN_WORK = 11 ** 3;
/** From this many multiply-adds on, a product is split between threads. */
const THREADS_MIN_WORK = 1 << 18;

function opShape(a: Dense, trans: boolean) {
  return trans ? { rows: a.cols, cols: a.rows } : { rows: a.rows, cols: a.cols };
}

function overlaps(x: Float64Array, y: Float64Array) {
  if (x.buffer !== y.buffer) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/**
 * C ← α·op(A)·op(B) + β·C, where op(X) is X or Xᵀ; returns C (a new m × n matrix when C is
 * omitted). op(A) is m × k and op(B) is k × n.
 * @throws when the shapes do not match, an entry is not finite, C shares memory with A or B, α or β is not finite, or the result overflows
 */
export function gemm(a: Dense, b: Dense, c?: Dense, options: GemmOptions = {}): Dense {
  // Entries are checked only if the result is not finite (a non-finite entry always reaches it).
  assertDense("gemm: A", a, { finite: false });
  assertDense("gemm: B", b, { finite: false });
  assertOptions("gemm", options);
  const { transA = false, transB = false, alpha = 1, beta = 0 } = options ?? {};
  if (!Number.isFinite(alpha)) throw new Error(`gemm: alpha must be a finite number, got ${alpha}`);
  if (!Number.isFinite(beta)) throw new Error(`gemm: beta must be a finite number, got ${beta}`);
  const opA = opShape(a, transA);
  const opB = opShape(b, transB);
  const name = (x: string, t: boolean) => (t ? `${x}ᵀ` : x);
  if (opA.cols !== opB.rows) {
    throw new Error(`gemm: ${name("A", transA)} is ${opA.rows}×${opA.cols} but ${name("B", transB)} is ${opB.rows}×${opB.cols}: the inner dimensions ${opA.cols} and ${opB.rows} differ`);
  }
  const m = opA.rows;
  const n = opB.cols;
  const k = opA.cols;
  if (c === undefined) c = { rows: m, cols: n, data: new Float64Array(m * n) };
  else {
    assertDense("gemm: C", c, { finite: beta !== 0 }); // with β = 0, C's previous content is not read
    if (c.rows !== m || c.cols !== n) throw new Error(`gemm: C must be ${m}×${n} (the shape of ${name("A", transA)}·${name("B", transB)}), got ${c.rows}×${c.cols}`);
    if (overlaps(c.data, a.data) || overlaps(c.data, b.data)) throw new Error("gemm: C must not share memory with A or B");
  }
  if (m === 0 || n === 0) return c;
  const threads = options?.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`gemm: threads must be an integer ≥ 1, got ${threads}`);
  if (m * n * k < WASM_MIN_WORK) gemmJs(a, b, c, transA, transB, alpha, beta, m, n, k);
  else gemmWasm(a, b, c, transA, transB, alpha, beta, m, n, k, m * n * k >= THREADS_MIN_WORK ? threads : 1);
  if (!allFinite(c.data)) {
    assertDense("gemm: A", a);
    assertDense("gemm: B", b);
    throw overflow("gemm: α·op(A)·op(B) + β·C");
  }
  return c;
}

/** The JavaScript path, in the summation order of KC. */
function gemmJs(a: Dense, b: Dense, c: Dense, transA: boolean, transB: boolean, alpha: number, beta: number, m: number, n: number, k: number) {
  const A = a.data;
  const B = b.data;
  const C = c.data;
  const [ars, acs] = transA ? [1, a.cols] : [a.cols, 1];
  const [brs, bcs] = transB ? [1, b.cols] : [b.cols, 1];
  if (k === 0) {
    for (let i = 0; i < m * n; i++) C[i] = beta === 0 ? 0 : beta * C[i];
    return;
  }
  for (let k0 = 0; k0 < k; k0 += KC) {
    const k1 = Math.min(k, k0 + KC);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        let ia = i * ars + k0 * acs;
        let ib = k0 * brs + j * bcs;
        for (let l = k0; l < k1; l++) {
          s += A[ia] * B[ib];
          ia += acs;
          ib += brs;
        }
        const at = i * n + j;
        if (k0 > 0 || beta === 1) C[at] = C[at] + alpha * s;
        else if (beta === 0) C[at] = alpha * s;
        else C[at] = beta * C[at] + alpha * s;
      }
    }
  }
}

const align = (bytes: number) => Math.ceil(bytes / 64) * 64;

/** The WebAssembly path: operands copied into the shared memory, op(B) packed once, strips of rows to the threads. */
function gemmWasm(a: Dense, b: Dense, c: Dense, transA: boolean, transB: boolean, alpha: number, beta: number, m: number, n: number, k: number, threads: number) {
  const e = getEngine();
  // Strips of 64 rows; taller ones past 64·MAX_STRIPS rows, since the claim word counts strips in 16 bits.
  const stripRows = m <= STRIP_ROWS * MAX_STRIPS ? STRIP_ROWS : 4 * Math.ceil(m / (4 * MAX_STRIPS));
  const strips = Math.ceil(m / stripRows);
  const used = Math.min(threads, strips, MAX_THREADS);
  // One block: copies of A, B, C, packed op(B), and a packed strip of op(A) per thread.
  const bytesA = align(8 * a.data.length);
  const bytesB = align(8 * b.data.length);
  const bytesC = align(8 * m * n);
  const bytesBp = align(8 * 4 * Math.ceil(n / 4) * k);
  const apStride = align(8 * stripRows * k);
  const offA = workspace(e, bytesA + bytesB + bytesC + bytesBp + used * apStride);
  const offB = offA + bytesA;
  const offC = offB + bytesB;
  const offBp = offC + bytesC;
  const heap = e.heap; // after workspace(), which may grow the memory
  heap.set(a.data, offA / 8);
  heap.set(b.data, offB / 8);
  if (beta !== 0) heap.set(c.data, offC / 8);
  // op(B)ᵀ packed as an A: panels of op(B)'s columns.
  if (transB) e.kernels.packA(offB, b.cols, 1, n, k, offBp);
  else e.kernels.packA(offB, 1, b.cols, n, k, offBp);
  const p = e.params;
  p[PARAM.a] = offA;
  p[PARAM.ars] = transA ? 1 : a.cols;
  p[PARAM.acs] = transA ? a.cols : 1;
  p[PARAM.ap] = offBp + bytesBp;
  p[PARAM.apStride] = apStride;
  p[PARAM.threads] = used;
  p[PARAM.bp] = offBp;
  p[PARAM.c] = offC;
  p[PARAM.ldc] = n;
  p[PARAM.m] = m;
  p[PARAM.n] = n;
  p[PARAM.k] = k;
  p[PARAM.kc] = KC;
  p[PARAM.alpha] = alpha;
  p[PARAM.beta] = beta;
  p[PARAM.strips] = strips;
  p[PARAM.stripRows] = stripRows;
  p[PARAM.scratch] = 0; // each thread's edge-tile scratch at thread·SCRATCH_BYTES, below the allocated blocks
  runJob(e, used);
  c.data.set(heap.subarray(offC / 8, offC / 8 + m * n));
}
