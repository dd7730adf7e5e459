import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { displayBundle, tslabKernel, type Kernel } from "../kernel";
import { validateFigure, type Figure } from "./figure";
import { figureBundle, figurePage, plotlyLoader } from "./html";

/** Kernels that already received plotly.js (the page keeps it until it is reloaded). */
const plotlySent = new WeakSet<Kernel>();

/** Where `show` is running, which decides what it does. */
export type ShowMode = "kernel" | "validate" | "page";

/** The mode `show` uses here: the tslab kernel, a test (node --test, or LANDSCAPE_SHOW=validate), or a script. */
export function showMode(): ShowMode {
  if (tslabKernel()) return "kernel";
  if (process.env.LANDSCAPE_SHOW === "validate" || process.env.NODE_TEST_CONTEXT !== undefined) return "validate";
  return "page";
}

/**
 * Sends plotly.js (from the npm package, no network) to the notebook page. `show` does it
 * before its first figure in a kernel; after a page reload the saved output that carries it
 * runs again (in a trusted notebook), and if it is gone, call this: it also draws the
 * figures that were waiting for it.
 */
function loadPlotly(): void {
  const kernel = tslabKernel();
  if (!kernel) return;
  kernel.display.html(plotlyLoader());
  plotlySent.add(kernel);
}

/**
 * Shows a figure after validating it (no empty trace, no NaN, nothing ≤ 0 on a log axis):
 * - in the tslab kernel, inline: one output with plotly's MIME bundle (plotly JSON, HTML
 *   drawn by the page's plotly.js, sent once per kernel, and a line of text);
 * - under tests, nothing more than the validation;
 * - from a script, as a self-contained HTML page in the temp folder, whose path it prints
 *   and returns.
 */
export function show(figure: Figure): string | undefined {
  validateFigure(figure);
  const mode = showMode();
  if (mode === "validate") return undefined;
  if (mode === "kernel") {
    const kernel = tslabKernel()!;
    if (!plotlySent.has(kernel)) loadPlotly();
    displayBundle(figureBundle(figure));
    return undefined;
  }
  const page = figurePage(figure);
  const folder = join(tmpdir(), "landscape-figures");
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${createHash("sha256").update(page).digest("hex").slice(0, 16)}.html`);
  writeFileSync(path, page);
  console.log(`figure written to ${path}`);
  return path;
}
show.loadPlotly = loadPlotly;

/**
 * A live plot from a script with nodeplotlib: it starts a local server and opens a browser
 * page that loads plotly.js from a CDN, so it needs a network connection (use `show` offline).
 */
export function livePlot(figure: Figure): void {
  validateFigure(figure);
  // Loaded on demand: nodeplotlib brings a web server that notebooks do not need.
  (require("nodeplotlib") as typeof import("nodeplotlib")).plot(figure.data, figure.layout);
}
