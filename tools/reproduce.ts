/**
 * `npm run reproduce [notebooks…] [--out DIR] [--force] [--jobs N]`: executes every notebook
 * of notebooks/ in order, each on a fresh kernel, and writes the executed notebooks, their
 * HTML reports and index.html into reports/. A notebook whose code, built library, lockfile
 * and Node.js are those of its last successful run is not executed again: its executed
 * notebook comes from the cache in reports/.cache (tools/cache.ts) and the index says
 * "cached (from <date>)"; `--force` executes everything. `--jobs N` runs N notebooks at once
 * (default 1, so that each notebook's time is its own; one over a minute at the default
 * sizes is warned about), each kernel's products then on ⌊cores/N⌋ threads. A failing
 * notebook — or one that cannot be read, or whose report cannot be written — is named in
 * one line; the others still run; the exit code is non-zero if any failed. One run at a
 * time per output folder (a lock); every file is written atomically; an interrupted run
 * (SIGINT, SIGTERM, SIGHUP) shuts its kernels down, writes no index, and leaves no report of
 * a notebook it did not finish.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { cachedRecord, cacheFolder, comparisonKey, environmentHash, executionKey, lookUp, store, withCachedOutputs } from "./cache";
import { executeNotebook, type CellFailure } from "./execute";
import { describeError, ensureOutputFolder, takeOutArgument, writeFileAtomic } from "./files";
import { exitCleanlyOn } from "./interrupt";
import { KernelClient } from "./kernel-client";
import { acquireLock } from "./lock";
import { readNotebook, writeNotebook, type Notebook } from "./notebook";
import { entryOfReport, renderIndex, renderNotebook, slowestLine, type IndexEntry, type Provenance, type RunInfo } from "./report";

export interface ReproduceSummary {
  name: string;
  seconds: number;
  htmlBytes: number;
  failure?: string;
  /** When the run whose results were reused ran (ISO), if they came from the cache. */
  cached?: string;
}

/** The notebooks of a folder, in order of their file names. */
export function notebooksIn(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(folder, f));
}

/** A command-line mistake: printed as one line, without a stack trace. */
export class UsageError extends Error {}

/**
 * The notebooks the arguments name: each a path to an .ipynb, or a notebook's name in
 * `folder` ("00-tour" or "00-tour.ipynb"). An unknown name is a {@link UsageError} listing
 * the notebooks there; a path to an .ipynb that does not exist is kept, for the run to name.
 */
export function resolveNotebooks(args: string[], folder = "notebooks"): string[] {
  return args.map((arg) => {
    const candidates = [arg, join(folder, arg), join(folder, `${arg}.ipynb`)];
    const found = candidates.find((p) => p.endsWith(".ipynb") && existsSync(p) && statSync(p).isFile());
    if (found) return found;
    // A path (not a bare name) is kept as given: the run names it in one line if it cannot be read.
    if (arg.endsWith(".ipynb") && (arg.includes("/") || arg.includes("\\"))) return arg;
    const known = existsSync(folder) ? notebooksIn(folder).map((p) => basename(p, ".ipynb")) : [];
    throw new UsageError(`unknown notebook "${arg}": the notebooks are ${known.join(", ") || `(none in ${folder})`}`);
  });
}

/** The version field of a package.json. */
const versionOf = (packageJson: string) => (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;

/** Where reports come from: now, the commit (marked when the tree has uncommitted changes), and the versions of Node.js, tslab and the library. */
export function provenance(): Provenance {
  const git = (...args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: __dirname, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return undefined;
    }
  };
  const head = git("rev-parse", "--short", "HEAD");
  const dirty = head !== undefined && (git("status", "--porcelain", "--untracked-files=no") ?? "") !== "";
  return {
    date: new Date().toISOString(),
    commit: head === undefined ? "unknown (not a git checkout)" : `${head}${dirty ? " with uncommitted changes" : ""}`,
    node: process.version,
    tslab: versionOf(require.resolve("tslab/package.json")),
    library: versionOf(join(__dirname, "..", "lib", "package.json")),
  };
}

/** The index rows of the reports already in `outDir` for notebooks not in `rerun` (read from the entry each report embeds). */
export function keptEntries(outDir: string, rerun: Set<string>): IndexEntry[] {
  return readdirSync(outDir)
    .filter((f) => f.endsWith(".html") && f !== "index.html" && !rerun.has(basename(f, ".html")))
    .flatMap((f) => entryOfReport(readFileSync(join(outDir, f), "utf8")) ?? []);
}

