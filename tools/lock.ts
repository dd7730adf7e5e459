/**
 * One run per output folder: `npm run reproduce` holds `DIR/.reproduce.lock` (its process id)
 * while it writes into DIR. A second run into the same folder refuses with a one-line Error;
 * a lock left by a process that no longer exists is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describeError } from "./files";

export const LOCK_FILE = ".reproduce.lock";

/** Whether a process with this id exists (EPERM: it exists, owned by someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface Lock {
  path: string;
  /** Removes the lock if it is still this process's. */
  release(): void;
}

/** Takes the lock of `dir`, or throws a one-line Error naming the run that holds it or why the folder cannot be written. */
export function acquireLock(dir: string): Lock {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      const release = () => {
        process.off("exit", release);
        if (ownerOf(path) === process.pid) rmSync(path, { force: true });
      };
      process.on("exit", release); // also when the process exits on a signal
      return { path, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`--out ${dir}: cannot write in this folder: ${describeError(e)}`);
      const owner = ownerOf(path);
      const beingWritten = owner === undefined && Date.now() - statSync(path, { throwIfNoEntry: false })!.mtimeMs < 5000;
      if ((owner !== undefined && alive(owner)) || beingWritten) {
        throw new Error(`--out ${dir}: another run (process ${owner ?? "starting"}) is writing into this folder; wait for it to end, or choose another --out`);
      }
      rmSync(path, { force: true }); // left by a run that no longer exists
    }
  }
  throw new Error(`--out ${dir}: another run took this folder at the same moment; choose another --out`);
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
