// The figure builders of lib/src/plot/builders.ts, pinned field by field: the traces and layouts
// each builder writes (types, modes, names, copied arrays, axis titles, log axes and their decade
// ticks, margins, heights), the points of linspace and logspace (endpoints, spacing, the two
// overflow-safe formulas), the grid, legend, colours and panel titles of smallMultiples, and the
// message of every argument check (naming the argument, saying what was expected and what was
// given). Written for `npm run mutate`: test/plot.test.ts only checks that the figures are valid.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { plot } from "landscape";
import { throwsExactly } from "./helpers/assertions";

type Trace = Record<string, unknown>;
type AnyLayout = Record<string, unknown>;
const traces = (fig: plot.Figure) => fig.data as unknown as Trace[];
const layoutOf = (fig: plot.Figure) => fig.layout as unknown as AnyLayout;

/** The layout of a 2-D builder with no title, labels, size or log axes. */
const PLAIN_LAYOUT = { xaxis: { title: { text: "" } }, yaxis: { title: { text: "" } }, height: 420, margin: { t: 20, r: 20, b: 50, l: 60 } };

describe("decadeTicks", () => {
  it("ticks every power of ten between the smallest and the largest value, 1 and 10 written as they are", () => {
    // log10 spans [log10 0.05, log10 20] = [−1.30, 1.30]: the decades 10⁻² … 10² that cover it.
    assert.deepEqual(plot.decadeTicks([0.05, 20]), {
      tickvals: [0.01, 0.1, 1, 10, 100],
      ticktext: ["10<sup>-2</sup>", "10<sup>-1</sup>", "1", "10", "10<sup>2</sup>"],
    });
    // every ⌈39/8⌉ = 5th decade from 10⁻³⁹ on: 8 ticks, the last at 10⁻⁴.
    assert.deepEqual(plot.decadeTicks(Array.from({ length: 40 }, (_, k) => 10 ** -k))?.tickvals, [1e-39, 1e-34, 1e-29, 1e-24, 1e-19, 1e-14, 1e-9, 1e-4]);
    assert.deepEqual(plot.decadeTicks(Float64Array.of(3, 3000) as never), { tickvals: [1, 10, 100, 1000, 10000], ticktext: ["1", "10", "10<sup>2</sup>", "10<sup>3</sup>", "10<sup>4</sup>"] });
  });

  it("ticks a span of exactly one decade (hi − lo = 1 is not < 1), and leaves a span under one decade to plotly", () => {
    assert.deepEqual(plot.decadeTicks([1, 10]), { tickvals: [1, 10], ticktext: ["1", "10"] });
    assert.deepEqual(plot.decadeTicks([100, 10, 100]), { tickvals: [10, 100], ticktext: ["10", "10<sup>2</sup>"] });
    assert.equal(plot.decadeTicks([1, 9.99]), undefined);
    assert.equal(plot.decadeTicks([5, 5, 5]), undefined);
  });

  it("ignores zero, negative, NaN and infinite values (they have no place on a log axis)", () => {
    // Zero first: log10(0) = −∞ would make lo = −∞ if it were kept.
    assert.deepEqual(plot.decadeTicks([0, 1, 100]), { tickvals: [1, 10, 100], ticktext: ["1", "10", "10<sup>2</sup>"] });
    assert.deepEqual(plot.decadeTicks([-5, 0, 1, 100, -0.5]), { tickvals: [1, 10, 100], ticktext: ["1", "10", "10<sup>2</sup>"] });
    assert.deepEqual(plot.decadeTicks([NaN, 1, -Infinity, 100]), { tickvals: [1, 10, 100], ticktext: ["1", "10", "10<sup>2</sup>"] });
    // +∞ after the zero cases: a filter that kept it would tick up to 10^∞ and never stop.
    assert.deepEqual(plot.decadeTicks([1, Infinity, 100]), { tickvals: [1, 10, 100], ticktext: ["1", "10", "10<sup>2</sup>"] });
    assert.equal(plot.decadeTicks([0, -1, NaN]), undefined, "no positive value: no ticks");
    assert.equal(plot.decadeTicks([]), undefined);
  });

  it("rejects values that are not an array, naming them", () => {
    throwsExactly(() => plot.decadeTicks("1 10" as never), "values must be an array of numbers, got string");
    throwsExactly(() => plot.decadeTicks(null as never), "values must be an array of numbers, got null");
  });
});

