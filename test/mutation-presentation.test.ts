// What a notebook sees of the library's presentation modules (kernel.ts, display.ts, report.ts,
// experiment/progress.ts, table.ts, plot/show.ts, plot/html.ts, plot/figure.ts): the outputs each
// sends inside a tslab kernel, what each prints from a script, and what the figures' scripts do
// in a page. Inside a kernel is a fake tslab on disk (its `jupyter` module holding the function
// that sends display data, its `public` module the display functions), the same require-cache
// lookup the library does in a real kernel; a script is the environment without the test marks;
// the page is node:vm with a minimal document and window.
// Written for `npm run mutate`: without it, every kernel branch ran only in the notebooks.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import vm from "node:vm";
import { display, experiment, formatValue, plot, result, RESULT_MIME, show, table, tableHtml, tableText } from "landscape";

// Required, not imported: `tsc -p test` then does not type-check lib/src under the tests' settings (the build checks it).
const { displayBundle } = require("../lib/src/kernel") as { displayBundle(data: Record<string, unknown>, entry?: { id: string; update: boolean }): void };

type Bundle = { message: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }; update: boolean };
type FakeKernel = { bundles: Bundle[]; calls: [string, string][] };

const isTslabJupyter = (p: string) => /tslab[\\/]dist[\\/]jupyter\.js$/.test(p);

/** A new, empty node_modules/tslab/dist folder under the temp folder, where a fake tslab's modules go. */
function fakeTslabDist(): string {
  const dist = join(mkdtempSync(join(tmpdir(), "landscape-fake-tslab-")), "node_modules", "tslab", "dist");
  mkdirSync(dist, { recursive: true });
  return dist;
}

/** Runs `body` as if inside a tslab kernel: a fake tslab (jupyter.js, public.js) in the require cache, removed afterwards. */
function inKernel<T>(body: (kernel: FakeKernel) => T): T {
  assert.deepEqual(Object.keys(require.cache).filter(isTslabJupyter), [], "no other tslab in this process");
  const dist = fakeTslabDist();
  const [jupyterPath, publicPath] = [join(dist, "jupyter.js"), join(dist, "public.js")];
  writeFileSync(jupyterPath, "exports.lastWriteDisplayData = null;\n");
  writeFileSync(publicPath, "exports.display = null;\n");
  const kernel: FakeKernel = { bundles: [], calls: [] };
  const jupyter = require(jupyterPath) as { lastWriteDisplayData: unknown };
  jupyter.lastWriteDisplayData = (message: Bundle["message"], update: boolean) => kernel.bundles.push({ message, update });
  (require(publicPath) as { display: unknown }).display = {
    html: (s: string) => kernel.calls.push(["html", s]),
    text: (s: string) => kernel.calls.push(["text", s]),
    raw: (mime: string, s: string) => kernel.calls.push([mime, s]),
  };
  try {
    return body(kernel);
  } finally {
    delete require.cache[jupyterPath];
    delete require.cache[publicPath];
  }
}

/** Runs `body` with the environment as a script has it (no test marks) or as given, and console.log and stderr captured. */
function withEnvironment<T>(environment: { NODE_TEST_CONTEXT?: string; LANDSCAPE_SHOW?: string; tty?: boolean }, body: (out: { log: string[]; stderr: string[] }) => T): T {
  const saved = { NODE_TEST_CONTEXT: process.env.NODE_TEST_CONTEXT, LANDSCAPE_SHOW: process.env.LANDSCAPE_SHOW };
  const [log, write, tty] = [console.log, process.stderr.write, process.stderr.isTTY];
  const out = { log: [] as string[], stderr: [] as string[] };
  for (const key of ["NODE_TEST_CONTEXT", "LANDSCAPE_SHOW"] as const) {
    if (environment[key] === undefined) delete process.env[key];
    else process.env[key] = environment[key];
  }
  console.log = (...args: unknown[]) => void out.log.push(args.join(" "));
  process.stderr.write = ((chunk: string) => (out.stderr.push(String(chunk)), true)) as typeof process.stderr.write;
  process.stderr.isTTY = environment.tty ?? false;
  const restore = () => {
    console.log = log;
    process.stderr.write = write;
    process.stderr.isTTY = tty;
    for (const key of ["NODE_TEST_CONTEXT", "LANDSCAPE_SHOW"] as const) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  };
  let settlesLater = false;
  try {
    const value = body(out);
    // An async body: the environment stays until its promise settles.
    if (value instanceof Promise) {
      settlesLater = true;
      return value.finally(restore) as T;
    }
    return value;
  } finally {
    if (!settlesLater) restore();
  }
}
const script = {};
const underTest = { NODE_TEST_CONTEXT: "child" };

