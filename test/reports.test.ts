// The notebooks on the kernel, once each per `npm test`: one execution of every notebook
// (npm run reproduce, fresh kernels) feeds the notebooks' verdicts (each `test` cell as a
// named test, read from the executed notebook: a notebook's verdict is its test cell's), the
// HTML reports in a browser, the PDF handouts, and the stock-Jupyter comparison of the
// notebooks tools/jupyter-compare.ts selects. `npm run test:all` also compares every notebook
// in stock Jupyter (and runs the extracted tests under tsx).
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { checkPage, chromiumAvailable, launchChromium, within, CHROMIUM, type PageCheck } from "../tools/browser-check";
import { cacheFolder, comparisonKey, environmentHash, markCompared } from "../tools/cache";
import { handoutPrinter, pageInk, pdftoppmAvailable, type Handout } from "../tools/handouts";
import { executeWithNbconvert, hasNbconvert, notebooksToCompare, visibleOutputs } from "../tools/jupyter-compare";
import { cellTitle, readNotebook, sourceText, tagsOf, type CodeCell, type Notebook } from "../tools/notebook";
import { notebooksIn, reproduce, type ReproduceSummary } from "../tools/reproduce";
import { cellStatus, resultOf } from "../tools/verdicts";

const out = mkdtempSync(join(tmpdir(), "landscape-reports-"));
const fixtureOut = join(out, "fixture");
const notebooks = notebooksIn("notebooks");
/**
 * The longest notebooks start first, so that the two kernels end close together (their cells took
 * 57, 40 and 23 s in a run of this file, two at a time, 2026-11-30; every other notebook 7–15 s):
 * in name order 03b starts fifth, and the notebooks after it share the other kernel.
 */
const LONGEST_NOTEBOOKS = ["03b-overparametrized-networks", "01-nonsmooth", "03-landscape-design"];
const longFirst = (p: string) => (LONGEST_NOTEBOOKS.includes(basename(p, ".ipynb")) ? LONGEST_NOTEBOOKS.indexOf(basename(p, ".ipynb")) : LONGEST_NOTEBOOKS.length);
const runOrder = [...notebooks].sort((a, b) => longFirst(a) - longFirst(b));
const all = process.env.LANDSCAPE_TEST_ALL === "1";
/**
 * Notebooks executed at once (each on its own kernel): two, one per core, unless
 * LANDSCAPE_TEST_JOBS says otherwise. Speed is not asserted here (a notebook's own minute is
 * measured alone by `npm run reproduce`, which warns past it).
 */
const jobs = Number(process.env.LANDSCAPE_TEST_JOBS ?? 2);
// Chosen before this run records its own keys in the reader's cache (reports/.cache), which it then updates.
const readerCache = cacheFolder("reports");
const environment = environmentHash();
const compared = notebooksToCompare(notebooks, readerCache, environment, { all });
// The comparison keys of the code this run executes (read now: an edit during the run is not what was compared).
const comparedKeys = new Map(compared.map(({ path }) => [path, comparisonKey(readNotebook(path), environment)]));

