// The test runner (tools/run-tests.mjs): no file can hold `npm test` forever. A file past its
// time (a test that does not end, or a process that does not exit after its tests) is stopped
// with every process of its run — its descendants, and a process of a session of its own whose
// parent is gone — named and killed, and counted as failed; what a file leaves running when it exits is listed and
// killed; a signal to the runner prints the running files' output and stops them; the other
// files' results are all reported; each file's temporary files go to a folder of its own, removed
// when the file passes and kept, named, when it fails.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, it } from "node:test";
import { running as alive, until } from "./helpers/processes";

const fixture = (name: string) => join("test", "fixtures", "runner", `${name}.test.mjs`);

/**
 * The environment of a runner under test, the file where its fixtures write their children's pids,
 * and its temporary folder (TMPDIR), where the file `temps` receives the fixtures' own temporary folders.
 */
function setting(env: Record<string, string>) {
  const folder = mkdtempSync(join(tmpdir(), "landscape-runner-"));
  const pids = join(folder, "pids");
  writeFileSync(pids, "");
  writeFileSync(join(folder, "temps"), "");
  // The runner's own settings of this run (LANDSCAPE_TEST_*) are not the fixtures'. The runner
  // must not depend on how this file was started: under `node --test`, NODE_TEST_CONTEXT is set
  // here, and the runner drops it for its files.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LANDSCAPE_TEST_")));
  return { pids, folder, env: { ...inherited, RUNNER_FIXTURE_PIDS: pids, RUNNER_FIXTURE_TEMPS: join(folder, "temps"), TMPDIR: folder, ...env } };
}

const childrenIn = (pids: string) => readFileSync(pids, "utf8").split("\n").filter(Boolean).map(Number);
/** The runners' temporary folders left in a runner's own temporary folder. */
const runFoldersIn = (folder: string) => readdirSync(folder).filter((f) => f.startsWith("landscape-test-"));

function runner(files: string[], env: Record<string, string>) {
  const { pids, folder, env: full } = setting(env);
  const started = Date.now();
  const r = spawnSync(process.execPath, ["tools/run-tests.mjs", ...files], { encoding: "utf8", timeout: 120_000, env: full });
  const kernelFolder = existsSync(`${pids}.folder`) ? readFileSync(`${pids}.folder`, "utf8") : undefined;
  const temps = Object.fromEntries(readFileSync(join(folder, "temps"), "utf8").split("\n").filter(Boolean).map((line) => line.split(" ")));
  return { code: r.status, out: r.stdout + r.stderr, seconds: (Date.now() - started) / 1000, children: childrenIn(pids), kernelFolder, folder, temps };
}


