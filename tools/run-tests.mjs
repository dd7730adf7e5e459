// Runs the test files with node's test runner (TypeScript through tsx): the files named on the
// command line, else every test/**/*.test.ts. The tests extracted from the notebooks
// (test/notebooks/*.test.mts, `npm run extract-tests`) run only with --all (`npm run
// test:all`): `npm test` checks every notebook's test cells on the one kernel execution of
// test/reports.test.ts instead, so that each notebook's code runs once. --all also sets
// LANDSCAPE_TEST_ALL=1, under which test/reports.test.ts compares every notebook in stock Jupyter.
// Node 20's --test takes no glob, so the files are listed here.
//
// Files run four at a time (--test-concurrency; LANDSCAPE_TEST_CONCURRENCY overrides it), the
// longest first. On the two-core machines of issue 16's budget (`npm test` under 5 minutes)
// one file at a time used 1.1 cores on average, since most files wait on kernels, browsers and
// child processes; four at a time keep both cores busier (measured from a fresh clone on an idle
// machine, 2026-11-29: the test phase 357 s, against 529 s one file at a time; eight at a time
// was slower, 385 s).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * The files that take longest, longest first (measured with `--test-reporter=tap` on an idle
 * two-core machine, 2026-11-29: reports 236 s, the interrupt, CLI, Jupyter-front-end, kernel
 * fault, smuggled-HTML, verdict and pipeline suites 15–35 s each); the others follow in name order.
 */
const LONGEST_FIRST = [
  "test/reports.test.ts",
  "test/faults/interrupt.test.ts",
  "test/faults/cli.test.ts",
  "test/frontends.test.ts",
  "test/faults/kernel-faults.test.ts",
  "test/pipeline.test.ts",
  "test/faults/smuggled-html.test.ts",
  "test/verdicts.test.ts",
];

const args = process.argv.slice(2);
const all = args.includes("--all");
// --typecheck: `tsc -p test` (the tests, the tools, the generated notebook tests; the library is
// type-checked by the build) runs beside the tests instead of before them, and fails the run too.
const typecheck = args.includes("--typecheck");
const named = args.filter((a) => a !== "--all" && a !== "--typecheck");

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" || (entry.name === "notebooks" && dir === "test" && !all) ? [] : testFiles(path);
    return /\.test\.m?ts$/.test(entry.name) ? [path] : [];
  });
}

const rank = (file) => (LONGEST_FIRST.includes(file) ? LONGEST_FIRST.indexOf(file) : LONGEST_FIRST.length);
const files = named.length > 0 ? named : testFiles("test").sort().sort((a, b) => rank(a) - rank(b));
const env = all ? { ...process.env, LANDSCAPE_TEST_ALL: "1" } : process.env;
const concurrency = Number(process.env.LANDSCAPE_TEST_CONCURRENCY ?? 4);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`LANDSCAPE_TEST_CONCURRENCY must be a positive integer, got "${process.env.LANDSCAPE_TEST_CONCURRENCY}"`);
  process.exit(2);
}
/** Runs a command with its output collected (or passed through); resolves to its exit status and output. */
function run(command, argv, { inherit = false } = {}) {
  return new Promise((done) => {
    const child = spawn(command, argv, { stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"], env });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("close", (status) => done({ status: status ?? 1, output }));
  });
}

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const [tests, types] = await Promise.all([
  run(process.execPath, ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files], { inherit: true }),
  typecheck ? run(process.execPath, [tsc, "-p", "test"]) : Promise.resolve({ status: 0, output: "" }),
]);
if (typecheck) console.log(types.status === 0 ? "type-check (tsc -p test): no errors" : `type-check (tsc -p test) failed:\n${types.output}`);
process.exit(tests.status !== 0 ? tests.status : types.status);
