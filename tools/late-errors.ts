/**
 * Errors that surface after their cell returned: a throw inside a timer callback, an
 * unhandled promise rejection. The kernel preload (tools/kernel-preload.cjs) prints each on
 * stderr behind LATE_ERROR_MARKER with the execution count of the cell that scheduled it;
 * this module collects those lines from every iopub message, whatever request they are
 * attributed to (tslab sends them as output of whichever cell runs at that moment, or of the
 * last one).
 */
import type { KernelClient } from "./kernel-client";

/** Must match the marker written by tools/kernel-preload.cjs. */
export const LATE_ERROR_MARKER = "[landscape] error after its cell returned, from execution";

export interface LateError {
  /** The execution count of the cell that scheduled the failing callback, when known. */
  executionCount?: number;
  /** "uncaught exception" or "unhandled rejection". */
  kind: string;
  /** The error's first line. */
  message: string;
}

const LINE = new RegExp(`^${LATE_ERROR_MARKER.replace(/[[\]]/g, "\\$&")} (\\d+|\\?): ([^:]+): (.*)$`, "gm");

/** The late errors reported in a stderr text. */
export function parseLateErrors(text: string): LateError[] {
  return [...text.matchAll(LINE)].map((m) => ({ executionCount: m[1] === "?" ? undefined : Number(m[1]), kind: m[2], message: m[3] }));
}

/** Collects the late errors a kernel reports until `stop()`. */
export function watchLateErrors(kernel: KernelClient): { errors: LateError[]; stop: () => void } {
  const errors: LateError[] = [];
  const stop = kernel.watch((m) => {
    if (m.channel === "iopub" && m.header.msg_type === "stream" && m.content.name === "stderr" && m.content.text.includes(LATE_ERROR_MARKER)) {
      errors.push(...parseLateErrors(m.content.text));
    }
  });
  return { errors, stop };
}
