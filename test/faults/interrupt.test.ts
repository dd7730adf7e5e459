// Fault suite: interrupting a run leaves no kernel, no connection file (it holds the signing
// key), no lock and no index behind, and exits non-zero (issue 10).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { until } from "../helpers/processes";

const SLOW = join("test", "faults", "fixtures", "slow.ipynb");
/**
 * The runner as `npm run reproduce` starts it: node with tsx's loader, no wrapper process. (tsx's
 * own command line is a parent that relays a signal to its child and SIGKILLs the child when it
 * has not acknowledged the signal within 30 ms: on a loaded machine that killed the runner in the
 * middle of its clean-up, and the Ctrl-C case below failed, the kernel's connection file left.)
 */
const RUNNER = [process.execPath, ["--require", "tsx/cjs", "tools/reproduce.ts"]] as const;

/** The processes of a process group: pid and command line. */
function group(pgid: number): { pid: number; args: string }[] {
  const ps = spawnSync("ps", ["-o", "pid=,args=", "-g", String(pgid)], { encoding: "utf8" });
  return ps.stdout.split("\n").filter((l) => l.trim()).map((l) => {
    const [, pid, args] = /^\s*(\d+)\s+(.*)$/.exec(l)!;
    return { pid: Number(pid), args };
  });
}


/**
 * Starts `command` in a process group of its own, waits until the slow cell runs, sends
 * `signal` to the whole group (Ctrl-C does that) or to the first process only, and checks
 * that everything is gone and nothing was left.
 */
async function interrupt(command: string, args: string[], signal: NodeJS.Signals, target: "group" | "leader", said = new RegExp(`stopped by ${signal}`)) {
  const out = mkdtempSync(join(tmpdir(), "landscape-faults-interrupt-"));
  const child = spawn(command, [...args, SLOW, "--out", out], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code, sig) => r(code ?? (sig ? 128 : null))));
  assert.ok(await until(() => log.includes("cell 2 of 2"), 120, 200), `the slow cell never started:\n${log}`);
  await new Promise((r) => setTimeout(r, 500));
  const kernels = group(child.pid!).filter((p) => p.args.includes("tslab"));
  assert.equal(kernels.length, 1, `one kernel in the group: ${JSON.stringify(group(child.pid!))}`);
  const connectionFile = /--config-path (\S+)/.exec(kernels[0].args)![1];
  assert.ok(existsSync(connectionFile));
  assert.ok(existsSync(join(out, ".reproduce.lock")), "the run holds its lock");

  if (target === "group") process.kill(-child.pid!, signal);
  else process.kill(child.pid!, signal);
  const code = await exited;
  const gone = await until(() => group(child.pid!).length === 0, 15, 200);
  const leftover = group(child.pid!);
  for (const p of leftover) process.kill(p.pid, "SIGKILL"); // never leave them to the next test
  assert.ok(gone, `processes left behind: ${JSON.stringify(leftover)}\n${log}`);
  assert.notEqual(code, 0, "a non-zero exit");
  assert.ok(!existsSync(dirname(connectionFile)), "the connection file and its folder are removed");
  assert.ok(!existsSync(join(out, ".reproduce.lock")), "the lock is released");
  assert.ok(!existsSync(join(out, "index.html")) && !existsSync(join(out, "slow.html")), "no index and no report of the unfinished notebook");
  assert.match(log, said);
}

describe("interrupting a run", () => {
  it("Ctrl-C (SIGINT to the process group of the runner and the kernel)", async () => {
    await interrupt(RUNNER[0], [...RUNNER[1]], "SIGINT", "group");
  });

  it("SIGTERM to npm alone (npm run reproduce: npm → runner → kernel)", async () => {
    await interrupt("npm", ["run", "--silent", "reproduce", "--"], "SIGTERM", "leader");
  });

  it("SIGHUP to the runner's group (the terminal closed)", async () => {
    await interrupt(RUNNER[0], [...RUNNER[1]], "SIGHUP", "group");
  });

  it("SIGKILL to npm, the runner's parent: the runner sees it is orphaned and cleans up", async () => {
    await interrupt("npm", ["run", "--silent", "reproduce", "--"], "SIGKILL", "leader", /the process that started this run \(\d+\) is gone/);
  });
});
