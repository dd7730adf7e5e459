/**
 * `npm run handouts [-- notebooks…] [--out DIR] [--code]`: prints the HTML reports of DIR
 * (default reports/, written by `npm run reproduce`) to PDF handouts with Debian's Chromium
 * (driven by playwright-core): DIR/handouts/NN-name.pdf per notebook and talk.pdf, the index
 * followed by every notebook. Code folds away unless `--code` (then it wraps, never cut).
 * Figures are drawn at the printable width of an A4 page, without plotly's toolbar.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { PDFDocument } from "pdf-lib";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, CHROMIUM, launchChromium, offlinePage, pageCheck, within, type PageCheck } from "./browser-check";
import { inTalkSequence } from "./report";
import { notebooksIn, resolveNotebooks, UsageError } from "./reproduce";

/** The printable width of A4 (210 mm) less the 12 mm side margins of the print stylesheet, in CSS pixels (96 per inch). */
export const PRINT_WIDTH_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);

export interface Handout {
  name: string;
  pdf: string;
  pages: number;
  /** What the page showed on screen before it was printed (with `check`). */
  check?: PageCheck;
}

/** Prints reports one at a time in one offline page ({@link offlinePage}): `print`, then `close`. */
export interface ReportPrinter {
  /**
   * Prints one HTML report to PDF, offline (a request leaving the file is blocked); resolves to
   * its page count, and with `check` what the page showed on screen first ({@link pageCheck}:
   * one load serves both). Fails past two minutes. Calls wait for the one before.
   */
  print(html: string, pdf: string, options?: { code?: boolean; check?: boolean }): Promise<{ pages: number; check?: PageCheck }>;
  close(): Promise<void>;
}

/** A {@link ReportPrinter} in `browser`, its viewport the printed width, so that plotly lays each figure out to fit the page. */
export async function reportPrinter(browser: Browser): Promise<ReportPrinter> {
  const opened = await within(offlinePage(browser, { viewport: { width: PRINT_WIDTH_PX, height: 1100 } }), 60, "opening a page in Chromium");
  let previous: Promise<unknown> = Promise.resolve();
  const printOne = async (html: string, pdf: string, code: boolean, check: boolean) => {
    await opened.page.emulateMedia({ media: "screen" }); // the previous report was printed
    await opened.load(html);
    const seen = check ? await pageCheck(opened) : undefined;
    return { pages: await printOpened(opened.page, pdf, code), check: seen };
  };
  return {
    print(html, pdf, { code = false, check = false } = {}) {
      const named = previous.then(() => printOne(html, pdf, code, check)).catch((e: Error) => {
        throw new Error(`printing ${html}: ${e.message}`, { cause: e });
      });
      const bounded = previous.then(() => within(named, 120, `printing ${html}`));
      previous = bounded.catch(() => undefined);
      return bounded;
    },
    close: () => within(opened.context.close(), 30, "closing Chromium's page"),
  };
}

/** Prints an opened page to `pdf`; its page count. */
async function printOpened(page: Page, pdf: string, code: boolean): Promise<number> {
  await page.emulateMedia({ media: "print" });
  if (code) await page.evaluate(() => document.body.classList.add("print-code"));
  // Every figure drawn (plotly adds its SVG) before printing.
  await page.waitForFunction(() => Array.from(document.querySelectorAll("div.landscape-figure")).every((d) => d.querySelector(".main-svg")), undefined, { timeout: 30_000 });
  const bytes = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  writeFileSync(pdf, bytes);
  return (await PDFDocument.load(bytes)).getPageCount();
}

/** One PDF from several, in order. */
async function concatenate(pdfs: string[], out: string): Promise<number> {
  const talk = await PDFDocument.create();
  for (const file of pdfs) {
    const part = await PDFDocument.load(readFileSync(file));
    for (const p of await talk.copyPages(part, part.getPageIndices())) talk.addPage(p);
  }
  writeFileSync(out, await talk.save());
  return talk.getPageCount();
}

/**
 * Prints notebooks' reports of `reportsDir` into `reportsDir/handouts` as they are handed over
 * (`add`, one at a time, in the order given), then, on `finish`, the index and talk.pdf (the
 * index followed by every notebook printed, in the talk's order); in `browser` if given (left
 * open), else in a Chromium of its own. `npm test` hands each notebook over as soon as its run
 * has written its report, so that printing overlaps the notebooks still running.
 */