/** Runs `body` with Date.now reading a clock the test moves. */
function withClock<T>(body: (clock: { now: number }) => T): T {
  const clock = { now: 1_000_000 };
  const real = Date.now;
  Date.now = () => clock.now;
  try {
    return body(clock);
  } finally {
    Date.now = real;
  }
}

const figure = () => plot.lineFigure([{ name: "1/t", x: [1, 2, 4], y: [1, 0.5, 0.25] }], { title: "rate" });

describe("kernel detection: a tslab kernel is its jupyter module holding the display function", () => {
  it("is no kernel while that function is null (tslab loaded, no cell running), a kernel once it is set", () => {
    const dist = fakeTslabDist();
    writeFileSync(join(dist, "jupyter.js"), "exports.lastWriteDisplayData = null;\n");
    writeFileSync(join(dist, "public.js"), "exports.display = { raw() { throw new Error('not a kernel: nothing may be sent'); } };\n");
    require(join(dist, "jupyter.js"));
    try {
      assert.equal(withEnvironment(underTest, () => plot.showMode()), "validate");
      display.html("<b>nothing</b>"); // would throw if it reached public.js
    } finally {
      delete require.cache[join(dist, "jupyter.js")];
    }
    inKernel(() => assert.equal(plot.showMode(), "kernel"));
  });
});

describe("display: one output of the given MIME type in a kernel, nothing elsewhere", () => {
  it("sends HTML, SVG and Markdown as their MIME types", () => {
    const calls = inKernel((k) => {
      display.html("<b>x</b>");
      display.svg("<svg/>");
      display.markdown("*m*");
      return k.calls;
    });
    assert.deepEqual(calls, [["text/html", "<b>x</b>"], ["image/svg+xml", "<svg/>"], ["text/markdown", "*m*"]]);
    withEnvironment(script, (out) => {
      display.html("<b>x</b>");
      assert.deepEqual(out, { log: [], stderr: [] });
    });
  });
});

