/**
 * The WebAssembly engine behind `gemm`: the AssemblyScript kernels (lib/assembly/kernels.ts,
 * compiled to kernels.wasm by `npm run build`), one shared `WebAssembly.Memory`, and a pool
 * of worker threads that run row strips of a product on that same memory.
 *
 * Loaded synchronously on first use (tslab `require`s modules), and only then. The workers
 * are `unref`ed: they never keep a script or a kernel alive. Work is split into strips that
 * the threads claim one at a time; a strip that no worker has claimed yet is run by the
 * calling thread, so a product never waits for a worker to start.
 *
 * Small products and the resident matrices of `matVec` use a second instance on an unshared
 * memory (`getLocal`, kernels-local.wasm): copies into and out of it cost about 3.5 times less
 * than into shared memory, which matters when the product itself takes a microsecond.
 *
 * Engine state (the memories, the instances, the pool) is process-wide by necessity; it holds
 * no numbers between calls.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";

/** The kernels' exports (addresses are byte offsets into the shared memory). */
export interface Kernels {
  packA(src: number, rs: number, cs: number, m: number, k: number, dst: number): void;
  gemmStrip(ap: number, bp: number, c: number, ldc: number, m: number, n: number, k: number, kc: number, alpha: number, beta: number, scratch: number): void;
  gemmDirect(a: number, ars: number, acs: number, b: number, ldb: number, c: number, ldc: number, m: number, n: number, k: number, kc: number, alpha: number, beta: number, scratch: number): void;
  allFinite(p: number, n: number): number;
  packPanels32(src: number, rs: number, cs: number, m: number, k: number, dst: number, w: number): void;
  gemmStrip32(ap: number, bp: number, c: number, ldc: number, m: number, n: number, k: number, kc: number, alpha: number, beta: number, scratch: number): void;
  allFinite32(p: number, n: number): number;
  gemvN(a: number, lda: number, m: number, n: number, x: number, y: number, alpha: number, beta: number): void;
  rotateRows(w: number, n: number, from: number, to: number, cs: number, ss: number): void;
  tredSymv(w: number, n: number, i: number, d: number, e: number): void;
  tredRank2(w: number, n: number, i: number, d: number, e: number): void;
  tredAccumulate(w: number, n: number, i: number, d: number): void;
}

/** Slots of the control block shared with the workers (Int32 indices, then float64 parameters). */
export const CONTROL = {
  /** Job generation; a worker sleeps on it. */
  generation: 0,
  /** (generation & 0x7fff) << 16 | next strip index: claimed with compareExchange (index < 0xffff). */
  claim: 1,
  /** Strips finished in the current job. */
  done: 2,
  /** Strips run by workers since the engine started (never reset): shows that the workers do run. */
  workerStrips: 3,
  /** Strips of the current job lost by a worker that threw while running them (worker.ts): each stays undone. */
  failed: 4,
  /** Int32 length of the header; float64 parameters follow at byte HEADER_BYTES. */
  int32s: 16,
} as const;
/** Float64 parameter slots after the header. */
export const PARAM = { ap: 0, apStride: 1, bp: 2, c: 3, ldc: 4, m: 5, n: 6, k: 7, kc: 8, alpha: 9, beta: 10, strips: 11, stripRows: 12, a: 13, ars: 14, acs: 15, scratch: 16, threads: 17, f32: 18, count: 19 } as const;
const HEADER_BYTES = CONTROL.int32s * 4;

const PAGE = 65536;
/** Bytes reserved at the start of memory for each thread's 4×4 edge-tile scratch (128 bytes each). */
const SCRATCH_BYTES = 128;
/** At most this many threads share a product (each has its own scratch area). */
export const MAX_THREADS = 64;

/** A WebAssembly memory with its kernels and the bookkeeping of its blocks. */
export interface Arena {
  kernels: Kernels;
  memory: WebAssembly.Memory;
  /** Float64 and float32 views of the whole memory, remade when the memory grows. */
  heap: Float64Array;
  heap32: Float32Array;
  /** Free blocks [offset, bytes) of the memory past the scratch areas, by increasing offset. */
  free: [number, number][];
  /** Sizes of the blocks handed out, by offset. */
  used: Map<number, number>;
  /** The block `workspace` keeps from call to call. */
  scratch?: { offset: number; bytes: number };
}

/** The shared memory, its kernels and the control block of the worker pool. */
export interface Engine extends Arena {
  control: SharedArrayBuffer;
  /** Views of the control block, made once (a view per call costs garbage collection). */
  ctl: Int32Array;
  params: Float64Array;
}

