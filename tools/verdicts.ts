/**
 * A theorem's verdict is its `test` cell's verdict. The kernel-side `result({ claim,
 * measured, pass })` line is what a notebook *says*; what the pipeline reports is decided by
 * how the cell that said it ran: a cell that failed gives "fail", a cell never reached gives
 * "not run", whatever `pass` it was given. A test cell that failed or was not reached before
 * its `result(...)` line still counts, under the claim read from its source.
 */
import { RESULT_MIME, type Result } from "landscape";
import { cellTitle, sourceText, tagsOf, type CodeCell } from "./notebook";

/** What the pipeline reports for one claim. */
export type Verdict = "pass" | "fail" | "not run";

/** How a code cell of an executed notebook ran. */
export type CellStatus = "ok" | "failed" | "not run";

/** A claim as the reports show it: the kernel's result line (if it was sent) and the pipeline's verdict. */
export interface Claim extends Result {
  verdict: Verdict;
  /** 1-based position of the cell in the notebook, counted as the runner and the tests count. */
  cell: number;
  /** Why the verdict differs from `pass`, when it does. */
  note?: string;
}

/**
 * How a code cell ran: "failed" if it holds an error output (and is not tagged
 * `raises-exception`), "not run" if it has neither an execution count nor outputs, else "ok".
 */
export function cellStatus(cell: CodeCell): CellStatus {
  if (!tagsOf(cell).includes("raises-exception") && cell.outputs.some((o) => o.output_type === "error")) return "failed";
  if (cell.execution_count === null && cell.outputs.length === 0) return "not run";
  return "ok";
}

const RESULT_BLOCK = new RegExp(`<script type="${RESULT_MIME.replace(/[.+]/g, "\\$&")}">([\\s\\S]*?)</script>`);

/** The result a display output carries (the JSON block `result(...)` sends), if any. */
export function resultOf(data: Record<string, unknown>): Result | undefined {
  const html = data["text/html"];
  const text = typeof html === "string" ? html : Array.isArray(html) ? html.join("") : undefined;
  const block = text === undefined ? null : RESULT_BLOCK.exec(text);
  return block ? (JSON.parse(block[1]) as Result) : undefined;
}

/** The claims a cell's source states as string literals in `result({ claim: "…" })`. */
export function claimsInSource(source: string): string[] {
  return [...source.matchAll(/\bclaim\s*:\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2].replace(/\\(.)/g, "$1"));
}

/** The verdict of a result sent by a cell with the given status. */
export function verdictOf(status: CellStatus, given: boolean): { verdict: Verdict; note?: string } {
  if (status === "failed") return { verdict: "fail", note: given ? "its test cell failed (the result line said pass)" : "its test cell failed" };
  if (status === "not run") return { verdict: "not run", note: "its test cell was not reached" };
  return { verdict: given ? "pass" : "fail" };
}

/**
 * The claims of a test cell that did not send its result line (it failed or was never
 * reached first): one per claim literal in its source, else one named by its first comment.
 */
export function unsentClaims(cell: CodeCell, position: number, status: CellStatus): Claim[] {
  if (status === "ok" || !tagsOf(cell).includes("test") || tagsOf(cell).includes("raises-exception")) return [];
  const source = sourceText(cell.source);
  const claims = claimsInSource(source);
  const { verdict, note } = verdictOf(status, false);
  const measured = status === "failed" ? "the test cell failed before its result line" : "not measured";
  return (claims.length > 0 ? claims : [`cell ${position}: ${cellTitle(source)}`]).map((claim) => ({ claim, measured, pass: false, verdict, cell: position, note }));
}

/** Counts of verdicts, and the index's summary line ("12 of 16 claims reproduced, all passing"). */
export function tally(claims: { verdict: Verdict }[]): { passed: number; failed: number; notRun: number; total: number; line: string } {
  const passed = claims.filter((c) => c.verdict === "pass").length;
  const failed = claims.filter((c) => c.verdict === "fail").length;
  const notRun = claims.filter((c) => c.verdict === "not run").length;
  const total = claims.length;
  const rest = [failed > 0 ? `${failed} failed` : "", notRun > 0 ? `${notRun} not run` : ""].filter(Boolean);
  const line = `${passed} of ${total} claim${total === 1 ? "" : "s"} reproduced${total === 0 ? "" : rest.length === 0 ? ", all passing" : `; ${rest.join(", ")}`}`;
  return { passed, failed, notRun, total, line };
}

/** The mark the reports print for a verdict. */
export const verdictMark = (v: Verdict) => (v === "pass" ? "✔ pass" : v === "fail" ? "✘ fail" : "○ not run");