describe("result: the scoreboard line", () => {
  it("in a kernel: one HTML output, the claim and measurement escaped, the result as script-safe JSON", () => {
    const r = { claim: "t·L < 1 & more", measured: "0.5 <ok>", pass: true };
    const calls = inKernel((k) => {
      assert.equal(result(r), r, "returned unchanged");
      result({ claim: "c", measured: "m", pass: false });
      return k.calls;
    });
    assert.deepEqual(calls, [
      ["html", `<div class="landscape-result" data-pass="true"><strong>✔ pass</strong> — t·L &#60; 1 &#38; more <em>measured: 0.5 &#60;ok&#62;</em></div><script type="${RESULT_MIME}">{"claim":"t·L \\u003c 1 & more","measured":"0.5 \\u003cok>","pass":true}</script>`],
      ["html", `<div class="landscape-result" data-pass="false"><strong>✘ fail</strong> — c <em>measured: m</em></div><script type="${RESULT_MIME}">{"claim":"c","measured":"m","pass":false}</script>`],
    ]);
    assert.equal(RESULT_MIME, "application/vnd.landscape.result+json");
  });

  it("from a script: one printed line; under node --test or LANDSCAPE_SHOW=validate: nothing", () => {
    const printed = withEnvironment(script, (out) => {
      result({ claim: "c", measured: "1", pass: true });
      result({ claim: "d", measured: "2", pass: false });
      return out.log;
    });
    assert.deepEqual(printed, ["✔ pass: c (measured: 1)", "✘ fail: d (measured: 2)"]);
    for (const environment of [underTest, { LANDSCAPE_SHOW: "validate" }]) {
      assert.deepEqual(withEnvironment(environment, (out) => (result({ claim: "c", measured: "1", pass: true }), out.log)), [], JSON.stringify(environment));
    }
    assert.deepEqual(withEnvironment({ LANDSCAPE_SHOW: "page" }, (out) => (result({ claim: "c", measured: "1", pass: true }), out.log)), ["✔ pass: c (measured: 1)"]);
  });

  it("names the field that is wrong", () => {
    assert.throws(() => result(undefined as never), /^Error: result\.claim must be a non-empty string$/);
    assert.throws(() => result({ claim: "", measured: "1", pass: true }), /^Error: result\.claim must be a non-empty string$/);
    assert.throws(() => result({ claim: 3, measured: "1", pass: true } as never), /result\.claim must be a non-empty string/);
    assert.throws(() => result({ claim: "c", measured: 1, pass: true } as never), /^Error: result\.measured must be a string$/);
    assert.throws(() => result({ claim: "c", measured: "1", pass: "yes" } as never), /^Error: result\.pass must be a boolean$/);
  });
});

describe("progress: one line, redrawn at most every 200 ms", () => {
  it("in a kernel: a display entry with its own id, updated in place, carrying the progress MIME type", () => {
    const { bundles, stderr } = withEnvironment({ ...underTest, tty: true }, (out) =>
      withClock((clock) =>
        inKernel((k) => {
          const p = experiment.progress(3, "runs");
          clock.now += 199;
          p.tick(); // 199 ms after the first line: not redrawn
          clock.now += 1;
          p.tick(); // 200 ms: redrawn
          clock.now += 60;
          p.done();
          return { bundles: k.bundles, stderr: out.stderr };
        }),
      ),
    );
    assert.deepEqual(stderr, [], "nothing on stderr in a kernel");
    const id = bundles[0].message.transient.display_id as string;
    assert.match(id, /^[0-9a-f]{16}$/);
    const line = (text: string, count: number) => ({ message: { data: { "text/plain": text, [experiment.PROGRESS_MIME]: { label: "runs", count, total: 3 } }, metadata: {}, transient: { display_id: id } } });
    assert.deepEqual(bundles, [
      { ...line("runs: 0/3 (0%) 0.0 s", 0), update: false },
      { ...line("runs: 2/3 (67%) 0.2 s", 2), update: true },
      { ...line("runs: 2/3 (67%) 0.3 s", 2), update: true },
    ]);
    assert.equal(experiment.PROGRESS_MIME, "application/vnd.landscape.progress+json");
  });

  it("the default label, a total of 0, and a new id per indicator", () => {
    const bundles = withClock(() => inKernel((k) => {
      experiment.progress(0).done();
      experiment.progress(2);
      return k.bundles;
    }));
    assert.deepEqual(bundles.map((b) => b.message.data["text/plain"]), ["progress: 0/0 (0%) 0.0 s", "progress: 0/0 (0%) 0.0 s", "progress: 0/2 (0%) 0.0 s"]);
    assert.notEqual(bundles[0].message.transient.display_id, bundles[2].message.transient.display_id);
  });

  it("in a terminal: the line on stderr after a carriage return, a newline when done; elsewhere nothing", () => {
    const written = withEnvironment({ tty: true }, (out) =>
      withClock((clock) => {
        const p = experiment.progress(2, "t");
        clock.now += 150;
        p.tick();
        clock.now += 150;
        p.tick();
        p.done();
        return out.stderr;
      }),
    );
    assert.deepEqual(written, ["\rt: 0/2 (0%) 0.0 s", "\rt: 2/2 (100%) 0.3 s", "\rt: 2/2 (100%) 0.3 s", "\n"]);
    const silent = withEnvironment({ tty: false }, (out) => {
      const p = experiment.progress(2, "t");
      p.tick();
      p.done();
      return [...out.stderr, ...out.log];
    });
    assert.deepEqual(silent, []);
  });
});

