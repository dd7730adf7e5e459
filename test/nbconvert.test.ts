// Which notebooks the stock-Jupyter comparison runs (the comparison itself runs in
// test/reports.test.ts, on the same execution as the reports), and what it compares.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cachedRecord, comparisonKey, environmentHash, executionKey, markCompared, store, type Environment } from "../tools/cache";
import { ALWAYS_COMPARED, notebooksToCompare, visibleOutputs } from "../tools/jupyter-compare";
import { cleanNotebook, writeNotebook, type Notebook } from "../tools/notebook";
import { reproduce } from "../tools/reproduce";
import { recordingExecutor } from "./helpers/recording-executor";

const notebook = (code: string, markdown = "# title"): Notebook =>
  cleanNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "markdown", id: "m", source: markdown, metadata: {} }, { cell_type: "code", id: "c", source: code, metadata: {}, outputs: [], execution_count: null }] });

describe("the stock-Jupyter comparison's choice of notebooks", () => {
  const dir = mkdtempSync(join(tmpdir(), "landscape-compare-"));
  const cache = join(dir, "cache");
  const environment: Environment = { library: "lib/dist's hash", runtime: "the lockfile's and Node's hash" };
  const names = [ALWAYS_COMPARED, "01-unchanged", "02-changed", "03-never-run", "04-markdown-only"];
  const paths = names.map((n) => join(dir, `${n}.ipynb`));
  const record = (nb: Notebook) => ({ key: executionKey(nb, environment), comparisonKey: comparisonKey(nb, environment), ranAt: "2026-01-01T00:00:00.000Z", seconds: 1 });
  const entry = (name: string, nb: Notebook) => store(cache, name, nb, record(nb));
  for (const [i, path] of paths.entries()) writeNotebook(path, notebook(`console.log(${i});`, "# now"));
  entry(ALWAYS_COMPARED, notebook("console.log(0);"));
  entry("01-unchanged", notebook("console.log(1);"));
  entry("02-changed", notebook("console.log('before');"));
  // Only its markdown changed: the same key (a markdown edit does not change what runs).
  entry("04-markdown-only", notebook("console.log(4);", "# before"));

  it("is the small notebook, plus each notebook whose code changed since its recorded run", () => {
    assert.deepEqual(notebooksToCompare(paths, cache, environment).map((c) => c.path), [paths[0], paths[2]]);
  });

  it("is every notebook with a recorded run when the lockfile or Node.js changed, but not for a change of the library alone", () => {
    assert.deepEqual(notebooksToCompare(paths, cache, { ...environment, runtime: "another lockfile" }).map((c) => c.path), [paths[0], paths[1], paths[2], paths[4]]);
    assert.deepEqual(notebooksToCompare(paths, cache, { ...environment, library: "another lib/dist" }).map((c) => c.path), [paths[0], paths[2]]);
  });

  it("still asks for a notebook whose code changed after npm run reproduce re-ran it, until a comparison matched", async () => {
    const folder = mkdtempSync(join(tmpdir(), "landscape-compare-run-"));
    const path = join(folder, "05-edited.ipynb");
    writeNotebook(path, notebook("console.log('first');"));
    const out = join(folder, "reports"), runs = join(out, ".cache");
    const real = environmentHash();
    // An executor that starts no kernel: what is recorded does not depend on the run's outputs.
    const recorded = recordingExecutor();
    await reproduce([path], out, () => {}, { execute: recorded.execute });
    const first = cachedRecord(runs, "05-edited")!.comparisonKey;
    assert.deepEqual(notebooksToCompare([path], runs, real), [], "a first run is the baseline");
    writeNotebook(path, notebook("console.log('edited');"));
    await reproduce([path], out, () => {}, { execute: recorded.execute });
    assert.deepEqual(recorded.ran, ["05-edited", "05-edited"], "run twice: its code changed");
    assert.equal(cachedRecord(runs, "05-edited")!.comparisonKey, first, "reproduce keeps the last compared key");
    assert.deepEqual(notebooksToCompare([path], runs, real).map((c) => c.path), [path], "so npm test still compares it");
    markCompared(runs, "05-edited", comparisonKey(notebook("console.log('edited');"), real));
    assert.deepEqual(notebooksToCompare([path], runs, real), [], "until a comparison matched");
  });

  it("is every notebook for npm run test:all", () => {
    assert.deepEqual(notebooksToCompare(paths, cache, environment, { all: true }).map((c) => c.path), paths);
  });
});

describe("what the comparison compares", () => {
  it("masks elapsed times and figure ids, skips cells tagged nbval-ignore-output, and keeps everything else", () => {
    const nb = notebook("x");
    const cell = nb.cells[1] as Extract<Notebook["cells"][number], { cell_type: "code" }>;
    cell.outputs = [{ output_type: "stream", name: "stdout", text: "took 1.25 s, value 3\n" }, { output_type: "display_data", data: { "text/html": '<div id="landscape-figure-0123456789abcdef">' }, metadata: {} }];
    const timed = structuredClone(nb);
    (timed.cells[1] as typeof cell).metadata.tags = ["nbval-ignore-output"];
    assert.deepEqual(visibleOutputs(nb), [[["stream", "stdout", "took <t> s, value 3\n"], ["display_data", { "text/html": '<div id="<figure id>">' }]]]);
    assert.deepEqual(visibleOutputs(timed), [[]]);
    const other = structuredClone(nb);
    (other.cells[1] as typeof cell).outputs[0] = { output_type: "stream", name: "stdout", text: "took 9 s, value 4\n" };
    assert.notDeepEqual(visibleOutputs(other), visibleOutputs(nb), "a different value is a difference");
  });
});
