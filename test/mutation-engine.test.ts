// The WebAssembly engine behind gemm (lib/src/linalg/engine.ts) where the products cannot show a
// bug: what the other linalg tests never reach, or reach only with results that do not depend on it.
// - A worker thread that fails to start (worker_threads.Worker replaced, for the one synchronous
//   call that starts the workers, by threads whose script throws at once or ends): the product is
//   still exact (a plain loop), the warning's text names the error, it is emitted once and not
//   again at the next failure, and the pool drops exactly the failed worker (counted by the workers
//   the next product starts: 1 of 3 if the two others are kept, not 0, 2 or 3), whose replacement
//   takes the thread number no live worker has; workers that end leave the pool too; every
//   missing number from 1 to threads − 1 is started (2 and 3 beside a live 1). Then
//   workerStrips(): 0 while only the calling thread ran strips (it does not count its own), more
//   once a real worker ran one. Then a real worker that traps in a strip it claimed (a job whose
//   packing buffers for threads ≥ 1 lie past the memory's end): runJob throws once every claimed
//   strip is done or lost, instead of waiting forever for the lost one, and the next products are
//   exact on a new worker.
// - A copy of engine.ts in a temporary folder (a fresh engine: one module instance per file), with
//   or without the built kernels where the build puts them: the message for a missing
//   kernels.wasm / kernels-local.wasm, with its path; with them, the two memories' first free
//   blocks (past 64 scratch areas of 128 bytes in the shared one, one in the other) and one
//   engine for every call.
// - allocate and release on an arena of the test's own (a one-page memory): each layout of free
//   blocks the allocator meets, its whole free list after each step computed by hand (first fit,
//   an exact fit removed, the last free block extended only when it ends at the memory's end,
//   a block given back merged with the free block after it, the one before it, both, or neither,
//   appended above every free block), the memory covered exactly by the free and used blocks,
//   and the error for an offset that is not a block.
// The engine is imported from the sources (engine.ts, gemm.ts), not from "landscape": under
// `npm run mutate` they are the same module; under `npm test` ("landscape" is lib/dist) this file
// gets an engine of its own, so the worker failure below (which leaves the warning flag set and
// the pool changed for the life of the process) touches no other test file's engine. Everything
// runs in this test process, not in a child: StrykerJS counts a mutant as covered only when the
// test process runs its line (a child's coverage is not reported), and it never runs a mutant
// that no test covers. The worker test must stay first in the file (it needs a pool that no
// product of this engine has started yet) and the workerStrips test second. Written for
// `npm run mutate`.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import type { WorkerOptions } from "node:worker_threads";
import type { Arena, Kernels } from "../lib/dist/linalg/engine";
import { throwsExactly } from "./helpers/assertions";
import { emulateGemm, firstDifference } from "./helpers/gemm-reference";

// The sources' modules, typed by their declarations in lib/dist (an `import` of lib/src would
// type-check the library's sources with the tests' settings, under which two of its lines fail).
type EngineModule = typeof import("../lib/dist/linalg/engine");
type Dense = import("../lib/dist/linalg/dense").Dense;
const { allocate, CONTROL, getEngine, PARAM, release, runJob, workerStrips } = require("../lib/src/linalg/engine") as EngineModule;
const { gemm } = require("../lib/src/linalg/gemm") as typeof import("../lib/dist/linalg/gemm");
const { dense } = require("../lib/src/linalg/dense") as typeof import("../lib/dist/linalg/dense");
// The module object the engine reads `Worker` from at each call (compiled to CommonJS).
const workerThreads = require("node:worker_threads") as { Worker: typeof import("node:worker_threads").Worker };

/** The engine's source file (under `npm run mutate`, the mutated one) and where the build puts kernels.wasm and worker.js for it. */
const ENGINE_SOURCE = require.resolve("../lib/src/linalg/engine");
const BUILT = join(dirname(ENGINE_SOURCE), "..", "..", "dist", "linalg");
const PAGE = 65536;

/** m × n with deterministic entries of every sign and many bits. */
const filled = (rows: number, cols: number, seed: number): Dense => dense(rows, cols, Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(seed + 0.7 * i) * (1 + (i % 5))));

/** Asserts x and y equal bitwise (Object.is, entry by entry). */
function sameBits(x: Float64Array, y: Float64Array, what: string) {
  assert.equal(x.length, y.length, `${what}: length`);
  const at = firstDifference(x, y);
  if (at >= 0) assert.fail(`${what}: entry ${at} is ${x[at]}, expected ${y[at]}`);
}