describe("lineFigure and scatterFigure: traces", () => {
  it("writes one scatter trace per series, x defaulting to 0, 1, 2, …, arrays copied into plain arrays", () => {
    const y = Float64Array.of(5, 6, 7);
    const fig = plot.lineFigure([{ name: "a", y }]);
    assert.deepEqual(traces(fig), [{ type: "scatter", mode: "lines", name: "a", x: [0, 1, 2], y: [5, 6, 7] }]);
    assert.ok(Array.isArray(traces(fig)[0].y), "a Float64Array becomes an array");
    const x = [1, 2];
    const ys = [3, 4];
    const given = plot.lineFigure([{ x, y: ys }]);
    assert.deepEqual(traces(given)[0], { type: "scatter", mode: "lines", name: undefined, x: [1, 2], y: [3, 4] });
    assert.notEqual(traces(given)[0].x, x, "x is copied, not aliased");
    assert.notEqual(traces(given)[0].y, ys, "y is copied, not aliased");
  });

  it("draws measured data as markers of size 7, a fit as a dashed line of width 2, the default as a plain line", () => {
    const fig = plot.lineFigure([{ name: "data", kind: "measured", y: [1, 2] }, { name: "fit", kind: "fit", y: [1, 2] }, { name: "curve", kind: "line", y: [1, 2] }]);
    assert.deepEqual(traces(fig), [
      { type: "scatter", mode: "markers", marker: { size: 7 }, name: "data", x: [0, 1], y: [1, 2] },
      { type: "scatter", mode: "lines", line: { dash: "dash", width: 2 }, name: "fit", x: [0, 1], y: [1, 2] },
      { type: "scatter", mode: "lines", name: "curve", x: [0, 1], y: [1, 2] },
    ]);
  });

  it("scatterFigure draws markers of size 6 by default, of markerSize when given", () => {
    assert.deepEqual(traces(plot.scatterFigure([{ name: "p", x: [1, 2], y: [3, 4] }, { y: [5] }])), [
      { type: "scatter", mode: "markers", name: "p", x: [1, 2], y: [3, 4], marker: { size: 6 } },
      { type: "scatter", mode: "markers", name: undefined, x: [0], y: [5], marker: { size: 6 } },
    ]);
    assert.deepEqual(traces(plot.scatterFigure([{ y: [5] }], { markerSize: 3 }))[0].marker, { size: 3 });
  });
});

describe("lineFigure and scatterFigure: layout", () => {
  it("writes empty axis titles, height 420 and a 20 px top margin when given nothing", () => {
    assert.deepEqual(layoutOf(plot.lineFigure([{ y: [1, 2] }])), PLAIN_LAYOUT);
  });

  it("writes the title (top margin 50), axis labels, width and height when given", () => {
    const fig = plot.scatterFigure([{ y: [1, 2] }], { title: "T", xLabel: "step", yLabel: "loss", width: 600, height: 300 });
    assert.deepEqual(layoutOf(fig), {
      title: { text: "T" }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: "loss" } }, width: 600, height: 300, margin: { t: 50, r: 20, b: 50, l: 60 },
    });
  });

  it("makes a log axis of the values of all the series, ticked at their decades", () => {
    const fig = plot.lineFigure([{ x: [1, 10], y: [0.5, 2] }, { x: [100, 1000], y: [3, 40] }], { logX: true, logY: true, xLabel: "n" });
    assert.deepEqual(layoutOf(fig).xaxis, { title: { text: "n" }, type: "log", tickvals: [1, 10, 100, 1000], ticktext: ["1", "10", "10<sup>2</sup>", "10<sup>3</sup>"] });
    // y spans [0.5, 40]: the decades 10⁻¹ … 10².
    assert.deepEqual(layoutOf(fig).yaxis, { title: { text: "" }, type: "log", tickvals: [0.1, 1, 10, 100], ticktext: ["10<sup>-1</sup>", "1", "10", "10<sup>2</sup>"] });
    // The default x (0, 1, 2, …) is what a log x axis ticks: 0 ignored, 1 … 20 spans 10⁰ … 10².
    const indexed = plot.lineFigure([{ y: Array.from({ length: 21 }, () => 1) }], { logX: true });
    assert.deepEqual((layoutOf(indexed).xaxis as { tickvals: number[] }).tickvals, [1, 10, 100]);
  });
});

