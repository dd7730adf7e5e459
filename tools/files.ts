/**
 * The runner's output folder and files: checked before anything runs (one-line errors, no
 * stack), written atomically (a reader or an interruption never sees half a report), and
 * held by one run at a time (tools/lock.ts).
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, statfsSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** File systems whose folders are not for reports (Node 20's recursive mkdirSync loops forever under /proc). */
const VIRTUAL_FILE_SYSTEMS: Record<number, string> = { 0x9fa0: "proc", 0x62656572: "sysfs", 0x64626720: "debugfs", 0x1cd1: "devpts", 0x27e0eb: "cgroup", 0x63677270: "cgroup2" };

/** A one-line reason for a file system error: its code in words, else its message. */
export function describeError(e: unknown): string {
  const error = e as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    ENOENT: "no such file or folder",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    EISDIR: "is a folder",
    ENOTDIR: "a part of the path is a file, not a folder",
    ENOSPC: "no space left on the device",
    EEXIST: "already exists",
  };
  if (error?.code && words[error.code]) return `${words[error.code]} (${error.code})`;
  return String(error?.message ?? e).split("\n")[0];
}

/** Takes `--out DIR` out of `args` (default "reports"); throws a one-line Error for `--out` without a value. */
export function takeOutArgument(args: string[], fallback = "reports"): string {
  const at = args.indexOf("--out");
  if (at < 0) return resolve(fallback);
  const value = args[at + 1];
  if (value === undefined || value === "" || value.startsWith("--")) throw new Error("--out needs a folder: --out DIR");
  args.splice(at, 2);
  return resolve(value);
}

/**
 * Makes `dir` (and its missing parents, one level at a time, never with Node's recursive
 * mkdir) and checks it is a folder on a real file system; throws a one-line Error naming the
 * problem otherwise. Whether it is writable is learnt by taking its lock.
 */
export function ensureOutputFolder(dir: string): void {
  const missing: string[] = [];
  let existing = resolve(dir);
  while (!existsSync(existing)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!statSync(existing).isDirectory()) {
    throw new Error(existing === resolve(dir) ? `--out ${dir}: is a file, not a folder` : `--out ${dir}: ${existing} is a file, not a folder`);
  }
  const fileSystem = VIRTUAL_FILE_SYSTEMS[statfsSync(existing).type];
  if (fileSystem) throw new Error(`--out ${dir}: ${existing} is on the virtual file system ${fileSystem}, not a place for reports`);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (e) {
      throw new Error(`--out ${dir}: cannot create ${folder}: ${describeError(e)}`);
    }
  }
}

/** Writes `data` to `path` through a temporary file in the same folder and a rename: the file is either the old one or the whole new one. */
export function writeFileAtomic(path: string, data: string): void {
  const temporary = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}