/** A·B in gemm's order (k ≤ KC = 256 here: one block, each sum in increasing k; α = 1, β = 0). */
const plain = (a: Dense, b: Dense) => emulateGemm(a, b, new Float64Array(a.rows * b.cols), false, false, 1, 0, a.rows, b.cols, a.cols);

interface Started {
  file: string;
  thread: number;
  worker: import("node:worker_threads").Worker;
  /** Resolves when the thread has exited (after its 'error' event, if it failed). */
  exited: Promise<number>;
}

/**
 * Runs `body` (synchronous) with worker_threads.Worker replaced by threads that run `script(thread)`
 * instead of the engine's worker file; returns the workers started meanwhile (file asked for, thread number).
 */
function withScriptedWorkers(script: (thread: number) => string, body: () => void): Started[] {
  const Real = workerThreads.Worker;
  const started: Started[] = [];
  workerThreads.Worker = class Scripted extends Real {
    constructor(file: string | URL, options?: WorkerOptions) {
      const thread = (options?.workerData as { thread: number }).thread;
      super(script(thread), { eval: true });
      // Not events.once: it would add an 'error' listener of its own beside the engine's.
      started.push({ file: String(file), thread, worker: this, exited: new Promise((resolve) => this.on("exit", resolve)) });
    }
  };
  try {
    body();
  } finally {
    workerThreads.Worker = Real;
  }
  return started;
}

/** Records the warnings about linalg emitted until `stop` (not printed); the others go on as usual. */
function recordLinalgWarnings(): { warnings: string[]; stop(): void } {
  const emit = process.emitWarning;
  const warnings: string[] = [];
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === "string" ? warning : warning.message;
    if (/linalg/.test(text)) warnings.push(text);
    else (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  return { warnings, stop: () => void (process.emitWarning = emit) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the workers have exited (at most 10 s). The engine unrefs its workers: a timer keeps the event loop alive meanwhile. */
async function exits(started: Started[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("a scripted worker thread still runs after 10 s")), 10_000)));
  try {
    await Promise.race([Promise.all(started.map((s) => s.exited)), limit]);
  } finally {
    clearTimeout(timer);
  }
}

describe("the engine's worker threads (this describe must stay first in the file: its pool must be empty when it starts)", () => {
  // 256 rows: 4 strips of 64, so 4 threads (the caller and 3 workers); 256·40·30 multiply-adds ≥ 2¹⁸: the threaded path.
  const a = filled(256, 40, 1);
  const b = filled(40, 30, 2);
  const expected = plain(a, b);
  const warning = (message: string) => `landscape linalg: a worker thread failed (${message}); products run on the calling thread`;

  it("a worker that fails to start: the product is exact, one warning naming the error, only that worker dropped from the pool, its replacement numbered as the free thread (no second warning when it fails too); workers that end are dropped", async () => {
    const recorded = recordLinalgWarnings();
    try {
      let c: Dense | undefined;
      // Worker 1 throws at once; workers 2 and 3 start and stay (idle: they claim no strip) until terminated below.
      const first = withScriptedWorkers((thread) => (thread === 1 ? `throw new Error("worker ${thread} cannot start")` : "setTimeout(() => {}, 60_000)"), () => {
        c = gemm(a, b, undefined, { threads: 4 });
      });
      sameBits(c!.data, expected, "the product while the workers start");
      const workerFile = join(BUILT, "worker.js");
      assert.deepEqual(
        first.map((s) => [s.file, s.thread]),
        [1, 2, 3].map((t) => [workerFile, t]),
        "three workers of the built worker.js, threads 1 to 3",
      );
      await exits(first.slice(0, 1));
      assert.deepEqual(recorded.warnings, [warning("worker 1 cannot start")]);

      // The pool now holds workers 2 and 3: a product on 4 threads starts one worker, numbered 1 — the number no live
      // worker has (by the pool's length it would be 3, worker 3's: two threads on one packing buffer) — which fails as well.
      const second = withScriptedWorkers((thread) => `throw new Error("worker ${thread} cannot start either")`, () => {
        c = gemm(a, b, undefined, { threads: 4 });
      });
      sameBits(c!.data, expected, "the product after the failure");
      assert.deepEqual(second.map((s) => s.thread), [1], "workers started by the next product: one, the free number");
      await exits(second);
      assert.deepEqual(recorded.warnings, [warning("worker 1 cannot start")], "the warning is emitted once per process");

      // Workers 2 and 3 end without an error: they leave the pool too, so the next product starts three (1 to 3), which end at once.
      for (const s of first.slice(1)) await s.worker.terminate();
      await exits(first);
      const third = withScriptedWorkers(() => "", () => {
        c = gemm(a, b, undefined, { threads: 4 });
      });
      sameBits(c!.data, expected, "the product after the workers ended");
      assert.deepEqual(third.map((s) => s.thread), [1, 2, 3], "workers started once the others ended");
      await exits(third);
      assert.equal(recorded.warnings.length, 1, "an end without an error is not a failure");

      // A product on 2 threads starts worker 1; then one on 4 threads starts the missing 2 and 3 (each number from 1 to
      // threads − 1 is looked for, not just the first).
      const idle = "setTimeout(() => {}, 60_000)";
      const fourth = withScriptedWorkers(() => idle, () => void (c = gemm(a, b, undefined, { threads: 2 })));
      const fifth = withScriptedWorkers(() => idle, () => void (c = gemm(a, b, undefined, { threads: 4 })));
      sameBits(c!.data, expected, "the product on 4 threads");
      assert.deepEqual([fourth.map((s) => s.thread), fifth.map((s) => s.thread)], [[1], [2, 3]]);
      for (const s of [...fourth, ...fifth]) await s.worker.terminate();
      await exits([...fourth, ...fifth]);
    } finally {
      recorded.stop();
    }
  });

  it("workerStrips counts the strips run by worker threads only: 0 after the products above (the caller ran every strip), more once a real worker ran one", async () => {
    assert.equal(workerStrips(), 0);
    // The real Worker again: the pool is empty (every scripted worker ended), so the next product starts real ones. Strips of
    // 64·256·256 multiply-adds (a millisecond or more): long enough for the woken worker to claim one.
    const big = filled(512, 256, 3);
    const square = filled(256, 256, 4);
    const bigExpected = plain(big, square);
    for (let t = 0; t < 100 && workerStrips() === 0; t++) {
      sameBits(gemm(big, square, undefined, { threads: 4 }).data, bigExpected, `product ${t} with a real worker`);
      await sleep(20);
    }
    const strips = workerStrips();
    assert.ok(Number.isInteger(strips) && strips > 0, `strips run by workers: ${strips}`);
  });
});

