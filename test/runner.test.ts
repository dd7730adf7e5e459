// The test runner (tools/run-tests.mjs): no file can hold `npm test` forever. A file past its
// time (a test that does not end, or a process that does not exit after its tests) is stopped
// with every process under it, named with those processes, and counted as failed; the other
// files' results are all reported.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

const fixture = (name: string) => join("test", "fixtures", "runner", `${name}.test.mjs`);

function runner(files: string[], env: Record<string, string>) {
  const pids = join(mkdtempSync(join(tmpdir(), "landscape-runner-")), "pids");
  writeFileSync(pids, "");
  const started = Date.now();
  // The runner's own settings of this run (LANDSCAPE_TEST_*) are not the fixtures'.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LANDSCAPE_TEST_")));
  // The runner must not depend on how this file was started: under `node --test` (as npm test
  // starts every file), NODE_TEST_CONTEXT is set here, and the runner drops it for its files.
  const r = spawnSync(process.execPath, ["tools/run-tests.mjs", ...files], { encoding: "utf8", timeout: 120_000, env: { ...inherited, RUNNER_FIXTURE_PIDS: pids, ...env } });
  const children = readFileSync(pids, "utf8").split("\n").filter(Boolean).map(Number);
  return { code: r.status, out: r.stdout + r.stderr, seconds: (Date.now() - started) / 1000, children };
}

/** Whether a process runs (a zombie, killed and not yet reaped by init, does not). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

describe("the test runner", () => {
  it("stops a file that does not end and a file that does not exit, with the processes under them, and reports every file", () => {
    const r = runner([fixture("passes"), fixture("fails"), fixture("hangs"), fixture("leaks")], { LANDSCAPE_TEST_CONCURRENCY: "2", LANDSCAPE_TEST_FILE_TIMEOUT: "8" });
    assert.equal(r.code, 1, r.out);
    // The stopped files print no summary (node's runner prints it on exit): 2 + 2 tests from the others.
    assert.match(r.out, /══ 4 test files, 2 at a time: tests 4, pass 3, fail 1, cancelled 0, skipped 0, todo 0/);
    for (const name of ["hangs", "leaks"]) {
      assert.match(r.out, new RegExp(`✖ test/fixtures/runner/${name}\\.test\\.mjs: stopped after 8 s \\(LANDSCAPE_TEST_FILE_TIMEOUT\\).*the processes still running under it:\n(.*\n)*\\s+\\d+ \\(parent \\d+\\) sleep 1000`));
    }
    assert.match(r.out, /✔ passes and leaves a child behind/, "a stopped file's test results so far are shown");
    assert.match(r.out, /✖ test\/fixtures\/runner\/fails\.test\.mjs: exit 1/);
    assert.doesNotMatch(r.out, /✖ test\/fixtures\/runner\/passes/);
    assert.match(r.out, /started its child/, "a stopped file's output so far is shown");
    assert.equal(r.children.length, 2, r.out);
    assert.deepEqual(r.children.filter(alive), [], "the stopped files' children are gone");
    assert.ok(r.seconds < 40, `the run ends soon after the file timeout: ${r.seconds} s`);
  });

  it("fails a file that runs no test of its own", () => {
    const r = runner([fixture("passes"), fixture("empty")], {});
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /✖ test\/fixtures\/runner\/empty\.test\.mjs: it reported no test of its own/);
    assert.doesNotMatch(r.out, /✖ test\/fixtures\/runner\/passes/);
  });

  it("passes when every file passes, and refuses a bad setting", () => {
    const ok = runner([fixture("passes")], {});
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /══ 1 test files, 4 at a time: tests 2, pass 2, fail 0/);
    for (const name of ["LANDSCAPE_TEST_CONCURRENCY", "LANDSCAPE_TEST_FILE_TIMEOUT"]) {
      const bad = runner([fixture("passes")], { [name]: "0" });
      assert.equal(bad.code, 2, bad.out);
      assert.match(bad.out, new RegExp(`${name} must be a positive integer, got "0"`));
    }
  });
});
