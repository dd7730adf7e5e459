/**
 * The library fault probe of issue 10: runs every case of `cases.ts` against the built
 * library (run `npm run build` first), each with a time limit, and counts the outcomes per
 * category (correct, clear error, vague error, crash, silent NaN, silent wrong result, hang).
 *
 *   npx tsx test/faults/probe.ts [--timeout seconds] [--list]
 *
 * `--list` prints every case that does not reach its expected category. The cases run one
 * after another in a worker thread; a case that does not finish within the limit (default
 * 20 s) is a hang: the worker is stopped and a fresh one resumes at the next case.
 * Exits 0 whatever the counts: `library.test.ts` is the test.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { CATEGORIES, cases, expected, outcomeOf, type Category } from "./cases";

type Message = { kind: "start"; index: number } | { kind: "done"; index: number; category: Category };

async function work(from: number): Promise<void> {
  for (let index = from; index < cases.length; index++) {
    parentPort!.postMessage({ kind: "start", index } satisfies Message);
    const category = await outcomeOf(cases[index]);
    parentPort!.postMessage({ kind: "done", index, category } satisfies Message);
  }
}

/** Runs every case from `from` in a worker; resolves with the categories (a hang restarts after the hanging case). */
function runAll(timeoutMs: number): Promise<Category[]> {
  const categories: Category[] = [];
  return new Promise((resolve, reject) => {
    const launch = (from: number) => {
      if (from >= cases.length) return resolve(categories);
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
        if (current === from && categories[from] === undefined && !started) return reject(e);
        // An error that escapes the case (e.g. thrown later from a timer) counts as a crash of that case.
        categories[current] = "crash";
        process.stderr.write(`case ${current} (${cases[current].fn}: ${cases[current].call}) escaped: ${(e as Error).message}\n`);
        launch(current + 1);
      });
      worker.on("exit", () => clearTimeout(timer));
    };
    launch(0);
  });
}

async function main() {
  const args = process.argv.slice(2);
  const t = args.indexOf("--timeout");
  const timeoutMs = 1000 * (t >= 0 ? Number(args[t + 1]) : 20);
  const categories = await runAll(timeoutMs);
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  categories.forEach((c) => counts[c]++);
  const functions = new Set(cases.map((c) => c.fn.replace(/#.*/, ""))).size;
  console.log(`${cases.length} calls on ${functions} public functions (${cases.filter((c) => c.ok).length} valid but extreme inputs that must return a correct result, ${cases.filter((c) => !c.ok).length} bad inputs that must throw an Error naming the argument)`);
  console.log("| outcome | calls |\n|---|---:|");
  for (const c of CATEGORIES) console.log(`| ${c} | ${counts[c]} |`);
  const wrong = cases.map((c, i) => ({ c, got: categories[i] })).filter(({ c, got }) => got !== expected(c));
  console.log(`\n${wrong.length} calls do not reach their expected outcome`);
  if (args.includes("--list")) for (const { c, got } of wrong) console.log(`  ${got.padEnd(19)} ${c.fn}: ${c.call}`);
}

if (isMainThread) void main();
else void work((workerData as { from: number }).from);