describe("table: an HTML table in a kernel, text from a script, nothing under tests", () => {
  const records = [{ k: 6, fraction: 0.04, method: "GD" }, { k: 12, fraction: 0.555, method: "<GD>" }];
  const options = { columns: { k: "k", fraction: "fraction" }, caption: "a <caption>" };

  it("in a kernel: one output with the HTML table and its text", () => {
    const bundles = inKernel((k) => (table(records, options), k.bundles));
    assert.deepEqual(bundles, [{ message: { data: { "text/html": tableHtml(records, options), "text/plain": tableText(records, options) }, metadata: {}, transient: {} }, update: false }]);
    assert.equal(tableHtml(records, options), '<table class="landscape-table"><caption>a &#60;caption&#62;</caption><thead><tr><th class="num">k</th><th class="num">fraction</th></tr></thead><tbody><tr><td class="num">6</td><td class="num">0.04</td></tr><tr><td class="num">12</td><td class="num">0.555</td></tr></tbody></table>');
  });

  it("from a script: the text printed, with its caption; under tests nothing", () => {
    assert.deepEqual(withEnvironment(script, (out) => (table(records, options), out.log)), [["a <caption>", " k  fraction", "──  ────────", " 6      0.04", "12     0.555"].join("\n")]);
    assert.deepEqual(withEnvironment({ LANDSCAPE_SHOW: "validate" }, (out) => (table(records), out.log)), []);
    assert.deepEqual(withEnvironment(underTest, (out) => (table(records), out.log)), []);
  });

  it("pads text columns on the right and trims the line's end; a column with a missing value stays numeric", () => {
    const text = tableText([{ name: "a", v: 1 }, { name: "bbb", v: undefined }, { name: "cc", v: 22 }]);
    assert.equal(text, ["name   v", "────  ──", "a      1", "bbb    —", "cc    22"].join("\n"));
    assert.throws(() => tableText([{ a: 1 }, null as never]), /records must be a non-empty array of objects/);
    assert.throws(() => tableText("x" as never), /records must be a non-empty array of objects/);
  });

  it("formats numbers to 4 significant digits, in exponent form below 1e-3 and from 1e6 on", () => {
    const cases: [unknown, string][] = [
      [3, "3"], [-7, "-7"], [0, "0"], [NaN, "NaN"], [Infinity, "Infinity"], [0.123456, "0.1235"], [123.456, "123.5"],
      [0.001, "0.001"], [0.000999, "9.990e-4"], [-0.000999, "-9.990e-4"], [999999.5, "1000000"], [1000000.5, "1.000e+6"], [-2e7 - 0.5, "-2.000e+7"],
      [true, "yes"], [false, "no"], [[1, 0.5], "(1, 0.5)"], [Float64Array.of(2, 1e-9), "(2, 1.000e-9)"], [undefined, "—"], [null, "—"], ["text", "text"],
    ];
    for (const [value, text] of cases) assert.equal(formatValue(value), text, String(value));
  });
});

