/**
 * C ← α·op(A)·op(B) + β·C on dense row-major operands: the one place where the speed of
 * dense products lives. Large products run in WebAssembly (128-bit SIMD, packed blocks, a
 * 4×4 register tile, rows split between threads); small ones in WebAssembly on one thread
 * without packing, in an unshared memory; tiny ones in plain JavaScript, where the call
 * costs less. All compute every output element in the same order (see KC), so the result
 * is bitwise the same whichever path, thread count or run. `gemm32` does the same in float32.
 * @module
 */
import { allFinite, assertDense, assertDense32, assertOptions, overflow, type Dense, type Dense32 } from "./dense";
import { defaultThreads, getEngine, getLocal, MAX_THREADS, PARAM, runJob, workspace } from "./engine";

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
 * Measured with the packed path; the direct path that now runs above it costs less, so the
 * crossover is at most here (not re-measured: the machine was too loaded to resolve it).
 */
const WASM_MIN_WORK = 11 ** 3;
/**
 * From this many multiply-adds on, a product is packed and split between threads; below it,
 * the direct path runs on the calling thread (for a 20×20 product the packing cost 0.3 µs of
 * 1.6 µs, CPU time, and a worker's wake-up more than the product).
 */
const THREADS_MIN_WORK = 1 << 18;

function overlaps(x: Float64Array | Float32Array, y: Float64Array | Float32Array) {
  if (x.buffer !== y.buffer) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

const name = (x: string, t: boolean) => (t ? `${x}ᵀ` : x);
const make64 = (rows: number, cols: number): Dense => ({ rows, cols, data: new Float64Array(rows * cols) });
const make32 = (rows: number, cols: number): Dense32 => ({ rows, cols, data: new Float32Array(rows * cols) });

/** The checked arguments of a product: op(A) is m × k, op(B) is k × n. */
interface Product<T> {
  c: T;
  transA: boolean;
  transB: boolean;
  alpha: number;
  beta: number;
  m: number;
  n: number;
  k: number;
  threads: number;
}

/** The argument names of `gemm` and `gemm32` in error messages (made once: a product may take a microsecond). */
const NAMES = { gemm: { A: "gemm: A", B: "gemm: B", C: "gemm: C" }, gemm32: { A: "gemm32: A", B: "gemm32: B", C: "gemm32: C" } } as const;
const UNCHECKED = { finite: false } as const;
const CHECKED = { finite: true } as const;

/**
 * Checks the operands and options of `gemm` or `gemm32` (`what`), and makes C when it is
 * omitted. Allocates nothing when C is given (the garbage of a call per microsecond costs
 * collections, measured several µs per product in a heap full of objects).
 */
function product<T extends Dense | Dense32>(what: "gemm" | "gemm32", check: typeof assertDense | typeof assertDense32, make: (rows: number, cols: number) => T, a: T, b: T, c: T | undefined, options: GemmOptions): Product<T> {
  const names = NAMES[what];
  // Entries are checked only if the result is not finite (a non-finite entry reaches every entry of a non-empty one).
  check(names.A, a, UNCHECKED);
  check(names.B, b, UNCHECKED);
  assertOptions(what, options);
  const { transA = false, transB = false, alpha = 1, beta = 0 } = options ?? {};
  if (!Number.isFinite(alpha)) throw new Error(`${what}: alpha must be a finite number, got ${alpha}`);
  if (!Number.isFinite(beta)) throw new Error(`${what}: beta must be a finite number, got ${beta}`);
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const kB = transB ? b.cols : b.rows;
  const n = transB ? b.rows : b.cols;
  if (k !== kB) {
    throw new Error(`${what}: ${name("A", transA)} is ${m}×${k} but ${name("B", transB)} is ${kB}×${n}: the inner dimensions ${k} and ${kB} differ`);
  }
  // An empty result (m·n = 0) is finite whatever the entries: they are checked here instead.
  if (m === 0 || n === 0) (check(names.A, a, CHECKED), check(names.B, b, CHECKED));
  if (c === undefined) c = make(m, n);
  else {
    check(names.C, c, beta !== 0 ? CHECKED : UNCHECKED); // with β = 0, C's previous content is not read
    if (c.rows !== m || c.cols !== n) throw new Error(`${what}: C must be ${m}×${n} (the shape of ${name("A", transA)}·${name("B", transB)}), got ${c.rows}×${c.cols}`);
    if (overlaps(c.data, a.data) || overlaps(c.data, b.data)) throw new Error(`${what}: C must not share memory with A or B`);
  }
  const threads = options?.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`${what}: threads must be an integer ≥ 1, got ${threads}`);
  const p = args as Product<T>;
  p.c = c;
  p.transA = transA;
  p.transB = transB;
  p.alpha = alpha;
  p.beta = beta;
  p.m = m;
  p.n = n;
  p.k = k;
  p.threads = threads;
  return p;
}
const NONE: Dense = { rows: 0, cols: 0, data: new Float64Array(0) };
/** The one Product record, reused by every call (a product runs to completion before the next starts). */
const args: Product<Dense | Dense32> = { c: NONE, transA: false, transB: false, alpha: 1, beta: 0, m: 0, n: 0, k: 0, threads: 1 };
/** Lets go of the record's C (so that it does not keep the last result alive); returns it. */
function done<T>(c: T): T {
  args.c = NONE;
  return c;
}

