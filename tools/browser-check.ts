/**
 * Opens an HTML report from file:// in headless Chromium (Debian's, driven by
 * playwright-core) with every request that would leave the file blocked, and reports what a
 * reader would see: console errors, blocked requests, figures drawn, formulas rendered.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumAvailable = () => existsSync(CHROMIUM);

export interface PageCheck {
  consoleErrors: string[];
  externalRequests: string[];
  figures: number;
  figuresDrawn: number;
  formulas: number;
  formulaErrors: number;
}

/**
 * `work`, or a rejection naming `what` once `seconds` have passed without it settling: the
 * browser's own calls (newPage, evaluate, pdf, close) have no time limit of their own, and a hung
 * renderer must fail a test or a command, never hold it forever.
 */
export function within<T>(work: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${seconds} s`)), seconds * 1000)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Chromium's features that headless pages never use but that cost CPU: since Chromium 156 every
 * window (Playwright makes one per context) preloads two WebUI omnibox popups
 * (chrome://omnibox-popup.top-chrome/ and its AI-mode page), each in a renderer of its own, about
 * 1.9 CPU-s a window. Measured (launch, three reports opened one context each, close; the
 * machine's CPU from /proc/stat, since the zygote's renderers escape the launcher's rusage):
 * 15.2–16.1 CPU-s with them, 9.7–10.0 without. Unknown names are ignored by other versions.
 */
const DISABLED_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--disable-features=${DISABLED_FEATURES.join(",")}`],
  });
}

/** Where {@link offlinePage} may load from by default: the page's own files and inline data. */
const fromFileOrData = (url: string) => url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:");

/** Where {@link offlinePage} waits, in ms: for the page's load event, and for plotly.js to draw every figure. */
export interface LoadTimeouts {
  loadTimeout?: number;
  figureTimeout?: number;
}

/**
 * A page in a browser context of its own, offline: every request other than `allow`'s (by
 * default the page's own files and inline data) blocked and recorded, console errors
 * recorded. `load(file)` opens a file in it and waits (up to `figureTimeout` ms) for
 * plotly.js, which a report unpacks asynchronously, to draw every figure; what was recorded
 * starts afresh with each load, so that one page can open several files in turn (a context and
 * its renderer cost Chromium about 2 CPU-s each, measured on a trivial page, 2026-11-30). The
 * caller inspects `page` between loads, then closes `context`.
 */
export async function offlinePage(browser: Browser, { allow = fromFileOrData, viewport }: { allow?: (url: string) => boolean; viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({ offline: true, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (allow(url)) return route.continue();
    externalRequests.push(url);
    return route.abort();
  });
  const load = async (file: string, { loadTimeout = 30_000, figureTimeout = 15_000 }: LoadTimeouts = {}) => {
    consoleErrors.length = 0;
    externalRequests.length = 0;
    await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: loadTimeout });
    await page
      .waitForFunction(() => Array.from(document.querySelectorAll("div.landscape-figure")).every((d) => d.querySelector(".main-svg")), undefined, { timeout: figureTimeout })
      .catch(() => undefined);
    await page.waitForTimeout(300);
  };
  return { context, page, consoleErrors, externalRequests, load };
}

/** {@link offlinePage} with `file` loaded in it. */
export async function openOffline(browser: Browser, file: string, { allow, viewport, ...timeouts }: { allow?: (url: string) => boolean; viewport?: { width: number; height: number } } & LoadTimeouts = {}) {
  const opened = await offlinePage(browser, { allow, viewport });
  await opened.load(file, timeouts);
  return opened;
}

/** Loads `file` offline and inspects it; `screenshot` saves a full-page PNG. Fails past two minutes. */
export function checkPage(browser: Browser, file: string, screenshot?: string): Promise<PageCheck> {
  return within(inspect(browser, file, screenshot), 120, `opening ${file} in Chromium`);
}

async function inspect(browser: Browser, file: string, screenshot?: string): Promise<PageCheck> {
  const opened = await openOffline(browser, file);
  const check = await pageCheck(opened);
  if (screenshot) await opened.page.screenshot({ path: screenshot, fullPage: true });
  await opened.context.close();
  return check;
}

/** What a reader sees on a page that {@link openOffline} opened: its errors, blocked requests, figures and formulas. */
export async function pageCheck({ page, consoleErrors, externalRequests }: Pick<Awaited<ReturnType<typeof offlinePage>>, "page" | "consoleErrors" | "externalRequests">): Promise<PageCheck> {
  const counts = await page.evaluate(() => ({
    figures: document.querySelectorAll("div.landscape-figure").length,
    figuresDrawn: document.querySelectorAll("div.landscape-figure .main-svg").length > 0
      ? Array.from(document.querySelectorAll("div.landscape-figure")).filter((d) => d.querySelector(".main-svg")).length
      : 0,
    formulas: document.querySelectorAll(".katex").length,
    formulaErrors: document.querySelectorAll(".katex-error").length,
  }));
  return { consoleErrors: [...consoleErrors], externalRequests: [...externalRequests], ...counts };
}
