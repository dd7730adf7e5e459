/**
 * HTML reports from executed notebooks: one self-contained file per notebook (KaTeX math
 * rendered at build time, highlight.js code, plotly.js embedded once, KaTeX fonts inlined)
 * and an index, the talk's outline with each theorem's result. Offline from file://.
 */
import Anser from "anser";
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import markdownIt from "markdown-it";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { experiment, plot } from "landscape";
import { sourceText, tagsOf, type Cell, type Notebook, type Output } from "./notebook";
import { cellStatus, resultOf, tally, unsentClaims, verdictMark, verdictOf, type Claim } from "./verdicts";
import { textForReport } from "./output-limits";
import { OwnScripts, renderUntrustedMarkdown, sanitizeUntrustedHtml, svgAsImage } from "./sanitize";

const markdownItKatex = require("@vscode/markdown-it-katex").default as (md: Markdown, options?: object) => void;
type Markdown = ReturnType<typeof markdownIt>;

hljs.registerLanguage("typescript", typescript);

/** HTML-escapes text. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A heading's anchor: lower case, letters, digits and dashes. */
export const slug = (text: string) => text.toLowerCase().replace(/<[^>]*>/g, "").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "section";

function markdownRenderer(): Markdown {
  const md = markdownIt({ html: true, linkify: true });
  md.use(markdownItKatex, { throwOnError: false });
  const used = new Map<string, number>();
  md.renderer.rules.heading_open = (tokens, i, options, _env, self) => {
    const text = tokens[i + 1].children?.filter((t) => t.type === "text" || t.type === "code_inline").map((t) => t.content).join("") ?? "";
    let id = slug(text);
    const n = used.get(id) ?? 0;
    used.set(id, n + 1);
    if (n > 0) id = `${id}-${n}`;
    tokens[i].attrSet("id", id);
    return self.renderToken(tokens, i, options);
  };
  return md;
}

/**
 * The KaTeX stylesheet for a page body: none if the body has no formula; else with the
 * @font-face rules (woff2 inlined as data: URLs, other formats dropped) of only the font
 * families the body's classes use (KaTeX_Main and KaTeX_Math always; AMS, Size1–4, … where a
 * class that selects them appears), which keeps a report small.
 */
function katexCss(body: string): string {
  if (!body.includes('class="katex')) return "";
  const cssPath = require.resolve("katex/dist/katex.min.css");
  const css = readFileSync(cssPath, "utf8");
  const classes = new Set([...body.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1].split(/\s+/)));
  const used = new Set(["KaTeX_Main", "KaTeX_Math"]);
  for (const [, selectors, family] of css.matchAll(/([^{}]+)\{[^{}]*font-family:(KaTeX_\w+)[^{}]*\}/g)) {
    if (selectors.includes("@font-face")) continue;
    const selected = selectors.split(",").some((selector) => classes.has(/\.([\w-]+)[^.]*$/.exec(selector.trim())?.[1] ?? ""));
    if (selected) used.add(family);
  }
  // KaTeX's stylesheet quotes one family's name in its @font-face rules ("KaTeX_SansSerif").
  return css.replace(/@font-face\{[^}]*font-family:"?(KaTeX_\w+)"?[^}]*\}/g, (rule, family: string) => {
    if (!used.has(family)) return "";
    return rule.replace(/src:([^;}]*)/, (_, sources: string) => {
      const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(sources)?.[1];
      if (!woff2) return `src:${sources}`;
      const data = readFileSync(join(dirname(cssPath), woff2)).toString("base64");
      return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
    });
  });
}

const highlightCss = () => readFileSync(require.resolve("highlight.js/styles/github.min.css"), "utf8");