describe("lineFigure and scatterFigure: argument checks", () => {
  it("rejects series that are not an array, and names the series whose x or y is not an array", () => {
    throwsExactly(() => plot.lineFigure(5 as never), "series must be an array of { x, y, name? }");
    throwsExactly(() => plot.scatterFigure({ x: [1], y: [1] } as never), "series must be an array of { x, y, name? }");
    throwsExactly(() => plot.lineFigure([{ y: [1] }, { x: 5 as never, y: [1] }]), "series[1].x must be an array of numbers, got number");
    throwsExactly(() => plot.lineFigure([{ x: null as never, y: [1] }]), "series[0].x must be an array of numbers, got null");
    throwsExactly(() => plot.scatterFigure([{ y: [1] }, { y: "12" as never }]), "series[1].y must be an array of numbers, got string");
    throwsExactly(() => plot.lineFigure([{ y: null as never }]), "series[0].y must be an array of numbers, got null");
    throwsExactly(() => plot.lineFigure([{ x: [1] } as never]), "series[0].y must be an array of numbers, got undefined");
  });

  it("names the y of a missing series (null, undefined) instead of failing on a property read", () => {
    throwsExactly(() => plot.lineFigure([null as never]), "series[0].y must be an array of numbers, got undefined");
    throwsExactly(() => plot.scatterFigure([{ y: [1] }, undefined as never]), "series[1].y must be an array of numbers, got undefined");
  });

  it("accepts typed arrays for x and y", () => {
    const fig = plot.lineFigure([{ x: Float64Array.of(1, 2), y: Float32Array.of(3, 4) }]);
    assert.deepEqual(traces(fig)[0], { type: "scatter", mode: "lines", name: undefined, x: [1, 2], y: [3, 4] });
  });

  it("rejects a DataView (a view of bytes, not of numbers: it would become an empty trace)", () => {
    throwsExactly(() => plot.lineFigure([{ y: new DataView(new ArrayBuffer(16)) as never }]), "series[0].y must be an array of numbers, got object");
  });

  it("rejects options that are not an object, naming them", () => {
    throwsExactly(() => plot.lineFigure([{ y: [1] }], 5 as never), "options must be an object of options, got 5");
    throwsExactly(() => plot.scatterFigure([{ y: [1] }], [] as never), "options must be an object of options, got an array of length 0");
  });
});

describe("histogramFigure", () => {
  it("writes one histogram trace per sample (opacity 0.6 when overlaid, nbinsx = bins), values copied", () => {
    const values = [1, 2];
    const fig = plot.histogramFigure([{ name: "u", values }, { values: Float64Array.of(3) }], { bins: 4, xLabel: "v" });
    assert.deepEqual(traces(fig), [
      { type: "histogram", name: "u", x: [1, 2], opacity: 0.6, nbinsx: 4 },
      { type: "histogram", name: undefined, x: [3], opacity: 0.6, nbinsx: 4 },
    ]);
    assert.notEqual(traces(fig)[0].x, values, "copied, not aliased");
    assert.deepEqual(layoutOf(fig), { ...PLAIN_LAYOUT, xaxis: { title: { text: "v" } }, barmode: "overlay" });
  });

  it("draws a single sample opaque and leaves the bins to plotly without `bins`", () => {
    const fig = plot.histogramFigure([{ values: [1, 2, 2] }], { title: "h" });
    assert.deepEqual(traces(fig), [{ type: "histogram", name: undefined, x: [1, 2, 2], opacity: 1 }]);
    assert.deepEqual(layoutOf(fig), { ...PLAIN_LAYOUT, title: { text: "h" }, margin: { t: 50, r: 20, b: 50, l: 60 }, barmode: "overlay" });
  });

  it("rejects options, samples and values of the wrong kind, naming them", () => {
    throwsExactly(() => plot.histogramFigure([], 5 as never), "options must be an object of options, got 5");
    throwsExactly(() => plot.histogramFigure(5 as never), "samples must be an array of { name?, values }");
    throwsExactly(() => plot.histogramFigure({ values: [1] } as never), "samples must be an array of { name?, values }");
    throwsExactly(() => plot.histogramFigure([{ values: [1] }, { values: 5 as never }]), "samples[1].values must be an array of numbers, got number");
    throwsExactly(() => plot.histogramFigure([null as never]), "samples[0].values must be an array of numbers, got undefined");
  });
});

