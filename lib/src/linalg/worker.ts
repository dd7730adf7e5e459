/**
 * A worker thread of the linalg engine: instantiates the kernels on the shared memory, then
 * waits for jobs (a new generation in the control block) and claims strips of each job.
 * It spins about 2 ms before sleeping on `Atomics.wait`, because a sleeping thread wakes
 * slowly and products often come in quick succession.
 * @module
 */
// Stryker disable all: this file runs only in the linalg engine's worker threads, which load it compiled from lib/dist, so Stryker's
// instrumented copy never runs (every mutant would show "no coverage"); its mutants were run by hand on the build
// instead: test/mutation-equivalents.md, "Worker threads".
import { workerData } from "node:worker_threads";
import { CONTROL, controlViews, instantiate, runStrips } from "./engine";

// Not `const { module }`: a top-level binding named `module` (a CommonJS wrapper variable) makes Node ≥ 20.19's
// syntax detection load this compiled file as an ES module, where `exports` is undefined and the worker dies.
const { module: compiled, memory, control, thread } = workerData as { module: WebAssembly.Module; memory: WebAssembly.Memory; control: SharedArrayBuffer; thread: number };
const kernels = instantiate(compiled, memory);
const { ctl, params } = controlViews(control);
const SPIN_MS = 2;

let seen = Atomics.load(ctl, CONTROL.generation);
for (;;) {
  let now = Atomics.load(ctl, CONTROL.generation);
  if (now === seen) {
    const until = performance.now() + SPIN_MS;
    while (now === seen && performance.now() < until) now = Atomics.load(ctl, CONTROL.generation);
    if (now === seen) {
      Atomics.wait(ctl, CONTROL.generation, seen);
      continue;
    }
  }
  seen = now;
  try {
    runStrips(kernels, ctl, params, thread, now);
  } catch (error) {
    // The strip this thread claimed will never be done: the caller, blocked in runJob's wait, learns it here.
    Atomics.add(ctl, CONTROL.failed, 1);
    Atomics.notify(ctl, CONTROL.done);
    throw error; // the thread ends; the engine drops it from the pool on its 'error' event
  }
}
