import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cleanNotebook, readNotebook, sourceText, writeNotebook, type CodeCell, type Notebook } from "../tools/notebook";
import { renderNotebook } from "../tools/report";
import { resolveNotebooks, reproduce, UsageError } from "../tools/reproduce";
import { claimsInSource, tally } from "../tools/verdicts";

const resultHtml = (claim: string, pass: boolean) =>
  `<div class="landscape-result" data-pass="${pass}"><strong>${pass ? "✔ pass" : "✘ fail"}</strong> — ${claim}</div>` +
  `<script type="application/vnd.landscape.result+json">${JSON.stringify({ claim, measured: "m", pass })}</script>`;

/** An executed notebook: a section heading, then test cells in the given states. */
function executed(cells: { source: string; outputs?: CodeCell["outputs"]; count?: number | null }[]): Notebook {
  const nb = cleanNotebook({
    nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: [
      { cell_type: "markdown", id: "h", source: "## A theorem", metadata: {} },
      ...cells.map((c, i) => ({ cell_type: "code" as const, id: `c${i}`, source: c.source, metadata: { tags: ["test"] }, outputs: [], execution_count: null })),
    ],
  });
  cells.forEach((c, i) => Object.assign(nb.cells[i + 1], { outputs: c.outputs ?? [], execution_count: c.count === undefined ? i + 1 : c.count }));
  return nb;
}

describe("a result's verdict is its test cell's verdict", () => {
  it("shows a result sent with pass: true by a cell that then failed as failed, and an unreached test cell as not run", () => {
    const nb = executed([
      { source: 'result({ claim: "holds", measured: "1", pass: true });', outputs: [{ output_type: "display_data", data: { "text/html": resultHtml("holds", true) }, metadata: {} }] },
      {
        source: 'result({ claim: "said pass, then failed", measured: "x", pass: true });\nassert.ok(false);',
        outputs: [
          { output_type: "display_data", data: { "text/html": resultHtml("said pass, then failed", true) }, metadata: {} },
          { output_type: "error", ename: "AssertionError", evalue: "false", traceback: [] },
        ],
      },
      { source: 'assert.ok(false);\nresult({ claim: "failed before its line", measured: "x", pass: true });', outputs: [{ output_type: "error", ename: "AssertionError", evalue: "false", traceback: [] }] },
      { source: "// the last check\nresult({ claim: `never reached`, measured: \"x\", pass: true });", count: null },
    ]);
    const report = renderNotebook(nb, { name: "verdicts", failure: "cell 3: error: AssertionError: false" });
    assert.deepEqual(report.results.map((r) => [r.claim, r.verdict, r.cell]), [
      ["holds", "pass", 2],
      ["said pass, then failed", "fail", 3],
      ["failed before its line", "fail", 4],
      ["never reached", "not run", 5],
    ]);
    // The kernel's own "✔ pass" box for the failed cell is not copied into the report.
    assert.equal((report.html.match(/✔ pass/g) ?? []).length, 1, "one pass mark, for the cell that passed");
    assert.equal((report.html.match(/✘ fail/g) ?? []).length, 2);
    assert.equal((report.html.match(/○ not run/g) ?? []).length, 1);
    assert.equal(tally(report.results).line, "1 of 4 claims reproduced; 2 failed, 1 not run");
  });

  it("reads claim literals from a cell's source", () => {
    assert.deepEqual(claimsInSource(`result({\n  claim: "GD \\"escapes\\"",\n  measured: x, pass });\nresult({ claim: 'second', measured, pass })`), ['GD "escapes"', "second"]);
    assert.equal(tally([{ verdict: "pass" }, { verdict: "pass" }]).line, "2 of 2 claims reproduced, all passing");
  });
});

describe("npm run reproduce: verdicts, index and arguments", () => {
  const generated = join("test", "fixtures", "generated", "verdicts");
  rmSync(generated, { recursive: true, force: true });
  mkdirSync(generated, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), "landscape-verdicts-"));

  it("marks 00-tour's theorem failed when one of its assertions fails, in the report and the index, and keeps other rows on a partial rerun", async () => {
    // A notebook of another section, run first: its row must survive the rerun of 00-tour alone.
    const other = join(generated, "02-other.ipynb");
    writeNotebook(other, cleanNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "markdown", id: "t", source: "# Other notebook", metadata: {} }, { cell_type: "code", id: "a", source: 'console.log("fine");', metadata: {}, outputs: [], execution_count: null }] }));
    await reproduce([other], out, () => {});

    // The broken copy: the tour's test cell with one assertion made false (its result line, sent before it, says pass).
    const tour = readNotebook(join("notebooks", "00-tour.ipynb"));
    const testCell = tour.cells.findIndex((c) => c.metadata.tags?.includes("test"));
    const source = sourceText(tour.cells[testCell].source);
    assert.ok(source.includes("bounded.length >= 300"), "the assertion this test breaks is still in 00-tour");
    tour.cells[testCell].source = source.replace("bounded.length >= 300", "bounded.length >= 1_000_000");
    const broken = join(generated, "00-tour.ipynb");
    writeNotebook(broken, tour);
    const lines: string[] = [];
    const [summary] = await reproduce([broken], out, (l) => lines.push(l));

    assert.match(summary.failure ?? "", new RegExp(`^cell ${testCell + 1}: error: AssertionError`));
    assert.ok(lines.some((l) => l.startsWith(`  00-tour: cell ${testCell + 1} of ${tour.cells.length},`)), "progress counts cells as the failure does");
    const report = readFileSync(join(out, "00-tour.html"), "utf8");
    assert.ok(report.includes("did not run to the end"));
    assert.ok(!report.includes("✔ pass"), "no pass mark for the failed theorem");
    assert.match(report, /data-verdict="fail"><strong>✘ fail<\/strong> — GD from random starts converges to a minimizer/);
    const index = readFileSync(join(out, "index.html"), "utf8");
    const text = index.slice(index.indexOf("<body>")).replace(/<[^>]*>/g, "");
    assert.ok(!text.includes("✔ pass") && text.includes("✘ fail"));
    assert.ok(text.includes("0 of 1 claim reproduced; 1 failed — 1 notebook did not run to the end."), "the total counts the failed theorem");
    assert.ok(text.includes("Other notebook"), "the other notebook's row is kept from its report");
    assert.match(text, /Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC from commit \w+[^,]*, with Node\.js v\d+\.\d+\.\d+, tslab \d+\.\d+\.\d+ and landscape \d+\.\d+\.\d+\./);
  });

  it("accepts a notebook's name as well as its path, and names the notebooks when it does not know one", () => {
    assert.deepEqual(resolveNotebooks(["00-tour", "notebooks/02-saddle-points.ipynb", "04-generalization.ipynb"]), [
      join("notebooks", "00-tour.ipynb"), "notebooks/02-saddle-points.ipynb", join("notebooks", "04-generalization.ipynb"),
    ]);
    assert.throws(() => resolveNotebooks(["00-tuor"]), (e: Error) => e instanceof UsageError && /^unknown notebook "00-tuor": the notebooks are 00-tour, /.test(e.message));
    const cli = spawnSync(process.execPath, ["--require", "tsx/cjs", join("tools", "reproduce.ts"), "00-tuor", "--out", out], { encoding: "utf8" });
    assert.equal(cli.status, 2);
    assert.match(cli.stderr, /^reproduce: unknown notebook "00-tuor": the notebooks are 00-tour, [^\n]*\n$/);
  });
});