let engine: Engine | undefined;
let local: Arena | undefined;
let workers: { worker: Worker; thread: number }[] = []; // the live workers, each with its thread number (its packing buffer and scratch area)
let workerErrorReported = false;

/** The number of gemm strips the worker threads have run since the engine started (0 before any threaded product). */
export function workerStrips(): number {
  return engine ? Atomics.load(engine.ctl, CONTROL.workerStrips) : 0;
}

/** Instantiates the kernels on `memory` (also used by the workers). */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): Kernels {
  const abort = () => {
    throw new Error("linalg kernels: abort");
  };
  return new WebAssembly.Instance(module, { env: { memory, abort } }).exports as unknown as Kernels;
}

/**
 * A file that the build puts beside the compiled engine (kernels.wasm, worker.js): next to this
 * module in lib/dist/linalg, or there when this module runs from its TypeScript source
 * (lib/src/linalg under tsx, as `npm run mutate` runs it).
 */
function builtFile(name: string): string {
  const beside = join(__dirname, name);
  return existsSync(beside) ? beside : join(__dirname, "..", "..", "dist", "linalg", name);
}

const compiled = new Map<string, WebAssembly.Module>();
function wasmModule(file = "kernels.wasm"): WebAssembly.Module {
  let module = compiled.get(file);
  if (!module) {
    const path = builtFile(file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new Error(`linalg: ${path} is missing; run \`npm run build\` (it compiles lib/assembly/kernels.ts with AssemblyScript)`);
    }
    // Compile this small module with the optimizing compiler at once. With V8's default dynamic
    // tiering a function first runs as baseline (Liftoff) code, whose SIMD is several times
    // slower, until it has been called often enough: thousands of small products (measured: a
    // 20×20 product took 7–15 µs of CPU for its first ~10,000 calls, 3 µs after). The default is
    // restored at once, so other modules (highs) compile as usual.
    setFlagsFromString("--no-wasm-dynamic-tiering");
    try {
      module = new WebAssembly.Module(bytes);
    } finally {
      setFlagsFromString("--wasm-dynamic-tiering");
    }
    compiled.set(file, module);
  }
  return module;
}

/** The Int32 header and the float64 parameters of a control block. */
export function controlViews(control: SharedArrayBuffer): { ctl: Int32Array; params: Float64Array } {
  return { ctl: new Int32Array(control, 0, CONTROL.int32s), params: new Float64Array(control, HEADER_BYTES, PARAM.count) };
}

/** The engine, created on first use. */
export function getEngine(): Engine {
  if (!engine) {
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true });
    const heapStart = SCRATCH_BYTES * MAX_THREADS;
    const control = new SharedArrayBuffer(HEADER_BYTES + 8 * PARAM.count);
    engine = {
      kernels: instantiate(wasmModule(), memory),
      memory,
      control,
      ...controlViews(control),
      heap: new Float64Array(memory.buffer),
      heap32: new Float32Array(memory.buffer),
      free: [[heapStart, memory.buffer.byteLength - heapStart]],
      used: new Map(),
    };
  }
  return engine;
}

/**
 * The arena on an unshared memory, created on first use: for work on the calling thread only
 * (the first SCRATCH_BYTES are its edge-tile scratch). Its memory's buffer is replaced when it
 * grows, so views of it must be taken from `heap` after any `allocate` or `workspace`.
 */
export function getLocal(): Arena {
  if (!local) {
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 65536 });
    local = {
      kernels: instantiate(wasmModule("kernels-local.wasm"), memory),
      memory,
      heap: new Float64Array(memory.buffer),
      heap32: new Float32Array(memory.buffer),
      free: [[SCRATCH_BYTES, memory.buffer.byteLength - SCRATCH_BYTES]],
      used: new Map(),
    };
  }
  return local;
}

/**
 * A block of at least `bytes` bytes of the shared memory (64-byte aligned, first fit), growing
 * the memory when no free block is large enough; give it back with `release`.
 */
