/**
 * The HTML a figure travels in. A figure's data rides inside its output as a JSON script
 * block (`application/vnd.landscape.figure+json`), followed by a small script that draws
 * it with the page's single plotly.js; the report builder finds the same blocks and
 * draws them with the report's own copy.
 * @module
 */
import { readFileSync } from "node:fs";
import { validateFigure, type Figure } from "./figure";

/** The MIME type of the JSON block that carries a figure inside HTML. */
export const FIGURE_MIME = "application/vnd.landscape.figure+json";

/** JSON that is safe inside a <script> element (no "</script>", no U+2028/9 line breaks). */
export function scriptSafeJson(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new Error(`value must be JSON-serializable, got ${typeof value}`);
  return json
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The minified plotly.js source from the npm package plotly.js-dist-min, safe inside a <script>. */
export function plotlySource(): string {
  return readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8").replace(/<\/script/gi, "<\\/script");
}

/** A <script> element that defines window.Plotly once (it does nothing if Plotly is already there). */
export function plotlyLoader(): string {
  return `<script data-landscape="plotly-loader">if (!window.Plotly) {\n${plotlySource()}\n}</script>`;
}

/**
 * A figure as HTML: an empty <div>, the figure's JSON, and a script that draws the JSON into
 * the div with window.Plotly (or says in the div that plotly.js is not loaded).
 */
export function figureHtml(figure: Figure): string {
  validateFigure(figure);
  const height = (figure.layout.height as number | undefined) ?? 420;
  return [
    `<div class="landscape-figure" style="width:100%;min-height:${height}px"></div>`,
    `<script type="${FIGURE_MIME}">${scriptSafeJson(figure)}</script>`,
    `<script>(function () {`,
    `  var spec = document.currentScript && document.currentScript.previousElementSibling;`,
    `  var div = spec && spec.previousElementSibling;`,
    `  if (!div) return;`,
    `  if (!window.Plotly) { div.textContent = "plotly.js is not loaded in this page: run show.loadPlotly() in a cell, or re-run the notebook."; return; }`,
    `  var fig = JSON.parse(spec.textContent);`,
    `  window.Plotly.newPlot(div, fig.data, fig.layout, { responsive: true, displaylogo: false });`,
    `})();</script>`,
  ].join("\n");
}

/** A self-contained HTML page (plotly.js embedded) showing one figure. */
export function figurePage(figure: Figure, title = "landscape figure"): string {
  validateFigure(figure);
  if (typeof title !== "string") throw new Error(`title must be a string, got ${typeof title}`);
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escaped}</title>\n${plotlyLoader()}\n</head>\n<body>\n${figureHtml(figure)}\n</body></html>\n`;
}
