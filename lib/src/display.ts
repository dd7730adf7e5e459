/**
 * Rich output from notebook cells that also runs outside a kernel: in the tslab kernel each
 * call sends one display_data output; in scripts and tests it does nothing (so that the
 * tests extracted from notebooks can run the same cells).
 * @module
 */
import { tslabKernel } from "./kernel";

function send(mime: "text/html" | "image/svg+xml" | "text/markdown", content: string): void {
  const kernel = tslabKernel() as unknown as { display: { raw(mime: string, s: string): void } } | undefined;
  kernel?.display.raw(mime, content);
}

/** Displays HTML, SVG or Markdown inline in the notebook; a no-op outside a kernel. */
export const display = {
  html: (html: string) => send("text/html", html),
  svg: (svg: string) => send("image/svg+xml", svg),
  markdown: (markdown: string) => send("text/markdown", markdown),
};