/**
 * C ← α·op(A)·op(B) + β·C, where op(X) is X or Xᵀ; returns C (a new m × n matrix when C is
 * omitted). op(A) is m × k and op(B) is k × n.
 * @throws when the shapes do not match, an entry is not finite, C shares memory with A or B, α or β is not finite, or the result overflows
 */
export function gemm(a: Dense, b: Dense, c?: Dense, options: GemmOptions = {}): Dense {
  const p = product("gemm", assertDense, make64, a, b, c, options);
  const { m, n, k } = p;
  const out = p.c;
  if (m === 0 || n === 0) return done(out);
  const work = m * n * k;
  let finite: boolean;
  if (work < WASM_MIN_WORK) {
    gemmJs(a, b, p);
    finite = allFinite(out.data);
  } else if (work < THREADS_MIN_WORK) finite = gemmDirect(a, b, p);
  else finite = gemmPacked(a, b, p, false);
  done(out);
  if (!finite) {
    assertDense("gemm: A", a);
    assertDense("gemm: B", b);
    throw overflow("gemm: α·op(A)·op(B) + β·C");
  }
  return out;
}

/**
 * C ← α·op(A)·op(B) + β·C in float32 on `Dense32` operands (α and β rounded to float32);
 * returns C (new when omitted). Every element is summed in increasing k by a float32 multiply
 * then a float32 add, in blocks of KC, as `gemm` does in float64 (WebAssembly with four
 * float32 lanes, a 4×8 register tile): bitwise the same whatever the thread count. Every
 * size takes the packed path (no direct or JavaScript path for small float32 products yet).
 * @throws when the shapes do not match, an entry is not finite, C shares memory with A or B, α or β is not finite, or the result leaves the float32 range
 */
export function gemm32(a: Dense32, b: Dense32, c?: Dense32, options: GemmOptions = {}): Dense32 {
  const p = product("gemm32", assertDense32, make32, a, b, c, options);
  const out = p.c;
  if (p.m === 0 || p.n === 0) return done(out);
  const finite = gemmPacked(a, b, p, true);
  done(out);
  if (!finite) {
    assertDense32("gemm32: A", a);
    assertDense32("gemm32: B", b);
    throw new Error("gemm32: α·op(A)·op(B) + β·C overflows the float32 range (an entry beyond ±3.4e38)");
  }
  return out;
}