/** A notebook file read and checked, or a one-line reason why it cannot be run. */
function loadNotebook(path: string): Notebook | string {
  let nb: Notebook;
  try {
    nb = readNotebook(path);
  } catch (e) {
    const reason = e instanceof SyntaxError ? `not valid JSON: ${e.message.split("\n")[0]}` : describeError(e);
    return reason.startsWith(path) ? reason : `${path}: ${reason}`; // readNotebook names the file of a wrong nbformat itself
  }
  if (!Array.isArray(nb?.cells)) return `${path}: not a notebook (no list of cells)`;
  return nb;
}

/** Removes a file if there is one (a folder in its place is left: writing the report there fails, named). */
function removeIfFile(path: string): void {
  if (statSync(path, { throwIfNoEntry: false })?.isFile()) rmSync(path);
}

export interface ReproduceOptions {
  /** Aborted when the run is interrupted: nothing more is written, the index neither. */
  signal?: AbortSignal;
  /** Execute every notebook, whatever the cache holds (`--force`); the cache is still updated. */
  force?: boolean;
  /** Use and update the execution cache (default true). */
  cache?: boolean;
  /** The cache folder (default `outDir/.cache`). */
  cacheDir?: string;
  /** Notebooks executed at once, each on its own kernel (default 1: a notebook's time is then its own). */
  jobs?: number;
  /** Called as soon as a notebook's executed copy and report are written (or could not be), with its summary. */
  onReport?: (summary: ReproduceSummary) => void;
  /**
   * What executes a notebook (default {@link executeNotebook}: a fresh tslab kernel). The tests of
   * the execution cache substitute one that records what it was asked to run, and start no kernel.
   */
  execute?: typeof executeNotebook;
}

/** The one-minute budget of a notebook at its default sizes, on two cores (warned about, never asserted). */
export const MINUTE_BUDGET_SECONDS = 60;

/**
 * The environment of each kernel when `jobs` notebooks run at once on `cores` cores: the cores
 * shared out, LANDSCAPE_THREADS = max(1, ⌊cores/jobs⌋) threads for the products of each (unless
 * LANDSCAPE_THREADS is set already), so that the kernels do not crowd the cores with threads that
 * only wait for one (a product's bits do not depend on its thread count). With one job, the
 * environment as it is (undefined: the kernel inherits it).
 */