describe("a worker thread that throws in a strip it claimed (after the two describes above: it needs the real workers)", () => {
  it("runJob throws once every claimed strip is done or lost, instead of waiting forever; the failed worker leaves the pool, and the next products are exact on a new one", async () => {
    const e = getEngine();
    // A job as gemmPacked writes it: C = A·B for 512 × 256 times 256 × 64, 8 strips of 64 rows, on 2 threads — except that
    // thread 1's packing buffer (ap + apStride) starts past the memory's end, so the worker traps in the first strip it claims.
    const [m, k, n, rows] = [512, 256, 64, 64];
    const a = filled(m, k, 5);
    const b = filled(k, n, 6);
    const offA = allocate(e, 8 * m * k);
    const offB = allocate(e, 8 * k * n);
    const offBp = allocate(e, 8 * k * n);
    const offC = allocate(e, 8 * m * n);
    const ap = allocate(e, 8 * rows * k);
    e.heap.set(a.data, offA / 8);
    e.heap.set(b.data, offB / 8);
    e.kernels.packA(offB, 1, n, n, k, offBp);
    const job = () => {
      const p = e.params;
      Object.assign(p, { [PARAM.f32]: 0, [PARAM.a]: offA, [PARAM.ars]: k, [PARAM.acs]: 1, [PARAM.ap]: ap, [PARAM.apStride]: e.memory.buffer.byteLength, [PARAM.threads]: 2 });
      Object.assign(p, { [PARAM.bp]: offBp, [PARAM.c]: offC, [PARAM.ldc]: n, [PARAM.m]: m, [PARAM.n]: n, [PARAM.k]: k, [PARAM.kc]: 256, [PARAM.alpha]: 1, [PARAM.beta]: 0 });
      Object.assign(p, { [PARAM.strips]: m / rows, [PARAM.stripRows]: rows, [PARAM.scratch]: 0 });
      runJob(e, 2);
    };
    // The caller may run all 8 strips before the worker claims one (a worker just started, or asleep): then the job ends
    // well (and C is the product); tried until the worker has claimed a strip.
    const product = plain(a, b);
    let thrown: unknown;
    for (let t = 0; t < 200 && thrown === undefined; t++) {
      try {
        job();
        sameBits(e.heap.slice(offC / 8, offC / 8 + m * n), product, `job ${t}, whose strips the caller ran alone`);
      } catch (error) {
        thrown = error;
      }
      if (thrown === undefined) await sleep(t % 2 === 0 ? 0 : 20); // the worker waiting, then asleep
    }
    assert.ok(thrown instanceof Error, `a worker claimed no strip in 200 jobs: ${String(thrown)}`);
    assert.equal(thrown.message, "linalg: a worker thread threw during a matrix product, which is lost; later products start a new worker");
    assert.equal(Atomics.load(e.ctl, CONTROL.failed), 1, "one strip lost");
    assert.equal(Atomics.load(e.ctl, CONTROL.claim) & 0xffff, 0xffff, "the job closed to claims");
    for (const offset of [offA, offB, offBp, offC, ap]) release(e, offset);
    // The next products: exact; the dead worker leaves the pool on its 'error' event, so a product on 2 threads starts a new
    // worker, which runs strips (workerStrips grows). Were it kept, no worker would run a strip again.
    const big = filled(512, 256, 3);
    const square = filled(256, 256, 4);
    const expected = plain(big, square);
    const before = workerStrips();
    for (let t = 0; t < 100 && workerStrips() === before; t++) {
      sameBits(gemm(big, square, undefined, { threads: 2 }).data, expected, `product ${t} after the failure`);
      await sleep(20);
    }
    assert.ok(workerStrips() > before, "a new worker ran strips");
  });
});

