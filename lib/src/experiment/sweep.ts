import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { Rng } from "../random";
import { assertFunction, assertInteger, optionsObject } from "../validate";
import { progress as makeProgress } from "./progress";

/** A grid: each key maps to the values it takes; the sweep runs their Cartesian product. */
export type Grid = Record<string, readonly unknown[]>;

/** One point of the grid: each key of G set to one of its values. */
export type Setting<G extends Grid> = { [K in keyof G]: G[K][number] };

/** One run's record: its setting, its seed and what `run` returned. */
export type SweepRecord<G extends Grid, R> = Setting<G> & { seed: number } & R;

/** The Cartesian product of a grid, in row-major order (the last key varies fastest). */
export function gridPoints<G extends Grid>(grid: G): Setting<G>[] {
  if (grid === null || typeof grid !== "object" || Array.isArray(grid)) throw new Error(`grid must be an object mapping each key to an array of values, got ${grid === null ? "null" : typeof grid}`);
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    if (!Array.isArray(values) || values.length === 0) throw new Error(`grid.${key} must be a non-empty array of values`);
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return points as Setting<G>[];
}

/**
 * Runs `run(setting, rng)` for every setting of the grid × every seed, each with a fresh
 * generator `new Rng(seed)`, and returns one record per run: `{ ...setting, seed, ...result }`.
 *
 * The generator depends on the seed alone, so every setting sees the same random draws for
 * a given seed (common random numbers: differences between settings are not sampling
 * noise). Runs are independent, so the records are the same whatever the order.
 * A progress line shows in the kernel and in a terminal unless `progress: false`.
 *
 * If `run` throws, the sweep stops with an Error that names the setting and the seed, has the
 * original error as its `cause`, and carries the records computed so far as `records` (with
 * `setting` and `seed` of the failed run), so that hours of runs are not lost to the last one.
 */
export function sweep<G extends Grid, R extends Record<string, unknown>>(
  grid: G,
  seeds: readonly number[],
  run: (setting: Setting<G>, rng: Rng) => R,
  options?: { progress?: boolean; label?: string },
): SweepRecord<G, R>[] {
  const { progress = true, label = "sweep" } = optionsObject("options", options);
  checkSeeds(seeds);
  assertFunction("run", run, "a function (setting, rng) => record");
  const points = gridPoints(grid);
  const bar = progress ? makeProgress(points.length * seeds.length, label) : undefined;
  const records: SweepRecord<G, R>[] = [];
  for (const setting of points) {
    for (const seed of seeds) {
      let result: R;
      try {
        result = run(setting, new Rng(seed));
      } catch (cause) {
        bar?.done();
        throw runFailed(setting, seed, cause, records);
      }
      records.push(record(setting, seed, result));
      bar?.tick();
    }
  }
  bar?.done();
  return records;
}

function checkSeeds(seeds: readonly number[]): void {
  if (!Array.isArray(seeds) || seeds.length === 0) throw new Error("seeds must be a non-empty array of integers");
  seeds.forEach((s, i) => assertInteger(`seeds[${i}]`, s));
}

/** One run's record, `{ ...setting, seed, ...result }`, after checking that the run returned an object. */
function record<G extends Grid, R>(setting: Setting<G>, seed: number, result: R): SweepRecord<G, R> {
  if (result === null || typeof result !== "object") throw new Error(`run must return an object, got ${typeof result} for seed ${seed}`);
  return { ...setting, seed, ...result } as SweepRecord<G, R>;
}

/** The Error of a run that threw: names the setting and seed, keeps the cause and the records computed before. */
function runFailed(setting: Record<string, unknown>, seed: number, cause: unknown, records: unknown[]): Error {
  const at = Object.entries(setting).map(([k, v]) => `${k} = ${String(v)}`).join(", ");
  const message = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(`run failed at setting { ${at} }, seed ${seed}: ${message} (the ${records.length} records computed before are in error.records)`, { cause }), { records, setting, seed });
}

/**
 * A run that a worker thread can load: the module that exports it and the export's name.
 * Closures cannot cross threads, so {@link parallelSweep} takes the run this way.
 *
 * `module` is resolved like `require.resolve(module, { paths: [process.cwd()] })`: a package
 * name ("landscape"), an absolute path, or a path relative to the current folder starting
 * with "./" — in a tslab notebook the current folder is the notebook's own folder
 * (notebooks/), so `"./runs/trials.ts"` names notebooks/runs/trials.ts. Give the file's
 * extension. `.js`/`.cjs` files are loaded with `require`; `.ts`/`.cts`/`.mts` files through
 * tsx's CommonJS loader (`tsx/cjs/api`, which this workspace installs).
 */
export interface RunModule {
  module: string;
  export: string;
}

/** The options of {@link parallelSweep}. */
export interface ParallelSweepOptions {
  /** Worker threads (default: the machine's cores, at most one per run). */
  workers?: number;
  /** Show the progress line (default true); it counts the runs finished by all workers. */
  progress?: boolean;
  label?: string;
}

/** The compiled worker beside this file (lib/dist), or lib/dist's when this file runs from lib/src under tsx. */
function workerFile(): string {
  const beside = join(__dirname, "sweep-worker.js");
  return existsSync(beside) ? beside : join(__dirname, "..", "..", "dist", "experiment", "sweep-worker.js");
}