describe("heatmapFigure", () => {
  it("writes z as given, x and y copied into plain arrays, and the colour bar's title", () => {
    const z = [[1, 2, 3], [4, 5, 6]];
    const fig = plot.heatmapFigure(z, Float64Array.of(0, 1, 2), [10, 20], { colorbarTitle: "f", title: "T", yLabel: "y" });
    assert.deepEqual(traces(fig), [{ type: "heatmap", z, x: [0, 1, 2], y: [10, 20], colorbar: { title: { text: "f" } } }]);
    assert.ok(Array.isArray(traces(fig)[0].x));
    assert.deepEqual(layoutOf(fig), { ...PLAIN_LAYOUT, title: { text: "T" }, yaxis: { title: { text: "y" } }, margin: { t: 50, r: 20, b: 50, l: 60 } });
    assert.deepEqual(traces(plot.heatmapFigure([[1]], [0], [0]))[0].colorbar, { title: { text: "" } }, "an empty colour bar title by default");
  });

  it("rejects z, its rows, x and y when they are not arrays, naming them", () => {
    throwsExactly(() => plot.heatmapFigure([[1]], [0], [0], 5 as never), "options must be an object of options, got 5");
    throwsExactly(() => plot.heatmapFigure(5 as never, [0], [0]), "z must be an array of rows");
    throwsExactly(() => plot.heatmapFigure([[1], 5 as never], [0], [0, 1]), "z[1] must be an array of numbers, got number");
    throwsExactly(() => plot.heatmapFigure([[1]], "0" as never, [0]), "x must be an array of numbers, got string");
    throwsExactly(() => plot.heatmapFigure([[1]], [0], null as never), "y must be an array of numbers, got null");
  });

  it("rejects z unless it has one row per y and one value per x in every row", () => {
    // too few rows, rows of the right length
    throwsExactly(() => plot.heatmapFigure([[1, 2]], [0, 1], [0, 1]), "z must be 2 rows (y) of 2 values (x)");
    // the right number of rows, only the second one too long
    throwsExactly(() => plot.heatmapFigure([[1, 2], [3, 4, 5]], [0, 1], [0, 1]), "z must be 2 rows (y) of 2 values (x)");
    throwsExactly(() => plot.heatmapFigure([[1, 2, 3]], [0, 1, 2], [0, 1]), "z must be 2 rows (y) of 3 values (x)");
  });
});