const PAGE_CSS = `
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
nav.top { font-size: 0.9rem; margin-bottom: 1rem; }
pre code.hljs { background: transparent; padding: 0; }
pre { background: #f6f8fa; padding: 0.6rem 0.8rem; overflow-x: auto; border-radius: 4px; font-size: 0.85rem; line-height: 1.4; }
.cell { margin: 0.8rem 0; }
.output pre { background: #fff; border-left: 3px solid #d0d7de; }
.output pre.stderr { background: #fff5f5; }
.output pre.error { background: #fff0f0; border-left-color: #d1242f; }
.output .figure { break-inside: avoid; page-break-inside: avoid; }
details.hide-input > summary { cursor: pointer; color: #57606a; font-size: 0.85rem; }
.landscape-result { padding: 0.4rem 0.6rem; border-radius: 4px; background: #eaf7ee; }
.landscape-result[data-verdict="fail"] { background: #fdecea; }
.landscape-result[data-verdict="not run"] { background: #f0f0f0; }
.landscape-result .note { color: #57606a; font-size: 0.9em; }
p.timing { color: #57606a; font-size: 0.9em; }
.truncated { color: #9a6700; font-style: italic; }
.failure { padding: 0.6rem; background: #fdecea; border: 1px solid #d1242f; border-radius: 4px; }
table.scoreboard { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
table.scoreboard td, table.scoreboard th { border-bottom: 1px solid #d0d7de; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
.pass { color: #1a7f37; font-weight: 600; } .fail { color: #d1242f; font-weight: 600; } .not-run { color: #57606a; font-weight: 600; }
table.scoreboard td.pass, table.scoreboard td.fail, table.scoreboard td.not-run { white-space: nowrap; }
.summary { font-size: 1.1rem; } .provenance { color: #57606a; font-size: 0.9rem; }
img, svg { max-width: 100%; }
table.landscape-table { border-collapse: collapse; font-size: 0.9rem; margin: 0.4rem 0; }
table.landscape-table th, table.landscape-table td { border-bottom: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; }
table.landscape-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.landscape-table caption { text-align: left; color: #57606a; }
@media print {
  /* A handout: narrative, statements, figures, tables and verdicts. Code folds away unless
     the body has the class print-code (handouts --code), and then it wraps, never cut. */
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; margin: 0; font-size: 10.5pt; line-height: 1.45; }
  nav.top, details.hide-input, .cell.code > pre { display: none; }
  body.print-code .cell.code > pre { display: block; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; font-size: 8pt; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  .figure, .landscape-result, table, .failure, pre { break-inside: avoid; page-break-inside: avoid; }
  .cell:empty, .output:empty { display: none; }
  .modebar-container { display: none !important; }
  .figure, .landscape-figure { max-width: 100%; overflow: hidden; }
  table.landscape-table, table.scoreboard { font-size: 8.5pt; }
  a { color: inherit; text-decoration: none; }
}`;

/**
 * A report page. Its only scripts are the pipeline's own: with figures, the "figures" script
 * and the plotly.js it inserts; the page's Content-Security-Policy lets exactly those run (by
 * their SHA-256), so nothing of a notebook's text can, even past the sanitizer.
 */