describe("show: a figure inline in a kernel, as a page from a script, validated under tests", () => {
  it("in a kernel: plotly.js once per kernel, then one output per figure with plotly's JSON, HTML and text", () => {
    const first = inKernel((k) => {
      show(figure());
      show(figure());
      return k;
    });
    assert.deepEqual(first.calls, [["html", plot.plotlyLoader()]], "plotly.js sent before the first figure only");
    assert.equal(first.bundles.length, 2);
    for (const b of first.bundles) {
      assert.deepEqual(Object.keys(b.message.data), [plot.PLOTLY_MIME, "text/html", "text/plain"]);
      assert.deepEqual(b.message.data[plot.PLOTLY_MIME], { data: figure().data, layout: figure().layout });
      assert.deepEqual([b.message.transient, b.update], [{}, false]);
    }
    const second = inKernel((k) => {
      show(figure());
      show.loadPlotly(); // after a page reload: sent again on request
      return k.calls.map(([kind]) => kind);
    });
    assert.deepEqual(second, ["html", "html"], "a new kernel gets plotly.js again");
    withEnvironment(script, (out) => {
      show.loadPlotly(); // no kernel: nothing
      assert.deepEqual(out, { log: [], stderr: [] });
    });
  });

  it("from a script: a self-contained page in the temp folder, named by its hash, its path printed and returned", () => {
    const { path, log } = withEnvironment(script, (out) => ({ path: show(figure()), log: out.log }));
    assert.ok(path, "a path");
    assert.match(path, new RegExp(`^${join(tmpdir(), "landscape-figures").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/[0-9a-f]{16}\\.html$`));
    const page = readFileSync(path, "utf8");
    assert.equal(createHash("sha256").update(page).digest("hex").slice(0, 16), path.slice(-21, -5));
    assert.ok(page.startsWith("<!doctype html>") && page.includes(plot.plotlyLoader()) && page.includes('"name":"1/t"'));
    assert.deepEqual(log, [`figure written to ${path}`]);
  });

  it("the mode: kernel, else validate under node --test or LANDSCAPE_SHOW=validate, else page", () => {
    assert.equal(withEnvironment(script, () => plot.showMode()), "page");
    assert.equal(withEnvironment({ LANDSCAPE_SHOW: "page" }, () => plot.showMode()), "page");
    assert.equal(withEnvironment({ LANDSCAPE_SHOW: "validate" }, () => plot.showMode()), "validate");
    assert.equal(withEnvironment(underTest, () => plot.showMode()), "validate");
    assert.equal(withEnvironment(underTest, () => inKernel(() => plot.showMode())), "kernel");
    assert.equal(withEnvironment(underTest, () => show(figure())), undefined);
    assert.throws(() => withEnvironment(script, () => show({ data: [], layout: {} })), /figure\.data must be a non-empty array/);
  });
});

/** A figure's HTML run as a page would: its script in node:vm, with a document holding (or not yet) its plot area. */
function runInPage(html: string, options: { plotly: boolean; attachAfter?: number }) {
  const id = /id="(landscape-figure-[0-9a-f]+)"/.exec(html)![1];
  const code = /<script type="text\/javascript">([\s\S]*)<\/script>$/.exec(html)![1];
  const div = { textContent: plot.NO_SCRIPT_MESSAGE };
  const drawn: unknown[][] = [];
  const timers: (() => void)[] = [];
  let lookups = 0;
  const page: Record<string, unknown> = {
    document: { getElementById: (wanted: string) => (lookups++, wanted === id && lookups > (options.attachAfter ?? 0) ? div : null) },
    setTimeout: (f: () => void, ms: number) => (assert.equal(ms, 50), timers.push(f)),
  };
  page.window = page;
  if (options.plotly) page.Plotly = { newPlot: (...args: unknown[]) => drawn.push(args) };
  vm.runInNewContext(code, page);
  for (let i = 0; i < timers.length; i++) timers[i]();
  return { div, drawn, lookups, page };
}

