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

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Where {@link openOffline} may load from: by default the page's own files and inline data. */
const fromFileOrData = (url: string) => url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:");

/**
 * Opens `file` offline, every other request blocked and recorded, console errors recorded, and
 * waits (up to `figureTimeout` ms) for plotly.js, which a report unpacks asynchronously, to draw
 * every figure. The caller inspects `page`, then closes `context`.
 */
export async function openOffline(
  browser: Browser,
  file: string,
  {
    allow = fromFileOrData,
    loadTimeout = 30_000,
    figureTimeout = 15_000,
    viewport,
  }: { allow?: (url: string) => boolean; loadTimeout?: number; figureTimeout?: number; viewport?: { width: number; height: number } } = {},
) {
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
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: loadTimeout });
  await page
    .waitForFunction(() => Array.from(document.querySelectorAll("div.landscape-figure")).every((d) => d.querySelector(".main-svg")), undefined, { timeout: figureTimeout })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  return { context, page, consoleErrors, externalRequests };
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
export async function pageCheck({ page, consoleErrors, externalRequests }: Awaited<ReturnType<typeof openOffline>>): Promise<PageCheck> {
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
