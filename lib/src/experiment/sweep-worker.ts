/**
 * The worker thread of {@link parallelSweep}: loads the run's module once, then answers each
 * `{ index, setting, seed }` with `run(setting, new Rng(seed))` or the error it threw.
 * @module
 */
// Stryker disable all: this file runs only in parallelSweep's worker threads, which load it compiled from lib/dist, so Stryker's
// instrumented copy never runs (every mutant would show "no coverage"); its mutants were run by hand on the build
// instead: test/mutation-equivalents.md, "Worker threads".
import { parentPort, workerData } from "node:worker_threads";
import { Rng } from "../random";

const { file, name } = workerData as { file: string; name: string };
// TypeScript modules load through tsx's CommonJS hooks (a dev dependency of the workspace).
if (/\.[cm]?ts$/.test(file)) (require("tsx/cjs/api") as { register(): unknown }).register();
const loaded = require(file) as Record<string, unknown>;
const run = loaded[name];
if (typeof run !== "function") throw new Error(`${file} exports no function named "${name}" (it exports ${Object.keys(loaded).join(", ") || "nothing"})`);

parentPort!.on("message", ({ index, setting, seed }: { index: number; setting: Record<string, unknown>; seed: number }) => {
  let result: unknown;
  try {
    result = (run as (setting: unknown, rng: Rng) => unknown)(setting, new Rng(seed));
  } catch (e) {
    const error = e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : { name: "Error", message: String(e) };
    parentPort!.postMessage({ index, error });
    return;
  }
  try {
    parentPort!.postMessage({ index, result });
  } catch (e) {
    parentPort!.postMessage({ index, error: { name: "DataCloneError", message: `its record cannot be sent back from a worker thread (${(e as Error).message}): records must be plain data` } });
  }
});