describe("a figure's HTML in a page", () => {
  const fig = figure();

  it("draws into its own plot area with the page's plotly.js, clearing the message", () => {
    const html = plot.figureHtml(fig, "landscape-figure-00112233aabbccdd");
    assert.ok(html.startsWith(`<div class="landscape-figure" id="landscape-figure-00112233aabbccdd" style="width:100%;min-height:420px">${plot.NO_SCRIPT_MESSAGE}</div>\n<script type="text/javascript">`));
    const { div, drawn } = runInPage(html, { plotly: true });
    assert.equal(div.textContent, "");
    assert.equal(drawn.length, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(drawn[0].slice(1))), [fig.data, fig.layout, { responsive: true, displaylogo: false }]);
    assert.equal(drawn[0][0], div);
    assert.match(plot.figureHtml(plot.lineFigure([{ y: [1, 2] }], { height: 300 })), /min-height:300px/);
  });

  it("retries every 50 ms while its plot area is not attached, 100 lookups at most", () => {
    const late = runInPage(plot.figureHtml(fig), { plotly: true, attachAfter: 5 });
    assert.deepEqual([late.lookups, late.drawn.length], [6, 1]);
    const never = runInPage(plot.figureHtml(fig), { plotly: true, attachAfter: Infinity });
    assert.deepEqual([never.lookups, never.drawn.length], [100, 0]);
  });

  it("without plotly.js in the page: says so, waits, and is drawn by the loader", () => {
    const { div, drawn, page } = runInPage(plot.figureHtml(fig), { plotly: false });
    assert.equal(drawn.length, 0);
    assert.equal(div.textContent, "plotly.js is not loaded in this page (it is sent with the first figure of a kernel session): run show.loadPlotly() in a cell.");
    assert.equal((page.landscapePending as unknown[]).length, 1);
    // The loader, with plotly.js already defined (its own source is not run here): draws what waited, and empties the queue.
    page.Plotly = { newPlot: (...args: unknown[]) => drawn.push(args) };
    const loader = plot.plotlyLoader();
    assert.ok(loader.startsWith('<script data-landscape="plotly-loader">if (!window.Plotly) {\n') && loader.endsWith("\n}\n(window.landscapePending || []).splice(0).forEach(function (draw) { draw(); });</script>"));
    vm.runInNewContext(/^<script[^>]*>([\s\S]*)<\/script>$/.exec(loader)![1], page);
    assert.deepEqual([drawn.length, div.textContent, (page.landscapePending as unknown[]).length], [1, "", 0]);
    vm.runInNewContext(/^<script[^>]*>([\s\S]*)<\/script>$/.exec(loader)![1], { window: { Plotly: {} } }); // no queue: nothing to draw
  });
});

describe("a figure's other forms", () => {
  it("JSON safe inside a script: <, U+2028 and U+2029 escaped, a replacer applied, a value JSON cannot hold refused", () => {
    const text = "a</script>\u2028b\u2029";
    assert.equal(plot.scriptSafeJson(text), '"a\\u003c/script>\\u2028b\\u2029"');
    assert.equal(JSON.parse(plot.scriptSafeJson(text)), text);
    assert.equal(plot.scriptSafeJson({ a: 1, b: 2 }, (key, value) => (key === "b" ? undefined : value)), '{"a":1}');
    assert.throws(() => plot.scriptSafeJson(undefined), /^Error: value must be JSON-serializable, got undefined$/);
    assert.throws(() => plot.scriptSafeJson(() => 1), /got function/);
  });

  it("plotly.js from the npm package, with no </script inside", () => {
    const source = plot.plotlySource();
    assert.ok(source.length > 1e6 && /Plotly/.test(source));
    assert.doesNotMatch(source, /<\/script/i);
  });

  it("the text form names the title and counts the traces", () => {
    assert.equal(plot.figureText(figure()), `<figure: rate, 1 trace; ${plot.NO_SCRIPT_MESSAGE}>`);
    assert.equal(plot.figureText(plot.lineFigure([{ y: [1] }, { y: [2] }])), `<figure, 2 traces; ${plot.NO_SCRIPT_MESSAGE}>`);
    assert.match(plot.NO_SCRIPT_MESSAGE, /^This figure is drawn by plotly\.js, which this page did not run: re-run the cell in a trusted notebook/);
  });

  it("a page: its title escaped, plotly.js in its head, the figure in its body", () => {
    const page = plot.figurePage(figure(), `a<b & "c"`);
    assert.ok(page.startsWith(`<!doctype html>\n<html><head><meta charset="utf-8"><title>a&#60;b &#38; &#34;c&#34;</title>\n${plot.plotlyLoader()}\n</head>\n<body>\n<div class="landscape-figure"`));
    assert.ok(page.endsWith("</script>\n</body></html>\n"));
    assert.match(plot.figurePage(figure()), /<title>landscape figure<\/title>/);
    assert.throws(() => plot.figurePage(figure(), 3 as never), /^Error: title must be a string, got number$/);
  });

  it("every form validates its figure first", () => {
    const bad = { data: [{ y: [1, NaN] }], layout: {} } as never;
    for (const form of [plot.figureHtml, plot.figureText, plot.figureBundle, plot.figurePage, show] as ((f: never) => unknown)[]) {
      assert.throws(() => form(bad), /figure\.data\[0\]\.y\[1\] is NaN/);
    }
  });
});

