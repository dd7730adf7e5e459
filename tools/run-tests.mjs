// Runs the test files with node's test runner (TypeScript through tsx): the files named on the
// command line, else every test/**/*.test.ts. The tests extracted from the notebooks
// (test/notebooks/*.test.mts, `npm run extract-tests`) run only with --all (`npm run
// test:all`): `npm test` checks every notebook's test cells on the one kernel execution of
// test/reports.test.ts instead, so that each notebook's code runs once. --all also sets
// LANDSCAPE_TEST_ALL=1, under which test/reports.test.ts compares every notebook in stock Jupyter.
//
// Each file that starts a kernel, a browser, a server or this runner runs in a process of its own
// (`node --require tsx/cjs FILE`, node:test's spec report), the library's test files together in
// one (ALONE, below), four processes at a time (LANDSCAPE_TEST_CONCURRENCY), the longest first. On the two-core machines of issue 16's
// budget one file at a time used 1.1 cores on average, since most files wait on kernels,
// browsers and child processes; four at a time keep both cores busier (fresh clone, idle
// machine, 2026-11-29: the test phase 357 s, against 529 s one file at a time; eight at a time
// was slower, 385 s).
//
// No file can hold the run forever. A file gets LANDSCAPE_TEST_FILE_TIMEOUT seconds (default
// 900; the longest, test/reports.test.ts, takes about 3 minutes on an idle machine), the whole
// run LANDSCAPE_TEST_TOTAL_TIMEOUT (default 3600). Past either, the runner prints the file's
// output so far and every process it started that still runs (pid, parent, command: found by
// the mark LANDSCAPE_TEST_RUN each file's processes inherit, so that a kernel or a browser whose
// parent died is found too, and by descent), kills them, and counts the file as failed. (A file
// whose tests all passed but which started something that holds its event loop — a browser, a
// kernel, a socket — never exits, and prints no summary: node:test prints that on exit.)
// Processes a file leaves running when it exits are listed and killed (a warning). Each file's
// output is printed when it ends, so that one slow file holds back nobody else's; the summary
// at the end counts the tests of every file, lists the failed files, and the slowest ones.
// Ctrl-C (or SIGTERM, SIGHUP) prints what the running files printed so far and their processes,
// and stops them, before the runner exits; so does the runner's own exit, whatever its cause.
//
// Temporary files: each file's processes get a temporary folder of their own (TMPDIR, which
// Node's os.tmpdir(), Python's tempfile, Jupyter and Chromium all follow), <temp>/landscape-test-
// XXXXXX/<n>, removed when the file has passed and its processes are gone; a failed or stopped
// file's folder is kept and named, for a look at what it wrote. An interrupted run removes its
// whole folder. (Before, every `npm test` left about 60 folders, 60 MB, in /tmp.)
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { removeKernelFolder } = require("./kernel-folder.cjs");
import { getPriority, setPriority, tmpdir } from "node:os";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * The files that take longest, longest first (measured with `--test-reporter=tap` on an idle
 * two-core machine, 2026-11-29: reports 236 s, the interrupt, CLI, Jupyter-front-end, kernel
 * fault, smuggled-HTML, verdict and pipeline suites 15–35 s each); the others follow in name
 * order. The library's batch runs second, right after reports.test.ts (see BATCH_AT). The
 * runner's own tests come third: about 25 s of waiting for its time limits and 0.3 CPU-s, so
 * they cost the busy machine nothing at the start, while last they ran alone after every other
 * file (CI-like run of 2026-11-30: the machine idle from the 171st second to the 185th).
 */
const LONGEST_FIRST = [
  "test/reports.test.ts",
  "test/runner.test.ts",
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
const unknown = named.filter((a) => a.startsWith("-"));
if (unknown.length > 0) {
  console.error(`run-tests: unknown option ${unknown.join(" ")} (options: --all, --typecheck; the rest are test files)`);
  process.exit(2);
}

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" || (entry.name === "notebooks" && dir === "test" && !all) ? [] : testFiles(path);
    return /\.test\.m?ts$/.test(entry.name) ? [path] : [];
  });
}

