import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { plot } from "landscape";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { CELL_TIMEOUT_SECONDS, PAPER_SIZES_CELL_TIMEOUT_SECONDS, cellTimeout, executeNotebook, type ExecutionResult } from "../tools/execute";
import { relocatedSpecifier, testFileFor } from "../tools/extract-tests";
import { environmentHash } from "../tools/cache";
import { cleanNotebook, readNotebook, writeNotebook, type CodeCell, type Notebook } from "../tools/notebook";
import { renderNotebook } from "../tools/report";
import { kernelEnvironment, reproduce } from "../tools/reproduce";
import { recordingExecutor } from "./helpers/recording-executor";

const FIXTURE = join("test", "fixtures", "pipeline.ipynb");
const code = (nb: Notebook, cell: number) => nb.cells[cell - 1] as CodeCell;

/** A notebook of plain code cells (no imports: it runs from any folder). */
function tinyNotebook(sources: string[]): Notebook {
  return cleanNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: sources.map((s, i) => ({ cell_type: "code", id: `c${i}`, source: s, metadata: {}, outputs: [], execution_count: null })) });
}

describe("cell timeouts", () => {
  it("the cell's own, else the notebook's, else 120 s; at the papers' sizes at least six hours", () => {
    const nb = tinyNotebook(["1", "2"]);
    const [plain, own] = nb.cells as CodeCell[];
    own.metadata.landscape = { timeout: 5 };
    const defaults = {}, paper = { LANDSCAPE_PAPER_SIZES: "1" };
    assert.equal(CELL_TIMEOUT_SECONDS, 120);
    assert.deepEqual([cellTimeout(plain, nb, defaults), cellTimeout(own, nb, defaults), cellTimeout(plain, nb, defaults, 30)], [120, 5, 30]);
    nb.metadata.landscape = { timeout: 40 };
    assert.deepEqual([cellTimeout(plain, nb, defaults), cellTimeout(own, nb, defaults)], [40, 5]);
    assert.equal(PAPER_SIZES_CELL_TIMEOUT_SECONDS, 6 * 3600);
    assert.deepEqual([cellTimeout(plain, nb, paper), cellTimeout(own, nb, paper), cellTimeout(plain, nb, { LANDSCAPE_PAPER_SIZES: "0" })], [6 * 3600, 6 * 3600, 40]);
  });
});

