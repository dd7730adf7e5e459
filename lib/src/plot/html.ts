/**
 * The forms a figure travels in. In a notebook, one display output carries a MIME bundle:
 * plotly's own `application/vnd.plotly.v1+json` (drawn natively by VS Code and by
 * JupyterLab with plotly's extension), `text/html` (a plot area with a unique id and a
 * script that draws into it with the page's single plotly.js, for classic Notebook and
 * JupyterLab without the extension), and `text/plain` (a one-line description). The HTML
 * report reads the plotly JSON and draws it with its own copy of plotly.js.
 * @module
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { validateFigure, type Figure } from "./figure";

/** plotly's MIME type: `{ data, layout }` as JSON (the convention of plotly.py, VS Code and jupyterlab-plotly). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** JSON that is safe inside a <script> element (no "</script>", no U+2028/9 line breaks); `replacer` as JSON.stringify's. */
export function scriptSafeJson(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  const json = JSON.stringify(value, replacer) as string | undefined;
  if (json === undefined) throw new Error(`value must be JSON-serializable, got ${typeof value}`);
  return json
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * plotly.js, minified, from the npm package plotly.js-cartesian-dist-min (the partial bundle
 * with every trace type the builders make: scatter, histogram, heatmap, contour), safe
 * inside a <script>.
 */
export function plotlySource(): string {
  return readFileSync(require.resolve("plotly.js-cartesian-dist-min/plotly-cartesian.min.js"), "utf8").replace(/<\/script/gi, "<\\/script");
}

/**
 * A <script> element that defines window.Plotly if the page has none yet, then draws the
 * figures that were waiting for it (`window.landscapePending`, filled by the figures'
 * scripts): sending it again after a page reload redraws the figures left blank.
 */
export function plotlyLoader(): string {
  return `<script data-landscape="plotly-loader">if (!window.Plotly) {\n${plotlySource()}\n}\n(window.landscapePending || []).splice(0).forEach(function (draw) { draw(); });</script>`;
}

/** The one-line message a plot area shows until its script draws it, and where scripts do not run. */
export const NO_SCRIPT_MESSAGE =
  "This figure is drawn by plotly.js, which this page did not run: re-run the cell in a trusted notebook (classic Notebook: File → Trust Notebook), or open the notebook's HTML report.";

/** A fresh id for a plot area, unique in a page that shows several notebooks. */
export const figureId = () => `landscape-figure-${randomBytes(8).toString("hex")}`;

/**
 * A figure as HTML for a notebook frontend: a plot area with a unique id that shows
 * {@link NO_SCRIPT_MESSAGE} until drawn, and a script that finds it by id (frontends run
 * output scripts before or after attaching the output, so it retries for 5 s) and draws
 * the figure with window.Plotly, or, if plotly.js is not in the page, says so and waits for
 * {@link plotlyLoader} to draw it.
 */
export function figureHtml(figure: Figure, id = figureId()): string {
  validateFigure(figure);
  const height = (figure.layout.height as number | undefined) ?? 420;
  return [
    `<div class="landscape-figure" id="${id}" style="width:100%;min-height:${height}px">${NO_SCRIPT_MESSAGE}</div>`,
    `<script type="text/javascript">(function () {`,
    `  var id = "${id}", figure = ${scriptSafeJson(figure)}, tries = 0;`,
    `  function draw() {`,
    `    var div = document.getElementById(id);`,
    `    if (!div) { if (++tries < 100) setTimeout(draw, 50); return; }`,
    `    if (!window.Plotly) {`,
    `      div.textContent = "plotly.js is not loaded in this page (it is sent with the first figure of a kernel session): run show.loadPlotly() in a cell.";`,
    `      (window.landscapePending = window.landscapePending || []).push(draw);`,
    `      return;`,
    `    }`,
    `    div.textContent = "";`,
    `    window.Plotly.newPlot(div, figure.data, figure.layout, { responsive: true, displaylogo: false });`,
    `  }`,
    `  draw();`,
    `})();</script>`,
  ].join("\n");
}

/** A figure's one-line text form, for frontends that show neither its HTML nor its plotly JSON. */
export function figureText(figure: Figure): string {
  validateFigure(figure);
  const title = (figure.layout.title as { text?: string } | undefined)?.text;
  return `<figure${title ? `: ${title}` : ""}, ${figure.data.length} trace${figure.data.length === 1 ? "" : "s"}; ${NO_SCRIPT_MESSAGE}>`;
}

/** The MIME bundle of a figure's display output: plotly JSON, HTML and text. */
export function figureBundle(figure: Figure, id = figureId()): Record<string, unknown> {
  validateFigure(figure);
  return { [PLOTLY_MIME]: { data: figure.data, layout: figure.layout }, "text/html": figureHtml(figure, id), "text/plain": figureText(figure) };
}

/** A self-contained HTML page (plotly.js embedded) showing one figure. */
export function figurePage(figure: Figure, title = "landscape figure"): string {
  validateFigure(figure);
  if (typeof title !== "string") throw new Error(`title must be a string, got ${typeof title}`);
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escaped}</title>\n${plotlyLoader()}\n</head>\n<body>\n${figureHtml(figure)}\n</body></html>\n`;
}