/** A fresh engine: a copy of engine.ts in a temporary folder laid out like lib/, with `files` of lib/dist/linalg copied where the build puts them. */
function withEngineCopy(files: string[], body: (engine: EngineModule, built: string) => void): void {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "landscape-engine-")));
  const copy = join(dir, "lib", "src", "linalg", "engine.ts");
  const built = join(dir, "lib", "dist", "linalg");
  try {
    mkdirSync(dirname(copy), { recursive: true });
    mkdirSync(built, { recursive: true });
    copyFileSync(ENGINE_SOURCE, copy);
    for (const file of files) copyFileSync(join(BUILT, file), join(built, file));
    body(require(copy) as EngineModule, built);
  } finally {
    delete require.cache[copy];
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("a fresh engine, beside the built files the test puts there", () => {
  it("without the kernels: getEngine and getLocal throw the error that names the missing file and the build, at every call", () => {
    withEngineCopy([], (engine, built) => {
      const missing = (file: string) => `linalg: ${join(built, file)} is missing; run \`npm run build\` (it compiles lib/assembly/kernels.ts with AssemblyScript)`;
      assert.equal(engine.workerStrips(), 0);
      throwsExactly(() => engine.getEngine(), missing("kernels.wasm"));
      throwsExactly(() => engine.getEngine(), missing("kernels.wasm"));
      throwsExactly(() => engine.getLocal(), missing("kernels-local.wasm"));
      assert.equal(engine.workerStrips(), 0);
    });
  });

  it("with them: one engine for every call; the shared memory's first free block follows 64 scratch areas of 128 bytes, the unshared one's one area; both memories are 16 pages", () => {
    withEngineCopy(["kernels.wasm", "kernels-local.wasm"], (engine) => {
      const shared = engine.getEngine();
      assert.equal(engine.getEngine(), shared);
      assert.equal(shared.memory.buffer.constructor, SharedArrayBuffer);
      assert.equal(shared.memory.buffer.byteLength, 16 * PAGE);
      assert.deepEqual(shared.free, [[64 * 128, 16 * PAGE - 64 * 128]]);
      assert.equal(shared.used.size, 0);
      assert.equal(engine.workerStrips(), 0);
      const local = engine.getLocal();
      assert.equal(engine.getLocal(), local);
      assert.equal(local.memory.buffer.constructor, ArrayBuffer);
      assert.equal(local.memory.buffer.byteLength, 16 * PAGE);
      assert.deepEqual(local.free, [[128, 16 * PAGE - 128]]);
      assert.equal(local.used.size, 0);
    });
  });
});

/** An arena like getLocal's on a one-page memory of its own (its first 128 bytes reserved); allocate and release use no kernel. */
function arena(): Arena {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 8 });
  return { kernels: {} as Kernels, memory, heap: new Float64Array(memory.buffer), heap32: new Float32Array(memory.buffer), free: [[128, PAGE - 128]], used: new Map() };
}

/**
 * Checks the arena's bookkeeping against `free` (the free list computed by hand) and its invariants:
 * the free blocks and the used ones tile [128, the memory's end) exactly, without gaps or overlaps,
 * and the views cover the whole memory.
 */
