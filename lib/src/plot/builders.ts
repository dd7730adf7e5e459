/**
 * Figure builders: each returns a plain {@link Figure} (plotly traces and a layout) that
 * `show` draws and tests validate.
 * @module
 */
import { assertFinite, assertInteger, assertNumbers, optionsObject } from "../validate";

/** Throws unless v is an array or typed array, not a DataView (its entries may be NaN: plotly draws a gap). */
function assertArrayLike(name: string, v: unknown): void {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) throw new Error(`${name} must be an array of numbers, got ${v === null ? "null" : typeof v}`);
}

/** Checks the series of a line or scatter figure (arrays x and y) and returns the options object. */
function seriesArguments<O extends object>(series: Series[], options: O | undefined): O {
  if (!Array.isArray(series)) throw new Error("series must be an array of { x, y, name? }");
  series.forEach((s, i) => {
    if (s?.x !== undefined) assertArrayLike(`series[${i}].x`, s.x);
    assertArrayLike(`series[${i}].y`, s?.y);
  });
  return optionsObject("options", options);
}
import type { Figure, Layout, Plot } from "./figure";

/** Options shared by the 2-D builders. */
export interface AxesOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  logX?: boolean;
  logY?: boolean;
  width?: number;
  height?: number;
}

/**
 * A named curve: y against x (x defaults to 0, 1, 2, …). `kind` says what it is: "measured"
 * data are drawn as markers, a "fit" or prediction as a dashed line (so neither hides the
 * other), a plain "line" (the default) as a solid line.
 */
export interface Series {
  name?: string;
  x?: ArrayLike<number>;
  y: ArrayLike<number>;
  kind?: "measured" | "fit" | "line";
}

/**
 * Ticks of a log axis at the powers of ten the values span, labelled 10ᵏ (1 and 10 as they
 * are), every decade up to 8 decades, else every ⌈decades/8⌉-th.
 */
export function decadeTicks(values: readonly number[]): { tickvals: number[]; ticktext: string[] } | undefined {
  assertArrayLike("values", values);
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return undefined;
  let lo = Infinity, hi = -Infinity;
  for (const v of positive) {
    const e = Math.log10(v);
    if (e < lo) lo = e;
    if (e > hi) hi = e;
  }
  if (hi - lo < 1) return undefined; // within a decade plotly's own ticks say more
  const first = Math.floor(lo + 1e-9), last = Math.ceil(hi - 1e-9);
  const step = Math.max(1, Math.ceil((last - first) / 8));
  const ks: number[] = [];
  for (let k = first; k <= last; k += step) ks.push(k);
  return { tickvals: ks.map((k) => Number(`1e${k}`)), ticktext: ks.map((k) => (k === 0 ? "1" : k === 1 ? "10" : `10<sup>${k}</sup>`)) };
}

function axisFor(label: string | undefined, log: boolean | undefined, values: () => number[]): Record<string, unknown> {
  return { title: { text: label ?? "" }, ...(log ? { type: "log", ...decadeTicks(values()) } : {}) };
}

function layoutFor(options: AxesOptions, series: readonly { x: number[]; y: number[] }[] = []): Layout {
  return {
    ...(options.title ? { title: { text: options.title } } : {}),
    xaxis: axisFor(options.xLabel, options.logX, () => series.flatMap((s) => s.x)),
    yaxis: axisFor(options.yLabel, options.logY, () => series.flatMap((s) => s.y)),
    ...(options.width ? { width: options.width } : {}),
    height: options.height ?? 420,
    margin: { t: options.title ? 50 : 20, r: 20, b: 50, l: 60 },
  } as Layout;
}

const toArray = (values: ArrayLike<number>) => Array.from(values);
const xsOf = (s: Series) => (s.x ? toArray(s.x) : Array.from({ length: s.y.length }, (_, i) => i));

const styleOf = (kind: Series["kind"]) =>
  kind === "measured" ? { mode: "markers", marker: { size: 7 } } : kind === "fit" ? { mode: "lines", line: { dash: "dash", width: 2 } } : { mode: "lines" };

/**
 * Curves y against x, one trace per series (measured data as markers, fits as dashed lines,
 * see {@link Series}); `logX`/`logY` for log axes, ticked at powers of ten.
 */
export function lineFigure(series: Series[], options: AxesOptions = {}): Figure {
  options = seriesArguments(series, options);
  const points = series.map((s) => ({ x: xsOf(s), y: toArray(s.y) }));
  return {
    data: series.map((s, i) => ({ type: "scatter", ...styleOf(s.kind), name: s.name, ...points[i] }) as Plot),
    layout: layoutFor(options, points),
  };
}

