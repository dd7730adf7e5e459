import { randomBytes } from "node:crypto";
import { displayBundle, tslabKernel } from "../kernel";

/**
 * The MIME type that marks a progress line in a notebook's outputs (next to its text/plain),
 * so that reports and handouts leave it out.
 */
export const PROGRESS_MIME = "application/vnd.landscape.progress+json";

/** A progress indicator: `tick()` after each unit of work, `done()` at the end. */
export interface Progress {
  tick(): void;
  done(): void;
}

const silent: Progress = { tick() {}, done() {} };

/**
 * A one-line progress indicator, "label: k/n (p%) elapsed s", redrawn at most every
 * 200 ms: in the tslab kernel as a display entry updated in place (marked with
 * {@link PROGRESS_MIME}, which reports leave out), in a terminal on stderr with a carriage
 * return. Elsewhere (tests, CI logs, pipes) it prints nothing.
 */
export function progress(total: number, label = "progress"): Progress {
  const kernel = tslabKernel();
  const terminal = kernel === undefined && process.stderr.isTTY === true;
  if (kernel === undefined && !terminal) return silent;
  const id = randomBytes(8).toString("hex");
  let sent = false;
  const start = Date.now();
  let count = 0;
  let drawn = 0;
  const draw = () => {
    const seconds = ((Date.now() - start) / 1000).toFixed(1);
    const line = `${label}: ${count}/${total} (${Math.round((100 * count) / Math.max(total, 1))}%) ${seconds} s`;
    if (kernel) {
      displayBundle({ "text/plain": line, [PROGRESS_MIME]: { label, count, total } }, { id, update: sent });
      sent = true;
    } else process.stderr.write(`\r${line}`);
    drawn = Date.now();
  };
  draw();
  return {
    tick() {
      count++;
      if (Date.now() - drawn >= 200) draw();
    },
    done() {
      draw();
      if (terminal) process.stderr.write("\n");
    },
  };
}