describe("linspace", () => {
  it("returns a + (b − a)·i/(n − 1), i = 0 … n − 1: the double nearest each point", () => {
    assert.deepEqual(plot.linspace(0, 1, 2), [0, 1]);
    assert.deepEqual(plot.linspace(1, 3, 3), [1, 2, 3]);
    assert.deepEqual(plot.linspace(2, -2, 5), [2, 1, 0, -1, -2]);
    // Each the double nearest 1 + i/10 (a(1 − t) + bt would give 1.2000000000000002 and 1.2999999999999998).
    assert.deepEqual(plot.linspace(1, 2, 11), [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2]);
    // Each the double nearest 1 + i/5 (a(1 − t) + bt would give 1.2000000000000002).
    assert.deepEqual(plot.linspace(1, 2, 6), [1, 1.2, 1.4, 1.6, 1.8, 2]);
  });

  it("ends at b itself, as numpy does (a + (b − a) is not always b in floating point)", () => {
    // 0.3 + 0.6 = 0.9000000000000001, −1 + 1.3 = 0.30000000000000004, 0.2 + 0.8·(3/3) = 1.0000000000000002
    assert.equal(0.3 + (0.9 - 0.3), 0.9000000000000001, "the case this pins is one where the sum misses b");
    assert.deepEqual(plot.linspace(0.3, 0.9, 2), [0.3, 0.9]);
    assert.equal(plot.linspace(-1, 0.3, 3)[2], 0.3);
    assert.equal(plot.linspace(0.2, 1, 4)[3], 1);
  });

  it("repeats a when a = b", () => {
    assert.deepEqual(plot.linspace(3, 3, 4), [3, 3, 3, 3]);
  });

  it("stays finite when (b − a)·i overflows although b − a does not", () => {
    // b − a = 1.5e308 is finite, (b − a)·2 is not: the points from i = 2 on are a + (b − a)·(i/(n − 1)).
    const b = 1.5e308;
    assert.deepEqual(plot.linspace(0, b, 5), [0, b / 4, b / 2, b * 0.75, b]);
  });

  it("stays finite when b − a overflows (a, b near ∓1.8e308), with exact endpoints", () => {
    const b = 1.5e308;
    // b − a = 3e308 = ∞: a(1 − t) + bt, exact here (halves and quarters of ±1.5e308).
    assert.deepEqual(plot.linspace(-b, b, 3), [-b, 0, b]);
    assert.deepEqual(plot.linspace(-b, b, 5), [-b, -b / 2, 0, b / 2, b]);
    assert.deepEqual(plot.linspace(b, -b, 2), [b, -b]);
  });

  it("rejects a non-finite a or b and an n that is not an integer ≥ 2, naming them", () => {
    throwsExactly(() => plot.linspace(NaN, 1, 2), "a must be a finite number, got NaN");
    throwsExactly(() => plot.linspace(0, Infinity, 2), "b must be a finite number, got Infinity");
    throwsExactly(() => plot.linspace("0" as never, 1, 2), "a must be a finite number, got string");
    throwsExactly(() => plot.linspace(0, 1, 1), "n must be an integer ≥ 2, got 1");
    throwsExactly(() => plot.linspace(0, 1, 2.5), "n must be an integer ≥ 2, got 2.5");
  });
});

describe("logspace", () => {
  it("returns 10^e for the n exponents e = linspace(a, b, n)", () => {
    assert.deepEqual(plot.logspace(0, 3, 4), [1, 10, 100, 1000]);
    assert.deepEqual(plot.logspace(-2, 2, 5), [0.01, 0.1, 1, 10, 100]);
    assert.deepEqual(plot.logspace(0, 1, 3), [1, Math.sqrt(10), 10]);
    assert.deepEqual(plot.logspace(2, 2, 3), [100, 100, 100]);
  });

  it("gives the double nearest 10^k at a whole exponent k (V8's 10 ** −4 is 0.00009999999999999999)", () => {
    assert.notEqual(10 ** -4, 1e-4, "the case this pins is one where ** misses the power of ten");
    assert.deepEqual(plot.logspace(-5, 0, 6), [1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1]);
    assert.deepEqual(plot.logspace(-20, -17, 4), [1e-20, 1e-19, 1e-18, 1e-17]);
    assert.equal(plot.logspace(-4, -3, 3)[1], 10 ** -3.5, "a fractional exponent: 10 ** e");
  });

  it("accepts exponents up to ±308 (10^±308 finite and non-zero)", () => {
    assert.deepEqual(plot.logspace(308, -308, 3), [1e308, 1, 1e-308]);
    assert.deepEqual(plot.logspace(-308, 308, 2), [1e-308, 1e308]);
  });

  it("rejects exponents beyond ±308 or not finite, and an n < 2, naming them", () => {
    throwsExactly(() => plot.logspace(309, 0, 2), "a must be in [−308, 308] (10^a in the float64 range), got 309");
    throwsExactly(() => plot.logspace(0, -308.5, 2), "b must be in [−308, 308] (10^b in the float64 range), got -308.5");
    throwsExactly(() => plot.logspace(NaN, 0, 2), "a must be a finite number, got NaN");
    throwsExactly(() => plot.logspace(0, -Infinity, 2), "b must be a finite number, got -Infinity");
    throwsExactly(() => plot.logspace(0, 1, 1), "n must be an integer ≥ 2, got 1");
  });
});

