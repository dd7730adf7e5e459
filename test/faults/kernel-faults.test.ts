// Fault suite: no output lost, no failure misreported (issue 10). Each fixture runs on the
// tslab kernel through the project's kernelspec (with its preload).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { running, until } from "../helpers/processes";
import { executeNotebook } from "../../tools/execute";
import { KernelClient } from "../../tools/kernel-client";
import { landscapeKernelSpec } from "../../tools/kernelspec";
import { sourceText, readNotebook, type CodeCell, type Notebook } from "../../tools/notebook";
import { NOTEBOOK_STREAM_LIMIT, REPORT_TEXT_LIMIT } from "../../tools/output-limits";
import { renderNotebook } from "../../tools/report";

const fixture = (name: string) => join("test", "faults", "fixtures", name);

const run = (name: string) => executeNotebook(fixture(name), readNotebook(fixture(name)), { timeout: 90 });
const stdout = (nb: Notebook, cell: number) =>
  (nb.cells[cell - 1] as CodeCell).outputs.filter((o) => o.output_type === "stream" && o.name === "stdout").map((o) => sourceText((o as { text: string[] }).text)).join("");

describe("large outputs", () => {
  it("keeps all of 10⁵ printed lines, and truncates 50 MB visibly, in the notebook and in the report", async () => {
    // Before the kernel preload, 2,000 lines already stalled: zeromq.js threw "busy writing"
    // after 512 synchronous sends, console.log swallowed it, and the idle status was lost.
    const { notebook, failure } = await run("many-lines.ipynb");
    assert.equal(failure, undefined, failure?.message);

    const lines = stdout(notebook, 1).split("\n");
    assert.equal(lines.length, 100_002, "10⁵ lines, the last line and the final newline's empty tail");
    assert.deepEqual([lines[0].slice(0, 4), lines[12_345].slice(0, 4), lines[99_999].slice(0, 4), lines[100_000]], ["0000", "2345", "9999", "last line"], "in order");
    assert.ok(lines.slice(0, 100_000).every((l) => l.length === 99), "none cut or merged");

    const big = stdout(notebook, 2);
    assert.ok(big.length <= NOTEBOOK_STREAM_LIMIT + 200, `kept ${big.length} characters of 50 MB`);
    assert.match(big, /\[landscape: output truncated: \d+ more characters of stdout were not kept/);
    const lost = Number(/truncated: (\d+) more/.exec(big)![1]);
    assert.equal(lost + NOTEBOOK_STREAM_LIMIT, 51_200 * 1024, "the note counts exactly what was dropped");
    assert.equal(stdout(notebook, 3), "after the large outputs\n", "the notebook went on");

    const report = renderNotebook(notebook, { name: "many-lines" });
    // The page's stylesheets (KaTeX with its fonts, about 0.4 MB) and two outputs of at most REPORT_TEXT_LIMIT each.
    assert.ok(report.html.length < 2 ** 20 + 2 * REPORT_TEXT_LIMIT, `report of ${report.html.length} characters, for 60 MB of output`);
    const notes = [...report.html.matchAll(/output truncated in this report: (\d+) lines \((\d+) characters\) left out here; the whole output is in many-lines\.ipynb/g)];
    assert.equal(notes.length, 2, "both long outputs carry the note");
    assert.ok(Number(notes[0][1]) > 90_000 && Number(notes[0][1]) < 100_000);
  });
});

describe("errors after their cell returned", () => {
  it("a throw in a timer fails the notebook at the cell that set the timer, though it fires during the next", async () => {
    const { notebook, failure } = await run("late-error-timer.ipynb");
    assert.deepEqual(failure && { cell: failure.cell, kind: failure.kind }, { cell: 1, kind: "late-error" });
    assert.match(failure!.message, /uncaught exception .*thrown in a timer/);
    assert.ok((notebook.cells[0] as CodeCell).outputs.some((o) => o.output_type === "error" && o.ename === "LateError"));
    assert.equal((notebook.cells[2] as CodeCell).execution_count, null, "the notebook stopped");
  });

  it("an unhandled rejection in the last cell fails the notebook at that cell", async () => {
    const { failure } = await run("late-error-rejection.ipynb");
    assert.deepEqual(failure && { cell: failure.cell, kind: failure.kind }, { cell: 2, kind: "late-error" });
    assert.match(failure!.message, /unhandled rejection .*nobody awaits this/);
  });

  it("a throw 300 ms after the last cell returned fails the notebook at the cell that scheduled it", async () => {
    const { failure } = await run("late-error-after-last.ipynb");
    assert.deepEqual(failure && { cell: failure.cell, kind: failure.kind }, { cell: 2, kind: "late-error" });
    assert.match(failure!.message, /thrown after the last cell/);
  });
});

describe("a kernel that never answers", () => {
  it("fails the start within its time limit, and the runner's process still exits by itself (no request left queued on its sockets)", () => {
    // A "kernel" that binds nothing: the start's kernel_info requests queue up on the shell socket,
    // and zeromq waits for queued messages before the process may exit unless the sockets close
    // with linger 0. (Seen in a test run whose kernels got too little CPU to start within 60 s: the
    // start failed, then the test file never exited.)
    const script = `const { KernelClient } = require("./tools/kernel-client");
      KernelClient.start({ argv: ["sleep", "30"], display_name: "never", language: "typescript" }, { cwd: ".", startTimeout: 1500 })
        .then(() => console.log("started"), (e) => console.log("rejected: " + e.message));`;
    const started = Date.now();
    const child = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { encoding: "utf8", timeout: 30_000 });
    assert.equal(child.signal, null, `the process did not exit by itself within 30 s: ${child.stdout}${child.stderr}`);
    assert.match(child.stdout, /^rejected: the kernel did not answer within 1.5 s/);
    assert.ok(Date.now() - started < 20_000, "the start gave up at its limit, then the 2 s grace before the kill");
  });
});

