/**
 * What a report may contain of a notebook's own text. A report is handed out, so whatever a
 * notebook's markdown or HTML outputs carry is treated as Jupyter treats untrusted output:
 * sanitized by an allowlist (sanitize-html, the sanitizer JupyterLab uses), no script, no
 * event handler, no frame, no `javascript:` URL, and images only from `data:` URLs (no
 * tracking pixel). SVG outputs are shown as images, where SVG cannot run script or load
 * anything. The only scripts a report runs are those the pipeline itself writes (plotly.js
 * and the script that draws the figures from their plotly JSON), and each report carries
 * a Content-Security-Policy that allows exactly those (by their SHA-256) and forbids every
 * network request.
 */
import { createHash, randomBytes } from "node:crypto";
import sanitizeHtml from "sanitize-html";

const UNTRUSTED: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "del", "ins", "details", "summary", "center"],
  allowedAttributes: {
    "*": ["class", "id", "title", "lang", "dir", "align", "style", "data-*"],
    a: ["href", "name", "target", "rel"],
    img: ["src", "alt", "width", "height"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan", "scope"],
    ol: ["start", "type"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["data"] },
  allowProtocolRelative: false,
  // Styles cannot run script; url(…) in them could fetch (the CSP forbids it too). Images come from data: URLs only.
  transformTags: {
    "*": (tagName, attribs) => {
      if (attribs.style && /url\s*\(|expression\s*\(|@import/i.test(attribs.style)) delete attribs.style;
      if (tagName === "img" && attribs.src !== undefined && !/^data:image\//i.test(attribs.src)) delete attribs.src; // relative URLs too
      return { tagName, attribs };
    },
  },
};

/** A notebook's markdown-rendered or HTML output, with everything that could run or fetch removed. */
export function sanitizeUntrustedHtml(html: string): string {
  return sanitizeHtml(html, UNTRUSTED);
}

/** An SVG output as an image: a browser runs no script and loads nothing from an SVG shown through <img>. */
export function svgAsImage(svg: string): string {
  return `<img class="svg" alt="" src="data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}">`;
}

const EXECUTABLE_SCRIPT = /<script(?![^>]*\btype="(?!(?:text|application)\/javascript")[^"]*")[^>]*>([\s\S]*?)<\/script>/g;

/**
 * The scripts the pipeline itself put into a report. `own(html)` registers the executable
 * scripts of HTML the pipeline generated (never of a notebook's text) and returns the HTML;
 * `meta()` is the report's Content-Security-Policy: scripts only by those hashes, styles
 * and fonts inline or from data: URLs, images from data: URLs, and nothing else — no fetch,
 * no frame, no form, no <base>.
 */
export class OwnScripts {
  private readonly hashes = new Set<string>();

  own(html: string): string {
    for (const m of html.matchAll(EXECUTABLE_SCRIPT)) this.ownInserted(m[1]);
    return html;
  }

  /** Registers the source of an inline script that one of the pipeline's own scripts inserts at run time (plotly.js, unpacked by the figure-drawing script). */
  ownInserted(source: string): void {
    this.hashes.add(`'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`);
  }

  policy(): string {
    const scripts = this.hashes.size > 0 ? [...this.hashes].sort().join(" ") : "'none'";
    return `default-src 'none'; script-src ${scripts}; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'`;
  }

  meta(): string {
    return `<meta http-equiv="Content-Security-Policy" content="${this.policy()}">`;
  }
}

/** The markdown-it renderer rules of a math plugin (markdown-it-katex names them math_*). */
type Rules = Record<string, ((...args: any[]) => string) | undefined>;

/**
 * Renders a notebook's markdown with its raw HTML sanitized. The formulas, rendered by the
 * pipeline's KaTeX, are set aside during sanitizing (behind a random token that a notebook
 * cannot guess) and put back unchanged.
 */
export function renderUntrustedMarkdown(md: { render(src: string): string; renderer: { rules: object } }, source: string): string {
  const rules = md.renderer.rules as Rules;
  const token = `landscape-math-${randomBytes(8).toString("hex")}-`;
  const formulas: string[] = [];
  const saved = Object.entries(rules).filter(([name]) => name.startsWith("math_"));
  for (const [name, rule] of saved) {
    rules[name] = (...args) => {
      formulas.push(rule!(...args));
      return `${token}${formulas.length - 1}.`;
    };
  }
  let html: string;
  try {
    html = md.render(source);
  } finally {
    for (const [name, rule] of saved) rules[name] = rule;
  }
  return sanitizeUntrustedHtml(html).replace(new RegExp(`${token}(\\d+)\\.`, "g"), (_, i: string) => formulas[Number(i)]);
}