/** A promise's outcome, kept for a test to read: what it resolved to, or what it threw. */
type Settled<T> = { value: T } | { error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> => p.then((value) => ({ value }), (error: unknown) => ({ error }));
function valueOf<T>(s: Settled<T>): T {
  if ("error" in s) throw s.error;
  return s.value;
}

describe("every notebook, executed once on a fresh tslab kernel", () => {
  let summaries: ReproduceSummary[] = [];
  const executed = new Map<string, Notebook>();
  let browser: Browser | undefined;
  // The work runs side by side where it is independent, so that the two cores stay busy (issue 16's
  // budget): stock Jupyter's runs beside ours, the fixture beside the notebooks, and the printing of
  // each report beside the notebooks still running. The reports are printed in one Chromium page,
  // one at a time, each checked on screen in the load that prints it (`handoutPrinter` with
  // `check`; the run that opened them in one browser while another printed them hung in CI, never
  // here), each step bounded (`within`); the fixture's two pages follow. Each test reads the
  // outcome it checks.
  const stockRuns = new Map<string, Promise<Settled<Awaited<ReturnType<typeof executeWithNbconvert>>>>>();
  let pageChecks: Promise<Settled<{ file: string; check: PageCheck }[]>> | undefined;
  let printed: Promise<Settled<Handout[]>> | undefined;

  before(async () => {
    // Stock Jupyter's runs one after another (each is a kernel and a notebook: all at once would crowd two cores).
    let previous: Promise<unknown> = Promise.resolve();
    if (hasNbconvert()) {
      for (const { path } of compared) {
        const run = settle(previous.then(() => executeWithNbconvert(path)));
        stockRuns.set(path, run);
        previous = run;
      }
    }
    // The reports print as their notebooks finish (each checked on screen in the load that prints
    // it), beside the notebooks still running; the index and talk.pdf once all are written.
    const printer = chromiumAvailable() ? await handoutPrinter(out, { log: () => {}, browser: (browser = await launchChromium()), check: true }) : undefined;
    [summaries] = await Promise.all([
      reproduce(runOrder, out, () => {}, { force: true, cacheDir: readerCache, jobs, onReport: (s) => void printer?.add(s.name).catch(() => undefined) }).then((run) => {
        const position = (name: string) => notebooks.findIndex((p) => basename(p, ".ipynb") === name);
        return run.sort((a, b) => position(a.name) - position(b.name)); // in the notebooks' order again
      }),
      reproduce([join("test", "fixtures", "pipeline.ipynb")], fixtureOut, () => {}, { cache: false }),
    ]);
    for (const s of summaries) executed.set(s.name, readNotebook(join(out, `${s.name}.ipynb`)));
    if (printer && browser) {
      const opened = browser;
      const printing = printer.finish();
      printed = settle(printing);
      pageChecks = settle((async () => {
        // Each report as printed (one load: checked on screen, then printed), then the fixture's pages.
        const checks = (await printing).flatMap((h) => (h.check ? [{ file: join(out, `${h.name}.html`), check: h.check }] : []));
        for (const file of [join(fixtureOut, "pipeline.html"), join(fixtureOut, "index.html")]) checks.push({ file, check: await checkPage(opened, file) });
        return checks;
      })());
    }
  });
  after(async () => {
    await Promise.all([pageChecks, printed, ...stockRuns.values()]); // nothing left running when the browser closes
    if (browser) await within(browser.close(), 30, "closing Chromium");
  });

  it("runs every notebook of notebooks/ to the end, and the index lists its results, all passing", () => {
    assert.deepEqual(summaries.map((s) => s.name), notebooks.map((p) => basename(p, ".ipynb")));
    for (const s of summaries) assert.equal(s.failure, undefined, `${s.name}: ${s.failure}`);
    const index = readFileSync(join(out, "index.html"), "utf8");
    assert.ok(index.includes("✔ pass") && !index.includes("✘ fail"), "the index lists the results, all passing");
  });

  // A notebook's verdict is its test cells': each one a named test, as the extracted tests name them.
  for (const path of notebooks) {
    const name = basename(path, ".ipynb");
    readNotebook(path).cells.forEach((cell, i) => {
      if (cell.cell_type !== "code" || !tagsOf(cell).includes("test")) return;
      it(`${name} › cell ${i + 1}: ${cellTitle(sourceText(cell.source))}`, () => {
        const nb = executed.get(name);
        assert.ok(nb, `${name} was not executed`);
        const ran = nb.cells[i] as CodeCell;
        const error = ran.outputs.find((o) => o.output_type === "error");
        assert.equal(cellStatus(ran), "ok", error && error.output_type === "error" ? `${error.ename}: ${error.evalue}` : "the cell was not reached");
        for (const o of ran.outputs) {
          const sent = o.output_type === "display_data" || o.output_type === "execute_result" ? resultOf(o.data) : undefined;
          if (sent) assert.equal(sent.pass, true, `its result line says "${sent.claim}" did not pass (measured: ${sent.measured})`);
        }
      });
    });
  }

  it("records nbclient's timestamps on every executed code cell", () => {
    for (const [name, nb] of executed) {
      for (const [i, cell] of nb.cells.entries()) {
        if (cell.cell_type !== "code") continue;
        const t = cell.metadata.execution as Record<string, string> | undefined;
        assert.ok(t?.["iopub.status.busy"] && t["iopub.status.idle"], `${name} cell ${i + 1}: no execution timestamps`);
        assert.ok(Date.parse(t["iopub.status.busy"]) <= Date.parse(t["iopub.status.idle"]), `${name} cell ${i + 1}: busy after idle`);
      }
      assert.match(readFileSync(join(out, `${name}.html`), "utf8"), /<p class="timing">Ran in [\d.]+ s; slowest cells: <a href="#cell-\d+">/, `${name}: the report's slowest-cells line`);
    }
  });

  for (const { path, why } of compared) {
    it(`stock Jupyter (nbconvert --execute, the registered kernelspec) shows the same outputs: ${path} (${why})`, async (t) => {
      const run = stockRuns.get(path);
      if (!run) return t.skip("Jupyter's nbconvert is not installed: apt-get install jupyter-nbconvert python3-nbclient");
      const theirs = valueOf(await run);
      assert.equal(theirs.error, undefined, theirs.error);
      assert.equal(theirs.notebook!.metadata.kernelspec?.name, "landscape");
      const ours = executed.get(basename(path, ".ipynb"));
      assert.ok(ours, "executed by this run");
      assert.ok(visibleOutputs(ours).flat().length >= 4, "the notebook has outputs to compare");
      assert.deepEqual(visibleOutputs(theirs.notebook!), visibleOutputs(ours));
      // Compared and matched: the rule asks again only when its code, the lockfile or Node.js change.
      markCompared(readerCache, basename(path, ".ipynb"), comparedKeys.get(path)!);
    });
  }

  const reports = () => [...readdirSync(out).filter((f) => f.endsWith(".html")).map((f) => join(out, f)), join(fixtureOut, "pipeline.html"), join(fixtureOut, "index.html")];

  it("opens each report offline from file:// with no console error, no request leaving the file, every plot drawn and every formula rendered", async (t) => {
    if (!pageChecks) return t.skip(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
    const checks = valueOf(await pageChecks);
    assert.deepEqual(checks.map((c) => c.file).sort(), reports().sort(), "every report was opened");
    for (const { file, check } of checks) {
      assert.deepEqual(check.consoleErrors, [], `${file}: console errors`);
      assert.deepEqual(check.externalRequests, [], `${file}: requests leaving the file`);
      assert.equal(check.figuresDrawn, check.figures, `${file}: ${check.figures - check.figuresDrawn} of ${check.figures} plots not drawn`);
      assert.equal(check.formulaErrors, 0, `${file}: formulas KaTeX could not render`);
      const html = readFileSync(file, "utf8");
      if (!file.endsWith("index.html")) assert.ok(check.formulas > 0 || !html.includes("$"), `${file}: math left unrendered`);
    }
    const tour = checks.find((c) => c.file === join(out, "00-tour.html"))!.check;
    assert.ok(tour.figures >= 1 && tour.formulas >= 5, `the tour has its figure and formulas: ${JSON.stringify(tour)}`);
  });

  /**
   * Page budgets of the handouts (A4, code folded), set from their printed length at the time
   * of writing (00: 3, 01: 7, 02: 6, 03: 14 with issue 17's sections, 03b: 4, 03c: 9, 04: 7, 04a: 8, 04b: 5 and
   * the index of 29 claims 7 pages, measured on 2026-11-29 with `npm run handouts`) with a page or two of room for the
   * notebooks to grow; before the print stylesheet 00, 02, 04 and the index ran 9, 13, 12 and 6 pages. A notebook not
   * listed gets 8.
   */
  const PAGE_BUDGET: Record<string, number> = { "00-tour": 4, "01-nonsmooth": 9, "02-saddle-points": 8, "03-landscape-design": 15, "03b-overparametrized-networks": 6, "03c-quadratic-networks": 10, "04-generalization": 9, "04a-margins-of-wide-networks": 9, "04b-overparametrization-on-real-data": 6, index: 9 };

  it("prints each report to a PDF handout within its page budget, and the whole talk as one PDF, with no blank page", async (t) => {
    if (!printed) return t.skip(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
    if (!pdftoppmAvailable()) return t.skip("no pdftoppm: apt-get install poppler-utils");
    const handouts = valueOf(await printed);
    const talk = handouts.find((h) => h.name === "talk")!;
    assert.equal(talk.pages, handouts.filter((h) => h.name !== "talk").reduce((sum, h) => sum + h.pages, 0), "talk.pdf is the index and every notebook");
    for (const h of handouts) {
      if (h.name === "talk") continue;
      assert.ok(h.pages <= (PAGE_BUDGET[h.name] ?? 8), `${h.name}: ${h.pages} pages, budget ${PAGE_BUDGET[h.name] ?? 8}`);
      // A blank page renders with (almost) no ink; the emptiest real page measured has 2 % of its pixels inked.
      const ink = pageInk(h.pdf);
      assert.equal(ink.length, h.pages);
      ink.forEach((share, i) => assert.ok(share > 0.005, `${h.name}: page ${i + 1} is blank or nearly (${(100 * share).toFixed(2)} % inked)`));
    }
  });
});
