/**
 * Runs the cases of `cases.ts` one after another in a worker thread, each with a time limit,
 * and resolves with their categories. A case that does not finish in time is a "hang": the
 * worker is stopped (a synchronous loop cannot be interrupted otherwise) and a fresh one
 * resumes at the next case. Used by `probe.ts` (the counts) and `library.test.ts` (the test).
 * @module
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { cases, outcomeOf, type Category } from "./cases";

type Message = { kind: "start"; index: number } | { kind: "done"; index: number; category: Category };

/** In the worker: runs the cases from `from` on, reporting each start and outcome. */
async function work(from: number): Promise<void> {
  for (let index = from; index < cases.length; index++) {
    parentPort!.postMessage({ kind: "start", index } satisfies Message);
    const category = await outcomeOf(cases[index]);
    parentPort!.postMessage({ kind: "done", index, category } satisfies Message);
  }
}

/** The category of every case, each given at most `timeoutMs`. */
export function runCases(timeoutMs: number): Promise<Category[]> {
  const categories: Category[] = [];
  return new Promise((resolve, reject) => {
    const launch = (from: number) => {
      if (from >= cases.length) return resolve(categories);
      // tsx's loader is registered in the worker too, so that it can load this TypeScript file.
      const worker = new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(__filename)});`, { eval: true, workerData: { from } });
      let timer: NodeJS.Timeout | undefined;
      let current = from;
      let started = false;
      worker.on("message", (m: Message) => {
        if (m.kind === "start") {
          current = m.index;
          started = true;
          timer = setTimeout(() => {
            categories[m.index] = "hang";
            void worker.terminate().then(() => launch(m.index + 1));
          }, timeoutMs);
        } else {
          clearTimeout(timer);
          categories[m.index] = m.category;
          if (m.index === cases.length - 1) void worker.terminate().then(() => resolve(categories));
        }
      });
      worker.on("error", (e) => {
        clearTimeout(timer);
        if (!started) return reject(e); // the worker could not even load
        // An error that escapes the case (e.g. thrown later from a timer) counts as a crash of that case.
        categories[current] = "crash";
        process.stderr.write(`case ${current} (${cases[current].fn}: ${cases[current].call}) escaped: ${e.message}\n`);
        launch(current + 1);
      });
      worker.on("exit", () => clearTimeout(timer));
    };
    launch(0);
  });
}

if (!isMainThread && (workerData as { from?: number } | null)?.from !== undefined) void work((workerData as { from: number }).from);