/** What a worker sends back for one run: its result, or the error it threw. */
type WorkerReply = { index: number; result: unknown } | { index: number; error: { name: string; message: string; stack?: string } };

/**
 * {@link sweep} on worker threads: the same records, bitwise, in the same order (row-major
 * over the grid, then seeds), for a run given as a module path and an exported function
 * `run(setting, rng) => record` (see {@link RunModule}). Each run still gets `new Rng(seed)`
 * alone, so the records do not depend on which thread ran what; settings travel to the
 * workers and results back by structured clone (numbers and typed arrays exactly, functions
 * not at all). The progress line counts the runs finished by every worker.
 *
 * Use it for the papers' sizes, where hundreds of seeded trials take minutes: each worker
 * first loads the run's module (and tsx for a .ts module), which takes seconds, so it pays
 * only when the sweep is long against that (bench/sweep-speedup.ts measures it).
 * From a notebook (tslab, cwd = notebooks/), put the trial in a module beside the notebook,
 * importing the library by name as the notebook does:
 *
 * ```ts
 * // notebooks/runs/safran-shamir.ts
 * import { type Rng } from "landscape";
 * export function trial(setting: { k: number }, rng: Rng) { … return { converged }; }
 *
 * // in the notebook
 * const records = process.env.LANDSCAPE_PAPER_SIZES === "1"
 *   ? await parallelSweep(grid, seedRange(500), { module: "./runs/safran-shamir.ts", export: "trial" })
 *   : sweep(grid, seedRange(20), trial);
 * ```
 *
 * Each worker requires "landscape" from lib/dist (the built library, as tslab does), so run
 * `npm run build` after changing lib/src. If a run throws, the sweep stops every worker and
 * throws an Error naming the setting and seed, with the records of the runs before it (in
 * order, up to the first one not finished) in `records`, as {@link sweep} does.
 */
export async function parallelSweep<G extends Grid, R extends Record<string, unknown>>(
  grid: G,
  seeds: readonly number[],
  run: RunModule,
  options?: ParallelSweepOptions,
): Promise<SweepRecord<G, R>[]> {
  const { workers, progress = true, label = "sweep" } = optionsObject("options", options);
  checkSeeds(seeds);
  if (run === null || typeof run !== "object" || typeof run.module !== "string" || typeof run.export !== "string") {
    throw new Error(`run must be { module: string, export: string } naming a module and its exported function (setting, rng) => record, got ${run === null ? "null" : typeof run}`);
  }
  if (workers !== undefined) assertInteger("options.workers", workers, 1);
  const points = gridPoints(grid);
  let file: string;
  try {
    file = require.resolve(run.module, { paths: [process.cwd()] });
  } catch {
    throw new Error(`run.module "${run.module}" cannot be found from ${process.cwd()} (give a package name, an absolute path, or "./" and a path relative to the current folder, with its extension)`);
  }
  const tasks = points.flatMap((setting) => seeds.map((seed) => ({ setting, seed })));
  const threads = Math.min(workers ?? availableParallelism(), tasks.length);
  const results: SweepRecord<G, R>[] = new Array(tasks.length);
  let finished = 0;
  const bar = progress ? makeProgress(tasks.length, label) : undefined;
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let failed = false;
      const fail = (error: Error) => {
        if (!failed) reject(error);
        failed = true;
      };
      const give = (worker: Worker) => {
        if (next >= tasks.length) return;
        const index = next++;
        try {
          worker.postMessage({ index, setting: tasks[index].setting, seed: tasks[index].seed });
        } catch (e) {
          fail(new Error(`the setting ${JSON.stringify(tasks[index].setting)} cannot be sent to a worker thread (${(e as Error).message}): settings must be plain data`));
        }
      };
      for (let t = 0; t < threads; t++) {
        const worker = new Worker(workerFile(), { workerData: { file, name: run.export } });
        pool.push(worker);
        worker.on("message", (reply: WorkerReply) => {
          if (failed) return;
          const { setting, seed } = tasks[reply.index];
          if ("error" in reply) {
            const cause = Object.assign(new Error(reply.error.message), { name: reply.error.name, stack: reply.error.stack });
            let done = 0;
            while (done < results.length && results[done] !== undefined) done++;
            return fail(runFailed(setting, seed, cause, results.slice(0, done)));
          }
          try {
            results[reply.index] = record(setting, seed, reply.result as R);
          } catch (e) {
            return fail(e as Error);
          }
          bar?.tick();
          if (++finished === tasks.length) resolve();
          else give(worker);
        });
        // An error outside a run: the module did not load, or has no such export.
        worker.on("error", (e) => fail(new Error(`run ${run.export} of ${file} cannot run in a worker thread: ${e.message}`, { cause: e })));
        worker.on("exit", (code) => {
          if (finished < tasks.length) fail(new Error(`a worker thread exited (code ${code}) before the sweep finished`));
        });
        give(worker);
      }
    });
  } finally {
    bar?.done();
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

/** Seeds first, first + 1, …, first + n − 1 (default 0, …, n − 1): integers in [0, 2³²), as `Rng` takes. */
export function seedRange(n: number, first = 0): number[] {
  assertInteger("n", n, 1);
  assertInteger("first", first, 0);
  if (first + n > 2 ** 32) throw new Error(`first + n must be ≤ 2^32 (seeds are 32-bit), got first = ${first} and n = ${n}`);
  return Array.from({ length: n }, (_, i) => first + i);
}