function check(e: Arena, free: [number, number][], what: string) {
  assert.deepEqual(e.free, free, `${what}: the free list`);
  const blocks = [...e.free, ...e.used].sort((x, y) => x[0] - y[0]);
  let at = 128;
  for (const [offset, size] of blocks) {
    assert.equal(offset, at, `${what}: a block at ${offset}, expected one at ${at} (${JSON.stringify(blocks)})`);
    assert.ok(size > 0, `${what}: the block at ${offset} has ${size} bytes`);
    at += size;
  }
  assert.equal(at, e.memory.buffer.byteLength, `${what}: the blocks end at ${at}, the memory at ${e.memory.buffer.byteLength}`);
  assert.equal(e.heap.byteLength, e.memory.buffer.byteLength, `${what}: the float64 view`);
  assert.equal(e.heap32.byteLength, e.memory.buffer.byteLength, `${what}: the float32 view`);
}

describe("allocate and release: the free blocks of an arena, layout by layout", () => {
  it("allocate: sizes rounded up to 64 bytes, first fit, an exactly fitting free block used and removed", () => {
    const e = arena();
    assert.equal(allocate(e, 1), 128);
    check(e, [[192, PAGE - 192]], "1 byte (64)");
    assert.equal(allocate(e, PAGE - 192 - 65), 192);
    check(e, [[PAGE - 64, 64]], "all but 64 bytes of the rest (rounded up to all but 64)");
    assert.equal(allocate(e, 64), PAGE - 64);
    check(e, [], "the last 64 bytes exactly");
    assert.deepEqual([...e.used], [[128, 64], [192, PAGE - 256], [PAGE - 64, 64]]);
    // Two free holes of 64 bytes: the first one is taken (exactly), not the one that ends the memory.
    release(e, 128);
    release(e, PAGE - 64);
    check(e, [[128, 64], [PAGE - 64, 64]], "two holes");
    assert.equal(allocate(e, 64), 128);
    check(e, [[PAGE - 64, 64]], "the first hole taken");
  });

  it("allocate: when no free block fits and the last one ends at the memory's end, the memory grows under it and the block starts there", () => {
    const e = arena();
    // 100,000 bytes (100,032) > the 65,408 free: one more page (65,408 + 65,536 ≥ 100,032), the block at 128.
    assert.equal(allocate(e, 100_000), 128);
    check(e, [[128 + 100_032, 2 * PAGE - 128 - 100_032]], "the last free block extended");
  });

  it("allocate: when the last free block ends before the memory's end (a used block after it), the new pages are a free block of their own", () => {
    const e = arena();
    const first = allocate(e, 64);
    allocate(e, PAGE - 256);
    allocate(e, 64);
    release(e, first);
    check(e, [[128, 64]], "a hole at 128, the rest used");
    // 100,032 bytes: two new pages after the used block (the free 64 bytes at 128 are no tail), the block at their start.
    assert.equal(allocate(e, 100_000), PAGE);
    check(e, [[128, 64], [PAGE + 100_032, 2 * PAGE - 100_032]], "new pages after the used block");
    assert.equal(e.memory.buffer.byteLength, 3 * PAGE);
  });

  it("release: merged with the free block after it, the one before it, both, or neither (in address order); appended above every free block", () => {
    const e = arena();
    const [x0, x1, x2, x3] = [0, 1, 2, 3].map(() => allocate(e, 64));
    assert.deepEqual([x0, x1, x2, x3], [128, 192, 256, 320]);
    check(e, [[384, PAGE - 384]], "four blocks of 64");
    release(e, x0);
    check(e, [[128, 64], [384, PAGE - 384]], "the first given back: neither neighbour free");
    release(e, x3);
    check(e, [[128, 64], [320, PAGE - 320]], "the fourth: merged with the free block after it, the one before kept");
    release(e, x1);
    check(e, [[128, 128], [320, PAGE - 320]], "the second: merged with the free block before it");
    release(e, x2);
    check(e, [[128, PAGE - 128]], "the third: merged with both");

    // Above every free block: the memory full but for a hole at 128.
    const [y0, y1, y2] = [64, PAGE - 256, 64].map((bytes) => allocate(e, bytes));
    release(e, y0);
    check(e, [[128, 64]], "a hole at 128");
    release(e, y2);
    check(e, [[128, 64], [PAGE - 64, 64]], "the last block given back: after the hole, not merged");
    release(e, y1);
    check(e, [[128, PAGE - 128]], "the middle one: merged with both");
  });

  it("release: an offset that is not a block handed out (never, or already given back) throws", () => {
    const e = arena();
    const x = allocate(e, 64);
    throwsExactly(() => release(e, x + 64), `linalg: no block at ${x + 64}`);
    release(e, x);
    throwsExactly(() => release(e, x), `linalg: no block at ${x}`);
    check(e, [[128, PAGE - 128]], "after the failed releases");
  });
});