export async function handoutPrinter(
  reportsDir: string,
  { code = false, check = false, log = console.log as (line: string) => void, browser: given }: { code?: boolean; check?: boolean; log?: (line: string) => void; browser?: Browser } = {},
): Promise<{ add(name: string): Promise<Handout>; finish(): Promise<Handout[]> }> {
  if (!chromiumAvailable()) throw new UsageError(`handouts need Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const out = join(reportsDir, "handouts");
  mkdirSync(out, { recursive: true });
  const browser = given ?? (await launchChromium());
  let printer: ReportPrinter;
  try {
    printer = await reportPrinter(browser);
  } catch (e) {
    if (!given) await within(browser.close(), 30, "closing Chromium");
    throw e;
  }
  const added: Promise<Handout>[] = [];
  const add = (name: string) => {
    const pdf = join(out, `${name}.pdf`);
    const printed = (async () => {
      if (!existsSync(join(reportsDir, `${name}.html`))) throw new UsageError(`no report for ${name} in ${reportsDir}: run npm run reproduce first`);
      const { pages, check: seen } = await printer.print(join(reportsDir, `${name}.html`), pdf, { code, check });
      log(`${pdf}: ${pages} page${pages === 1 ? "" : "s"}`);
      return { name, pdf, pages, check: seen };
    })();
    added.push(printed);
    return printed;
  };
  const finish = async () => {
    try {
      const printed = await Promise.all(added);
      if (existsSync(join(reportsDir, "index.html"))) {
        const index = join(out, "index.pdf");
        const { pages, check: seen } = await printer.print(join(reportsDir, "index.html"), index, { check });
        const talk = join(out, "talk.pdf");
        // the notebooks in the talk's order, as the index lists them (04a and 04b before 04)
        const total = await concatenate([index, ...inTalkSequence(printed.map((h) => ({ ...h, file: h.name }))).map((h) => h.pdf)], talk);
        printed.push({ name: "index", pdf: index, pages, check: seen }, { name: "talk", pdf: talk, pages: total });
        log(`${talk}: ${total} pages (the index and ${added.length} notebook${added.length === 1 ? "" : "s"})`);
      }
      return printed;
    } finally {
      await Promise.allSettled(added); // nothing printing when the page closes
      await printer.close().catch(() => undefined);
      if (!given) await within(browser.close(), 30, "closing Chromium");
    }
  };
  return { add, finish };
}

/**
 * Prints the reports of `reportsDir` named by `names` (default: every notebook of notebooks/
 * with a report) into `reportsDir/handouts`, and talk.pdf (index first) when all are printed;
 * in `browser` if given (left open), else in a Chromium of its own.
 */
export async function handouts(reportsDir: string, names: string[], options: { code?: boolean; check?: boolean; log?: (line: string) => void; browser?: Browser } = {}): Promise<Handout[]> {
  if (!chromiumAvailable()) throw new UsageError(`handouts need Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const missing = names.filter((n) => !existsSync(join(reportsDir, `${n}.html`)));
  if (missing.length > 0) throw new UsageError(`no report for ${missing.join(", ")} in ${reportsDir}: run npm run reproduce first`);
  const printer = await handoutPrinter(reportsDir, options);
  for (const name of names) printer.add(name).catch(() => undefined); // its failure is finish's
  return printer.finish();
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const reportsDir = resolve(outAt >= 0 ? args.splice(outAt, 2)[1] : "reports");
  const codeAt = args.indexOf("--code");
  if (codeAt >= 0) args.splice(codeAt, 1);
  try {
    const names = (args.length > 0 ? resolveNotebooks(args) : notebooksIn("notebooks")).map((p) => basename(p, ".ipynb"));
    const present = args.length > 0 ? names : names.filter((n) => existsSync(join(reportsDir, `${n}.html`)));
    if (present.length === 0) throw new UsageError(`no reports in ${reportsDir}: run npm run reproduce first`);
    handouts(reportsDir, present, { code: codeAt >= 0 }).catch((e) => {
      console.error(e instanceof UsageError ? `handouts: ${e.message}` : e);
      process.exit(1);
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`handouts: ${e.message}`);
    process.exit(2);
  }
}

/**
 * The share of inked pixels (darker than 3/4 grey) on each page of a PDF, from poppler's
 * pdftoppm rendering it at 30 dpi in grey: 0 is a blank page.
 */
export function pageInk(pdf: string): number[] {
  const dir = mkdtempSync(join(tmpdir(), "landscape-pages-"));
  try {
    const run = spawnSync("pdftoppm", ["-r", "30", "-gray", pdf, join(dir, "page")], { encoding: "utf8" });
    if (run.error || run.status !== 0) throw new Error(`pdftoppm failed on ${pdf}: ${run.error?.message ?? run.stderr}`);
    return readdirSync(dir).sort().map((file) => {
      const pgm = readFileSync(join(dir, file));
      // Binary PGM: "P5", width, height, maxval, one whitespace, then width × height bytes.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString("latin1"));
      if (!header) throw new Error(`${file}: not a binary PGM`);
      const pixels = pgm.subarray(header[0].length);
      let inked = 0;
      for (const v of pixels) if (v < 192) inked++;
      return inked / pixels.length;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether poppler's pdftoppm is installed. */
export const pdftoppmAvailable = () => spawnSync("pdftoppm", ["-v"], { stdio: "ignore" }).status === 0;
