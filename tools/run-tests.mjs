// Runs the test files with node's test runner (TypeScript through tsx): the files named on the
// command line, else every test/**/*.test.ts. The tests extracted from the notebooks
// (test/notebooks/*.test.mts, `npm run extract-tests`) run only with --all (`npm run
// test:all`): `npm test` checks every notebook's test cells on the one kernel execution of
// test/reports.test.ts instead, so that each notebook's code runs once. --all also sets
// LANDSCAPE_TEST_ALL=1, under which test/reports.test.ts compares every notebook in stock Jupyter.
//
// Each file runs in a process of its own (`node --import tsx --test FILE`), four at
// a time (LANDSCAPE_TEST_CONCURRENCY), the longest first. On the two-core machines of issue 16's
// budget one file at a time used 1.1 cores on average, since most files wait on kernels,
// browsers and child processes; four at a time keep both cores busier (fresh clone, idle
// machine, 2026-11-29: the test phase 357 s, against 529 s one file at a time; eight at a time
// was slower, 385 s).
//
// No file can hold the run forever. A file gets LANDSCAPE_TEST_FILE_TIMEOUT seconds (default
// 900; the longest, test/reports.test.ts, takes about 240 s on an idle machine). Past it, the
// runner prints the file's output so far and every process still running under it (pid, parent,
// command), kills them, and counts the file as failed. (A file whose tests all passed but which
// started something that holds its event loop — a browser, a kernel, a socket — never exits, and
// prints no summary: node's runner prints that on exit.) Each
// file's output is printed when it ends, so that one slow file holds back nobody else's; the
// summary at the end counts the tests of every file, lists the failed files, and the slowest ones.
// Ctrl-C (or SIGTERM, SIGHUP) stops every file's processes before the runner exits.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

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

/** A positive whole number from the environment, or the default; exits with a message otherwise. */
function positiveInteger(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive integer, got "${process.env[name]}"`);
    process.exit(2);
  }
  return value;
}

const rank = (file) => (LONGEST_FIRST.includes(file) ? LONGEST_FIRST.indexOf(file) : LONGEST_FIRST.length);
const files = named.length > 0 ? named : testFiles("test").sort().sort((a, b) => rank(a) - rank(b));
const concurrency = positiveInteger("LANDSCAPE_TEST_CONCURRENCY", 4);
const fileTimeout = positiveInteger("LANDSCAPE_TEST_FILE_TIMEOUT", 900);
// Colours as on a terminal when the run is on one (each file's output goes through a pipe).
// NODE_TEST_CONTEXT is node's mark of a process its test runner started: inherited (this runner
// run from a test), it makes each file's `node --test` skip the file and report nothing.
const env = { ...process.env, ...(all ? { LANDSCAPE_TEST_ALL: "1" } : {}), ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: "1" } : {}) };
delete env.NODE_TEST_CONTEXT;

/** Every process descended from `root` (root included), from `ps`: pid, parent pid and command. */
function processTree(root) {
  const ps = spawnSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" });
  const rows = (ps.stdout ?? "").split("\n").flatMap((line) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    return m ? [{ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }] : [];
  });
  const tree = [];
  const visit = (pid) => {
    for (const row of rows.filter((r) => r.ppid === pid)) {
      tree.push(row);
      visit(row.pid);
    }
  };
  const self = rows.find((r) => r.pid === root);
  if (self) tree.push(self);
  visit(root);
  return tree;
}

/** Kills a file's process group and every process still descended from it. */
function killTree(child, tree = processTree(child.pid)) {
  for (const pid of [-child.pid, ...tree.map((p) => p.pid)]) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

const running = new Set();
const stopAll = () => {
  for (const child of running) killTree(child);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopAll();
    process.exit(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal]);
  });
}

/** The spec reporter's closing counts ("ℹ tests 12", "ℹ pass 11", …). */
function counts(output) {
  const found = {};
  for (const m of output.matchAll(/^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) found[m[1]] = Number(m[2]);
  return found;
}

/**
 * Runs one test file in a process group of its own; resolves when it has exited (or was
 * killed), with its output, its exit status, why it was stopped (if it was) and its wall time.
 */
function runFile(file) {
  return new Promise((done) => {
    const started = Date.now();
    // `--test` with one file: node's runner runs it in a child with NODE_TEST_CONTEXT set, which
    // the library reads as "under tests" (figures validated, not shown), as under `npm test` always.
    const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", file], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let output = "";
    let stopped;
    const stop = (why) => {
      if (stopped) return;
      const tree = processTree(child.pid);
      stopped = `${why}; the processes still running under it:\n${tree.map((p) => `  ${p.pid} (parent ${p.ppid}) ${p.args}`).join("\n") || "  (none left)"}`;
      killTree(child, tree);
    };
    const onData = (chunk) => (output += chunk);
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const deadline = setTimeout(() => stop(`stopped after ${fileTimeout} s (LANDSCAPE_TEST_FILE_TIMEOUT): a test that does not end, or, with no summary above, a process that does not exit`), fileTimeout * 1000);
    child.on("error", (e) => (stopped ??= `could not start: ${e.message}`));
    child.on("exit", (status, signal) => {
      clearTimeout(deadline);
      running.delete(child);
      // A file that ran no test of its own passed nothing (node's runner then reports the file
      // itself as one passing test: it declared none, or exited before they ran).
      const asOne = output.split("\n").some((line) => line.startsWith(`✔ ${resolve(file)} (`));
      if (status === 0 && (asOne || !((counts(output).tests ?? 0) > 0))) stopped ??= "it reported no test of its own (none declared, or the process exited before they ran)";
      // A grandchild may keep the pipes open: read what is there now, and do not wait for them.
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        done({ file, output, status: status ?? 1, signal, stopped, seconds: (Date.now() - started) / 1000 });
      }, 100);
    });
  });
}

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const types = typecheck
  ? new Promise((done) => {
      const child = spawn(process.execPath, [tsc, "-p", "test"], { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      child.on("close", (status) => done({ status: status ?? 1, output }));
    })
  : Promise.resolve({ status: 0, output: "" });

const results = [];
let next = 0;
const worker = async () => {
  while (next < files.length) {
    const result = await runFile(files[next++]);
    results.push(result);
    process.stdout.write(`\n── ${result.file} (${result.seconds.toFixed(1)} s)\n${result.output}`);
    if (result.stopped) process.stdout.write(`✖ ${result.file}: ${result.stopped}\n`);
  }
};
await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));

const failed = results.filter((r) => r.stopped || r.status !== 0);
const total = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
for (const r of results) for (const [k, v] of Object.entries(counts(r.output))) total[k] += v;
console.log(`\n══ ${results.length} test files, ${concurrency} at a time: ${Object.entries(total).map(([k, v]) => `${k} ${v}`).join(", ")}`);
console.log(`   slowest: ${[...results].sort((a, b) => b.seconds - a.seconds).slice(0, 5).map((r) => `${r.file} ${r.seconds.toFixed(0)} s`).join(", ")}`);
for (const r of failed) console.log(`✖ ${r.file}: ${r.stopped ?? `exit ${r.signal ?? r.status}`}`.split("\n")[0]);
const { status: typeStatus, output: typeOutput } = await types;
if (typecheck) console.log(typeStatus === 0 ? "type-check (tsc -p test): no errors" : `type-check (tsc -p test) failed:\n${typeOutput}`);
process.exit(failed.length > 0 ? 1 : typeStatus);