describe("contourFigure", () => {
  const f = (x: number, y: number) => 10 * x + y;

  it("evaluates z[i][j] = f(x[j], y[i]) on the resolution × resolution grid, drawn as contour lines", () => {
    const fig = plot.contourFigure(f, [0, 2], [-1, 1], { resolution: 3 });
    assert.deepEqual(traces(fig), [{
      type: "contour", x: [0, 1, 2], y: [-1, 0, 1], z: [[-1, 9, 19], [0, 10, 20], [1, 11, 21]],
      ncontours: 25, colorscale: "Viridis", showscale: false, name: "f", contours: { coloring: "lines" },
    }]);
    assert.deepEqual(layoutOf(fig), { ...PLAIN_LAYOUT, xaxis: { title: { text: "" }, range: [0, 2] }, yaxis: { title: { text: "" }, range: [-1, 1] } });
  });

  it("uses an 80 × 80 grid and 25 levels by default, `levels` levels when given", () => {
    const fig = plot.contourFigure(f, [-2, 2], [0, 1], { levels: 7, xLabel: "x", title: "c" });
    const trace = traces(fig)[0] as { x: number[]; y: number[]; z: number[][]; ncontours: number };
    assert.equal(trace.x.length, 80);
    assert.deepEqual([trace.x[0], trace.x[79], trace.y[0], trace.y[79]], [-2, 2, 0, 1]);
    assert.equal(trace.z.length, 80);
    assert.ok(trace.z.every((row) => row.length === 80));
    assert.equal(trace.z[79][0], f(-2, 1));
    assert.equal(trace.ncontours, 7);
    assert.deepEqual(layoutOf(fig), { ...PLAIN_LAYOUT, title: { text: "c" }, xaxis: { title: { text: "x" }, range: [-2, 2] }, yaxis: { title: { text: "" }, range: [0, 1] }, margin: { t: 50, r: 20, b: 50, l: 60 } });
    assert.equal((traces(plot.contourFigure(f, [0, 1], [0, 1]))[0] as { ncontours: number }).ncontours, 25);
  });

  it("draws trajectories as lines with markers (the start enlarged to 9) and marks as markers of size 12 (symbol x by default)", () => {
    const fig = plot.contourFigure(f, [0, 1], [0, 1], {
      resolution: 2,
      trajectories: [{ name: "GD", points: [[0, 0], Float64Array.of(1, 1), [2, 0]] }],
      marks: [{ name: "min", points: [Float64Array.of(1, 2)] }, { name: "saddle", points: [[0, 0], [3, 4]], symbol: "star" }],
    });
    assert.deepEqual(traces(fig).slice(1), [
      { type: "scatter", mode: "lines+markers", name: "GD", x: [0, 1, 2], y: [0, 1, 0], marker: { size: [9, 4, 4] } },
      { type: "scatter", mode: "markers", name: "min", x: [1], y: [2], marker: { size: 12, symbol: "x" } },
      { type: "scatter", mode: "markers", name: "saddle", x: [0, 3], y: [0, 4], marker: { size: 12, symbol: "star" } },
    ]);
  });

  it("rejects options, f, the ranges, the resolution and the levels of the wrong kind, naming them", () => {
    throwsExactly(() => plot.contourFigure(f, [0, 1], [0, 1], 5 as never), "options must be an object of options, got 5");
    throwsExactly(() => plot.contourFigure(5 as never, [0, 1], [0, 1]), "f must be a function (x, y) => number");
    throwsExactly(() => plot.contourFigure(f, [0] as never, [0, 1]), "xRange must have length 2, got length 1");
    throwsExactly(() => plot.contourFigure(f, [0, 1], [0, NaN]), "yRange[1] must be a finite number, got NaN");
    throwsExactly(() => plot.contourFigure(f, [0, 1], [0, 1], { resolution: 1 }), "resolution must be an integer ≥ 2, got 1");
    throwsExactly(() => plot.contourFigure(f, [0, 1], [0, 1], { resolution: 2.5 }), "resolution must be an integer ≥ 2, got 2.5");
    throwsExactly(() => plot.contourFigure(f, [0, 1], [0, 1], { levels: 0 }), "levels must be an integer ≥ 1, got 0");
  });
});

