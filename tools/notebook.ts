/**
 * The nbformat 4.5 notebook as the tools read and write it, and the rules for committed
 * notebooks (no outputs, no execution counts, no stray metadata).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "./files";

export type MultilineString = string | string[];

export interface StreamOutput { output_type: "stream"; name: "stdout" | "stderr"; text: MultilineString }
export interface DisplayOutput { output_type: "display_data"; data: Record<string, unknown>; metadata: Record<string, unknown>; transient?: { display_id?: string } }
export interface ResultOutput { output_type: "execute_result"; execution_count: number | null; data: Record<string, unknown>; metadata: Record<string, unknown> }
export interface ErrorOutput { output_type: "error"; ename: string; evalue: string; traceback: string[] }
export type Output = StreamOutput | DisplayOutput | ResultOutput | ErrorOutput;

export interface CodeCell { cell_type: "code"; id: string; source: MultilineString; metadata: CellMetadata; outputs: Output[]; execution_count: number | null }
export interface MarkdownCell { cell_type: "markdown"; id: string; source: MultilineString; metadata: CellMetadata; attachments?: Record<string, unknown> }
export interface RawCell { cell_type: "raw"; id: string; source: MultilineString; metadata: CellMetadata }
export type Cell = CodeCell | MarkdownCell | RawCell;

export interface CellMetadata {
  tags?: string[];
  /** Per-cell execution limit in seconds (the runner's default otherwise). */
  landscape?: { timeout?: number };
  [key: string]: unknown;
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: { kernelspec?: { name: string; display_name: string; language: string }; language_info?: Record<string, unknown>; [key: string]: unknown };
  cells: Cell[];
}

/** The kernelspec every notebook of the project names. */
export const KERNELSPEC = { name: "landscape", display_name: "TypeScript (landscape)", language: "typescript" } as const;

/** The metadata keys a committed notebook may carry, at notebook and at cell level. */
export const ALLOWED_NOTEBOOK_METADATA = ["kernelspec", "language_info", "landscape"];
export const ALLOWED_CELL_METADATA = ["tags", "landscape"];

export const sourceText = (s: MultilineString) => (Array.isArray(s) ? s.join("") : s);

/** Splits text into nbformat's list of lines, each keeping its newline. */
export function toLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l.length > 0);
}

export function readNotebook(path: string): Notebook {
  const nb = JSON.parse(readFileSync(path, "utf8")) as Notebook;
  if (nb.nbformat !== 4) throw new Error(`${path}: nbformat ${nb.nbformat}, expected 4`);
  return nb;
}

/** Writes a notebook the way Jupyter does (one-space indent, trailing newline), atomically. */
export function writeNotebook(path: string, nb: Notebook): void {
  writeFileAtomic(path, JSON.stringify(nb, null, 1) + "\n");
}

export const tagsOf = (cell: Cell) => cell.metadata.tags ?? [];

/**
 * The first comment line of a cell, without the comment marker (or its first line): how a
 * test cell is named in the extracted tests, the reports and the verdicts. (Here, not in
 * tools/extract-tests.ts, which loads the TypeScript compiler: about 0.7 s of CPU for every
 * process that only needed this line, the CLI's among them.)
 */
export function cellTitle(source: string): string {
  const comment = source.split("\n").map((l) => l.trim()).find((l) => l.startsWith("//"));
  const line = comment ? comment.replace(/^\/\/+\s*/, "") : source.trim().split("\n")[0] ?? "";
  return line.length > 100 ? `${line.slice(0, 97)}…` : line;
}

/** A fresh cell id (nbformat 4.5: 1–64 characters of [a-zA-Z0-9-_]). */
export const newCellId = () => randomBytes(4).toString("hex");

/** What makes a notebook not clean, as messages; empty when it is clean and nbformat 4.5. */
export function cleanlinessProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  if (nb.nbformat !== 4 || nb.nbformat_minor < 5) problems.push(`nbformat ${nb.nbformat}.${nb.nbformat_minor}, expected 4.5 (cell ids)`);
  for (const key of Object.keys(nb.metadata)) if (!ALLOWED_NOTEBOOK_METADATA.includes(key)) problems.push(`notebook metadata "${key}"`);
  if (nb.metadata.kernelspec?.name !== KERNELSPEC.name) problems.push(`kernelspec "${nb.metadata.kernelspec?.name}", expected "${KERNELSPEC.name}"`);
  const ids = new Set<string>();
  nb.cells.forEach((cell, i) => {
    if (!cell.id || !/^[a-zA-Z0-9-_]{1,64}$/.test(cell.id)) problems.push(`cell ${i + 1}: missing or invalid id`);
    if (ids.has(cell.id)) problems.push(`cell ${i + 1}: duplicate id ${cell.id}`);
    ids.add(cell.id);
    for (const key of Object.keys(cell.metadata)) if (!ALLOWED_CELL_METADATA.includes(key)) problems.push(`cell ${i + 1}: metadata "${key}"`);
    if (cell.cell_type === "code") {
      if (cell.outputs.length > 0) problems.push(`cell ${i + 1}: has outputs`);
      if (cell.execution_count !== null) problems.push(`cell ${i + 1}: has an execution count`);
    }
  });
  return problems;
}

/** The notebook with outputs, execution counts and disallowed metadata removed. */
export function cleanNotebook(nb: Notebook): Notebook {
  const pick = (meta: Record<string, unknown>, allowed: string[]) => Object.fromEntries(Object.entries(meta).filter(([k]) => allowed.includes(k)));
  return {
    nbformat: 4,
    nbformat_minor: Math.max(5, nb.nbformat_minor),
    metadata: { ...pick(nb.metadata, ALLOWED_NOTEBOOK_METADATA), kernelspec: { ...KERNELSPEC } },
    cells: nb.cells.map((cell) => {
      const base = { ...cell, id: cell.id ?? newCellId(), metadata: pick(cell.metadata ?? {}, ALLOWED_CELL_METADATA) };
      return cell.cell_type === "code" ? { ...base, outputs: [], execution_count: null } as CodeCell : base as Cell;
    }),
  };
}