describe("executing the fixture notebook on a tslab kernel", () => {
  let run: ExecutionResult;
  before(async () => {
    run = await executeNotebook(FIXTURE, readNotebook(FIXTURE));
  });

  it("collects stream, HTML, SVG and plotly-figure outputs in nbformat", () => {
    const nb = run.notebook;
    assert.deepEqual(code(nb, 2).outputs.map((o) => o.output_type === "stream" && o.name), ["stdout", "stderr"]);
    const displays = code(nb, 3).outputs.map((o) => (o.output_type === "display_data" ? Object.keys(o.data)[0] : o.output_type));
    assert.deepEqual(displays, ["text/html", "image/svg+xml"]);
    const figureCell = JSON.stringify(code(nb, 4).outputs);
    const figure = code(nb, 4).outputs.find((o) => o.output_type === "display_data" && o.data["application/vnd.plotly.v1+json"] !== undefined);
    assert.ok(figure && figure.output_type === "display_data", "the figure travels in plotly's MIME type");
    assert.deepEqual(Object.keys(figure.data), ["application/vnd.plotly.v1+json", "text/html", "text/plain"], "one output: plotly JSON, HTML, text");
    assert.match(String(figure.data["text/html"]), /<div class="landscape-figure" id="(landscape-figure-[0-9a-f]{16})"[^>]*>This figure is drawn by plotly\.js[^<]*<\/div>\n<script type="text\/javascript">[\s\S]*document\.getElementById\(id\)/, "a plot area with a unique id and a message until drawn");
    assert.ok(!String(figure.data["text/html"]).includes("currentScript"));
    assert.ok(figureCell.includes("application/vnd.landscape.result+json"), "the result line travels as JSON");
    assert.equal(code(nb, 2).execution_count, 1);
  });

  it("records a failing cell tagged raises-exception as an error output and goes on", () => {
    const error = code(run.notebook, 7).outputs.find((o) => o.output_type === "error");
    assert.ok(error && error.output_type === "error");
    assert.equal(error.ename, "AssertionError");
    assert.equal(error.evalue, "1 + 1 is not 3");
  });

  it("stops at the cell past its timeout, names it, and keeps the outputs so far", () => {
    assert.deepEqual(run.failure && { cell: run.failure.cell, kind: run.failure.kind }, { cell: 8, kind: "timeout" });
    assert.match(run.failure!.message, /did not finish within 1 s/);
    assert.equal(code(run.notebook, 9).execution_count, null);
    assert.deepEqual(code(run.notebook, 9).outputs, []);
  });

  it("writes an nbformat-valid executed notebook (checked by Python's nbformat where installed)", (t) => {
    const dir = mkdtempSync(join(tmpdir(), "landscape-nb-"));
    const path = join(dir, "executed.ipynb");
    writeNotebook(path, run.notebook);
    const check = spawnSync("/usr/bin/python3", ["-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", path], { encoding: "utf8" });
    if (check.error || /No module named/.test(check.stderr)) return t.skip("Python's nbformat is not installed: apt-get install python3-nbformat");
    assert.equal(check.stdout.trim(), "valid", check.stderr);
  });

  it("renders every output kind as escaped HTML, with the figure redrawn from its JSON", () => {
    const nb = structuredClone(run.notebook);
    // tslab prints a cell's value on stdout and sends no execute_result: add one to cover its rendering.
    code(nb, 2).outputs.push({ output_type: "execute_result", execution_count: 1, data: { "text/plain": "<value> & more" }, metadata: {} });
    const report = renderNotebook(nb, { name: "pipeline", failure: "cell 8: timeout <x>" });
    assert.ok(report.html.includes("stdout: &lt;b&gt;not bold&lt;/b&gt; &amp; <span"), "stream text escaped, ANSI colour turned into a span");
    assert.ok(report.html.includes("&lt;value&gt; &amp; more"), "execute_result escaped");
    assert.ok(report.html.includes('<p class="fixture-html">an <b>HTML</b> display</p>'), "HTML output kept as HTML (sanitized)");
    const svg = /<img class="svg" alt="" src="data:image\/svg\+xml;base64,([^"]+)">/.exec(report.html);
    assert.ok(svg && Buffer.from(svg[1], "base64").toString().includes("<rect width='40'"), "SVG shown as an image");
    assert.ok(report.html.includes("1 + 1 is not 3"), "error shown");
    assert.ok(report.html.includes("cell 8: timeout &lt;x&gt;"), "failure banner escaped");
    assert.equal(report.figures, 1);
    const packed = [...report.html.matchAll(/<script type="application\/gzip" id="landscape-plotly-gzip">([^<]*)<\/script>/g)];
    assert.equal(packed.length, 1, "plotly.js embedded exactly once");
    assert.equal(gunzipSync(Buffer.from(packed[0][1], "base64")).toString("utf8"), plot.plotlySource(), "the packed plotly.js is the npm package's");
    const scripts = [...report.html.matchAll(/<script(?: [^>]*)?>/g)].map((m) => m[0]).filter((tag) => !/type="application\/(json|gzip)"/.test(tag));
    assert.deepEqual(scripts, ['<script data-landscape="figures">'], "the only executable script is the pipeline's own");
    const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
    const drawFigures = /<script data-landscape="figures">([\s\S]*?)<\/script>/.exec(report.html)![1];
    const allowed = /<meta http-equiv="Content-Security-Policy" content="[^"]*script-src ([^;]+);/.exec(report.html)![1].split(" ");
    assert.deepEqual(allowed.sort(), [sha256(drawFigures), sha256(plot.plotlySource())].sort(), "the CSP allows the figures script and the plotly.js it inserts, nothing else");
    assert.ok(report.html.includes('class="katex"'), "math rendered at build time");
    assert.deepEqual(report.results.map((r) => [r.claim, r.measured, r.pass, r.anchor]), [["the fixture's claim", "42", true, "pipeline-fixture"]]);
    assert.equal(report.title, "Pipeline fixture");
  });

  it("honours the tags hide-input, remove-input, remove-output and remove-cell", () => {
    const nb = tinyNotebook(["const hidden = 1;", "const removedInput = 2;", "const removedOutput = 3;", "const removedCell = 4;"]);
    ["hide-input", "remove-input", "remove-output", "remove-cell"].forEach((tag, i) => {
      nb.cells[i].metadata.tags = [tag];
      (nb.cells[i] as CodeCell).outputs = [{ output_type: "stream", name: "stdout", text: `output ${i}\n` }];
    });
    const html = renderNotebook(nb, { name: "tags" }).html;
    assert.match(html, /<details class="hide-input"><summary>Show code<\/summary>.*hidden/s);
    assert.ok(!html.includes("removedInput") && html.includes("output 1"));
    assert.ok(html.includes("removedOutput") && !html.includes("output 2"));
    assert.ok(!html.includes("removedCell") && !html.includes("output 3"));
  });
});

