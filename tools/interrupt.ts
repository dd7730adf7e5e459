/**
 * What the runner does when it is told to stop: on SIGINT (Ctrl-C), SIGTERM or SIGHUP, or
 * when the process that started it is gone (npm killed), it runs its clean-up once —
 * shutting its kernels down and removing their connection files, releasing its lock — and
 * exits with 128 + the signal's number. A second signal while it cleans up is ignored, but
 * the clean-up may take at most 10 s.
 */
import { constants } from "node:os";

export type StopReason = "SIGINT" | "SIGTERM" | "SIGHUP";

/** Installs the handlers; `cleanUp` runs once, then the process exits non-zero. Returns a function removing them. */
export function exitCleanlyOn(cleanUp: (reason: StopReason) => Promise<void>, log: (line: string) => void = console.error): () => void {
  let stopping = false;
  const stop = (reason: StopReason, why: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${why}: shutting the kernels down and exiting`);
    const code = 128 + constants.signals[reason];
    setTimeout(() => process.exit(code), 10_000).unref();
    cleanUp(reason).then(() => process.exit(code), (e) => {
      log(`clean-up failed: ${(e as Error).message}`);
      process.exit(code);
    });
  };
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => [signal, () => stop(signal, `stopped by ${signal}`)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  const parent = process.ppid;
  const orphanWatch = setInterval(() => process.ppid !== parent && stop("SIGHUP", `the process that started this run (${parent}) is gone`), 1000);
  orphanWatch.unref();
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    clearInterval(orphanWatch);
  };
}