describe("smallMultiples", () => {
  const BLUE = "#1f77b4", ORANGE = "#ff7f0e";
  const line = () => plot.lineFigure([{ name: "a", kind: "measured", y: [1, 2] }, { name: "b", kind: "fit", y: [2, 3] }, { y: [0, 0] }], { title: "P1", yLabel: "loss", logY: true });
  const contour = () => plot.contourFigure((x, y) => x + y, [0, 1], [0, 1], { resolution: 2 });
  const histogram = () => plot.histogramFigure([{ name: "a", values: [1, 2] }], { title: "P3" });
  const heatmap = () => {
    const fig = plot.heatmapFigure([[1, 2]], [0, 1], [0]);
    return { ...fig, data: [{ ...fig.data[0], name: "h" }] } as plot.Figure;
  };

  it("puts each panel's traces on its own axes, colouring a series name alike in every panel with one legend entry", () => {
    const panels = [line(), contour(), histogram(), heatmap()];
    const fig = plot.smallMultiples(panels);
    const [p1, p2, p3, p4] = panels.map(traces);
    assert.deepEqual(traces(fig), [
      { ...p1[0], xaxis: "x", yaxis: "y", legendgroup: "a", showlegend: true, line: { color: BLUE }, marker: { size: 7, color: BLUE } },
      { ...p1[1], xaxis: "x", yaxis: "y", legendgroup: "b", showlegend: true, line: { dash: "dash", width: 2, color: ORANGE }, marker: { color: ORANGE } },
      { ...p1[2], xaxis: "x", yaxis: "y" }, // no name: left to plotly
      { ...p2[0], xaxis: "x2", yaxis: "y2" }, // a contour (named "f") keeps its own colours and stays out of the legend
      // "a" again: the same colour, no second legend entry.
      { ...p3[0], xaxis: "x3", yaxis: "y3", legendgroup: "a", showlegend: false, line: { color: BLUE }, marker: { color: BLUE } },
      { ...p4[0], xaxis: "x4", yaxis: "y4" }, // a named heatmap too
    ]);
    assert.deepEqual(p1[1].line, { dash: "dash", width: 2 }, "the panel's own trace is not changed");
    assert.equal(p1[0].xaxis, undefined);
  });

  it("gives the 11th name the first colour again (plotly's cycle of 10)", () => {
    const names = Array.from({ length: 11 }, (_, i) => `s${i}`);
    const fig = plot.smallMultiples([plot.lineFigure(names.map((name) => ({ name, y: [1, 2] })))]);
    assert.deepEqual(traces(fig).map((t) => (t.line as { color: string }).color), [
      "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#1f77b4",
    ]);
    assert.deepEqual(traces(fig).map((t) => (t.marker as { color: string }).color), traces(fig).map((t) => (t.line as { color: string }).color));
  });

  it("copies each panel's axes to xaxisK/yaxisK and writes its title above it; the figure's title, grid, height, legend and margin", () => {
    const panels = [line(), contour(), histogram(), heatmap()];
    const fig = plot.smallMultiples(panels, { title: "All" });
    const layout = layoutOf(fig);
    const annotation = (text: string, k: string) => ({ text, showarrow: false, xref: `x${k} domain`, yref: `y${k} domain`, x: 0.5, y: 1.12, xanchor: "center" });
    const { legend, ...rest } = layout;
    assert.deepEqual(rest, {
      grid: { rows: 2, columns: 2, pattern: "independent" },
      height: 640, // 320 px a row
      showlegend: true,
      margin: { t: 100, r: 20, b: 50, l: 60 },
      annotations: [annotation("P1", ""), annotation("P3", "3")], // the untitled panels get none
      title: { text: "All" },
      xaxis: layoutOf(panels[0]).xaxis, yaxis: { title: { text: "loss" }, type: "log" },
      xaxis2: layoutOf(panels[1]).xaxis, yaxis2: layoutOf(panels[1]).yaxis,
      xaxis3: layoutOf(panels[2]).xaxis, yaxis3: layoutOf(panels[2]).yaxis,
      xaxis4: layoutOf(panels[3]).xaxis, yaxis4: layoutOf(panels[3]).yaxis,
    });
    assert.notEqual(layout.xaxis2, layoutOf(panels[1]).xaxis, "the axes are copied, not aliased");
    assert.deepEqual({ ...(legend as object), y: undefined }, { orientation: "h", x: 0, xanchor: "left", y: undefined, yanchor: "top" });
  });

  it("puts the legend 70 px under the plot area: y = −70 / max(height − 110, 100) of it", () => {
    const legendY = (fig: plot.Figure) => (layoutOf(fig).legend as { y: number }).y;
    const two = [line(), contour()];
    // one row, 320 px: the plot area is 320 − 60 − 50 = 210 px.
    const one = plot.smallMultiples(two);
    assert.deepEqual(layoutOf(one).legend, { orientation: "h", x: 0, xanchor: "left", y: -70 / 210, yanchor: "top" });
    assert.equal(layoutOf(one).height, 320);
    assert.deepEqual(layoutOf(one).margin, { t: 60, r: 20, b: 50, l: 60 });
    assert.equal("title" in layoutOf(one), false);
    // two rows: 640 px, an area of 530 px.
    const twoRows = plot.smallMultiples([...two, histogram()]);
    assert.equal(layoutOf(twoRows).height, 640);
    assert.equal(legendY(twoRows), -70 / 530);
    // three rows of one column: 960 px, an area of 850 px.
    const threeRows = plot.smallMultiples([...two, histogram()], { columns: 1 });
    assert.deepEqual(layoutOf(threeRows).grid, { rows: 3, columns: 1, pattern: "independent" });
    assert.equal(layoutOf(threeRows).height, 960);
    assert.equal(legendY(threeRows), -70 / 850);
    // a given height wins over 320 px a row; the area counts as at least 100 px.
    const given = plot.smallMultiples([...two, histogram()], { height: 500 });
    assert.equal(layoutOf(given).height, 500);
    assert.equal(legendY(given), -70 / 390);
    assert.equal(legendY(plot.smallMultiples(two, { height: 150 })), -70 / 100);
    // with a title the top margin is 100 px: 640 − 100 − 50 = 490 px of plot area.
    const titled = plot.smallMultiples([...two, histogram()], { title: "T" });
    assert.deepEqual(layoutOf(titled).margin, { t: 100, r: 20, b: 50, l: 60 });
    assert.equal(legendY(titled), -70 / 490);
  });

  it("merges the name's colour into a histogram's own marker, as into a scatter trace's (marker.line kept)", () => {
    const fig = plot.histogramFigure([{ name: "a", values: [1, 2] }]);
    const panel = { ...fig, data: [{ ...fig.data[0], marker: { line: { width: 1 }, opacity: 0.5 } }] } as plot.Figure;
    assert.deepEqual(traces(plot.smallMultiples([panel]))[0].marker, { line: { width: 1 }, opacity: 0.5, color: BLUE });
  });

  it("rejects options, panels and columns of the wrong kind and an empty list of panels, naming them", () => {
    throwsExactly(() => plot.smallMultiples([line()], 5 as never), "options must be an object of options, got 5");
    throwsExactly(() => plot.smallMultiples(5 as never), "panels must be an array of figures");
    throwsExactly(() => plot.smallMultiples([line(), null as never]), "panels[1] must be a figure { data, layout }");
    throwsExactly(() => plot.smallMultiples([line(), { data: 5, layout: {} } as never]), "panels[1] must be a figure { data, layout }");
    throwsExactly(() => plot.smallMultiples([line()], { columns: 0 }), "columns must be an integer ≥ 1, got 0");
    throwsExactly(() => plot.smallMultiples([]), "panels must be a non-empty array of figures");
  });
});