describe("tests extracted from notebook cells", () => {
  it("rewrite a notebook's relative import to name the same module from the test's folder", () => {
    assert.equal(relocatedSpecifier("./runs/safran-shamir", "notebooks/03b.ipynb", "test/notebooks/03b.test.mts"), "../../notebooks/runs/safran-shamir.js");
    assert.equal(relocatedSpecifier("./runs/trial.ts", "notebooks/x.ipynb", "test/notebooks/x.test.mts"), "../../notebooks/runs/trial.js");
    assert.equal(relocatedSpecifier("../data/table.js", "notebooks/x.ipynb", "test/notebooks/x.test.mts"), "../../data/table.js");
    assert.equal(relocatedSpecifier("./helper", "test/notebooks/x.ipynb", "test/notebooks/x.test.mts"), "./helper.js");
  });

  it("run each test cell as a named test and report the failing one with notebook and cell", () => {
    const out = join("test", "fixtures", "generated", "pipeline.test.mts");
    mkdirSync(join("test", "fixtures", "generated"), { recursive: true });
    writeFileSync(out, testFileFor(FIXTURE, out));
    const typecheck = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16", "--target", "es2022", "--skipLibCheck", "--types", "node", out], { encoding: "utf8" });
    assert.equal(typecheck.status, 0, `the generated file type-checks: ${typecheck.stdout}`);
    const run = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", out], { encoding: "utf8", env: { ...process.env, NODE_TEST_CONTEXT: undefined } });
    const output = run.stdout + run.stderr;
    assert.notEqual(run.status, 0, "a failing test cell fails the run");
    assert.match(output, /✔ pipeline › cell 6: passing check: 1 \+ 1 = 2/);
    assert.match(output, /✖ pipeline › cell 7: failing check: this assertion is false on purpose/);
    assert.match(output, /1 \+ 1 is not 3/);
    assert.match(output, /ℹ pass 1\n/);
    assert.match(output, /ℹ fail 1\n/);
  });
});

