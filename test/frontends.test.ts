/**
 * Figures in a real Jupyter frontend: Debian's classic Notebook 6 server on 127.0.0.1 (a
 * free port, a token, a temporary Jupyter data directory holding our kernelspec), driven in
 * Debian's Chromium by playwright-core. A cell showing a figure is run, and plotly must have
 * drawn SVG paths in that cell's output; the same after saving and reloading the page (the
 * saved outputs' scripts run again, plotly.js included), and after re-running the cell in
 * the reloaded page.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, CHROMIUM, launchChromium } from "../tools/browser-check";
import { installKernelSpec } from "../tools/kernelspec";
import { cleanNotebook, readNotebook, writeNotebook } from "../tools/notebook";

const JUPYTER_NOTEBOOK = "/usr/bin/jupyter-notebook";

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Waits until the server answers its API with the token. */
async function waitForServer(url: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`the Notebook server did not answer ${url.replace(/token=\w+/, "token=…")} within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** SVG paths plotly drew inside the outputs of the notebook's cell `index` (0-based, classic Notebook's API). */
const pathsInCell = (page: Page, index: number) =>
  page.evaluate((i) => {
    const cell = (window as unknown as { Jupyter: { notebook: { get_cell(i: number): { element: HTMLElement[] } } } }).Jupyter.notebook.get_cell(i);
    return cell.element[0].querySelectorAll(".output_area .landscape-figure svg.main-svg path").length;
  }, index);

async function waitForPaths(page: Page, index: number, seconds: number): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let paths = 0;
  while ((paths = await pathsInCell(page, index)) === 0 && Date.now() < until) await page.waitForTimeout(250);
  return paths;
}

describe("figures in the classic Jupyter Notebook (Debian's jupyter-notebook), in Chromium", () => {
  const available = existsSync(JUPYTER_NOTEBOOK) && chromiumAvailable();
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let base = "";
  const token = randomBytes(16).toString("hex");
  const folder = resolve("test", "fixtures", "generated", "frontend");
  const consoleErrors: string[] = [];
  let serverLog = "";

  before(async () => {
    if (!available) return;
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    // The kernel runs in the notebook's folder, inside the repository, so that "landscape" resolves.
    writeNotebook(join(folder, "figure.ipynb"), cleanNotebook({
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [
        { cell_type: "code", id: "imports", source: 'import { lineFigure, show } from "landscape";', metadata: {}, outputs: [], execution_count: null },
        { cell_type: "code", id: "figure", source: 'show(lineFigure([{ name: "1/t", x: [1, 2, 3, 4], y: [1, 0.5, 0.333, 0.25] }], { logY: true, title: "a figure in classic Notebook" }));', metadata: {}, outputs: [], execution_count: null },
      ],
    }));
    const jupyter = mkdtempSync(join(tmpdir(), "landscape-classic-"));
    const env = { ...process.env, JUPYTER_DATA_DIR: join(jupyter, "data"), JUPYTER_PATH: join(jupyter, "data"), JUPYTER_CONFIG_DIR: join(jupyter, "config"), JUPYTER_RUNTIME_DIR: join(jupyter, "runtime"), IPYTHONDIR: join(jupyter, "ipython") };
    installKernelSpec(env.JUPYTER_DATA_DIR);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(JUPYTER_NOTEBOOK, ["--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0", `--NotebookApp.token=${token}`, `--notebook-dir=${folder}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : [])], { env, stdio: ["ignore", "ignore", "pipe"] });
    server.stderr!.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
    await waitForServer(`${base}/api/status?token=${token}`, 60).catch((e: Error) => {
      throw new Error(`${e.message}; its log:\n${serverLog.slice(-2000)}`);
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
  });

  it("draws a figure in the output of the cell that shows it, again after saving and reloading the page, and after re-running it there", async (t) => {
    if (!available) return t.skip(`needs ${JUPYTER_NOTEBOOK} (apt-get install jupyter-notebook) and Chromium at ${CHROMIUM} (apt-get install chromium)`);
    const page = await browser!.newPage();
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(`${m.text()} (${m.location().url})`));
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    const open = async () => {
      await page.goto(`${base}/notebooks/figure.ipynb?token=${token}`, { waitUntil: "load" });
      await page.waitForFunction(() => (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean; info_reply?: object } } } }).Jupyter?.notebook?.kernel?.info_reply !== undefined, undefined, { timeout: 60_000 });
    };
    const run = (index: number) => page.evaluate((i) => (window as unknown as { Jupyter: { notebook: { execute_cells(c: number[]): void } } }).Jupyter.notebook.execute_cells([i]), index);

    await open();
    await run(0);
    await run(1);
    const drawn = await waitForPaths(page, 1, 60);
    assert.ok(drawn > 0, `plotly drew no SVG path in the figure's output (console errors: ${consoleErrors.join(" | ") || "none"})`);

    // Save (the server signs the notebook, so it is trusted when reopened), then reload the page.
    await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { save_notebook(): Promise<unknown> } } }).Jupyter.notebook.save_notebook());
    await page.waitForFunction(() => !(window as unknown as { Jupyter: { notebook: { dirty: boolean } } }).Jupyter.notebook.dirty);
    await open();
    const redrawn = await waitForPaths(page, 1, 30);
    assert.ok(redrawn > 0, `after a reload the saved figure was not drawn (console errors: ${consoleErrors.join(" | ") || "none"})`);

    await run(1);
    await page.waitForTimeout(500);
    const rerun = await waitForPaths(page, 1, 60);
    if (process.env.LANDSCAPE_SCREENSHOTS) await page.screenshot({ path: join(process.env.LANDSCAPE_SCREENSHOTS, "classic-notebook.png"), fullPage: true });
    assert.ok(rerun > 0, "re-run in the reloaded page, the figure is drawn");
    // Debian enables the ipywidgets nbextension without shipping its files: the frontend's own error, not ours.
    assert.deepEqual(consoleErrors.filter((e) => !/\/nbextensions\//.test(e)), [], "no console error");
    await page.close();
  });

  it("shows a one-line message instead of an empty box where the notebook is not trusted (its scripts do not run)", async (t) => {
    if (!available) return t.skip(`needs ${JUPYTER_NOTEBOOK} and Chromium`);
    // The saved notebook with one cell more is a notebook this server never signed.
    const saved = readNotebook(join(folder, "figure.ipynb"));
    saved.cells.push({ cell_type: "markdown", id: "changed", source: "changed elsewhere", metadata: {} });
    writeNotebook(join(folder, "untrusted.ipynb"), saved);
    const page = await browser!.newPage();
    await page.goto(`${base}/notebooks/untrusted.ipynb?token=${token}`, { waitUntil: "load" });
    await page.waitForFunction(() => document.querySelectorAll(".output_area .landscape-figure").length > 0, undefined, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    const shown = await page.evaluate(() => {
      const area = document.querySelector(".output_area .landscape-figure")!;
      return { text: area.textContent, paths: area.querySelectorAll("path").length };
    });
    assert.equal(shown.paths, 0);
    assert.match(shown.text ?? "", /^This figure is drawn by plotly\.js, which this page did not run: re-run the cell in a trusted notebook/);
    await page.close();
  });
});
