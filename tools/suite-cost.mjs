// `node tools/suite-cost.mjs [--clone COMMIT]`: what `npm test` costs, file by file (Linux: it reads /proc).
// Runs `npm test` in this checkout — or, with --clone, in a fresh clone of it at COMMIT with an empty
// HOME, after a timed `npm ci`, as CI does — while sampling every second the CPU the whole machine
// spends (/proc/stat) and that of every process carrying the mark LANDSCAPE_TEST_RUN that
// tools/run-tests.mjs gives each test file's processes (so kernels, browsers and servers count for
// the file that started them). Prints the wall times, the machine's core-seconds, each file's
// core-seconds (its processes, by kind), and the cores busy per 10 s. Per-file figures miss what
// processes spend after their last sample (a process that lives under a second may not be seen at
// all): the machine's total is the figure to compare between commits, on a machine doing nothing
// else, in runs alternated back to back (a shared host's speed drifts within the hour).
import { spawn, execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HZ = 100; // USER_HZ: the unit of /proc's CPU times on Linux
const args = process.argv.slice(2);
const at = args.indexOf("--clone");
const commit = at >= 0 ? args[at + 1] : undefined;
if ((at >= 0 && !commit) || args.some((a, i) => a !== "--clone" && i !== at + 1)) {
  console.error("usage: node tools/suite-cost.mjs [--clone COMMIT]");
  process.exit(2);
}
try {
  readFileSync("/proc/stat");
} catch {
  console.error("suite-cost reads /proc: Linux only");
  process.exit(2);
}

/** Seconds of CPU the machine has spent busy since boot (all but idle and iowait). */
function machineBusy() {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return (fields.reduce((a, b) => a + b, 0) - fields[3] - fields[4]) / HZ;
}

/** Every process with the mark: key (pid and start time), mark, command line, CPU seconds so far. */
function markedProcesses() {
  const rows = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const mark = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").find((e) => e.startsWith("LANDSCAPE_TEST_RUN="));
      if (!mark) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      rows.push({ key: `${pid}:${rest[19]}`, mark: mark.slice("LANDSCAPE_TEST_RUN=".length), cmd, cpu: (Number(rest[11]) + Number(rest[12])) / HZ });
    } catch {
      // gone meanwhile, or another user's
    }
  }
  return rows;
}

/** Runs a command, timed; resolves with its seconds and exit code. */
function timed(command, argv, options) {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(command, argv, { stdio: ["ignore", "inherit", "inherit"], ...options });
    child.on("exit", (code) => resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, code }));
  });
}

const kindOf = (cmd) =>
  /chrom/.test(cmd) ? "chromium" : /tslab/.test(cmd) ? "kernel" : /jupyter|python/.test(cmd) ? "jupyter" : /\.test\.|test-batch/.test(cmd) ? "test process" : /^\S*node/.test(cmd) ? "other node" : cmd.split(" ")[0].split("/").pop() || "?";

let cwd = process.cwd();
let env = process.env;
let folder;
let install;
if (commit) {
  folder = mkdtempSync(join(tmpdir(), "landscape-suite-cost-"));
  chmodSync(folder, 0o755); // readable by others, as a clone is: test/faults/cli.test.ts runs the runner as another user
  cwd = join(folder, "repo");
  execFileSync("git", ["clone", "-q", process.cwd(), cwd]);
  execFileSync("git", ["checkout", "-q", commit], { cwd });
  env = { ...process.env, HOME: join(folder, "home") };
  install = await timed("npm", ["ci", "--no-audit", "--no-fund"], { cwd, env });
  if (install.code !== 0) {
    console.error(`npm ci failed (exit ${install.code})`);
    process.exit(1);
  }
}

const seen = new Map();
const machine = [];
const t0 = Date.now();
const sample = () => {
  machine.push([(Date.now() - t0) / 1000, machineBusy()]);
  for (const p of markedProcesses()) {
    const known = seen.get(p.key) ?? { ...p, first: machine.at(-1)[0] };
    seen.set(p.key, { ...known, cpu: p.cpu, last: machine.at(-1)[0] });
  }
};
sample();
const sampler = setInterval(sample, 1000);
const test = await timed("npm", ["test"], { cwd, env });
clearInterval(sampler);
sample();
if (folder) rmSync(folder, { recursive: true, force: true });

// Each mark's file: the test file its node process runs, or the library's batch.
const files = new Map();
for (const p of seen.values()) {
  const file = /test-batch\.cjs/.test(p.cmd) ? "the library's batch" : p.cmd.match(/--test-reporter=\S+ (\S+\.test\.m?ts)/)?.[1];
  if (file && !files.has(p.mark)) files.set(p.mark, file);
}
const byFile = new Map();
for (const p of seen.values()) {
  const file = files.get(p.mark) ?? `mark ${p.mark}`;
  const row = byFile.get(file) ?? { cpu: 0, first: p.first, last: p.last, kinds: new Map() };
  row.cpu += p.cpu;
  row.first = Math.min(row.first, p.first);
  row.last = Math.max(row.last, p.last);
  const kind = kindOf(p.cmd);
  row.kinds.set(kind, (row.kinds.get(kind) ?? 0) + p.cpu);
  byFile.set(file, row);
}
const total = machine.at(-1)[1] - machine[0][1];
if (install) console.log(`npm ci: ${install.seconds.toFixed(1)} s`);
console.log(`npm test: ${test.seconds.toFixed(1)} s (exit ${test.code}); the machine busy ${total.toFixed(0)} core-s, ${(total / test.seconds).toFixed(2)} cores on average`);
console.log("core-s by test file (their processes, by kind; from–to s):");
for (const [file, row] of [...byFile].sort((a, b) => b[1].cpu - a[1].cpu)) {
  if (row.cpu < 0.5) continue;
  const kinds = [...row.kinds].sort((a, b) => b[1] - a[1]).filter(([, c]) => c >= 0.1).map(([k, c]) => `${k} ${c.toFixed(1)}`).join(", ");
  console.log(`  ${row.cpu.toFixed(1).padStart(6)}  ${file} (${kinds}; ${row.first.toFixed(0)}–${row.last.toFixed(0)} s)`);
}
const busy = [];
for (let i = 0; i + 10 < machine.length; i += 10) busy.push(((machine[i + 10][1] - machine[i][1]) / (machine[i + 10][0] - machine[i][0])).toFixed(1));
console.log(`cores busy per 10 s: ${busy.join(" ")}`);
process.exit(test.code ?? 1);