describe("npm run reproduce", () => {
  const dir = mkdtempSync(join(tmpdir(), "landscape-reproduce-"));

  it("names a notebook whose kernel dies, goes on with the next, and never writes the sources", async () => {
    const dies = join(dir, "01-dies.ipynb");
    const fine = join(dir, "02-fine.ipynb");
    writeNotebook(dies, tinyNotebook(['console.log("before");', "process.exit(3);", 'console.log("after");']));
    writeNotebook(fine, tinyNotebook(['console.log("fine");']));
    const before = readFileSync(dies, "utf8");
    const lines: string[] = [];
    const summaries = await reproduce([dies, fine], join(dir, "reports"), (l) => lines.push(l));
    assert.match(summaries[0].failure ?? "", /^cell 2: kernel-died: the kernel died \(exit code 3/);
    assert.equal(summaries[1].failure, undefined);
    assert.ok(lines.some((l) => l.startsWith("✘ 01-dies failed at cell 2")));
    assert.ok(lines.some((l) => /02-fine: cell 1 of 1, \d+\.\d s/.test(l)), "progress names notebook, cell k of n and elapsed time");
    const executed = readNotebook(join(dir, "reports", "01-dies.ipynb"));
    assert.equal(JSON.stringify((executed.cells[0] as CodeCell).outputs).includes("before"), true, "outputs so far kept");
    assert.equal(readFileSync(dies, "utf8"), before, "the source notebook is not written");
    const index = readFileSync(join(dir, "reports", "index.html"), "utf8");
    assert.ok(index.includes("Did not run to the end: cell 2: kernel-died"));
  });

  it("keys the library part on lib/dist and notebooks/runs/, the runtime part on the lockfile", () => {
    const root = mkdtempSync(join(tmpdir(), "landscape-env-"));
    mkdirSync(join(root, "lib", "dist"), { recursive: true });
    mkdirSync(join(root, "notebooks", "runs"), { recursive: true });
    writeFileSync(join(root, "lib", "dist", "index.js"), "exports.x = 1;");
    writeFileSync(join(root, "package-lock.json"), "{}");
    const before = environmentHash(root);
    writeFileSync(join(root, "notebooks", "runs", "trial.ts"), "export const run = () => 1;");
    const withRun = environmentHash(root);
    assert.notEqual(withRun.library, before.library, "a new run module re-runs the notebooks");
    assert.equal(withRun.runtime, before.runtime);
    writeFileSync(join(root, "notebooks", "runs", "trial.ts"), "export const run = () => 2;");
    assert.notEqual(environmentHash(root).library, withRun.library, "an edited run module re-runs the notebooks");
    writeFileSync(join(root, "package-lock.json"), "{ }");
    assert.notEqual(environmentHash(root).runtime, withRun.runtime);
  });

  it("reuses a notebook whose code cells, library, lockfile and Node.js did not change, re-runs one whose code changed, and re-runs all with force", async () => {
    const cached = join(dir, "cached");
    mkdirSync(cached);
    const a = join(cached, "01-a.ipynb");
    const b = join(cached, "02-b.ipynb");
    // 3 s: the first cell of a kernel also pays tslab's first compile, which took 1.2 s in a loaded run
    // of the whole suite and outranked a 600 ms cell (2026-11-30).
    writeNotebook(a, tinyNotebook(['console.log("a");', "await new Promise((r) => setTimeout(r, 3000));"]));
    writeNotebook(b, tinyNotebook(['console.log("b");']));
    const out = join(cached, "reports");
    const ran = (lines: string[]) => lines.filter((l) => / cell \d+ of /.test(l)).map((l) => l.trim().split(":")[0]).filter((n, i, all) => all.indexOf(n) === i);
    const first: string[] = [];
    await reproduce([a, b], out, (l) => first.push(l));
    assert.deepEqual(ran(first), ["01-a", "02-b"], "a cold cache runs both");
    // nbclient's per-cell timestamps, and the report's slowest-cells line ranks the 3 s cell first.
    const executed = readNotebook(join(out, "01-a.ipynb"));
    const t = code(executed, 2).metadata.execution as Record<string, string>;
    assert.ok(Date.parse(t["iopub.status.idle"]) - Date.parse(t["iopub.status.busy"]) >= 3000, JSON.stringify(t));
    assert.match(readFileSync(join(out, "01-a.html"), "utf8"), /<p class="timing">Ran in [\d.]+ s; slowest cells: <a href="#cell-2">cell 2<\/a> \(([3-9]|[1-9]\d+)\.\d s\), <a href="#cell-1">cell 1<\/a>/);
    // Edit a's code and only b's markdown.
    const edited = readNotebook(a);
    code(edited, 1).source = 'console.log("a, edited");';
    writeNotebook(a, edited);
    const markdownOnly = readNotebook(b);
    markdownOnly.cells.push({ cell_type: "markdown", id: "note", source: "A note that does not run.", metadata: {} });
    writeNotebook(b, markdownOnly);
    // The runs after the first on an executor that records what it runs (no kernel: the cache's rule does not depend on one).
    const recorded = recordingExecutor();
    const second: string[] = [];
    const summaries = await reproduce([a, b], out, (l) => second.push(l), { execute: recorded.execute });
    assert.deepEqual(recorded.ran, ["01-a"], "only the notebook whose code changed runs again");
    assert.ok(summaries[1].cached && !summaries[0].cached);
    assert.ok(second.some((l) => /^✔ 02-b cached \(from \d{4}-\d\d-\d\d \d\d:\d\d UTC/.test(l)), second.join("\n"));
    assert.deepEqual(code(readNotebook(join(out, "01-a.ipynb")), 1).outputs, [{ output_type: "stream", name: "stdout", text: 'ran: console.log("a, edited");\n' }], "a's new outputs");
    assert.match(readFileSync(join(out, "index.html"), "utf8"), /cached \(from \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/, "the index says the row is cached, and from when");
    assert.ok(readFileSync(join(out, "02-b.html"), "utf8").includes("A note that does not run."), "the report is rendered from the notebook as it is now");
    recorded.ran.length = 0;
    await reproduce([b], out, () => {}, { force: true, execute: recorded.execute });
    assert.deepEqual(recorded.ran, ["02-b"], "force runs it although cached");
  });

  it("with N notebooks at once, each kernel's products get ⌊cores/N⌋ threads (at least 1), unless LANDSCAPE_THREADS is set", async () => {
    assert.equal(kernelEnvironment(1, 2), undefined, "one at a time: the kernel inherits the environment");
    assert.equal(kernelEnvironment(2, 2, {})?.LANDSCAPE_THREADS, "1");
    assert.equal(kernelEnvironment(3, 2, {})?.LANDSCAPE_THREADS, "1");
    assert.equal(kernelEnvironment(2, 8, {})?.LANDSCAPE_THREADS, "4");
    assert.equal(kernelEnvironment(3, 8, {})?.LANDSCAPE_THREADS, "2");
    assert.equal(kernelEnvironment(2, 2, { LANDSCAPE_THREADS: "2" }), undefined, "the reader's own setting wins");
    assert.equal(kernelEnvironment(2, 2, { LANDSCAPE_PAPER_SIZES: "1" })?.LANDSCAPE_PAPER_SIZES, "1", "the rest of the environment is kept");
    const dir = mkdtempSync(join(tmpdir(), "landscape-jobs-"));
    try {
      const [a, b] = ["01-a", "02-b"].map((n) => join(dir, `${n}.ipynb`));
      writeNotebook(a, tinyNotebook(['console.log("a");']));
      writeNotebook(b, tinyNotebook(['console.log("b");']));
      const recorded = recordingExecutor();
      await reproduce([a, b], join(dir, "reports"), () => {}, { jobs: 2, cache: false, execute: recorded.execute });
      const expected = process.env.LANDSCAPE_THREADS ?? String(Math.max(1, Math.floor(availableParallelism() / 2)));
      assert.deepEqual(recorded.environments.map((e) => e?.LANDSCAPE_THREADS ?? process.env.LANDSCAPE_THREADS), [expected, expected]);
      await reproduce([a], join(dir, "reports"), () => {}, { jobs: 2, cache: false, execute: recorded.execute });
      assert.equal(recorded.environments[2], undefined, "one notebook: one job, whatever --jobs says");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