export function allocate(e: Arena, bytes: number): number {
  const size = Math.max(64, Math.ceil(bytes / 64) * 64);
  let index = e.free.findIndex(([, free]) => free >= size);
  if (index < 0) {
    const end = e.memory.buffer.byteLength;
    const last = e.free[e.free.length - 1];
    const tail = last && last[0] + last[1] === end ? last[1] : 0;
    const pages = Math.ceil((size - tail) / PAGE);
    if (end / PAGE + pages > 65536) throw new Error(`linalg: the operands need ${bytes} more bytes, past WebAssembly's 4 GiB`);
    e.memory.grow(pages);
    e.heap = new Float64Array(e.memory.buffer);
    e.heap32 = new Float32Array(e.memory.buffer);
    if (tail > 0) last[1] += pages * PAGE;
    else e.free.push([end, pages * PAGE]);
    index = e.free.length - 1;
  }
  const block = e.free[index];
  const offset = block[0];
  if (block[1] === size) e.free.splice(index, 1);
  else {
    block[0] += size;
    block[1] -= size;
  }
  e.used.set(offset, size);
  return offset;
}

/** Gives back a block from `allocate`, merged with free neighbours. */
export function release(e: Arena, offset: number): void {
  const size = e.used.get(offset);
  if (size === undefined) throw new Error(`linalg: no block at ${offset}`);
  e.used.delete(offset);
  let index = e.free.findIndex(([at]) => at > offset);
  if (index < 0) index = e.free.length;
  e.free.splice(index, 0, [offset, size]);
  const next = e.free[index + 1];
  if (next && offset + size === next[0]) {
    e.free[index][1] += next[1];
    e.free.splice(index + 1, 1);
  }
  const prev = e.free[index - 1];
  if (prev && prev[0] + prev[1] === offset) {
    prev[1] += e.free[index][1];
    e.free.splice(index, 1);
  }
}

/** The number of threads a product uses by default: LANDSCAPE_THREADS, else min(2, the cores available). */
export function defaultThreads(): number {
  if (threadsDefault === undefined) {
    // Read once: process.env is slow to read, and a product may take only a microsecond.
    const env = Number(process.env.LANDSCAPE_THREADS);
    threadsDefault = Number.isInteger(env) && env >= 1 ? Math.min(env, MAX_THREADS) : Math.min(2, availableParallelism());
  }
  return threadsDefault;
}
let threadsDefault: number | undefined;

/**
 * The block of an arena for one product's operands, kept from call to call (allocating costs
 * more than a 20×20 product); only the calling thread uses it between two calls, so one block
 * per arena is enough.
 */
export function workspace(e: Arena, bytes: number): number {
  if (!e.scratch || e.scratch.bytes < bytes) {
    if (e.scratch) release(e, e.scratch.offset);
    e.scratch = { offset: allocate(e, bytes), bytes };
  }
  return e.scratch.offset;
}

/**
 * Starts a worker for each thread number 1 … `count` that no live worker has (each one unref'ed, so
 * it never keeps the process alive). A thread number owns a packing buffer and a scratch area, so
 * two live workers must never share one (after a worker's failure, numbering by the pool's length
 * gave its replacement the number of a worker still running); and a job on `count` + 1 threads
 * runs only on workers 1 … `count` (counting the pool instead left a job without worker 1 when it
 * had died and workers 2 and 3 lived).
 */
function ensureWorkers(e: Engine, count: number) {
  for (let thread = 1; thread <= count; thread++) {
    if (workers.some((w) => w.thread === thread)) continue;
    const worker = new Worker(builtFile("worker.js"), {
      workerData: { module: wasmModule(), memory: e.memory, control: e.control, thread },
    });
    worker.unref();
    const entry = { worker, thread };
    // A worker that dies or ends leaves its strips to the calling thread and its number free; start afresh next time.
    const leave = () => void (workers = workers.filter((w) => w !== entry));
    worker.on("error", (error) => {
      leave();
      if (!workerErrorReported) {
        workerErrorReported = true; // once: a broken build would otherwise warn at every product
        process.emitWarning(`landscape linalg: a worker thread failed (${error.message}); products run on the calling thread`);
      }
    });
    worker.on("exit", leave);
    workers.push(entry);
  }
}