describe("a request that arrives while the kernel binds its sockets", () => {
  it("waits until all five are bound, then is answered (the preload's sixth repair)", () => {
    // tslab alone handled it at once: once, under load, its reply then threw "Socket is blocked by a
    // bind or unbind operation" and the client waited 60 s. The fixture holds back the end of the
    // iopub bind 500 ms; without the repair its events are ["handled", "bound"].
    const folder = mkdtempSync(join(tmpdir(), "landscape-early-request-"));
    try {
      const run = spawnSync(process.execPath, ["--require", "./tools/kernel-preload.cjs", fixture("early-request.cjs"), folder], { encoding: "utf8", timeout: 30_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, "", "nothing on stderr: no late error, no warning of zeromq's");
      assert.deepEqual(JSON.parse(run.stdout), { events: ["bound", "handled"], reply: "kernel_info_reply" });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("shutting a kernel down", () => {
  it("exits by itself on a shutdown request (code 0), not killed after the client's 2 s grace", async () => {
    // tslab alone closes its sockets but never exits; the preload's fourth repair ends the process.
    const kernel = await KernelClient.start(landscapeKernelSpec(), { cwd: "notebooks" });
    await kernel.execute("1 + 1", () => {}, 30_000);
    await kernel.shutdown();
    assert.deepEqual(kernel.exit, { code: 0, signal: null });
  });
});

describe("a kernel whose runner is killed", () => {
  it("exits within seconds, even inside a 60 s synchronous cell, and removes the connection file (its signing key) the runner could not", { timeout: 180_000 }, async () => {
    // A runner that starts a kernel, sets it spinning in a synchronous cell, prints the kernel's
    // pid and connection folder, then is SIGKILLed. (The kernel's check of its parent runs on a
    // worker thread: on the main thread it would wait for the cell, a minute here.)
    const script = `
      const { KernelClient } = require("./tools/kernel-client");
      const { landscapeKernelSpec } = require("./tools/kernelspec");
      KernelClient.start(landscapeKernelSpec(), { cwd: "notebooks" }).then((k) => {
        const [client] = KernelClient.running;
        k.execute("const until = Date.now() + 60000; while (Date.now() < until) {}", () => {}, 120000).catch(() => {});
        console.log(JSON.stringify({ folder: client.folder, pid: client.process.pid }));
      });`;
    const runner = spawn(process.execPath, ["--require", "tsx/cjs", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    runner.stderr.on("data", (d) => (stderr += d));
    // Its line, or its end if the kernel never started (then this test fails, saying why).
    const line = await new Promise<string>((done, fail) => {
      runner.stdout.on("data", (d) => done(String(d)));
      runner.on("exit", (code) => fail(new Error(`the runner exited (${code}) before its kernel started:\n${stderr}`)));
      setTimeout(() => (runner.kill("SIGKILL"), fail(new Error(`no kernel after 90 s:\n${stderr}`))), 90_000).unref();
    });
    const { folder, pid } = JSON.parse(line) as { folder: string; pid: number };
    assert.ok(existsSync(join(folder, "kernel.json")), "the runner wrote the connection file");
    // The cell spinning: the kernel's main thread runs (state R) for a minute.
    assert.ok(await until(() => /^\d+ \(.*\) R/s.test(readFileSync(`/proc/${pid}/stat`, "utf8")), 10), "the kernel is busy in its cell");
    runner.kill("SIGKILL");
    const killed = Date.now();
    await until(() => !existsSync(folder) && !running(pid), 10);
    assert.ok(!running(pid), "the orphaned kernel exited");
    assert.ok(!existsSync(folder), "and removed its connection folder");
    // Its check runs every second: 1–2 s measured; 10 s allowed for a loaded machine, far below the cell's 60 s.
    assert.ok(Date.now() - killed < 10_000, `in ${Date.now() - killed} ms`);
  });
});