/** The JavaScript path, in the summation order of KC. */
function gemmJs(a: Dense, b: Dense, { c, transA, transB, alpha, beta, m, n, k }: Product<Dense>) {
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

/**
 * The small-product path: A, op(B) (row-major; transposed while copied when transB) and C
 * copied into the unshared memory, one thread, no packing (the kernel reads A and B in place,
 * with the tiles and summation order of the packed path). Returns whether C is finite.
 */
function gemmDirect(a: Dense, b: Dense, { c, transA, transB, alpha, beta, m, n, k }: Product<Dense>): boolean {
  const e = getLocal();
  const bytesA = align(8 * a.data.length);
  const bytesB = align(8 * k * n + 24); // a tile cut by the right edge reads up to 3 entries past op(B)'s end
  const offA = workspace(e, bytesA + bytesB + 8 * m * n);
  const offB = offA + bytesA;
  const offC = offB + bytesB;
  const heap = e.heap; // after workspace(), which may grow (and so replace) the memory
  heap.set(a.data, offA / 8);
  if (!transB) heap.set(b.data, offB / 8);
  else {
    const B = b.data;
    const ld = b.cols;
    let at = offB / 8;
    for (let l = 0; l < k; l++) for (let j = 0; j < n; j++) heap[at++] = B[j * ld + l];
  }
  if (beta !== 0) heap.set(c.data, offC / 8);
  e.kernels.gemmDirect(offA, transA ? 1 : a.cols, transA ? a.cols : 1, offB, n, offC, n, m, n, k, KC, alpha, beta, 0);
  const finite = e.kernels.allFinite(offC, m * n) === 1;
  // The view of C's slot is kept while the slot and the memory stay the same (repeated
  // products of one shape then allocate nothing here).
  if (directOut.buffer !== heap.buffer || directOut.byteOffset !== offC || directOut.length !== m * n) directOut = heap.subarray(offC / 8, offC / 8 + m * n);
  c.data.set(directOut);
  return finite;
}
let directOut = new Float64Array(0);

/**
 * The packed path (float64, or float32 with `f32`): operands copied into the shared memory,
 * op(B) packed once, strips of rows to the threads. Returns whether C is finite.
 */
function gemmPacked<T extends Dense | Dense32>(a: T, b: T, { c, transA, transB, alpha, beta, m, n, k, threads }: Product<T>, f32: boolean): boolean {
  const e = getEngine();
  const size = f32 ? 4 : 8;
  const width = f32 ? 8 : 4; // columns of op(B) per packed panel
  // Strips of 64 rows; taller ones past 64·MAX_STRIPS rows, since the claim word counts strips in 16 bits.
  const stripRows = m <= STRIP_ROWS * MAX_STRIPS ? STRIP_ROWS : 4 * Math.ceil(m / (4 * MAX_STRIPS));
  const strips = Math.ceil(m / stripRows);
  const used = m * n * k >= THREADS_MIN_WORK ? Math.min(threads, strips, MAX_THREADS) : 1;
  // One block: copies of A, B, C, packed op(B), and a packed strip of op(A) per thread.
  const bytesA = align(size * a.data.length);
  const bytesB = align(size * b.data.length);
  const bytesC = align(size * m * n);
  const bytesBp = align(size * width * Math.ceil(n / width) * k);
  const apStride = align(size * stripRows * k);
  const offA = workspace(e, bytesA + bytesB + bytesC + bytesBp + used * apStride);
  const offB = offA + bytesA;
  const offC = offB + bytesB;
  const offBp = offC + bytesC;
  const heap = f32 ? e.heap32 : e.heap; // after workspace(), which may grow the memory
  heap.set(a.data, offA / size);
  heap.set(b.data, offB / size);
  if (beta !== 0) heap.set(c.data, offC / size);
  // op(B)ᵀ packed as an A: panels of op(B)'s columns.
  const [brs, bcs] = transB ? [b.cols, 1] : [1, b.cols];
  if (f32) e.kernels.packPanels32(offB, brs, bcs, n, k, offBp, width);
  else e.kernels.packA(offB, brs, bcs, n, k, offBp);
  const p = e.params;
  p[PARAM.f32] = f32 ? 1 : 0;
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
  const finite = (f32 ? e.kernels.allFinite32(offC, m * n) : e.kernels.allFinite(offC, m * n)) === 1;
  c.data.set(heap.subarray(offC / size, offC / size + m * n) as Float64Array & Float32Array);
  return finite;
}
