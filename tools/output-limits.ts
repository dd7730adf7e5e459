/**
 * Bounds on what a cell's output may cost. While a cell runs, its stream text is kept as one
 * growing string (appending is amortized O(1); re-splitting it into lines on every message
 * made 10⁵ printed lines quadratic), up to NOTEBOOK_STREAM_LIMIT characters per output, past
 * which the rest is counted and dropped with a visible note. The HTML report shows at most
 * REPORT_TEXT_LIMIT characters of any one text output, its head and tail, with a note naming
 * what was left out and where the whole of it is.
 */
import { toLines, type Output, type StreamOutput } from "./notebook";

/** Characters of one stream output kept in the executed notebook (12 Mi: 10⁵ lines of 100 characters fit). */
export const NOTEBOOK_STREAM_LIMIT = 12 * 2 ** 20;

/** Characters of one text output shown in the HTML report. */
export const REPORT_TEXT_LIMIT = 256 * 2 ** 10;

const dropped = new WeakMap<StreamOutput, number>();

/** Appends `text` to the cell's last output if it is the same stream, else starts a new stream output. */
export function appendStream(outputs: Output[], name: StreamOutput["name"], text: string): void {
  let last = outputs[outputs.length - 1];
  if (last?.output_type !== "stream" || last.name !== name) {
    last = { output_type: "stream", name, text: "" };
    outputs.push(last);
  }
  const kept = last.text as string;
  const room = NOTEBOOK_STREAM_LIMIT - kept.length;
  if (room >= text.length) last.text = kept + text;
  else {
    if (room > 0) last.text = kept + text.slice(0, room);
    dropped.set(last, (dropped.get(last) ?? 0) + text.length - Math.max(0, room));
  }
}

/** Turns the streams built by appendStream into nbformat lines, adding the note of any truncation. */
export function finishStreams(outputs: Output[]): void {
  for (const output of outputs) {
    if (output.output_type !== "stream" || Array.isArray(output.text)) continue;
    const lost = dropped.get(output);
    const note = lost ? `\n[landscape: output truncated: ${lost} more characters of ${output.name} were not kept (limit ${NOTEBOOK_STREAM_LIMIT} per output)]\n` : "";
    output.text = toLines(output.text + note);
  }
}

/** What a report shows of one text output: its head, and when it is longer than REPORT_TEXT_LIMIT, what was left out and its tail. */
export interface ReportText { head: string; omitted?: { lines: number; characters: number }; tail?: string }

/** All of `text` up to REPORT_TEXT_LIMIT characters, else its head and tail (cut at line ends) and the count of what lies between. */
export function textForReport(text: string): ReportText {
  if (text.length <= REPORT_TEXT_LIMIT) return { head: text };
  const half = REPORT_TEXT_LIMIT / 2;
  const headEnd = text.lastIndexOf("\n", half) + 1 || half;
  const tailStart = Math.max(headEnd, text.indexOf("\n", text.length - half) + 1 || text.length - half);
  const omitted = text.slice(headEnd, tailStart);
  return { head: text.slice(0, headEnd), omitted: { lines: omitted.split("\n").length - 1, characters: omitted.length }, tail: text.slice(tailStart) };
}