/** Points y against x, one marker trace per series. */
export function scatterFigure(series: Series[], options: AxesOptions & { markerSize?: number } = {}): Figure {
  options = seriesArguments(series, options);
  const points = series.map((s) => ({ x: xsOf(s), y: toArray(s.y) }));
  return {
    data: series.map((s, i) => ({ type: "scatter", mode: "markers", name: s.name, ...points[i], marker: { size: options.markerSize ?? 6 } }) as Plot),
    layout: layoutFor(options, points),
  };
}

/** A histogram of each named sample, overlaid; `bins` is the number of bins (default: plotly's choice). */
export function histogramFigure(samples: { name?: string; values: ArrayLike<number> }[], options: AxesOptions & { bins?: number } = {}): Figure {
  options = optionsObject("options", options);
  if (!Array.isArray(samples)) throw new Error("samples must be an array of { name?, values }");
  samples.forEach((s, i) => assertArrayLike(`samples[${i}].values`, s?.values));
  return {
    data: samples.map(
      (s) => ({ type: "histogram", name: s.name, x: toArray(s.values), opacity: samples.length > 1 ? 0.6 : 1, ...(options.bins ? { nbinsx: options.bins } : {}) }) as Plot,
    ),
    layout: { ...layoutFor(options), barmode: "overlay" } as Layout,
  };
}

/** A heatmap of z[i][j] at (x[j], y[i]). */
export function heatmapFigure(z: number[][], x: ArrayLike<number>, y: ArrayLike<number>, options: AxesOptions & { colorbarTitle?: string } = {}): Figure {
  options = optionsObject("options", options);
  if (!Array.isArray(z)) throw new Error("z must be an array of rows");
  z.forEach((row, i) => assertArrayLike(`z[${i}]`, row));
  assertArrayLike("x", x);
  assertArrayLike("y", y);
  if (z.length !== y.length || z.some((row) => row.length !== x.length)) {
    throw new Error(`z must be ${y.length} rows (y) of ${x.length} values (x)`);
  }
  return {
    data: [{ type: "heatmap", z, x: toArray(x), y: toArray(y), colorbar: { title: { text: options.colorbarTitle ?? "" } } } as unknown as Plot],
    layout: layoutFor(options),
  };
}

/**
 * n equally spaced points a + (b − a)·i/(n − 1), i = 0…n − 1, from a to b inclusive (a, b
 * finite): the last point is b itself, as in numpy (a + (b − a) is not always b in floating
 * point: 0.3 + 0.6 = 0.9000000000000001).
 */
export function linspace(a: number, b: number, n: number): number[] {
  assertFinite("a", a);
  assertFinite("b", b);
  assertInteger("n", n, 2);
  const width = b - a;
  // a(1 − t) + bt when b − a overflows (a, b near ∓1.8e308).
  const points = !Number.isFinite(width)
    ? Array.from({ length: n }, (_, i) => a * (1 - i / (n - 1)) + b * (i / (n - 1)))
    : Array.from({ length: n }, (_, i) => {
        const v = a + (width * i) / (n - 1);
        return Number.isFinite(v) ? v : a + width * (i / (n - 1)); // width·i overflows for |b − a| near 1.8e308
      });
  points[n - 1] = b;
  return points;
}

/**
 * n points 10^e for e = linspace(a, b, n), equally spaced on a log scale (|a|, |b| ≤ 308, so
 * that 10^a and 10^b are finite and non-zero); a whole exponent k gives the double nearest 10^k
 * (`Number("1ek")`: V8's 10 ** −4 is 0.00009999999999999999).
 */
export function logspace(a: number, b: number, n: number): number[] {
  for (const [name, v] of [["a", a], ["b", b]] as const) {
    assertFinite(name, v);
    if (Math.abs(v) > 308) throw new Error(`${name} must be in [−308, 308] (10^${name} in the float64 range), got ${v}`);
  }
  return linspace(a, b, n).map((e) => (Number.isInteger(e) ? Number(`1e${e}`) : 10 ** e));
}

/** Options of {@link contourFigure}. */
export interface ContourOptions extends AxesOptions {
  /** Grid points per axis (default 80). */
  resolution?: number;
  /** Number of contour levels (default 25). */
  levels?: number;
  /** Paths drawn over the contours, e.g. an optimizer's recorded iterates. */
  trajectories?: { name?: string; points: ArrayLike<ArrayLike<number>> }[];
  /** Points to mark, e.g. critical points. */
  marks?: { name?: string; points: ArrayLike<ArrayLike<number>>; symbol?: string }[];
}

/**
 * The contour plot of f(x, y) over [x₀, x₁] × [y₀, y₁], with trajectories (lines with
 * markers, starting points enlarged) and marked points drawn over it.
 */
