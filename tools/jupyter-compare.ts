/**
 * The stock-Jupyter comparison: a notebook executed by `jupyter nbconvert --execute` with the
 * registered kernelspec must show a reader the same outputs as `npm run reproduce`'s run.
 *
 * Which notebooks `npm test` compares ({@link notebooksToCompare}): the small notebook
 * {@link ALWAYS_COMPARED} every time, plus each notebook whose cache key, without the
 * library, changed since its last run that was compared and matched (the record's
 * `comparisonKey`, which only a passing comparison moves: `markCompared` in tools/cache.ts;
 * never compared, its first recorded run): its code cells, the lockfile (tslab,
 * the dependencies) or Node.js changed (`comparisonKey`, tools/cache.ts). A change of the
 * library alone changes both runners' outputs alike and does not count; a notebook with no
 * record yet (a fresh checkout) is not counted as changed. `npm run test:all` compares every
 * notebook.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { cachedRecord, comparisonKey, type Environment } from "./cache";
import { installKernelSpec } from "./kernelspec";
import { readNotebook, sourceText, type Notebook, type Output } from "./notebook";

export const PYTHON = "/usr/bin/python3";
export const hasNbconvert = () => spawnSync(PYTHON, ["-c", "import nbconvert, nbclient"], { stdio: "ignore" }).status === 0;

/** The notebook compared on every run of `npm test`: the tour, the smallest. */
export const ALWAYS_COMPARED = "00-tour";

/**
 * The notebooks (paths) to compare: {@link ALWAYS_COMPARED}, and those whose comparison key
 * (under `environment`, see tools/cache.ts) differs from the one recorded in the cache folder
 * `cache` — read before this run records its own. `all` compares every notebook.
 */
export function notebooksToCompare(paths: string[], cache: string, environment: Environment, { all = false } = {}): { path: string; why: string }[] {
  return paths.flatMap((path) => {
    const name = basename(path, ".ipynb");
    if (all) return [{ path, why: "npm run test:all compares every notebook" }];
    if (name === ALWAYS_COMPARED) return [{ path, why: "the small notebook compared on every run" }];
    const recorded = cachedRecord(cache, name);
    // A record without a comparison key (written before there was one) counts as no record.
    if (recorded?.comparisonKey && recorded.comparisonKey !== comparisonKey(readNotebook(path), environment)) return [{ path, why: "its code, the lockfile or Node.js changed since its last matching comparison" }];
    return [];
  });
}

/** What a reader sees of the outputs, cell by cell, with what differs from run to run masked. */
export function visibleOutputs(nb: Notebook) {
  // Elapsed times and figures' plot-area ids (random, unique per page) differ from run to run.
  const mask = (s: string) => s.replace(/\d+(\.\d+)? s\b/g, "<t> s").replace(/landscape-figure-[0-9a-f]{16}/g, "<figure id>");
  const text = (o: Output) => {
    if (o.output_type === "stream") return [o.output_type, o.name, mask(sourceText(o.text))];
    if (o.output_type === "error") return [o.output_type, o.ename];
    return [o.output_type, Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, typeof v === "object" && !Array.isArray(v) ? v : mask(sourceText(v as string))]))];
  };
  // Cells tagged `nbval-ignore-output` (nbval's convention) measure times: their outputs differ run to run.
  const compared = (c: Notebook["cells"][number]) => c.cell_type === "code" && !(c.metadata.tags ?? []).includes("nbval-ignore-output");
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (compared(c) && c.cell_type === "code" ? c.outputs.map(text) : []));
}

/**
 * Executes a notebook with `python3 -m nbconvert --execute` and this repository's kernelspec;
 * resolves to the executed notebook, or the error output. Asynchronous, so that a test can run
 * it beside the project's own run of the notebooks.
 */
export function executeWithNbconvert(notebook: string): Promise<{ notebook?: Notebook; error?: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), "landscape-jupyter-"));
  installKernelSpec(dataDir);
  const outDir = mkdtempSync(join(tmpdir(), "landscape-nbconvert-"));
  const args = ["-m", "nbconvert", "--to", "notebook", "--execute", notebook, "--output-dir", outDir, "--output", "executed", "--ExecutePreprocessor.timeout=120"];
  return new Promise((done) => {
    const run = spawn(PYTHON, args, { env: { ...process.env, JUPYTER_DATA_DIR: dataDir, JUPYTER_PATH: dataDir }, stdio: ["ignore", "ignore", "pipe"], timeout: 300_000 });
    let stderr = "";
    run.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
    run.on("error", (e) => done({ error: e.message }));
    run.on("close", (status, signal) => {
      if (status !== 0) return done({ error: `nbconvert exited with ${status ?? signal}${signal === "SIGTERM" ? " (killed after 300 s)" : ""}:\n${stderr}` });
      try {
        done({ notebook: readNotebook(join(outDir, "executed.ipynb")) });
      } catch (e) {
        done({ error: `nbconvert's executed notebook cannot be read: ${(e as Error).message}` });
      }
    });
  });
}
