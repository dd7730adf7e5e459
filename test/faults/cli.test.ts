// Fault suite: bad inputs and outputs of `npm run reproduce` get one-line errors naming the
// file, the other notebooks still run, the exit code is non-zero; one run per folder; files
// written atomically; no stale report shown as this run's (issue 10).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { ensureOutputFolder, takeOutArgument, writeFileAtomic } from "../../tools/files";
import { acquireLock, LOCK_FILE } from "../../tools/lock";

const fixture = (name: string) => join("test", "faults", "fixtures", name);
/** The runner as `npm run reproduce` starts it: node with tsx's loader. */
const NODE_TSX = [process.execPath, "--require", "tsx/cjs"];
const temporary = () => mkdtempSync(join(tmpdir(), "landscape-faults-cli-"));

/**
 * The environment of a process run as `user`: HOME and TMPDIR a folder it owns (tsx caches its
 * compiled files in the temporary folder, and the test runner gives this file one only root may write).
 */
function environmentOf(user: number) {
  const own = temporary();
  chownSync(own, user, user);
  return { ...process.env, HOME: own, TMPDIR: own };
}

/** Runs the runner as a reader would; `asUser` runs it as another (unprivileged) user. */
function reproduce(args: string[], { timeout = 180_000, asUser }: { timeout?: number; asUser?: number } = {}) {
  const [command, argv] = asUser === undefined ? [NODE_TSX[0], [...NODE_TSX.slice(1), "tools/reproduce.ts", ...args]] : ["setpriv", [`--reuid=${asUser}`, `--regid=${asUser}`, "--clear-groups", ...NODE_TSX, "tools/reproduce.ts", ...args]];
  const r = spawnSync(command, argv, { encoding: "utf8", timeout, env: asUser === undefined ? { ...process.env, HOME: tmpdir() } : environmentOf(asUser) });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr, all: r.stdout + r.stderr };
}

/** The run's error output is one line per problem, with no stack trace. */
const noStack = (text: string) => assert.doesNotMatch(text, /^\s+at .+:\d+:\d+\)?$/m, `a stack trace:\n${text}`);

describe("bad notebooks and unwritable reports", () => {
  it("names a notebook that is not JSON and a missing one in one line each, runs the others, exits non-zero", () => {
    const out = temporary();
    const r = reproduce([fixture("not-json.ipynb"), fixture("missing.ipynb"), fixture("quick.ipynb"), "--out", out]);
    assert.equal(r.code, 1, r.all);
    noStack(r.all);
    assert.match(r.all, /✘ test\/faults\/fixtures\/not-json\.ipynb: not valid JSON: .*\n/);
    assert.match(r.all, /✘ test\/faults\/fixtures\/missing\.ipynb: no such file or folder \(ENOENT\)\n/);
    assert.match(r.all, /✔ quick in/);
    assert.ok(existsSync(join(out, "quick.html")) && existsSync(join(out, "index.html")));
    assert.deepEqual(readdirSync(out).filter((f) => f.endsWith(".partial")), [], "no temporary file left");
  });

  it("names a report it cannot write, still runs the next notebook, exits non-zero", () => {
    const out = temporary();
    mkdirSync(join(out, "late-error-rejection.html")); // a folder where the report should go
    const r = reproduce([fixture("late-error-rejection.ipynb"), fixture("quick.ipynb"), "--out", out]);
    assert.equal(r.code, 1, r.all);
    noStack(r.all);
    assert.match(r.all, /late-error-rejection failed at cannot write its report into .*: is a folder \(EISDIR\)/);
    assert.ok(existsSync(join(out, "quick.html")));
  });
});

