// Helpers of the tests that start processes and check what is left of them.
import { readFileSync } from "node:fs";

/** Whether a process runs (a zombie, killed and not yet reaped, does not). */
export function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Waits until `condition` holds, checking every 100 ms (200 ms: `every`), for at most `seconds`; whether it holds. */
export async function until(condition: () => boolean, seconds: number, every = 100): Promise<boolean> {
  for (const end = Date.now() + seconds * 1000; Date.now() < end && !condition(); ) await new Promise((r) => setTimeout(r, every));
  return condition();
}
