/**
 * `npm run reproduce [notebooks…] [--out DIR]`: executes every notebook of notebooks/ in
 * order, each on a fresh kernel, and writes the executed notebooks, their HTML reports and
 * index.html into reports/. A failing notebook is named with its cell and error; the
 * others still run; the exit code is non-zero if any failed.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { executeNotebook } from "./execute";
import { readNotebook, writeNotebook } from "./notebook";
import { renderIndex, renderNotebook, type IndexEntry } from "./report";

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

export async function reproduce(paths: string[], outDir: string, log: (line: string) => void = console.log): Promise<ReproduceSummary[]> {
  mkdirSync(outDir, { recursive: true });
  const entries: IndexEntry[] = [];
  const summaries: ReproduceSummary[] = [];
  for (const [n, path] of paths.entries()) {
    const name = basename(path, ".ipynb");
    log(`▶ ${name} (${n + 1} of ${paths.length})`);
    const started = Date.now();
    const { notebook, failure, seconds } = await executeNotebook(path, readNotebook(path), {
      onCell: (k, total) => log(`  ${name}: cell ${k} of ${total}, ${((Date.now() - started) / 1000).toFixed(1)} s`),
    });
    const failureText = failure ? (failure.cell > 0 ? `cell ${failure.cell}: ${failure.kind}: ${failure.message}` : failure.message) : undefined;
    writeNotebook(join(outDir, `${name}.ipynb`), notebook);
    const report = renderNotebook(notebook, { name, failure: failureText });
    const htmlPath = join(outDir, `${name}.html`);
    writeFileSync(htmlPath, report.html);
    entries.push({ file: `${name}.html`, title: report.title, results: report.results, failure: failureText, seconds });
    summaries.push({ name, seconds, htmlBytes: statSync(htmlPath).size, failure: failureText });
    log(failureText ? `✘ ${name} failed at ${failureText}` : `✔ ${name} in ${seconds.toFixed(1)} s`);
  }
  writeFileSync(join(outDir, "index.html"), renderIndex(entries));
  return summaries;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const outDir = resolve(outAt >= 0 ? args.splice(outAt, 2)[1] : "reports");
  const paths = args.length > 0 ? args : notebooksIn("notebooks");
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
