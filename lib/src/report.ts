/**
 * The scoreboard line of a theorem section: the claim, what was measured, and whether the
 * measurement agrees with the theorem's prediction. The report index collects these.
 * @module
 */
import { tslabKernel } from "./kernel";
import { scriptSafeJson } from "./plot/html";

/** One theorem's result for the report's scoreboard. */
export interface Result {
  /** The claim as the talk states it, in a line. */
  claim: string;
  /** The measured value, with its unit or count. */
  measured: string;
  /** Whether the measurement agrees with the prediction (the `test` cell asserts the same). */
  pass: boolean;
}

/** The MIME type of the JSON block that carries a result inside HTML. */
export const RESULT_MIME = "application/vnd.landscape.result+json";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Records a result: shown as one line in the notebook (with its data for the report
 * index), printed as one line from a script, silent under tests. Returns it unchanged.
 */
export function result(r: Result): Result {
  if (typeof r?.claim !== "string" || r.claim.length === 0) throw new Error("result.claim must be a non-empty string");
  if (typeof r.measured !== "string") throw new Error("result.measured must be a string");
  if (typeof r.pass !== "boolean") throw new Error("result.pass must be a boolean");
  const kernel = tslabKernel();
  const mark = r.pass ? "✔ pass" : "✘ fail";
  if (kernel) {
    kernel.display.html(
      `<div class="landscape-result" data-pass="${r.pass}"><strong>${mark}</strong> — ${escapeHtml(r.claim)} <em>measured: ${escapeHtml(r.measured)}</em></div>` +
        `<script type="${RESULT_MIME}">${scriptSafeJson(r)}</script>`,
    );
  } else if (process.env.NODE_TEST_CONTEXT === undefined && process.env.LANDSCAPE_SHOW !== "validate") {
    console.log(`${mark}: ${r.claim} (measured: ${r.measured})`);
  }
  return r;
}
