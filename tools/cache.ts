/**
 * The execution cache of `npm run reproduce` (after jupyter-cache): a notebook is executed
 * again only when what its run depends on changed. Its key is a SHA-256 over exactly
 *
 * - its code cells (source, tags and `landscape` metadata, in order) and the notebook's
 *   `landscape` metadata (timeouts): markdown edits do not re-run it;
 * - every file of the built library `lib/dist` (path and bytes), and of `notebooks/runs/`, the
 *   modules notebooks import (runs that worker threads load at the papers' sizes);
 * - `package-lock.json` (tslab, the library's dependencies);
 * - Node.js's version;
 * - the size option `LANDSCAPE_PAPER_SIZES` (a paper-size run is a different run).
 *
 * An entry is the executed notebook and a small record (`DIR/.cache/NAME.ipynb`,
 * `DIR/.cache/NAME.json`: key, comparison key, date, seconds, commit), written only for a notebook that ran
 * to the end. An entry is used only under the same key; anything else runs again.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ensureOutputFolder, writeFileAtomic } from "./files";
import { readNotebook, sourceText, tagsOf, writeNotebook, type Notebook } from "./notebook";

const ROOT = join(__dirname, "..");

/** The files of a folder, recursively, as paths relative to it, sorted. */
function filesUnder(dir: string, root = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), root) : e.isFile() ? [relative(root, join(dir, e.name))] : []))
    .sort();
}

/**
 * What every notebook's key shares, in two parts: `library`, every file of lib/dist and of
 * notebooks/runs/ (code that the notebooks run, which changes both runners' outputs alike); and
 * `runtime`, the lockfile (tslab, the dependencies), Node.js's version and the size option.
 */
export interface Environment {
  library: string;
  runtime: string;
}

export function environmentHash(root = ROOT): Environment {
  const library = createHash("sha256");
  const dist = join(root, "lib", "dist");
  const files = filesUnder(dist);
  if (files.length === 0) throw new Error(`${dist} is empty or missing: run \`npm run build\` first`);
  for (const file of files) library.update(`file ${file}\0`).update(readFileSync(join(dist, file))).update("\0");
  const runs = join(root, "notebooks", "runs");
  for (const file of filesUnder(runs).filter((f) => !f.split(/[\\/]/).some((part) => part.startsWith(".")))) library.update(`run ${file}\0`).update(readFileSync(join(runs, file))).update("\0");
  const runtime = createHash("sha256").update("lockfile\0").update(readFileSync(join(root, "package-lock.json")));
  runtime.update(`\0node ${process.version}\0paper-sizes ${process.env.LANDSCAPE_PAPER_SIZES ?? ""}\0`);
  return { library: library.digest("hex"), runtime: runtime.digest("hex") };
}

/** What a notebook's run depends on in the notebook itself: its code cells and its `landscape` metadata. */
export function codeOf(nb: Notebook): unknown {
  return {
    landscape: nb.metadata.landscape ?? null,
    cells: nb.cells.filter((c) => c.cell_type === "code").map((c) => [sourceText(c.source), tagsOf(c), c.metadata.landscape ?? null]),
  };
}

/** The cache key of a notebook: its code (see {@link codeOf}) and the environment's hashes. */
export function executionKey(nb: Notebook, environment: Environment): string {
  return createHash("sha256").update(JSON.stringify(codeOf(nb))).update(`\0${environment.library}\0${environment.runtime}`).digest("hex");
}

/**
 * The key without the library: what the stock-Jupyter comparison depends on (the notebook's
 * code, tslab and the dependencies, Node.js). A library change alters both runners' outputs
 * alike, so it alone does not call for a new comparison (tools/jupyter-compare.ts).
 */
export function comparisonKey(nb: Notebook, environment: Environment): string {
  return createHash("sha256").update(JSON.stringify(codeOf(nb))).update(`\0${environment.runtime}`).digest("hex");
}

/** A cached run's record. */
export interface CacheRecord {
  key: string;
  /**
   * The {@link comparisonKey} of the last run that stock Jupyter's run was compared with and
   * matched ({@link markCompared}); for a notebook never compared, that of its first recorded
   * run. `npm run reproduce` keeps it as it is, so that running the notebooks before `npm test`
   * does not skip the comparison a change of their code calls for.
   */
  comparisonKey: string;
  /** When it ran (ISO), how long it took, at which commit. */
  ranAt: string;
  seconds: number;
  commit?: string;
}

/** The cache folder of a reports folder: `DIR/.cache`. */
export const cacheFolder = (outDir: string) => join(outDir, ".cache");

/** The record of the entry of `name` in the cache folder `cache`, whatever its key (undefined if none or unreadable). */
export function cachedRecord(cache: string, name: string): CacheRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(cache, `${name}.json`), "utf8")) as CacheRecord;
  } catch {
    return undefined;
  }
}

/** The executed notebook and record cached for `name` under `key`, or undefined (none, another key, unreadable). */
export function lookUp(cache: string, name: string, key: string): { notebook: Notebook; record: CacheRecord } | undefined {
  const record = cachedRecord(cache, name);
  const path = join(cache, `${name}.ipynb`);
  if (record?.key !== key || !statSync(path, { throwIfNoEntry: false })?.isFile()) return undefined;
  try {
    return { notebook: readNotebook(path), record };
  } catch {
    return undefined;
  }
}

/**
 * The notebook as it is now with the outputs of its cached run: each code cell takes the
 * outputs, execution count and timings of the cached notebook's code cell at the same place
 * (the key fixes the code cells, so they match one to one); markdown comes from `source`.
 */
export function withCachedOutputs(source: Notebook, cached: Notebook): Notebook {
  const ran = cached.cells.filter((c) => c.cell_type === "code");
  const nb = structuredClone(source);
  let k = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    const from = ran[k++];
    if (from?.cell_type !== "code") throw new Error("the cached notebook's code cells do not match the notebook's: the cache entry is stale");
    cell.outputs = from.outputs;
    cell.execution_count = from.execution_count;
    if (from.metadata.execution) cell.metadata = { ...cell.metadata, execution: from.metadata.execution };
  }
  nb.metadata = { ...nb.metadata, language_info: cached.metadata.language_info };
  return nb;
}

/** Records that the run of `name` with comparison key `key` was compared with stock Jupyter's and matched (no-op without a record). */
export function markCompared(cache: string, name: string, key: string): void {
  const record = cachedRecord(cache, name);
  if (record) writeFileAtomic(join(cache, `${name}.json`), `${JSON.stringify({ ...record, comparisonKey: key }, null, 1)}\n`);
}

/** Stores a notebook that ran to the end under `record.key` (the notebook first, so a record always has its notebook). */
export function store(cache: string, name: string, notebook: Notebook, record: CacheRecord): void {
  ensureOutputFolder(cache);
  writeNotebook(join(cache, `${name}.ipynb`), notebook);
  writeFileAtomic(join(cache, `${name}.json`), `${JSON.stringify(record, null, 1)}\n`);
}