/** A whole number of at least 1 and at most `max` from the environment, or the default; exits with a message otherwise. */
function positiveInteger(name, fallback, max = Number.MAX_SAFE_INTEGER) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name} must be a positive integer${max < Number.MAX_SAFE_INTEGER ? ` at most ${max}` : ""}, got "${process.env[name]}"`);
    process.exit(2);
  }
  return value;
}

/**
 * The files that start a kernel, a browser, a server or this runner, each run in a process of its own
 * (with the extracted notebook tests under --all: ES modules). In a whole run the others, the
 * library's tests, share one process (tools/test-batch.cjs: each file's tests in a suite named
 * after it), for node and tsx start once instead of once a file: 47 of those files (all but
 * faults/library and faults/properties) took 73.8 core-s one process each (four at a time) and
 * 34.6 core-s in one process (2026-11-30, idle machine).
 * Files named on the command line run each in its own process.
 */
const ALONE = [...LONGEST_FIRST, "test/nbconvert.test.ts", "test/kernelspec.test.ts"];
const BATCH = "tools/test-batch.cjs";
/**
 * Where the batch goes in the run order: second. It is the one long file that computes all the
 * time (65 CPU-s, one process; the others mostly wait on kernels, browsers and timers). Ninth,
 * as it was, it started when most files had ended and ran its last 30 s nearly alone (CI-like
 * run of 6e0edb8: 318 s, reports.test.ts done at 288 s). Second, reports.test.ts (the critical
 * path) ends at 268 s and small files fill the tail. The machine is 95–97 % busy throughout
 * either way, so the gain is only the tail: with the batch ninth its last 40 s ran at 1.6 cores
 * of 2, second about 10 s (CI-like runs of 2026-11-30, 313.6 s and, an hour later on a host
 * 20 % slower by its `npm ci`, 356.9 s for the batch ninth): about 15 core-s of idle time.
 */
const BATCH_AT = 1;

const rank = (file) => (LONGEST_FIRST.includes(file) ? LONGEST_FIRST.indexOf(file) : LONGEST_FIRST.length);
const files = named.length > 0 ? named : testFiles("test").sort().sort((a, b) => rank(a) - rank(b));
const batched = named.length > 0 ? [] : files.filter((f) => f.endsWith(".test.ts") && !ALONE.includes(f));
// A run is a list of test files in one process: one file, or the batch (second, BATCH_AT).
const runs = files.filter((f) => !batched.includes(f)).map((f) => [f]);
if (batched.length > 0) runs.splice(Math.min(BATCH_AT, runs.length), 0, batched);
if (files.length === 0) {
  console.error("run-tests: no test files");
  process.exit(2);
}
const concurrency = positiveInteger("LANDSCAPE_TEST_CONCURRENCY", 4);
const DAY = 86_400; // a longer setTimeout overflows (2³¹ ms is under 25 days) and fires at once
const fileTimeout = positiveInteger("LANDSCAPE_TEST_FILE_TIMEOUT", 900, DAY);
const totalTimeout = positiveInteger("LANDSCAPE_TEST_TOTAL_TIMEOUT", 3600, DAY);
// NODE_TEST_CONTEXT is node's mark of a process its test runner started: inherited (this runner
// run from a test), it makes node:test in each file report in its binary protocol, not as text.
const env = { ...process.env, ...(all ? { LANDSCAPE_TEST_ALL: "1" } : {}) };
delete env.NODE_TEST_CONTEXT;
delete env.FORCE_COLOR; // the counts below are read from the reporter's plain text

let runTemp;
try {
  runTemp = mkdtempSync(join(tmpdir(), "landscape-test-"));
  // Searchable by others: a test runs the report runner as an unprivileged user on a folder in here.
  chmodSync(runTemp, 0o755);
} catch (e) {
  console.error(`run-tests: cannot make a temporary folder in ${tmpdir()} (TMPDIR): ${e.message}`);
  process.exit(2);
}
/**
 * Removes a folder and everything in it; a test may have left a folder read-only, which an
 * unprivileged user cannot empty: its folders are made writable first. Returns an error message, if any.
 */
function removeTree(folder) {
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    return undefined;
  } catch {
    const writable = (dir) => {
      try {
        chmodSync(dir, 0o700);
        for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) writable(join(dir, entry.name));
      } catch {
        // not ours to change: rmSync says so below
      }
    };
    writable(folder);
    try {
      rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
      return undefined;
    } catch (e) {
      return e.message;
    }
  }
}

/** Every process on the machine: pid, parent pid, command line, and whether its environment holds `mark` (from /proc). */
function processes(mark) {
  const rows = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ") || stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      let marked = false;
      try {
        marked = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(mark);
      } catch {
        // another user's process: not one of ours
      }
      if (!/^\d+ \(.*\) Z/s.test(stat)) rows.push({ pid: Number(entry), ppid, args, marked });
    } catch {
      // gone meanwhile
    }
  }
  return rows;
}

/** The processes of a file's run still alive: its own, those descended from it, and those carrying its mark. */
function processesOf(run) {
  const rows = processes(run.mark);
  // After the file's process exited its pid may be another's: from then on only the mark counts.
  const found = new Map(rows.filter((r) => r.marked || (!run.exited && r.pid === run.child.pid)).map((r) => [r.pid, r]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) if (!found.has(r.pid) && found.has(r.ppid)) (found.set(r.pid, r), (grew = true));
  }
  return [...found.values()];
}

const listed = (rows) => rows.map((p) => `  ${p.pid} (parent ${p.ppid}) ${p.args}`).join("\n") || "  (none left)";

/**
 * Kills every process of a file's run, and removes the connection folders of the project's
 * kernels among them (tools/kernel-client.ts: <temp>/landscape-kernel-XXXXXX, holding the
 * signing key), which a kernel killed with its client cannot remove itself.
 */
function kill(run, rows = processesOf(run)) {
  for (const pid of rows.map((p) => p.pid)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  for (const row of rows) {
    const folder = /--config-path (\S+)\/kernel\.json/.exec(row.args)?.[1];
    if (folder) removeKernelFolder(folder, run.temp); // made in the file's temporary folder
  }
}

/** The spec reporter's closing counts ("ℹ tests 12", "ℹ pass 11", …). */
function counts(output) {
  const found = {};
  for (const m of output.matchAll(/^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) found[m[1]] = Number(m[2]);
  return found;
}

const running = new Set();
let tscChild;
/** Stops every running file (printing, with `why`, what it printed so far and its processes) and the type-check. */
function stopAll(why) {
  for (const run of running) run.stop(why);
  try {
    tscChild?.kill("SIGKILL");
  } catch {
    // gone
  }
}
let ended = false; // the run came to its end (its temporary folder handled there)
process.on("exit", () => {
  stopAll("the test runner exited");
  if (!ended) removeTree(runTemp);
});
process.stdout.on("error", () => process.exit(1)); // a closed pipe (npm test | head): stop, and stop the files
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopAll(`stopped by ${signal} to the test runner`);
    process.exit(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal]);
  });
}

/**
 * Runs one test file, or the batch (`paths`, one process); resolves when it has exited (or was killed), with its output, its exit
 * status, why it was stopped (if it was), what it left running, and its wall time. The files
 * stay in the runner's session: a session of its own per file (`detached`) gives each file an
 * autogroup of the scheduler, which shares the cores per file, not per process, and starved the
 * reports test (two kernels, a browser), the run's critical path.
 */
function runFile(paths, n) {
  const file = paths.length === 1 ? paths[0] : `${BATCH} (${paths.length} test files of the library in one process)`;
  return new Promise((done) => {
    const started = Date.now();
    const mark = `LANDSCAPE_TEST_RUN=${process.pid}:${n}`;
    // The file itself, not `node --test FILE` (which runs it in a second process, with tsx loaded
    // twice: the 41 unit-test files took 87–90 CPU-s that way, 79 this way); node:test reports with `spec` in
    // either. LANDSCAPE_SHOW=validate: figures and tables validated, not shown (`--test` gave the
    // library NODE_TEST_CONTEXT for the same). A .ts file loads tsx's CommonJS hook alone
    // (`--require tsx/cjs`): `--import tsx` also starts the ES-module hooks on a thread of their
    // own, and a file importing the library took 0.95 CPU-s to start that way, 0.57 this way
    // (three runs each, 2026-11-30); the tests import no ES-only module. The extracted notebook
    // tests (.mts, ES modules) keep `--import tsx`.
    const loader = paths[0].endsWith(".mts") ? ["--import", "tsx"] : ["--require", "tsx/cjs"];
    const temp = join(runTemp, String(n));
    mkdirSync(temp);
    const child = spawn(process.execPath, [...loader, "--test-reporter=spec", ...(paths.length === 1 ? paths : [BATCH, ...paths])], { env: { ...env, LANDSCAPE_SHOW: "validate", LANDSCAPE_TEST_RUN: mark.split("=")[1], TMPDIR: temp }, stdio: ["ignore", "pipe", "pipe"] });
    // The first file (the longest: test/reports.test.ts in a full run) is the run's critical path;
    // the others run at nice 5 (their processes inherit it), so that they take the CPU it leaves.
    if (n > 0 && child.pid !== undefined) {
      try {
        setPriority(child.pid, Math.min(19, getPriority() + 5));
      } catch {
        // not allowed here: the files share the CPU evenly
      }
    }
    let output = "";
    let stopped;
    let finished = false;
    const finish = (status, signal) => {
      if (finished) return;
      finished = true;
      run.exited = true;
      clearTimeout(deadline);
      running.delete(run);
      // A grandchild may keep the pipes open: read what is there now, and do not wait for them.
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        // A file that ran no test of its own passed nothing (it declared none, or exited before any of them ran).
        if (status === 0 && !((counts(output).tests ?? 0) > 0)) stopped ??= "it reported no test of its own (none declared, or the process exited before any of them ran)";
        const seconds = (Date.now() - started) / 1000;
        // What its processes started and left behind (a child exiting on its own, such as tsx's
        // esbuild service, gets two seconds), listed and killed.
        const alive = () => (stopped ? [] : processesOf(run).filter((p) => p.pid !== child.pid));
        const report = (left) => {
          if (left.length > 0) kill(run, left);
          done({ file, paths, output, status: status ?? 1, signal, stopped, left, seconds, temp });
        };
        if (alive().length === 0) report([]);
        else setTimeout(() => report(alive()), 2000);
      }, 100);
    };
    const run = {
      child,
      mark,
      temp,
      stop(why) {
        if (stopped || finished) return;
        const rows = processesOf(run);
        stopped = `${why}; the processes of its run still alive:\n${listed(rows)}`;
        kill(run, rows);
        if (why.includes("test runner")) process.stdout.write(`\n── ${file} (${((Date.now() - started) / 1000).toFixed(1)} s, unfinished)\n${output}✖ ${file}: ${stopped}\n`);
      },
    };
    running.add(run);
    const onData = (chunk) => (output += chunk);
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    const deadline = setTimeout(() => run.stop(`stopped after ${fileTimeout} s (LANDSCAPE_TEST_FILE_TIMEOUT): a test that does not end, or, with no summary above, a process that does not exit`), fileTimeout * 1000);
    // A spawn that fails (ENOENT, EAGAIN) emits "error" and never "exit".
    child.on("error", (e) => {
      stopped ??= `could not start: ${e.message}`;
      finish(1, null);
    });
    child.on("exit", finish);
  });
}

const tsc = require.resolve("typescript/bin/tsc");
const types = typecheck
  ? new Promise((done) => {
      tscChild = spawn(process.execPath, [tsc, "-p", "test"], { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      tscChild.stdout.on("data", (chunk) => (output += chunk));
      tscChild.stderr.on("data", (chunk) => (output += chunk));
      tscChild.on("error", (e) => done({ status: 1, output: e.message }));
      tscChild.on("close", (status) => done({ status: status ?? 1, output }));
    })
  : Promise.resolve({ status: 0, output: "" });

const results = [];
let next = 0;
let overtime = false;
const total = setTimeout(() => {
  overtime = true;
  stopAll(`stopped: the whole run passed ${totalTimeout} s (LANDSCAPE_TEST_TOTAL_TIMEOUT)`);
}, totalTimeout * 1000);
const worker = async () => {
  while (next < runs.length && !overtime) {
    const n = next++;
    const result = await runFile(runs[n], n);
    results.push(result);
    process.stdout.write(`\n── ${result.file} (${result.seconds.toFixed(1)} s)\n${result.output}`);
    if (result.stopped) process.stdout.write(`✖ ${result.file}: ${result.stopped}\n`);
    if (result.left.length > 0) process.stdout.write(`⚠ ${result.file} left processes running when it exited (killed now):\n${listed(result.left)}\n`);
    if (result.stopped || result.status !== 0) process.stdout.write(`  its temporary files are kept in ${result.temp}\n`);
    else {
      const error = removeTree(result.temp);
      if (error) process.stdout.write(`⚠ ${result.file}: its temporary folder ${result.temp} could not be removed: ${error}\n`);
    }
  }
};
await Promise.all(Array.from({ length: Math.min(concurrency, runs.length) }, worker));

const failed = results.filter((r) => r.stopped || r.status !== 0);
const notRun = files.filter((f) => !results.some((r) => r.paths.includes(f)));
const sum = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
for (const r of results) for (const [k, v] of Object.entries(counts(r.output))) sum[k] += v;
console.log(`\n══ ${results.reduce((k, r) => k + r.paths.length, 0)} test files in ${results.length} process${results.length === 1 ? "" : "es"}, ${concurrency} at a time: ${Object.entries(sum).map(([k, v]) => `${k} ${v}`).join(", ")}`);
console.log(`   slowest: ${[...results].sort((a, b) => b.seconds - a.seconds).slice(0, 5).map((r) => `${r.file} ${r.seconds.toFixed(0)} s`).join(", ")}`);
for (const r of failed) console.log(`✖ ${r.file}: ${r.stopped ?? `exit ${r.signal ?? r.status}`}`.split("\n")[0]);
for (const f of notRun) console.log(`✖ ${f}: not run (the whole run passed LANDSCAPE_TEST_TOTAL_TIMEOUT)`);
const { status: typeStatus, output: typeOutput } = await types; // within the whole-run deadline too (stopAll kills it)
clearTimeout(total);
if (typecheck) console.log(typeStatus === 0 ? "type-check (tsc -p test): no errors" : `type-check (tsc -p test) failed:\n${typeOutput}`);
ended = true;
if (failed.length > 0) console.log(`the failed files' temporary files are kept in ${runTemp} (remove it when done)`);
else removeTree(runTemp); // every file's folder is gone already; a file not run (past the total time) made none
process.exit(failed.length > 0 || notRun.length > 0 ? 1 : typeStatus);
