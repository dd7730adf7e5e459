/**
 * `npm run reproduce [notebooks…] [--out DIR]`: executes every notebook of notebooks/ in
 * order, each on a fresh kernel, and writes the executed notebooks, their HTML reports and
 * index.html into reports/. A failing notebook is named with its cell and error; the
 * others still run; the exit code is non-zero if any failed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { executeNotebook } from "./execute";
import { readNotebook, writeNotebook } from "./notebook";
import { entryOfReport, renderIndex, renderNotebook, type IndexEntry, type Provenance } from "./report";

export interface ReproduceSummary {
  name: string;
  seconds: number;
  htmlBytes: number;
  failure?: string;
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
 * the notebooks there.
 */
export function resolveNotebooks(args: string[], folder = "notebooks"): string[] {
  return args.map((arg) => {
    const candidates = [arg, join(folder, arg), join(folder, `${arg}.ipynb`)];
    const found = candidates.find((p) => p.endsWith(".ipynb") && existsSync(p) && statSync(p).isFile());
    if (found) return found;
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

export async function reproduce(paths: string[], outDir: string, log: (line: string) => void = console.log): Promise<ReproduceSummary[]> {
  mkdirSync(outDir, { recursive: true });
  const entries: IndexEntry[] = [];
  const summaries: ReproduceSummary[] = [];
  const from = provenance();
  for (const [n, path] of paths.entries()) {
    const name = basename(path, ".ipynb");
    log(`▶ ${name} (${n + 1} of ${paths.length})`);
    const started = Date.now();
    const source = readNotebook(path);
    // Cells are counted by their position in the notebook, as failures and extracted tests count them.
    const position = (id: string) => source.cells.findIndex((c) => c.id === id) + 1;
    const { notebook, failure, seconds } = await executeNotebook(path, source, {
      onCell: (_k, _total, cell) => log(`  ${name}: cell ${position(cell.id)} of ${source.cells.length}, ${((Date.now() - started) / 1000).toFixed(1)} s`),
    });
    const failureText = failure ? (failure.cell > 0 ? `cell ${failure.cell}: ${failure.kind}: ${failure.message}` : failure.message) : undefined;
    writeNotebook(join(outDir, `${name}.ipynb`), notebook);
    const run = { seconds, ranAt: new Date(started).toISOString(), commit: from.commit };
    const report = renderNotebook(notebook, { name, failure: failureText, run });
    const htmlPath = join(outDir, `${name}.html`);
    writeFileSync(htmlPath, report.html);
    entries.push({ file: `${name}.html`, title: report.title, results: report.results, failure: failureText, ...run });
    summaries.push({ name, seconds, htmlBytes: statSync(htmlPath).size, failure: failureText });
    log(failureText ? `✘ ${name} failed at ${failureText}` : `✔ ${name} in ${seconds.toFixed(1)} s`);
  }
  const kept = keptEntries(outDir, new Set(entries.map((e) => basename(e.file, ".html"))));
  const all = [...entries, ...kept].sort((a, b) => a.file.localeCompare(b.file));
  writeFileSync(join(outDir, "index.html"), renderIndex(all, from));
  return summaries;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const outDir = resolve(outAt >= 0 ? args.splice(outAt, 2)[1] : "reports");
  let paths: string[];
  try {
    paths = args.length > 0 ? resolveNotebooks(args) : notebooksIn("notebooks");
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`reproduce: ${e.message}`);
    process.exit(2);
  }
  reproduce(paths, outDir).then((summaries) => {
    console.log(`\nreports in ${outDir}`);
    console.table(summaries.map((s) => ({ notebook: s.name, seconds: s.seconds.toFixed(1), "html (MB)": (s.htmlBytes / 2 ** 20).toFixed(2), status: s.failure ? `failed: ${s.failure.slice(0, 80)}` : "ok" })));
    const failed = summaries.filter((s) => s.failure);
    if (failed.length > 0) {
      console.error(`${failed.length} notebook(s) failed: ${failed.map((s) => `${s.name} (${s.failure})`).join("; ")}`);
      process.exit(1);
    }
  }, (e) => {
    console.error(e);
    process.exit(1);
  });
}