describe("--out", () => {
  const file = join(temporary(), "a-file");
  writeFileSync(file, "");
  const cases: [string, string[], RegExp][] = [
    ["with no value", ["--out"], /^--out needs a folder: --out DIR\n$/],
    ["an existing file", ["--out", file], /^--out .*a-file: is a file, not a folder\n$/],
    ["under a file", ["--out", join(file, "reports")], /^--out .*a-file\/reports: .*a-file is a file, not a folder\n$/],
    ["under /proc (Node 20's recursive mkdir spins there forever)", ["--out", "/proc/landscape/reports"], /^--out \/proc\/landscape\/reports: \/proc is on the virtual file system proc, not a place for reports\n$/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: a one-line error, exit non-zero, nothing run`, () => {
      const r = reproduce([fixture("quick.ipynb"), ...args], { timeout: 60_000 });
      assert.equal(r.signal, null, "it did not hang");
      assert.notEqual(r.code, 0);
      assert.match(r.err, message);
      assert.doesNotMatch(r.out, /▶/);
    });
  }

  it("a read-only folder: a one-line error naming it", (t) => {
    const out = temporary();
    chmodSync(out, 0o555);
    // root may write anywhere: run as nobody then (the repository must be readable by others).
    const asUser = process.getuid?.() === 0 ? 65534 : undefined;
    const canRun = () => spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", ...NODE_TSX, "-e", "require('./tools/files')"], { env: environmentOf(65534) }).status === 0;
    if (asUser !== undefined && !canRun()) return t.skip("cannot run the runner as an unprivileged user here (setpriv, or a repository others cannot read)");
    const r = reproduce([fixture("not-json.ipynb"), "--out", out], { asUser, timeout: 60_000 });
    assert.equal(r.code, 1, r.all);
    assert.match(r.err, /^--out .*: cannot write in this folder: permission denied \(EACCES\)\n$/);
  });

  it("takes --out out of the arguments, and checks folders without Node's recursive mkdir", () => {
    const args = ["a.ipynb", "--out", "x", "b.ipynb"];
    assert.equal(takeOutArgument(args), resolve("x"));
    assert.deepEqual(args, ["a.ipynb", "b.ipynb"]);
    assert.throws(() => takeOutArgument(["--out", "--other"]), /--out needs a folder/);
    const nested = join(temporary(), "a", "b", "c");
    ensureOutputFolder(nested);
    assert.ok(existsSync(nested));
    assert.throws(() => ensureOutputFolder("/proc/self/x"), /virtual file system proc/);
  });
});

describe("one run per folder, atomic files, no stale report", () => {
  it("refuses a second run into a folder in use, naming the run that holds it", () => {
    const out = temporary();
    writeFileSync(join(out, LOCK_FILE), `${process.pid}\n`); // this test process is alive
    const r = reproduce([fixture("not-json.ipynb"), "--out", out], { timeout: 60_000 });
    assert.equal(r.code, 1);
    assert.equal(r.err, `--out ${out}: another run (process ${process.pid}) is writing into this folder; wait for it to end, or choose another --out\n`);
    assert.ok(existsSync(join(out, LOCK_FILE)), "the other run's lock is left alone");
    assert.throws(() => acquireLock(out), /another run/);
  });

  it("takes over the lock of a run that no longer exists, and releases its own", () => {
    const out = temporary();
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    writeFileSync(join(out, LOCK_FILE), dead.stdout);
    const lock = acquireLock(out);
    assert.equal(Number.parseInt(readFileSync(join(out, LOCK_FILE), "utf8"), 10), process.pid);
    lock.release();
    assert.ok(!existsSync(join(out, LOCK_FILE)));
  });

  it("removes an earlier run's index and reports of the notebooks it reruns, so that only its own are shown", () => {
    const out = temporary();
    for (const f of ["index.html", "not-json.html", "not-json.ipynb"]) writeFileSync(join(out, f), "an earlier run's file");
    writeFileSync(join(out, "other.html"), "a notebook this run does not touch");
    const r = reproduce([fixture("not-json.ipynb"), "--out", out], { timeout: 60_000 });
    assert.equal(r.code, 1);
    assert.ok(!existsSync(join(out, "not-json.html")) && !existsSync(join(out, "not-json.ipynb")), "no stale report of a notebook that failed this time");
    assert.notEqual(readFileSync(join(out, "index.html"), "utf8"), "an earlier run's file", "the index is this run's");
    assert.equal(readFileSync(join(out, "other.html"), "utf8"), "a notebook this run does not touch");
  });

  it("writes through a temporary file and a rename", () => {
    const dir = temporary();
    const path = join(dir, "report.html");
    writeFileSync(path, "old");
    writeFileAtomic(path, "new");
    assert.equal(readFileSync(path, "utf8"), "new");
    chmodSync(dir, 0o555);
    if (process.getuid?.() !== 0) assert.throws(() => writeFileAtomic(path, "newer"), /EACCES/);
    assert.equal(readFileSync(path, "utf8"), "new", "a failed write leaves the old file whole");
    assert.deepEqual(readdirSync(dir), ["report.html"]);
  });
});