describe("validateFigure names the trace and the coordinate", () => {
  const check = (fig: unknown) => () => plot.validateFigure(fig as never);
  it("a figure with no traces, a coordinate that is not an array, a trace with no points", () => {
    assert.throws(check(null), /^Error: figure\.data must be a non-empty array of traces$/);
    assert.throws(check({ data: "x", layout: {} }), /figure\.data must be a non-empty array of traces/);
    assert.throws(check({ data: [{ x: 3 }], layout: {} }), /^Error: figure\.data\[0\]\.x must be an array$/);
    assert.throws(check({ data: [{ y: [1] }, { name: "b", y: [] }], layout: {} }), /^Error: figure\.data\[1\] \(b\) has no points$/);
    assert.throws(check({ data: [{ z: [[], []] }], layout: {} }), /^Error: figure\.data\[0\] has no points$/);
    plot.validateFigure({ data: [{ z: [[1, 2], [3, 4]] }], layout: {} } as never);
    plot.validateFigure({ data: [{ x: ["a", "b"] }], layout: {} } as never);
  });

  it("NaN and ±∞ in nested arrays and typed arrays, with their indices", () => {
    assert.throws(check({ data: [{ z: [[1, 2], [3, NaN]] }], layout: {} }), /^Error: figure\.data\[0\]\.z\[1\]\[1\] is NaN: a figure may not hold NaN or infinite values$/);
    assert.throws(check({ data: [{ y: [1], x: Float64Array.of(0, -Infinity) }], layout: {} }), /figure\.data\[0\]\.x\[1\] is -Infinity/);
  });

  it("non-positive values on the log axis the trace is drawn on (xaxis: \"x2\" → layout.xaxis2)", () => {
    const onSecond = (layout: object) => ({ data: [{ x: [1, -1], y: [1, 2], xaxis: "x2", yaxis: "y2" }], layout });
    assert.throws(check(onSecond({ xaxis2: { type: "log" } })), /^Error: figure\.data\[0\]\.x\[1\] = -1 cannot be drawn on the log xaxis2$/);
    plot.validateFigure(onSecond({ xaxis: { type: "log" } }) as never); // its axis is xaxis2, which is linear
    assert.throws(check({ data: [{ y: [2, 0] }], layout: { yaxis: { type: "log" } } }), /y\[1\] = 0 cannot be drawn on the log yaxis/);
    plot.validateFigure({ data: [{ y: [2, 0] }], layout: { yaxis: { type: "linear" } } } as never);
  });
});