describe("the test runner", () => {
  it("stops a file that does not end and a file that does not exit, with every process of their runs, and reports every file", () => {
    // 20 s: the fixtures that end must end by then (at a load of 13 on two cores, node and tsx took
    // over 8 s to start, and the 8 s this test had stopped `fails` before it printed anything).
    const r = runner([fixture("passes"), fixture("fails"), fixture("hangs"), fixture("leaks")], { LANDSCAPE_TEST_FILE_TIMEOUT: "20" });
    assert.equal(r.code, 1, r.out);
    // The stopped files print no summary (node's runner prints it on exit): 2 + 2 tests from the others.
    assert.match(r.out, /══ 4 test files in 4 processes, 4 at a time: tests 4, pass 3, fail 1, cancelled 0, skipped 0, todo 0/);
    for (const [name, sleeps] of [["hangs", ["1000", "1001"]], ["leaks", ["1000"]]] as const) {
      const stopped = new RegExp(`✖ test/fixtures/runner/${name}\\.test\\.mjs: stopped after 20 s \\(LANDSCAPE_TEST_FILE_TIMEOUT\\).*the processes of its run still alive:\\n((  \\d+ \\(parent \\d+\\) .*\\n)+)`).exec(r.out);
      assert.ok(stopped, `${name} stopped and its processes listed:\n${r.out}`);
      for (const seconds of sleeps) assert.match(stopped[1], new RegExp(`\\d+ \\(parent \\d+\\) sleep ${seconds}\\n`), `${name}: sleep ${seconds} listed`);
    }
    assert.match(r.out, /✖ test\/fixtures\/runner\/fails\.test\.mjs: exit 1/);
    assert.doesNotMatch(r.out, /✖ test\/fixtures\/runner\/passes/);
    assert.match(r.out, /✔ passes and leaves a child behind/, "a stopped file's test results so far are shown");
    assert.match(r.out, /started its children/, "and what it printed");
    assert.equal(r.children.length, 4, r.out);
    assert.deepEqual(r.children.filter(alive), [], "the stopped files' children are gone, the one in a session of its own too");
    assert.ok(!existsSync(r.kernelFolder!), "the stand-in kernel's connection folder is removed");
    assert.ok(r.seconds < 60, `the run ends soon after the file timeout (not when the fixtures' sleep 1000 would): ${r.seconds} s`);
  });

  it("lists and kills what a file leaves running when it exits, without failing it", () => {
    const r = runner([fixture("strays")], {});
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /⚠ test\/fixtures\/runner\/strays\.test\.mjs left processes running when it exited \(killed now\):\n\s+\d+ \(parent \d+\) sleep 1002\n/);
    assert.equal(r.children.length, 1);
    assert.deepEqual(r.children.filter(alive), []);
  });

  it("on SIGTERM prints what the running files printed so far, stops them and their processes, and exits 143", async () => {
    const { pids, folder, env } = setting({});
    const child = spawn(process.execPath, ["tools/run-tests.mjs", fixture("hangs")], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
    assert.ok(await until(() => childrenIn(pids).length === 3, 30), "the fixture started its children");
    // Its line printed before the pids were written travels through a pipe to the runner: a
    // second for that on a loaded machine (with `node --test` in between, one run in three missed it without it).
    await new Promise((r) => setTimeout(r, 1000));
    child.kill("SIGTERM");
    assert.equal(await exited, 143, out);
    assert.match(out, /── test\/fixtures\/runner\/hangs\.test\.mjs \([\d.]+ s, unfinished\)\n(.*\n)*.*started its children\n/);
    assert.match(out, /✖ test\/fixtures\/runner\/hangs\.test\.mjs: stopped by SIGTERM to the test runner; the processes of its run still alive:\n(.*\n)*\s+\d+ \(parent \d+\) sleep 1001\n/);
    assert.ok(await until(() => childrenIn(pids).filter(alive).length === 0, 5), `children left: ${childrenIn(pids).filter(alive)}`);
    assert.deepEqual(runFoldersIn(folder), [], "an interrupted run removes its temporary folder");
  });

  it("gives each file a temporary folder of its own (TMPDIR), removes a passing file's, keeps a failing file's and names it", () => {
    const r = runner([fixture("temp"), fixture("temp-fails")], {});
    assert.equal(r.code, 1, r.out);
    const { passes, fails } = r.temps;
    assert.ok(passes && fails && passes !== fails, `two folders recorded: ${JSON.stringify(r.temps)}`);
    const runFolder = dirname(passes);
    assert.equal(dirname(fails), runFolder, "one folder for the run");
    assert.match(basename(runFolder), /^landscape-test-[A-Za-z0-9]{6}$/);
    assert.equal(dirname(runFolder), r.folder, "made in the runner's own temporary folder");
    assert.ok(!existsSync(passes), "the passing file's folder is removed");
    assert.equal(readFileSync(join(fails, "written"), "utf8"), "by temp-fails.test.mjs", "the failing file's folder is kept whole");
    assert.ok(r.out.includes(`its temporary files are kept in ${fails}\n`), r.out);
    assert.ok(r.out.includes(`the failed files' temporary files are kept in ${runFolder} (remove it when done)\n`), r.out);
    const ok = runner([fixture("temp")], {});
    assert.equal(ok.code, 0, ok.out);
    assert.ok(ok.temps.passes && !existsSync(ok.temps.passes));
    assert.deepEqual(runFoldersIn(ok.folder), [], "a run that passes leaves no temporary folder");
    assert.doesNotMatch(ok.out, /temporary files are kept/);
  });

  it("fails a file that runs no test of its own", () => {
    const r = runner([fixture("passes"), fixture("empty")], {});
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /✖ test\/fixtures\/runner\/empty\.test\.mjs: it reported no test of its own/);
    assert.doesNotMatch(r.out, /✖ test\/fixtures\/runner\/passes/);
  });

  it("runs the library's files in one process, each in a suite named after it: one that cannot load fails, the others still run", () => {
    const batch = (name: string) => join("test", "fixtures", "runner", `batch-${name}.test.cjs`);
    const r = spawnSync(process.execPath, ["--require", "tsx/cjs", "--test-reporter=spec", join("tools", "test-batch.cjs"), batch("passes"), batch("broken"), batch("fails")], { encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^✔ test\/fixtures\/runner\/batch-passes\.test\.cjs/m);
    assert.match(r.stdout, /^✖ test\/fixtures\/runner\/batch-broken\.test\.cjs[^\n]*\n\s+Error: broken on load/m);
    assert.match(r.stdout, /^✖ test\/fixtures\/runner\/batch-fails\.test\.cjs/m);
    assert.match(r.stdout, /^ℹ tests 4\nℹ suites 4\nℹ pass 2\nℹ fail 1\nℹ cancelled 1$/m);
  });

  it("passes when every file passes, and refuses a bad setting or option", () => {
    const ok = runner([fixture("passes")], {});
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /══ 1 test files in 1 process, 4 at a time: tests 2, pass 2, fail 0/);
    for (const [name, value] of [["LANDSCAPE_TEST_CONCURRENCY", "0"], ["LANDSCAPE_TEST_FILE_TIMEOUT", "0"], ["LANDSCAPE_TEST_FILE_TIMEOUT", "9999999"], ["LANDSCAPE_TEST_TOTAL_TIMEOUT", "1.5"]]) {
      const bad = runner([fixture("passes")], { [name]: value });
      assert.equal(bad.code, 2, bad.out);
      assert.match(bad.out, new RegExp(`${name} must be a positive integer.*, got "${value}"`));
    }
    const option = runner(["--test-name-pattern=x", fixture("passes")], {});
    assert.equal(option.code, 2, option.out);
    assert.match(option.out, /unknown option --test-name-pattern=x/);
  });
});