export function kernelEnvironment(jobs: number, cores: number, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv | undefined {
  if (jobs <= 1 || env.LANDSCAPE_THREADS !== undefined) return undefined;
  return { ...env, LANDSCAPE_THREADS: String(Math.max(1, Math.floor(cores / jobs))) };
}

export async function reproduce(paths: string[], outDir: string, log: (line: string) => void = console.log, { signal, force = false, cache = true, cacheDir = cacheFolder(outDir), jobs = 1, onReport, execute = executeNotebook }: ReproduceOptions = {}): Promise<ReproduceSummary[]> {
  ensureOutputFolder(outDir);
  const kernelEnv = kernelEnvironment(Math.min(jobs, paths.length), availableParallelism());
  const lock = acquireLock(outDir);
  try {
    // The index and this run's notebooks' reports from an earlier run go first: an
    // interrupted run leaves no index, and no report it did not write itself.
    removeIfFile(join(outDir, "index.html"));
    for (const path of paths) for (const ext of [".html", ".ipynb"]) removeIfFile(join(outDir, basename(path, ".ipynb") + ext));
    const entries: IndexEntry[] = new Array(paths.length);
    const summaries: ReproduceSummary[] = new Array(paths.length);
    const from = provenance();
    const environment = cache ? environmentHash() : undefined;
    const one = async (n: number) => {
      const path = paths[n];
      const name = basename(path, ".ipynb");
      log(`▶ ${name} (${n + 1} of ${paths.length})`);
      const source = loadNotebook(path);
      if (typeof source === "string") {
        summaries[n] = { name, seconds: 0, htmlBytes: 0, failure: source };
        log(`✘ ${source}`);
        return;
      }
      const key = environment ? executionKey(source, environment) : undefined;
      const hit = key && !force ? lookUp(cacheDir, name, key) : undefined;
      let notebook: Notebook, failure: CellFailure | undefined, run: RunInfo;
      if (hit) {
        notebook = withCachedOutputs(source, hit.notebook);
        run = { seconds: hit.record.seconds, ranAt: hit.record.ranAt, commit: hit.record.commit, cached: true };
      } else {
        const started = Date.now();
        // Cells are counted by their position in the notebook, as failures and extracted tests count them.
        const position = (id: string) => source.cells.findIndex((c) => c.id === id) + 1;
        const executed = await execute(path, source, {
          env: kernelEnv,
          onCell: (_k, _total, cell) => log(`  ${name}: cell ${position(cell.id)} of ${source.cells.length}, ${((Date.now() - started) / 1000).toFixed(1)} s`),
        });
        ({ notebook, failure } = executed);
        run = { seconds: executed.seconds, ranAt: new Date(started).toISOString(), commit: from.commit };
      }
      if (signal?.aborted) return; // its kernel was shut down by the interruption: no report
      let failureText = failure ? (failure.cell > 0 ? `cell ${failure.cell}: ${failure.kind}: ${failure.message}` : failure.message) : undefined;
      const report = renderNotebook(notebook, { name, failure: failureText, run });
      const htmlPath = join(outDir, `${name}.html`);
      try {
        writeNotebook(join(outDir, `${name}.ipynb`), notebook);
        writeFileAtomic(htmlPath, report.html);
        if (key && !hit && !failure) store(cacheDir, name, notebook, { key, comparisonKey: cachedRecord(cacheDir, name)?.comparisonKey ?? comparisonKey(source, environment!), ranAt: run.ranAt!, seconds: run.seconds, commit: run.commit });
      } catch (e) {
        failureText = `cannot write its report into ${outDir}: ${describeError(e)}`;
      }
      entries[n] = { file: `${name}.html`, title: report.title, results: report.results, failure: failureText, ...run };
      summaries[n] = { name, seconds: run.seconds, htmlBytes: statSync(htmlPath, { throwIfNoEntry: false })?.size ?? 0, failure: failureText, cached: run.cached ? run.ranAt : undefined };
      onReport?.(summaries[n]);
      if (failureText) log(`✘ ${name} failed at ${failureText}`);
      else if (run.cached) log(`✔ ${name} cached (from ${run.ranAt!.slice(0, 16).replace("T", " ")} UTC, ${run.seconds.toFixed(1)} s then)`);
      else {
        const slowest = slowestLine(notebook);
        log(`✔ ${name} in ${run.seconds.toFixed(1)} s${slowest ? ` — ${slowest}` : ""}`);
        if (jobs === 1 && process.env.LANDSCAPE_PAPER_SIZES !== "1" && run.seconds > MINUTE_BUDGET_SECONDS) log(`⚠ ${name} took ${run.seconds.toFixed(1)} s, over the ${MINUTE_BUDGET_SECONDS} s budget of a notebook at its default sizes`);
      }
    };
    // A pool of `jobs` runners taking the notebooks in order.
    let next = 0;
    const runner = async () => {
      while (next < paths.length && !signal?.aborted) await one(next++);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, paths.length)) }, runner));
    if (!signal?.aborted) {
      // A partial rerun keeps the other notebooks' rows, read from their own reports (each dated by its run).
      const kept = keptEntries(outDir, new Set(paths.map((p) => basename(p, ".ipynb"))));
      const all = [...entries.filter(Boolean), ...kept].sort((a, b) => a.file.localeCompare(b.file));
      writeFileAtomic(join(outDir, "index.html"), renderIndex(all, from));
    }
    return summaries.filter(Boolean);
  } finally {
    lock.release();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const interruption = new AbortController();
  exitCleanlyOn(async () => {
    interruption.abort();
    await KernelClient.shutdownAll();
  });
  let outDir: string, paths: string[];
  const force = args.includes("--force");
  let jobs = 1;
  try {
    if (force) args.splice(args.indexOf("--force"), 1);
    const at = args.indexOf("--jobs");
    if (at >= 0) {
      jobs = Number(args[at + 1]);
      if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs needs a whole number of notebooks at once ≥ 1, got ${args[at + 1] ?? "nothing"}`);
      args.splice(at, 2);
    }
    outDir = takeOutArgument(args);
    paths = args.length > 0 ? resolveNotebooks(args) : notebooksIn("notebooks");
  } catch (e) {
    console.error(e instanceof UsageError ? `reproduce: ${e.message}` : (e as Error).message);
    process.exit(2);
  }
  reproduce(paths, outDir, console.log, { signal: interruption.signal, force, jobs }).then((summaries) => {
    if (interruption.signal.aborted) return; // the clean-up says so and exits non-zero
    console.log(`\nreports in ${outDir}`);
    console.table(summaries.map((s) => ({ notebook: s.name, seconds: s.seconds.toFixed(1), "html (MB)": (s.htmlBytes / 2 ** 20).toFixed(2), status: s.failure ? `failed: ${s.failure.slice(0, 80)}` : s.cached ? `cached (from ${s.cached.slice(0, 16).replace("T", " ")} UTC)` : "ok" })));
    const failed = summaries.filter((s) => s.failure);
    if (failed.length > 0) {
      console.error(`${failed.length} notebook(s) failed: ${failed.map((s) => `${s.name} (${s.failure})`).join("; ")}`);
      process.exit(1);
    }
  }, (e) => {
    console.error((e as Error).message); // the folder checks and the lock say what is wrong in one line
    process.exit(1);
  });
}