describe("what the first run of the presentation modules left open", () => {
  it("formats integers as they are, at any size", () => {
    assert.deepEqual([12345, 2_000_000, -7_654_321].map(formatValue), ["12345", "2000000", "-7654321"]);
  });

  it("tables: a column some records lack, a column mixing numbers and text (left-aligned), records that are not objects, null options", () => {
    const html = tableHtml([{ a: 1, b: "x" }, { a: 2, b: 3, c: 4 }], { columns: ["a", "b", "c"] });
    assert.equal(html, '<table class="landscape-table"><thead><tr><th class="num">a</th><th>b</th><th class="num">c</th></tr></thead><tbody><tr><td class="num">1</td><td>x</td><td class="num">—</td></tr><tr><td class="num">2</td><td>3</td><td class="num">4</td></tr></tbody></table>');
    assert.throws(() => tableText([1] as never), /^Error: records must be a non-empty array of objects$/);
    assert.throws(() => tableText([{ a: 1 }], null as never), /^Error: options must be an object/);
  });

  it("a gap (null) in a trace on a log axis is not a non-positive value", () => {
    plot.validateFigure({ data: [{ y: [1, null, 10] }], layout: { yaxis: { type: "log" } } } as never);
  });
});

describe("kernel detection: only tslab's own jupyter.js, and a bundle outside a kernel", () => {
  it("a module whose path only begins like tslab's jupyter.js is not a kernel", () => {
    const dist = fakeTslabDist();
    const decoy = join(dist, "jupyter.js.old.js");
    writeFileSync(decoy, "exports.lastWriteDisplayData = () => {};\n");
    require(decoy);
    try {
      assert.equal(withEnvironment(underTest, () => plot.showMode()), "validate");
    } finally {
      delete require.cache[decoy];
    }
  });

  it("displayBundle outside a kernel does nothing", () => {
    withEnvironment(script, (out) => {
      displayBundle({ "text/plain": "x" });
      displayBundle({ "text/plain": "x" }, { id: "abc", update: true });
      assert.deepEqual(out, { log: [], stderr: [] });
    });
  });
});

describe("sweep's and parallelSweep's progress line: on by default, labelled 'sweep', counting every run", () => {
  it("sweep: in a terminal the line counts settings × seeds, and ends with a newline, also when a run throws", () => {
    const written = withEnvironment({ tty: true }, (out) =>
      withClock(() => {
        experiment.sweep({ a: [1, 2] }, [0, 1, 2], () => ({}));
        return out.stderr;
      }),
    );
    assert.deepEqual([written[0], written.at(-2), written.at(-1)], ["\rsweep: 0/6 (0%) 0.0 s", "\rsweep: 6/6 (100%) 0.0 s", "\n"]);
    const failed = withEnvironment({ tty: true }, (out) =>
      withClock(() => {
        assert.throws(() => experiment.sweep({ a: [1] }, [0, 1], (_s, r) => { if (r.uniform(0, 1) >= 0) throw new Error("no"); return {}; }, { label: "runs" }), /run failed/);
        return out.stderr;
      }),
    );
    assert.deepEqual(failed, ["\rruns: 0/2 (0%) 0.0 s", "\rruns: 0/2 (0%) 0.0 s", "\n"], "the line is closed before the error");
    assert.deepEqual(withEnvironment({ tty: true }, (out) => (experiment.sweep({ a: [1] }, [0], () => ({}), { progress: false }), out.stderr)), []);
  });

  it("parallelSweep: the same line, counting the runs of every worker", async () => {
    const written = await withEnvironment({ tty: true }, async (out) => {
      await experiment.parallelSweep({ a: [1, 2] }, [0, 1], { module: join(__dirname, "fixtures", "sweep-runs.ts"), export: "uniformDraw" }, { workers: 2 });
      return out.stderr;
    });
    assert.match(written[0], /^\rsweep: 0\/4 \(0%\) /);
    assert.match(written.at(-2) ?? "", /^\rsweep: 4\/4 \(100%\) /);
    assert.equal(written.at(-1), "\n");
  });
});