/** Runs the strips of one job from a thread: claims strips until none is left. */
export function runStrips(kernels: Kernels, ctl: Int32Array, p: Float64Array, thread: number, generation: number): void {
  const strips = p[PARAM.strips];
  if (thread >= p[PARAM.threads]) return; // a worker beyond this job's thread count: no buffer of its own
  const tag = (generation & 0x7fff) << 16;
  const ap = p[PARAM.ap] + thread * p[PARAM.apStride];
  const scratch = p[PARAM.scratch] + thread * SCRATCH_BYTES;
  for (;;) {
    const v = Atomics.load(ctl, CONTROL.claim);
    if ((v & ~0xffff) !== tag) return;
    const index = v & 0xffff;
    if (index >= strips) return;
    if (Atomics.compareExchange(ctl, CONTROL.claim, v, v + 1) !== v) continue;
    const rows = p[PARAM.stripRows];
    const i0 = index * rows;
    const m = Math.min(rows, p[PARAM.m] - i0);
    const k = p[PARAM.k];
    if (p[PARAM.f32]) {
      kernels.packPanels32(p[PARAM.a] + 4 * i0 * p[PARAM.ars], p[PARAM.ars], p[PARAM.acs], m, k, ap, 4);
      kernels.gemmStrip32(ap, p[PARAM.bp], p[PARAM.c] + 4 * i0 * p[PARAM.ldc], p[PARAM.ldc], m, p[PARAM.n], k, p[PARAM.kc], p[PARAM.alpha], p[PARAM.beta], scratch);
    } else {
      kernels.packA(p[PARAM.a] + 8 * i0 * p[PARAM.ars], p[PARAM.ars], p[PARAM.acs], m, k, ap);
      kernels.gemmStrip(ap, p[PARAM.bp], p[PARAM.c] + 8 * i0 * p[PARAM.ldc], p[PARAM.ldc], m, p[PARAM.n], k, p[PARAM.kc], p[PARAM.alpha], p[PARAM.beta], scratch);
    }
    if (thread > 0) Atomics.add(ctl, CONTROL.workerStrips, 1); // before `done`: counted once the caller returns
    Atomics.add(ctl, CONTROL.done, 1);
    if (thread > 0) Atomics.notify(ctl, CONTROL.done);
  }
}

let generation = 0;

/**
 * Runs a job whose parameters are already written in the control block, on `threads`
 * threads (the caller and threads − 1 workers), and returns when every strip is done. Throws
 * when a worker threw in a strip it had claimed (the product is then incomplete), once no
 * other strip of the job is still running.
 */
export function runJob(e: Engine, threads: number): void {
  const ctl = e.ctl;
  const strips = e.params[PARAM.strips];
  generation = (generation + 1) & 0x7fff;
  Atomics.store(ctl, CONTROL.done, 0);
  Atomics.store(ctl, CONTROL.failed, 0);
  Atomics.store(ctl, CONTROL.claim, generation << 16);
  if (threads > 1 && strips > 1) {
    ensureWorkers(e, threads - 1);
    Atomics.store(ctl, CONTROL.generation, generation);
    Atomics.notify(ctl, CONTROL.generation);
  }
  runStrips(e.kernels, ctl, e.params, 0, generation);
  // Every strip is claimed; wait for the ones a worker is still running: spin a little (the
  // strip is being computed right now), then sleep until a worker says it finished one.
  // A worker that throws in a strip it claimed (its 'error' event cannot reach this thread while
  // it waits here) says so in `failed`: that strip will never be done.
  const until = performance.now() + 0.5;
  let done = Atomics.load(ctl, CONTROL.done);
  while (done < strips && performance.now() < until) done = Atomics.load(ctl, CONTROL.done);
  while (done < strips) {
    if (Atomics.load(ctl, CONTROL.failed) > 0) return failJob(ctl, generation);
    Atomics.wait(ctl, CONTROL.done, done, 10);
    done = Atomics.load(ctl, CONTROL.done);
  }
  // Close the job: a worker late for it may have read the next job's strip count, written by
  // the caller before the next job opens; with the index at 0xffff its claim fails instead of
  // taking a strip that does not exist (and counting it as done in the next job).
  Atomics.store(ctl, CONTROL.claim, (generation << 16) | 0xffff);
}

/**
 * Ends a job in which a worker failed: closes it to new claims, waits until every strip claimed
 * is done or lost (a worker still writing into the operands' block would corrupt the next
 * product, which reuses it), then throws: the product is incomplete.
 */
function failJob(ctl: Int32Array, generation: number): never {
  let claimed: number;
  for (;;) {
    const v = Atomics.load(ctl, CONTROL.claim);
    if (Atomics.compareExchange(ctl, CONTROL.claim, v, (generation << 16) | 0xffff) === v) {
      claimed = v & 0xffff;
      break;
    }
  }
  for (;;) {
    const done = Atomics.load(ctl, CONTROL.done);
    if (done + Atomics.load(ctl, CONTROL.failed) >= claimed) break;
    Atomics.wait(ctl, CONTROL.done, done, 10);
  }
  throw new Error("linalg: a worker thread threw during a matrix product, which is lost; later products start a new worker");
}
