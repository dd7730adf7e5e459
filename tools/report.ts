/**
 * HTML reports from executed notebooks: one self-contained file per notebook (KaTeX math
 * rendered at build time, highlight.js code, plotly.js embedded once, KaTeX fonts inlined)
 * and an index, the talk's outline with each theorem's result. Offline from file://.
 */
import Anser from "anser";
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import markdownIt from "markdown-it";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { plot, RESULT_MIME, type Result } from "landscape";
import { sourceText, tagsOf, type Notebook, type Output } from "./notebook";
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

/** The KaTeX stylesheet with its woff2 fonts inlined as data: URLs (the other formats dropped). */
function katexCss(): string {
  const cssPath = require.resolve("katex/dist/katex.min.css");
  return readFileSync(cssPath, "utf8").replace(/src:([^;}]*)/g, (_, sources: string) => {
    const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(sources)?.[1];
    if (!woff2) return `src:${sources}`;
    const data = readFileSync(join(dirname(cssPath), woff2)).toString("base64");
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
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
.landscape-result[data-pass="false"] { background: #fdecea; }
.truncated { color: #9a6700; font-style: italic; }
.failure { padding: 0.6rem; background: #fdecea; border: 1px solid #d1242f; border-radius: 4px; }
table.scoreboard { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
table.scoreboard td, table.scoreboard th { border-bottom: 1px solid #d0d7de; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
.pass { color: #1a7f37; font-weight: 600; } .fail { color: #d1242f; font-weight: 600; }
img, svg { max-width: 100%; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  nav.top, details.hide-input { display: none; }
  h2 { break-before: page; page-break-before: always; }
  .cell, .output, .figure, pre { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

/** A report page; `scripts` holds the pipeline's own scripts of the body, which alone the page's Content-Security-Policy lets run. */
function page(title: string, body: string, { plotly, scripts = new OwnScripts() }: { plotly: boolean; scripts?: OwnScripts }): string {
  const loader = plotly ? scripts.own(plot.plotlyLoader()) : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${scripts.meta()}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${katexCss()}</style>
<style>${highlightCss()}</style>
<style>${PAGE_CSS}</style>
${loader}
</head><body>
${body}
</body></html>
`;
}

const FIGURE_BLOCK = new RegExp(`<script type="${plot.FIGURE_MIME.replace(/[.+]/g, "\\$&")}">([\\s\\S]*?)</script>`);

/** Text as <pre> blocks, ANSI colours kept; past REPORT_TEXT_LIMIT its head and tail around a visible note of what is left out. */
function preformatted(className: string, text: string, notebookFile: string): string {
  const pre = (t: string) => `<pre${className ? ` class="${className}"` : ""}>${Anser.ansiToHtml(Anser.escapeForHtml(t))}</pre>`;
  const { head, omitted, tail } = textForReport(text);
  if (!omitted) return pre(head);
  const note = `output truncated in this report: ${omitted.lines} lines (${omitted.characters} characters) left out here; the whole output is in ${notebookFile}`;
  return `${pre(head)}<p class="truncated">✂ ${escapeHtml(note)}</p>${pre(tail!)}`;
}

/** Renders one output; returns "" for the kernel's plotly loader (the report has its own). Every HTML a notebook produced is sanitized. */
function renderOutput(output: Output, scripts: OwnScripts, notebookFile: string): { html: string; figure: boolean } {
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
      const html = data["text/html"] !== undefined ? sourceText(data["text/html"] as string) : undefined;
      if (html !== undefined) {
        if (html.startsWith('<script data-landscape="plotly-loader">')) return { html: "", figure: false };
        // The figure is re-rendered by the pipeline from its data; its scripts are the pipeline's own.
        const figure = figureFrom(html);
        if (figure) return { html: `<div class="figure">${scripts.own(plot.figureHtml(figure))}</div>`, figure: true };
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

/** The figure a landscape figure output carries as JSON, or undefined when there is none (or it is not valid JSON). */
function figureFrom(html: string): plot.Figure | undefined {
  const block = FIGURE_BLOCK.exec(html);
  if (!block) return undefined;
  try {
    return JSON.parse(block[1]);
  } catch {
    return undefined;
  }
}

/** Terminal semantics of "\r": each line keeps what was written after its last carriage return. */
export function collapseCarriageReturns(text: string): string {
  return text.split("\n").map((line) => line.slice(line.lastIndexOf("\r") + 1)).join("\n");
}

/** A theorem's result as collected from a notebook, with the section it belongs to. */
export interface CollectedResult extends Result {
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
export function renderNotebook(nb: Notebook, { name, failure }: { name: string; failure?: string }): NotebookReport {
  const md = markdownRenderer();
  const scripts = new OwnScripts();
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
    let outputs = "";
    if (!tags.includes("remove-output")) {
      for (const output of cell.outputs) {
        const rendered = renderOutput(output, scripts, `${name}.ipynb`);
        if (rendered.figure) figures++;
        outputs += rendered.html;
        if ((output.output_type === "display_data" || output.output_type === "execute_result") && typeof output.data["text/html"] === "string") {
          const block = new RegExp(`<script type="${RESULT_MIME.replace(/[.+]/g, "\\$&")}">([\\s\\S]*?)</script>`).exec(output.data["text/html"]);
          if (block) results.push({ ...(JSON.parse(block[1]) as Result), anchor, section });
        }
      }
    }
    parts.push(`<div class="cell code" id="cell-${index + 1}">${input}${outputs ? `<div class="output">${outputs}</div>` : ""}</div>`);
  });
  const banner = failure ? `<div class="failure"><strong>This notebook did not run to the end:</strong> ${escapeHtml(failure)}</div>` : "";
  const body = `<nav class="top"><a href="index.html">← all notebooks</a></nav>\n${banner}\n${parts.join("\n")}`;
  return { html: page(title, body, { plotly: figures > 0, scripts }), title, results, figures };
}

/** The talk's outline: its sections and which notebook reproduces each. */
export const TALK_OUTLINE = [
  { prefix: "00", section: "Tour of the library" },
  { prefix: "01", section: "1 Introduction: subgradient methods on non-smooth losses" },
  { prefix: "02", section: "2 Saddle points and gradient descent" },
  { prefix: "03", section: "3 Landscape design via overparametrization" },
  { prefix: "04", section: "4 Generalization and implicit regularization" },
];

export interface IndexEntry {
  file: string;
  title: string;
  results: CollectedResult[];
  failure?: string;
  seconds: number;
}

/** The index page: the talk's outline, each theorem's claim, measured value and pass/fail, linked to its section. */
export function renderIndex(entries: IndexEntry[]): string {
  const rows: string[] = [];
  for (const { prefix, section } of TALK_OUTLINE) {
    const mine = entries.filter((e) => e.file.startsWith(prefix));
    rows.push(`<h2>${escapeHtml(section)}</h2>`);
    if (mine.length === 0) {
      rows.push(`<p><em>Not reproduced yet.</em></p>`);
      continue;
    }
    for (const e of mine) {
      rows.push(`<h3><a href="${escapeHtml(e.file)}">${escapeHtml(e.title)}</a> <small>(${e.seconds.toFixed(1)} s)</small></h3>`);
      if (e.failure) rows.push(`<div class="failure">Did not run to the end: ${escapeHtml(e.failure)}</div>`);
      if (e.results.length === 0) {
        rows.push(`<p><em>No theorem results recorded.</em></p>`);
        continue;
      }
      rows.push(`<table class="scoreboard"><thead><tr><th>claim</th><th>measured</th><th>result</th></tr></thead><tbody>`);
      for (const r of e.results) {
        rows.push(
          `<tr><td><a href="${escapeHtml(e.file)}#${escapeHtml(r.anchor)}">${escapeHtml(r.claim)}</a></td><td>${escapeHtml(r.measured)}</td>` +
            `<td class="${r.pass ? "pass" : "fail"}">${r.pass ? "✔ pass" : "✘ fail"}</td></tr>`,
        );
      }
      rows.push(`</tbody></table>`);
    }
  }
  const title = "Overparametrization for Landscape Design in Non-convex Optimization — reproduced";
  const body = `<h1>${escapeHtml(title)}</h1>
<p>The executable companion to the talk by J. D. Lee (2018). Each row is one theorem of the talk: the claim, what the notebook measured, and whether the measurement agrees with the prediction.</p>
${rows.join("\n")}`;
  return page(title, body, { plotly: false });
}
