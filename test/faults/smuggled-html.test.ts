// Fault suite: a report must not run or fetch what a notebook's text smuggles in (issue 10).
// The fixture's every payload pushes its name onto window.__pwned if it ever runs, and every
// outside address it names ends in .invalid.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { CHROMIUM, chromiumAvailable, launchChromium, offlinePage, openOffline } from "../../tools/browser-check";
import { cleanNotebook, type Notebook } from "../../tools/notebook";
import { renderNotebook } from "../../tools/report";
import { reproduce, type ReproduceSummary } from "../../tools/reproduce";
import { OwnScripts, sanitizeUntrustedHtml } from "../../tools/sanitize";

const FIXTURE = join("test", "faults", "fixtures", "smuggled-html.ipynb");
const out = mkdtempSync(join(tmpdir(), "landscape-faults-html-"));

/** What a reader's browser does with a report: payloads run, requests attempted (all blocked), figures drawn. */
async function open(browser: Browser, file: string) {
  // Stricter than checkPage: nothing but the page itself and inline data may load.
  const own = pathToFileURL(file).href;
  const { context, page, consoleErrors: errors, externalRequests: requests } = await openOffline(browser, file, {
    allow: (url) => url === own || url.startsWith("data:"),
    loadTimeout: 120_000, // a 5 MB page on a loaded machine
    figureTimeout: 30_000,
  });
  const links = await page.locator("#js-link").count();
  if (links > 0) await page.click("#js-link");
  await page.waitForTimeout(100);
  const seen = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string[] }).__pwned ?? [],
    figures: document.querySelectorAll("div.landscape-figure").length,
    drawn: Array.from(document.querySelectorAll("div.landscape-figure")).filter((d) => d.querySelector(".main-svg")).length,
    formulas: document.querySelectorAll(".katex").length,
  }));
  await context.close();
  return { ...seen, requests, errors };
}

describe("reports sanitize what a notebook's text smuggles in", () => {
  let summaries: ReproduceSummary[];
  let html: string;
  let browser: Browser | undefined;
  before(async () => {
    summaries = await reproduce([FIXTURE], out, () => {});
    html = readFileSync(join(out, "smuggled-html.html"), "utf8");
    if (chromiumAvailable()) browser = await launchChromium();
  });
  after(async () => browser?.close());

  it("runs the fault notebook to the end", () => {
    assert.equal(summaries[0].failure, undefined);
  });

  it("keeps no script, handler, frame, object, javascript: URL or outside image of the notebook's text in the page", () => {
    // The body less the code listings, which show the payloads as escaped text, and less plotly.js.
    const rendered = html.slice(html.indexOf("<body>")).replace(/<pre><code class="hljs[\s\S]*?<\/code><\/pre>/g, "").replace(/<script data-landscape="plotly-loader">[\s\S]*?<\/script>/, "");
    for (const banned of ["__pwned", "<iframe", "<object", "onerror=", "onload=", "javascript:", ".invalid", '<img src="x"']) {
      assert.ok(!rendered.includes(banned), `"${banned}" reached the page outside the code listings`);
    }
    assert.ok(rendered.includes("<b>bold stays</b>") && rendered.includes("<b>display.html</b>"), "harmless markup is kept");
    assert.match(rendered, /<img class="svg" alt="" src="data:image\/svg\+xml;base64,/, "SVG shown as an image, where it cannot run script");
  });

  it("carries a Content-Security-Policy allowing only the report's own scripts, by hash, and no network", () => {
    for (const file of ["smuggled-html.html", "index.html"]) {
      const page = readFileSync(join(out, file), "utf8");
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page.slice(0, 2000))?.[1];
      assert.ok(csp, `${file}: a CSP meta at the top of <head>`);
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline'[^;]*;.*script|script-src[^;]*(unsafe|\*|http)/);
    }
    // Two own scripts: plotly.js and the figure-drawing script (the same text for every figure).
    assert.equal((/script-src ([^;]+);/.exec(html)![1].match(/'sha256-/g) ?? []).length, 2);
  });

  it("in Chromium: nothing of the notebook runs, no request leaves, the project's figures draw and the math renders", async (t) => {
    if (!browser) return t.skip(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
    const seen = await open(browser, join(out, "smuggled-html.html"));
    assert.deepEqual(seen.pwned, [], "payloads that ran");
    assert.deepEqual(seen.requests.filter((u) => !u.startsWith("file:")), [], "requests leaving the file");
    assert.deepEqual(seen.errors, [], "console errors (a CSP violation by the report's own scripts shows here)");
    assert.equal(seen.figures, 2);
    assert.equal(seen.drawn, 2, "both figures drawn by the report's own plotly.js");
    assert.ok(seen.formulas >= 2);
  });

  it("in Chromium: the CSP alone stops a script that got past the sanitizer", async (t) => {
    if (!browser) return t.skip(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
    const bypass = join(out, "bypass.html");
    writeFileSync(bypass, html.replace("</body>", `<script>(window.__pwned = window.__pwned || []).push("bypass")</script><img src="http://tracker.invalid/p.png"></body>`));
    const seen = await open(browser, bypass);
    assert.deepEqual(seen.pwned, []);
    assert.deepEqual(seen.requests.filter((u) => !u.startsWith("file:")), []);
    assert.equal(seen.drawn, 2, "the report's own scripts still run");
  });

  it("in one reused page (as the handouts print): what one file logged or requested is not counted against the next", async (t) => {
    if (!browser) return t.skip(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
    const noisy = join(out, "noisy.html"), quiet = join(out, "quiet.html");
    writeFileSync(noisy, `<!doctype html><title>noisy</title><img src="http://tracker.invalid/p.png"><script>console.error("from the first file")</script>`);
    writeFileSync(quiet, "<!doctype html><title>quiet</title><p>nothing here</p>");
    const opened = await offlinePage(browser);
    try {
      await opened.load(noisy);
      assert.deepEqual([opened.consoleErrors.some((e) => e.includes("from the first file")), opened.externalRequests], [true, ["http://tracker.invalid/p.png"]], "the first file's error and request are recorded");
      await opened.load(quiet);
      assert.deepEqual([opened.consoleErrors, opened.externalRequests], [[], []]);
    } finally {
      await opened.context.close();
    }
  });

  it("rejects an image output whose base64 would break out of its attribute", () => {
    const nb: Notebook = cleanNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", id: "a", source: "", metadata: {}, outputs: [], execution_count: null }] });
    (nb.cells[0] as { outputs: unknown[] }).outputs = [{ output_type: "display_data", data: { "image/png": 'iVBOR"onerror="alert(1)' }, metadata: {} }];
    assert.doesNotMatch(renderNotebook(nb, { name: "png" }).html, /onerror/);
  });

  it("sanitizes by allowlist, as JupyterLab does for untrusted output", () => {
    assert.equal(sanitizeUntrustedHtml(`<a href="javascript:alert(1)">x</a><a href="https://example.org/">y</a>`), `<a>x</a><a href="https://example.org/">y</a>`);
    assert.equal(sanitizeUntrustedHtml(`<svg><script>alert(1)</script></svg><form action="x"><input></form>`), "");
    const scripts = new OwnScripts();
    scripts.own(`<script type="application/json">{}</script><script>draw()</script>`);
    assert.match(scripts.policy(), /script-src 'sha256-[^']+'; /, "only the executable script is hashed");
  });
});