function page(title: string, body: string, { plotly }: { plotly: boolean }): string {
  const scripts = new OwnScripts();
  const figures = plotly ? plotlyBlock() + scripts.own(pipelineScript("figures", DRAW_FIGURES)) : "";
  if (plotly) scripts.ownInserted(plot.plotlySource()); // DRAW_FIGURES inserts it as an inline script
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${scripts.meta()}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${katexCss(body)}</style>
<style>${highlightCss()}</style>
<style>${PAGE_CSS}</style>
</head><body>
${body}
${figures}
</body></html>
`;
}

/**
 * A script of the pipeline's own, marked `data-landscape="<role>"`: the only scripts a report
 * holds. Notebook outputs never bring their scripts into a report: figures are redrawn from
 * their plotly JSON, which travels in non-executable JSON blocks.
 */
function pipelineScript(role: string, source: string): string {
  return `<script data-landscape="${role}">${source}</script>`;
}

const PLOTLY_BLOCK_ID = "landscape-plotly-gzip";

let plotlyGzip: string | undefined;
/**
 * plotly.js gzipped, in base64, as a non-executable data block (0.67 MB instead of 1.5 MB:
 * what keeps a report under 2 MB); the "figures" script unpacks it with the browser's
 * DecompressionStream (no network: it works from file://).
 */
function plotlyBlock(): string {
  plotlyGzip ??= gzipSync(plot.plotlySource(), { level: 9 }).toString("base64");
  return `<script type="application/gzip" id="${PLOTLY_BLOCK_ID}">${plotlyGzip}</script>\n`;
}

/**
 * Unpacks plotly.js from its data block into an inline script, then draws every figure of
 * the report from its JSON block into the plot area the block names.
 */
const DRAW_FIGURES = `(function () {
  function draw() {
    document.querySelectorAll("script.landscape-figure-data").forEach(function (block) {
      var figure = JSON.parse(block.textContent), div = document.getElementById(block.getAttribute("data-for"));
      div.textContent = "";
      window.Plotly.newPlot(div, figure.data, figure.layout, { responsive: true, displaylogo: false });
    });
  }
  if (typeof DecompressionStream === "undefined") {
    document.querySelectorAll("div.landscape-figure").forEach(function (div) { div.textContent = "This browser cannot unpack plotly.js (no DecompressionStream): open the report in a current Chrome, Firefox or Safari."; });
    return;
  }
  var packed = atob(document.getElementById("${PLOTLY_BLOCK_ID}").textContent), bytes = new Uint8Array(packed.length);
  for (var i = 0; i < packed.length; i++) bytes[i] = packed.charCodeAt(i);
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function (source) {
    var script = document.createElement("script");
    script.setAttribute("data-landscape", "plotly");
    script.textContent = source;
    document.head.appendChild(script);
    draw();
  });
})();`;

/**
 * Coordinates rounded to 7 significant digits in a report's figures: a relative 1e-7 is far
 * below what a plot resolves (a pixel is about 1e-3 of an axis), and it halves the data.
 */
const sevenDigits = (_key: string, value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? Number(value.toPrecision(7)) : value);

/** A figure of a report: a plot area and the figure's plotly JSON as a data block (drawn by DRAW_FIGURES). */
function reportFigure(figure: plot.Figure, id: string): string {
  const height = (figure.layout.height as number | undefined) ?? 420;
  return `<div class="figure"><div class="landscape-figure" id="${id}" style="min-height:${height}px">This figure is drawn by plotly.js: open the report in a browser with JavaScript.</div>` +
    `<script type="application/json" class="landscape-figure-data" data-for="${id}">${plot.scriptSafeJson(figure, sevenDigits)}</script></div>`;
}

/** Text as <pre> blocks, ANSI colours kept; past REPORT_TEXT_LIMIT its head and tail around a visible note of what is left out. */
function preformatted(className: string, text: string, notebookFile: string): string {
  const pre = (t: string) => `<pre${className ? ` class="${className}"` : ""}>${Anser.ansiToHtml(Anser.escapeForHtml(t))}</pre>`;
  const { head, omitted, tail } = textForReport(text);
  if (!omitted) return pre(head);
  const note = `output truncated in this report: ${omitted.lines} lines (${omitted.characters} characters) left out here; the whole output is in ${notebookFile}`;
  return `${pre(head)}<p class="truncated">✂ ${escapeHtml(note)}</p>${pre(tail!)}`;
}

/**
 * Renders one output; returns "" for the kernel's plotly loader (the report has its own).
 * A figure (an output with plotly's MIME type) is drawn from its JSON, never from its HTML.
 */
function renderOutput(output: Output, figureId: string, notebookFile: string): { html: string; figure: boolean } {
  switch (output.output_type) {
    case "stream":
      return { html: preformatted(output.name, collapseCarriageReturns(sourceText(output.text)), notebookFile), figure: false };
    case "error": {
      const text = output.traceback.length ? output.traceback.join("\n") : `${output.ename}: ${output.evalue}`;
      return { html: preformatted("error", text, notebookFile), figure: false };
    }
    case "display_data":
    case "execute_result": {
      const data = output.data;
      if (data[experiment.PROGRESS_MIME] !== undefined) return { html: "", figure: false }; // progress lines stay out of reports
      if (data[plot.PLOTLY_MIME] !== undefined) return { html: reportFigure(data[plot.PLOTLY_MIME] as plot.Figure, figureId), figure: true };
      const html = data["text/html"] !== undefined ? sourceText(data["text/html"] as string) : undefined;
      if (html !== undefined) {
        if (html.startsWith('<script data-landscape="plotly-loader">')) return { html: "", figure: false };
        return { html: `<div class="html">${sanitizeUntrustedHtml(html)}</div>`, figure: false };
      }
      if (data["image/svg+xml"] !== undefined) return { html: `<div class="svg">${svgAsImage(sourceText(data["image/svg+xml"] as string))}</div>`, figure: false };
      for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
        const base64 = data[mime] !== undefined ? sourceText(data[mime] as string).replace(/\s/g, "") : undefined;
        if (base64 !== undefined && /^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return { html: `<img alt="" src="data:${mime};base64,${base64}">`, figure: false };
      }
      if (data["text/markdown"] !== undefined) return { html: renderUntrustedMarkdown(markdownRenderer(), sourceText(data["text/markdown"] as string)), figure: false };
      if (data["text/plain"] !== undefined) return { html: preformatted("", sourceText(data["text/plain"] as string), notebookFile), figure: false };
      return { html: "", figure: false };
    }
  }
}

/** Terminal semantics of "\r": each line keeps what was written after its last carriage return. */
export function collapseCarriageReturns(text: string): string {
  return text.split("\n").map((line) => line.slice(line.lastIndexOf("\r") + 1)).join("\n");
}

/** The result line as the report shows it: the verdict, the claim, what was measured, and why the verdict overrides `pass`. */
export function claimHtml(c: Claim): string {
  const note = c.note ? ` <span class="note">(${escapeHtml(c.note)})</span>` : "";
  return `<div class="landscape-result" data-verdict="${c.verdict}"><strong>${verdictMark(c.verdict)}</strong> — ${escapeHtml(c.claim)} <em>measured: ${escapeHtml(c.measured)}</em>${note}</div>`;
}

/** A theorem's result as collected from a notebook, with its verdict and the section it belongs to. */
export interface CollectedResult extends Claim {
  anchor: string;
  section: string;
}

export interface NotebookReport {
  html: string;
  title: string;
  results: CollectedResult[];
  figures: number;
}

/**
 * One notebook as a self-contained HTML page. Honours the cell tags `hide-input` (code
 * folded), `remove-input`, `remove-output` and `remove-cell`. `failure`, when given, is
 * shown at the top.
 */
/** How a notebook's run went, for its report and index row. */
export interface RunInfo {
  seconds: number;
  /** When it ran (ISO date-time) and at which commit. */
  ranAt?: string;
  commit?: string;
  /** Whether this run's outputs were reused from the execution cache (then `ranAt` is the cached run's date). */
  cached?: boolean;
}

/**
 * A code cell's run time in seconds from the timestamps nbclient's convention records in
 * `metadata.execution` (execute_input to execute_reply, else busy to idle), or undefined.
 */
export function cellSeconds(cell: Cell): number | undefined {
  const t = cell.metadata.execution as Record<string, string> | undefined;
  if (!t) return undefined;
  const [from, to] = t["iopub.execute_input"] && t["shell.execute_reply"] ? [t["iopub.execute_input"], t["shell.execute_reply"]] : [t["iopub.status.busy"], t["iopub.status.idle"]];
  const seconds = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** The `count` longest code cells of an executed notebook (1-based positions, longest first; none without timings). */
export function slowestCells(nb: Notebook, count = 3): { cell: number; seconds: number }[] {
  const timed = nb.cells.map((c, i) => ({ cell: i + 1, seconds: c.cell_type === "code" ? cellSeconds(c) : undefined })).filter((t): t is { cell: number; seconds: number } => t.seconds !== undefined);
  return timed.sort((a, b) => b.seconds - a.seconds || a.cell - b.cell).slice(0, count);
}

/** "slowest cells: cell 12 (18.2 s), cell 7 (9.1 s), cell 3 (2.0 s)", or "" for a notebook without timings. */
export function slowestLine(nb: Notebook, count = 3): string {
  const slowest = slowestCells(nb, count);
  return slowest.length === 0 ? "" : `slowest cells: ${slowest.map((t) => `cell ${t.cell} (${t.seconds.toFixed(1)} s)`).join(", ")}`;
}

export function renderNotebook(nb: Notebook, { name, failure, run }: { name: string; failure?: string; run?: RunInfo }): NotebookReport {
  const md = markdownRenderer();
  const parts: string[] = [];
  const results: CollectedResult[] = [];
  let title = name;
  let anchor = "";
  let section = "";
  let figures = 0;
  nb.cells.forEach((cell, index) => {
    const tags = tagsOf(cell);
    if (tags.includes("remove-cell")) return;
    const source = sourceText(cell.source);
    if (cell.cell_type === "markdown") {
      const html = renderUntrustedMarkdown(md, source);
      for (const m of html.matchAll(/<h([12]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)) {
        const text = m[3].replace(/<[^>]*>/g, "");
        if (m[1] === "1" && title === name) title = text;
        anchor = m[2];
        section = text;
      }
      parts.push(`<div class="cell markdown" id="cell-${index + 1}">${html}</div>`);
      return;
    }
    if (cell.cell_type !== "code") return;
    let input = "";
    if (!tags.includes("remove-input")) {
      const code = `<pre><code class="hljs language-typescript">${hljs.highlight(source, { language: "typescript" }).value}</code></pre>`;
      input = tags.includes("hide-input") ? `<details class="hide-input"><summary>Show code</summary>${code}</details>` : code;
    }
    const status = cellStatus(cell);
    let outputs = "";
    for (const output of cell.outputs) {
      const sent = output.output_type === "display_data" || output.output_type === "execute_result" ? resultOf(output.data) : undefined;
      if (sent) {
        // The pipeline draws the result line itself, with the verdict of the cell that sent it.
        const claim: CollectedResult = { ...sent, ...verdictOf(status, sent.pass), cell: index + 1, anchor, section };
        results.push(claim);
        if (!tags.includes("remove-output")) outputs += claimHtml(claim);
        continue;
      }
      if (tags.includes("remove-output")) continue;
      const rendered = renderOutput(output, `figure-${figures + 1}`, `${name}.ipynb`);
      if (rendered.figure) figures++;
      outputs += rendered.html;
    }
    const sentAny = results.some((r) => r.cell === index + 1);
    for (const claim of sentAny ? [] : unsentClaims(cell, index + 1, status)) {
      results.push({ ...claim, anchor, section });
      outputs += claimHtml(claim);
    }
    parts.push(`<div class="cell code" id="cell-${index + 1}">${input}${outputs ? `<div class="output">${outputs}</div>` : ""}</div>`);
  });
  const banner = failure ? `<div class="failure"><strong>This notebook did not run to the end:</strong> ${escapeHtml(failure)}</div>` : "";
  const entry = entryBlock({ file: `${name}.html`, title, results, failure, seconds: run?.seconds ?? 0, ranAt: run?.ranAt, commit: run?.commit, cached: run?.cached || undefined });
  // Where the minute goes: the slowest cells, linked, after the notebook (cell numbers count every cell, as failures do).
  const slowest = slowestCells(nb);
  const ran = run ? `Ran in ${run.seconds.toFixed(1)} s${run.cached && run.ranAt ? ` (cached, from ${run.ranAt.slice(0, 16).replace("T", " ")} UTC)` : ""}; s` : "S";
  const timing = slowest.length === 0 ? "" : `<p class="timing">${escapeHtml(ran)}lowest cells: ${slowest.map((t) => `<a href="#cell-${t.cell}">cell ${t.cell}</a> (${t.seconds.toFixed(1)} s)`).join(", ")}.</p>`;
  const body = `<nav class="top"><a href="index.html">← all notebooks</a></nav>\n${banner}\n${parts.join("\n")}\n${timing}\n${entry}`;
  return { html: page(title, body, { plotly: figures > 0 }), title, results, figures };
}

/** The talk's outline: its sections and which notebook reproduces each. */
export const TALK_OUTLINE = [
  { prefix: "00", section: "Tour of the library" },
  { prefix: "01", section: "1 Introduction: subgradient methods on non-smooth losses" },
  { prefix: "02", section: "2 Saddle points and gradient descent" },
  { prefix: "03", section: "3 Landscape design via overparametrization" },
  // In the talk, "Generalization" (margins of wide networks, over-parametrization on real data: 04a, 04b) comes
  // before "Implicit regularization" (04-generalization).
  { prefix: "04", section: "4 Generalization and implicit regularization", order: ["04a", "04b", "04-"] },
] as { prefix: string; section: string; order?: string[] }[];

/**
 * A section's notebooks in the talk's order: by the first of the section's `order` prefixes each file
 * starts with (files matching none come last), then by name.
 */
export function inTalkOrder<E extends { file: string }>(entries: E[], order: string[] = []): E[] {
  const rank = (file: string) => {
    const k = order.findIndex((p) => file.startsWith(p));
    return k < 0 ? order.length : k;
  };
  return [...entries].sort((a, b) => rank(a.file) - rank(b.file) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Every entry in the talk's order: section by section of `TALK_OUTLINE` (in each, `inTalkOrder`), then the others by name. */
export function inTalkSequence<E extends { file: string }>(entries: E[]): E[] {
  const outlined = TALK_OUTLINE.flatMap(({ prefix, order }) => inTalkOrder(entries.filter((e) => e.file.startsWith(prefix)), order));
  return [...outlined, ...inTalkOrder(entries.filter((e) => !outlined.includes(e)))];
}

export interface IndexEntry {
  file: string;
  title: string;
  results: CollectedResult[];
  failure?: string;
  seconds: number;
  /** When and at which commit the notebook ran (ISO date-time, short hash). */
  ranAt?: string;
  commit?: string;
  /** Its results were reused from the execution cache: `ranAt` is when they were computed. */
  cached?: boolean;
}

/** Where the reports come from: the index shows it under its title. */
export interface Provenance {
  date: string;
  commit: string;
  node: string;
  tslab: string;
  library: string;
}

const ENTRY_BLOCK_ID = "landscape-index-entry";

/** The index entry a report carries as a JSON data block, so that a partial rerun keeps the other notebooks' rows. */
export function entryBlock(entry: IndexEntry): string {
  return `<script type="application/json" id="${ENTRY_BLOCK_ID}">${plot.scriptSafeJson(entry)}</script>`;
}

/** The index entry embedded in a report by {@link entryBlock}, or undefined (an older report, or not a report). */
export function entryOfReport(html: string): IndexEntry | undefined {
  const block = new RegExp(`<script type="application/json" id="${ENTRY_BLOCK_ID}">([\\s\\S]*?)</script>`).exec(html);
  return block ? (JSON.parse(block[1]) as IndexEntry) : undefined;
}

const verdictClass = (r: CollectedResult) => (r.verdict === "not run" ? "not-run" : r.verdict);

/** One notebook's rows of the index: its title, its failure if any, and a table of its claims with their verdicts. */
function indexRows(e: IndexEntry): string[] {
  const date = e.ranAt ? `${e.ranAt.slice(0, 16).replace("T", " ")} UTC` : "";
  const when = [`${e.seconds.toFixed(1)} s`, e.cached ? `cached (from ${date || "an earlier run"})` : date ? `run ${date}` : "", e.commit ? `at ${e.commit}` : ""].filter(Boolean).join(", ");
  const rows = [`<h3><a href="${escapeHtml(e.file)}">${escapeHtml(e.title)}</a> <small>(${escapeHtml(when)})</small></h3>`];
  if (e.failure) rows.push(`<div class="failure">Did not run to the end: ${escapeHtml(e.failure)}</div>`);
  if (e.results.length === 0) return [...rows, `<p><em>No theorem results recorded.</em></p>`];
  rows.push(`<table class="scoreboard"><thead><tr><th>claim</th><th>measured</th><th>result</th></tr></thead><tbody>`);
  for (const r of e.results) {
    rows.push(
      `<tr><td><a href="${escapeHtml(e.file)}#${escapeHtml(r.anchor)}">${escapeHtml(r.claim)}</a></td><td>${escapeHtml(r.measured)}</td>` +
        `<td class="${verdictClass(r)}">${verdictMark(r.verdict)}</td></tr>`,
    );
  }
  rows.push(`</tbody></table>`);
  return rows;
}

/**
 * The index page: the total of claims reproduced, where the reports come from (date,
 * commit, versions), then the talk's outline with each theorem's claim, measured value and
 * verdict, linked to its section. Sections with no notebook yet are listed in one line.
 */
export function renderIndex(entries: IndexEntry[], provenance?: Provenance): string {
  const rows: string[] = [];
  const missing: string[] = [];
  for (const { prefix, section, order } of TALK_OUTLINE) {
    const mine = inTalkOrder(entries.filter((e) => e.file.startsWith(prefix)), order);
    if (mine.length === 0) {
      missing.push(section);
      continue;
    }
    rows.push(`<h2>${escapeHtml(section)}</h2>`);
    for (const e of mine) rows.push(...indexRows(e));
  }
  const others = entries.filter((e) => !TALK_OUTLINE.some(({ prefix }) => e.file.startsWith(prefix)));
  if (others.length > 0) rows.push(`<h2>Other notebooks</h2>`, ...others.flatMap(indexRows));
  if (missing.length > 0) rows.push(`<p class="missing"><em>Not reproduced yet:</em> ${missing.map(escapeHtml).join("; ")}.</p>`);
  const { line } = tally(entries.flatMap((e) => e.results));
  const failed = entries.filter((e) => e.failure).length;
  const summary = `${line}${failed > 0 ? ` — ${failed} notebook${failed === 1 ? "" : "s"} did not run to the end` : ""}.`;
  const from = provenance
    ? `<p class="provenance">Generated ${escapeHtml(provenance.date.slice(0, 16).replace("T", " "))} UTC from commit ${escapeHtml(provenance.commit)}, with Node.js ${escapeHtml(provenance.node)}, tslab ${escapeHtml(provenance.tslab)} and landscape ${escapeHtml(provenance.library)}.</p>`
    : "";
  const title = "Overparametrization for Landscape Design in Non-convex Optimization — reproduced";
  const body = `<h1>${escapeHtml(title)}</h1>
<p>The executable companion to the talk by J. D. Lee (2018). Each row is one theorem of the talk: the claim, what the notebook measured, and the verdict of the notebook's test cell.</p>
<p class="summary"><strong>${escapeHtml(summary)}</strong></p>
${from}
${rows.join("\n")}`;
  return page(title, body, { plotly: false });
}