export function contourFigure(
  f: (x: number, y: number) => number,
  xRange: [number, number],
  yRange: [number, number],
  options: ContourOptions = {},
): Figure {
  options = optionsObject("options", options);
  if (typeof f !== "function") throw new Error("f must be a function (x, y) => number");
  assertNumbers("xRange", xRange, 2);
  assertNumbers("yRange", yRange, 2);
  if (options.resolution !== undefined) assertInteger("resolution", options.resolution, 2);
  if (options.levels !== undefined) assertInteger("levels", options.levels, 1);
  const n = options.resolution ?? 80;
  const xs = linspace(xRange[0], xRange[1], n);
  const ys = linspace(yRange[0], yRange[1], n);
  const z = ys.map((y) => xs.map((x) => f(x, y)));
  const traces: Plot[] = [
    { type: "contour", x: xs, y: ys, z, ncontours: options.levels ?? 25, colorscale: "Viridis", showscale: false, name: "f", contours: { coloring: "lines" } } as Plot,
  ];
  for (const t of options.trajectories ?? []) {
    const pts = Array.from(t.points);
    traces.push({
      type: "scatter", mode: "lines+markers", name: t.name,
      x: pts.map((p) => p[0]), y: pts.map((p) => p[1]),
      marker: { size: pts.map((_, i) => (i === 0 ? 9 : 4)) },
    } as Plot);
  }
  for (const m of options.marks ?? []) {
    const pts = Array.from(m.points);
    traces.push({
      type: "scatter", mode: "markers", name: m.name,
      x: pts.map((p) => p[0]), y: pts.map((p) => p[1]),
      marker: { size: 12, symbol: m.symbol ?? "x" },
    } as Plot);
  }
  const layout = layoutFor(options) as Layout & { xaxis: object; yaxis: object };
  return { data: traces, layout: { ...layout, xaxis: { ...layout.xaxis, range: xRange }, yaxis: { ...layout.yaxis, range: yRange } } as Layout };
}

/** Plotly's default colour cycle, so that a series keeps its colour across panels. */
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** The bottom margin of {@link smallMultiples}, in px. */
const BOTTOM_MARGIN = 50;

/**
 * Small multiples: several figures as panels of one figure on a grid of `columns`
 * columns, each panel with its own axes (titles and log scales kept) and its title
 * written above it. A series name keeps one colour and one legend entry across panels.
 */
export function smallMultiples(panels: Figure[], options?: { columns?: number; title?: string; height?: number }): Figure {
  const { columns = 2, title, height } = optionsObject("options", options);
  if (!Array.isArray(panels)) throw new Error("panels must be an array of figures");
  panels.forEach((p, i) => {
    if (!p || !Array.isArray(p.data)) throw new Error(`panels[${i}] must be a figure { data, layout }`);
  });
  assertInteger("columns", columns, 1);
  if (panels.length === 0) throw new Error("panels must be a non-empty array of figures");
  const rows = Math.ceil(panels.length / columns);
  const figureHeight = height ?? 320 * rows;
  const top = title ? 100 : 60; // the top margin, room for the figure's title
  const layout: Record<string, unknown> = {
    grid: { rows, columns, pattern: "independent" },
    height: figureHeight,
    showlegend: true,
    // The legend goes below the panels (70 px under the plot area, past the x-axis titles),
    // where no colour bar (right of the plot) can cover it; plotly grows the margin for it.
    // y is in units of the plot area's height: the figure's less the top and bottom margins.
    legend: { orientation: "h", x: 0, xanchor: "left", y: -70 / Math.max(figureHeight - top - BOTTOM_MARGIN, 100), yanchor: "top" },
    margin: { t: top, r: 20, b: BOTTOM_MARGIN, l: 60 },
    annotations: [] as unknown[],
    ...(title ? { title: { text: title } } : {}),
  };
  const data: Plot[] = [];
  const colours = new Map<string, string>();
  panels.forEach((panel, i) => {
    const suffix = i === 0 ? "" : String(i + 1);
    for (const trace of panel.data) {
      const name = trace.name;
      const styled: Record<string, unknown> = { ...trace, xaxis: `x${suffix}`, yaxis: `y${suffix}` };
      if (name !== undefined && trace.type !== "contour" && trace.type !== "heatmap") {
        const seen = colours.has(name);
        if (!seen) colours.set(name, PALETTE[colours.size % PALETTE.length]);
        const colour = colours.get(name)!;
        Object.assign(styled, { legendgroup: name, showlegend: !seen, line: { ...(trace.line ?? {}), color: colour } });
        styled.marker = { ...(trace.marker as object ?? {}), color: colour };
      }
      data.push(styled as Plot);
    }
    layout[`xaxis${suffix}`] = { ...(panel.layout.xaxis as object) };
    layout[`yaxis${suffix}`] = { ...(panel.layout.yaxis as object) };
    const panelTitle = (panel.layout.title as { text?: string } | undefined)?.text;
    if (panelTitle) {
      (layout.annotations as unknown[]).push({
        text: panelTitle, showarrow: false, xref: `x${suffix} domain`, yref: `y${suffix} domain`, x: 0.5, y: 1.12, xanchor: "center",
      });
    }
  });
  return { data, layout: layout as Layout };
}
