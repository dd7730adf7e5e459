import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gd, objectives, plot, show, table, tableHtml, tableText } from "landscape";

const f = objectives.strictSaddle();

describe("figure builders", () => {
  it("build valid figures for lines on log axes, scatter, histogram, heatmap, contour and small multiples", () => {
    const t = Array.from({ length: 50 }, (_, i) => i + 1);
    const lines = plot.lineFigure([{ name: "1/t", x: t, y: t.map((v) => 1 / v) }], { logX: true, logY: true, title: "rate" });
    assert.equal((lines.layout.xaxis as { type?: string }).type, "log");
    const trace = gd(f, Float64Array.of(1.5, 0.05), { stepSize: 0.2, maxIterations: 200, recordEvery: 1 });
    const contour = plot.contourFigure((x, y) => f.value(Float64Array.of(x, y)), [-2, 2], [-1.5, 1.5], {
      resolution: 30,
      trajectories: [{ name: "GD", points: trace.history.x }],
      marks: [{ name: "critical points", points: [[0, 0], [0, 1], [0, -1]] }],
    });
    assert.equal(contour.data.length, 3);
    assert.equal((contour.data[0].z as number[][]).length, 30);
    const figures = [
      lines,
      plot.scatterFigure([{ y: [1, 2, 3] }]),
      plot.histogramFigure([{ values: [1, 2, 2, 3] }], { bins: 3 }),
      plot.heatmapFigure([[1, 2], [3, 4]], [0, 1], [0, 1]),
      contour,
    ];
    for (const fig of figures) plot.validateFigure(fig);
    const grid = plot.smallMultiples(figures, { columns: 2 });
    plot.validateFigure(grid);
    assert.deepEqual((grid.layout as { grid: unknown }).grid, { rows: 3, columns: 2, pattern: "independent" });
    assert.equal(grid.data[grid.data.length - 1].xaxis, "x5");
    assert.equal(((grid.layout as Record<string, { type?: string }>).yaxis).type, "log");
  });

  it("rejects figures with no trace, an empty trace, NaN, or non-positive values on a log axis", () => {
    assert.throws(() => plot.validateFigure({ data: [], layout: {} }), /non-empty array of traces/);
    assert.throws(() => plot.validateFigure(plot.lineFigure([{ name: "empty", y: [] }])), /\(empty\) has no points/);
    assert.throws(() => plot.validateFigure(plot.lineFigure([{ y: [1, NaN] }])), /y\[1\] is NaN/);
    assert.throws(() => plot.validateFigure(plot.lineFigure([{ y: [1, 0] }], { logY: true })), /y\[1\] = 0 cannot be drawn on the log yaxis/);
    assert.throws(() => show(plot.heatmapFigure([[1, Infinity]], [0, 1], [0])), /is Infinity/);
  });

  it("only validates under tests, and embeds a figure's JSON in HTML safely", () => {
    assert.equal(plot.showMode(), "validate");
    assert.equal(show(plot.lineFigure([{ y: [1, 2] }])), undefined);
    const html = plot.figureHtml(plot.lineFigure([{ name: "</script><b>x</b>", y: [1, 2] }]), "landscape-figure-0123456789abcdef");
    assert.ok(!html.includes("</script><b>"));
    const json = html.match(/figure = (\{.*?\}), tries = 0;/s)![1];
    assert.equal(JSON.parse(json).data[0].name, "</script><b>x</b>", "the figure's JSON is valid JSON, safe inside the script");
    assert.ok(html.includes('id="landscape-figure-0123456789abcdef"') && html.includes(`var id = "landscape-figure-0123456789abcdef"`), "the plot area is found by its id");
    assert.notEqual(plot.figureHtml(plot.lineFigure([{ y: [1] }])), plot.figureHtml(plot.lineFigure([{ y: [1] }])), "each plot area gets its own id");
    const bundle = plot.figureBundle(plot.lineFigure([{ y: [1, 2] }], { title: "t" }));
    assert.deepEqual(Object.keys(bundle), ["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
    assert.match(String(bundle["text/plain"]), /^<figure: t, 1 trace; This figure is drawn by plotly\.js/);
    const page = plot.figurePage(plot.lineFigure([{ y: [1, 2] }]));
    assert.ok(page.includes("window.Plotly = Plotly") && !/src="https?:/.test(page), "plotly.js embedded, nothing from the network");
  });
});

describe("tables", () => {
  const records = [
    { method: "GD", d: 5, time: 0.123456, ok: true, at: Float64Array.of(1, -0.5) },
    { method: "<b>SGD</b>", d: 10, time: 2.5e-7, ok: false, at: Float64Array.of(0, 2) },
  ];
  it("writes an HTML table with headings, escaped cells, numbers right-aligned and formatted, no index column", () => {
    const html = tableHtml(records, { columns: { method: "method", d: "dimension d", time: "time (s)" } });
    assert.equal(html, '<table class="landscape-table"><thead><tr><th>method</th><th class="num">dimension d</th><th class="num">time (s)</th></tr></thead>' +
      '<tbody><tr><td>GD</td><td class="num">5</td><td class="num">0.1235</td></tr><tr><td>&#60;b&#62;SGD&#60;/b&#62;</td><td class="num">10</td><td class="num">2.500e-7</td></tr></tbody></table>');
  });
  it("writes the same table as plain text, with per-column formats (table() prints nothing under tests and returns nothing)", () => {
    assert.equal(table(records), undefined);
    const text = tableText(records, { columns: ["method", "ok", "at", "time"], format: { time: (v) => `${(v as number) * 1e3} ms` } });
    assert.equal(text, ["method      ok   at               time", "──────────  ───  ─────────  ──────────", "GD          yes  (1, -0.5)  123.456 ms", "<b>SGD</b>  no   (0, 2)     0.00025 ms"].join("\n"));
    assert.throws(() => table([]), /records must be a non-empty array/);
    assert.throws(() => table(records, { columns: ["nope"] }), /no record has the key "nope"/);
  });
});

describe("figure conventions", () => {
  it("draws measured data as markers and fits as dashed lines", () => {
    const fig = plot.lineFigure([{ name: "data", kind: "measured", y: [1, 2] }, { name: "fit", kind: "fit", y: [1, 2] }, { name: "curve", y: [1, 2] }]);
    assert.deepEqual(fig.data.map((t) => [t.mode, (t as { line?: { dash?: string } }).line?.dash]), [["markers", undefined], ["lines", "dash"], ["lines", undefined]]);
  });
  it("ticks log axes at powers of ten, labelled 10^k", () => {
    const fig = plot.lineFigure([{ x: [1, 10, 1000], y: [3e-8, 1e-3, 0.5] }], { logX: true, logY: true });
    assert.deepEqual(fig.layout.xaxis, { title: { text: "" }, type: "log", tickvals: [1, 10, 100, 1000], ticktext: ["1", "10", "10<sup>2</sup>", "10<sup>3</sup>"] });
    assert.deepEqual((fig.layout.yaxis as { tickvals: number[] }).tickvals, [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
    assert.deepEqual(plot.decadeTicks(Array.from({ length: 40 }, (_, k) => 10 ** -k))?.tickvals.length, 8, "every 5th decade over 39 decades");
    assert.equal(plot.decadeTicks([2, 5]), undefined, "within a decade plotly's own ticks");
  });
  it("puts the legend of small multiples below the panels, clear of a colour bar", () => {
    const fig = plot.smallMultiples([plot.heatmapFigure([[1, 2]], [0, 1], [0]), plot.lineFigure([{ name: "a", y: [1, 2] }])], { height: 400 });
    const legend = fig.layout.legend as { orientation: string; y: number; yanchor: string };
    assert.equal(legend.orientation, "h");
    assert.ok(legend.y < 0 && legend.yanchor === "top");
  });
});
