/**
 * Tables of records as a reader expects them: an HTML table in the notebook (and so in the
 * report), plain text from a script; nothing printed under tests. No index column, no quoted
 * strings, numbers formatted to be read.
 * @module
 */
import { displayBundle, tslabKernel } from "./kernel";
import { optionsObject } from "./validate";

/** How one cell is written: a function of the value (and its record). */
export type CellFormat = (value: unknown, record: Record<string, unknown>) => string;

/** Options of {@link table}. */
export interface TableOptions {
  /** The columns, in order: keys, or `{ key: heading }` (default: the keys of the first record). */
  columns?: string[] | Record<string, string>;
  /** Per-column formats (default: {@link formatValue}). */
  format?: Record<string, CellFormat>;
  /** A caption above the table. */
  caption?: string;
}

/**
 * The default format of a cell: integers as they are, other numbers to 4 significant digits
 * (in exponent form below 10⁻³ or from 10⁶ on), vectors as (a, b, …), booleans as yes/no,
 * strings unquoted, a missing value as —.
 */
export function formatValue(value: unknown): string {
  if (typeof value === "number") {
    if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
    const size = Math.abs(value);
    return size !== 0 && (size < 1e-3 || size >= 1e6) ? value.toExponential(3) : String(Number(value.toPrecision(4)));
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return `(${Array.from(value as ArrayLike<unknown>, formatValue).join(", ")})`;
  if (value === undefined || value === null) return "—";
  return String(value);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The cells of a table as text: headings, then one row per record, and which columns are numeric (right-aligned). */
function cells(records: readonly Record<string, unknown>[], tableOptions: TableOptions | undefined) {
  const options = optionsObject("options", tableOptions);
  if (!Array.isArray(records) || records.length === 0 || records.some((r) => r === null || typeof r !== "object")) throw new Error("records must be a non-empty array of objects");
  const columns = options.columns ?? Object.keys(records[0]);
  const keys = Array.isArray(columns) ? columns : Object.keys(columns);
  const headings = Array.isArray(columns) ? columns : Object.values(columns);
  for (const key of keys) {
    if (!records.some((r) => key in r)) throw new Error(`columns: no record has the key "${key}"`);
  }
  const rows = records.map((r) => keys.map((k) => (options.format?.[k] ?? formatValue)(r[k], r)));
  const numeric = keys.map((k) => records.every((r) => r[k] === undefined || typeof r[k] === "number"));
  return { headings, rows, numeric };
}

/** A table as an HTML <table class="landscape-table">. */
export function tableHtml(records: readonly Record<string, unknown>[], options: TableOptions = {}): string {
  const { headings, rows, numeric } = cells(records, options);
  const align = (j: number) => (numeric[j] ? ' class="num"' : "");
  return [
    `<table class="landscape-table">`,
    options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "",
    `<thead><tr>${headings.map((h, j) => `<th${align(j)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>${rows.map((row) => `<tr>${row.map((c, j) => `<td${align(j)}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("")}</tbody>`,
    `</table>`,
  ].join("");
}

/** A table as plain text: columns padded, numbers right-aligned, a rule under the headings. */
export function tableText(records: readonly Record<string, unknown>[], options: TableOptions = {}): string {
  const { headings, rows, numeric } = cells(records, options);
  const widths = headings.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (row: string[]) => row.map((c, j) => (numeric[j] ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join("  ").trimEnd();
  return [...(options.caption ? [options.caption] : []), line(headings), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/**
 * Shows records as a table: in the tslab kernel one output with an HTML table (and its text
 * form), from a script the text printed, under tests nothing (the records are still checked).
 * `columns` picks and orders the columns (`{ key: heading }` renames them); `format` sets a
 * column's format. Returns nothing, so that a cell ending with it does not echo a value
 * (use {@link tableText} for the text).
 */
export function table(records: readonly Record<string, unknown>[], options: TableOptions = {}): void {
  const text = tableText(records, options);
  if (tslabKernel()) displayBundle({ "text/html": tableHtml(records, options), "text/plain": text });
  else if (process.env.NODE_TEST_CONTEXT === undefined && process.env.LANDSCAPE_SHOW !== "validate") console.log(text);
}
