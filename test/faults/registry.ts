/**
 * Argument generators for the property-based suite (properties.test.ts): one entry per public
 * function of "landscape", keyed by its export path — `namespace.name` (e.g. "linalg.dot"), a
 * top-level `name`, or `Class#method` (e.g. "Rng#normal", called on `new Rng(1)`). A function
 * exported under several paths (`dot` and `linalg.dot`) needs one entry under any of them.
 *
 * Adding a function is one line: its parameter names mapped to generators, in order, e.g.
 *
 *   "linalg.gemm": entry({ a: matrix, b: matrix }),
 *   "optimizers.newMethod": entry({ objective, x0: point, options: options({ ...descent, beta: number }) }),
 *
 * An error counts as clear when its message names one of the parameters or one of the keys of
 * an `options({...})` generator. Arguments drawn together (labelled data) share one key:
 * `"X, y": data`. The test fails, listing them, for exports with no entry here.
 * @module
 */
import fc from "fast-check";
import * as L from "landscape";
import { Matrix } from "landscape";

/** An argument generator, with the option keys an error may name (for `options({...})`). */
type Arg = fc.Arbitrary<unknown> & { keys?: string[] };

export interface Entry {
  /** The argument tuples. */
  args: fc.Arbitrary<unknown[]>;
  /** The names an error message may mention: the parameters and the option keys. */
  names: string[];
  /** Whether non-finite numbers may be returned (figure data: NaN is plotly's gap marker, passed through). */
  passesNonFinite?: boolean;
  /** Fewer runs for slow functions (an LP solve each). */
  numRuns?: number;
}

/**
 * An entry from the function's parameters, in order: name → generator. A key listing several
 * parameters ("X, y") takes a generator of a tuple, spread into them (arguments drawn together).
 */
export function entry(params: Record<string, Arg>, extra: Omit<Entry, "args" | "names"> = {}): Entry {
  const keys = Object.keys(params), arbs = Object.values(params);
  const spread = keys.map((k) => k.includes(","));
  const args = arbs.length ? fc.tuple(...arbs).map((values) => values.flatMap((v, i) => (spread[i] ? (v as unknown[]) : [v]))) : fc.constant<unknown[]>([]);
  return { args, names: [...keys.flatMap((k) => k.split(/,\s*/)), ...arbs.flatMap((a) => a.keys ?? [])], ...extra };
}

/** An options object with any subset of the given keys (or undefined, or a non-object). */
export function options(shape: Record<string, fc.Arbitrary<unknown>>, { required = [] as string[] } = {}): Arg {
  const record = fc.record(shape, { requiredKeys: required });
  return Object.assign(fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.constantFrom(undefined, null, 3) }), { keys: Object.keys(shape) });
}

// --- generators ----------------------------------------------------------------------------
// Each generator gives a valid value most of the time (so that the "returns finite numbers" half is
// exercised too, with huge but finite values among the valid ones) and a hostile one otherwise.
const mostly = <T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: hostile });
/** Not what any parameter takes. */
export const wrong = fc.constantFrom(undefined, null, "1", true, {});
const sometimesWrong = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: a }, { weight: 1, arbitrary: wrong });
/** Special doubles: NaN, ±Infinity, 0, −0, the extremes of the float64 range. */
export const special = fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e308, -1e308, 5e-324, 1e-300, 1e300, 2.5);
const moderate = fc.double({ min: -10, max: 10, noNaN: true });
/** Finite values, mostly moderate, sometimes near the ends of the float64 range. */
const finite: fc.Arbitrary<number> = fc.oneof({ weight: 6, arbitrary: moderate }, { weight: 1, arbitrary: fc.constantFrom(1e300, -1e300, 1e-300, 0, 1e154, -1e200) });
const num: fc.Arbitrary<number> = fc.oneof({ weight: 5, arbitrary: finite }, { weight: 1, arbitrary: special }, { weight: 1, arbitrary: fc.double() });
export const number: Arg = num;
export const anyNumber: Arg = sometimesWrong(number);
export const positive: Arg = sometimesWrong(mostly(fc.double({ min: 1e-3, max: 2, noNaN: true }), special));
/** Counts and sizes: small integers (no huge ones: allocating 1e308 entries is the caller's business), and non-integers. */
export const count: Arg = sometimesWrong(mostly(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, -1, NaN, 2.5, Infinity)));
const entries = (min = 0, max = 5) => mostly(fc.array(finite, { minLength: min, maxLength: max }), fc.array(num, { minLength: min, maxLength: max }));
export const array: Arg = sometimesWrong(entries());
export const vector: Arg = sometimesWrong(mostly(entries().map((a) => Float64Array.from(a)), entries()));
/** A point of ℝ², most often of length 2 (the objectives below are 2-D). */
export const point: Arg = mostly(fc.tuple(finite, finite).map((a) => Float64Array.from(a)), fc.oneof(fc.tuple(num, num).map((a) => Float64Array.from(a)), vector));
/** A point of the unit circle, most of the time. */
export const unitPoint: Arg = mostly(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }).map((t) => Float64Array.of(Math.cos(t), Math.sin(t))), point);
/** Two arrays of one length (x and y of a fit, a and b of a comparison), most of the time; `positive`: entries > 0. */
export const samePair = ({ positive = false, typed = false } = {}): fc.Arbitrary<[unknown, unknown]> => {
  const entry = positive ? fc.double({ min: 1e-3, max: 1e3, noNaN: true }) : finite;
  const wrap = (a: number[]) => (typed ? Float64Array.from(a) : a);
  return mostly(
    fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(fc.array(entry, { minLength: n, maxLength: n }), fc.array(entry, { minLength: n, maxLength: n }))).map(([a, b]): [unknown, unknown] => [wrap(a), wrap(b)]),
    fc.tuple(typed ? vector : array, typed ? vector : array),
  );
};
const squareOf = (value: fc.Arbitrary<number>) => fc.integer({ min: 0, max: 3 }).chain((n) => fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }));
const squareOfSize = (n: number, value: fc.Arbitrary<number> = finite) => fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: n, maxLength: n });
const mirror = (rows: number[][]) => rows.map((r, i) => r.map((v, j) => (j < i ? rows[j][i] : v)));
/** BᵀB + I for a random B: symmetric positive definite. */
const spd = squareOf(moderate).filter((b) => b.length > 0).map((b) => b.map((_, i) => b.map((_, j) => b.reduce((t, row) => t + row[i] * row[j], 0) + (i === j ? 1 : 0))));
export const matrix: Arg = sometimesWrong(mostly(
  fc.oneof(squareOf(finite).map(mirror), squareOf(finite).map((r) => (r.length ? new Matrix(mirror(r)) : r)), spd),
  fc.oneof(squareOf(num), squareOf(num).map(mirror), fc.array(fc.array(num, { maxLength: 3 }), { maxLength: 3 })),
));
/** A dense matrix { rows, cols, data } (linalg's type): mostly consistent with finite entries, sometimes with special values, a data length that does not match, or not one at all. */
const denseOf = (value: fc.Arbitrary<number>, max: number) =>
  fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).chain(([rows, cols]) => fc.array(value, { minLength: rows * cols, maxLength: rows * cols }).map((d) => ({ rows, cols, data: Float64Array.from(d) })));
export const denseArg: Arg = sometimesWrong(mostly(denseOf(finite, 4), fc.oneof(denseOf(num, 3), fc.record({ rows: count, cols: count, data: vector }))));
/** A symmetric 2×2 matrix with finite entries (for 2-D points), most of the time. */
export const matrix2: Arg = mostly(fc.tuple(finite, finite, finite).map(([a, b, c]) => new Matrix([[a, b], [b, c]])), matrix);
export const flag: Arg = mostly(fc.boolean(), fc.constantFrom(undefined, "yes"));
export const seed: Arg = mostly(fc.integer({ min: 0, max: 1000 }), count);
export const rngArg: Arg = mostly(fc.integer({ min: 0, max: 1000 }).map((s) => L.rng(s)), wrong);
const labels = (n: number, label: fc.Arbitrary<number>) => fc.array(label, { minLength: n, maxLength: n });
/**
 * Labelled data [X, y]: n rows of d features and n labels; clean (±1 labels, random or separable by a random
 * hyperplane, finite features at scale 1 or 1e±200) or hostile. `dataWith` also draws a w of length d.
 */
const cleanData = (n: number, d: number) =>
  fc.tuple(fc.array(fc.array(moderate, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }), labels(n, fc.constantFrom(-1, 1)), fc.array(moderate, { minLength: d, maxLength: d }), fc.boolean(), fc.constantFrom(1, 1, 1, 1e200, 1e-200))
    .map(([X, y, w, separable, scale]): [unknown, unknown] => [X.map((r) => r.map((v) => v * scale)), separable ? X.map((r) => (r.reduce((t, v, j) => t + v * w[j], 0) >= 0 ? 1 : -1)) : y]);
export const data: fc.Arbitrary<[unknown, unknown]> = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 3 })).chain(([n, d]) =>
  mostly(
    cleanData(n, d),
    fc.tuple(sometimesWrong(fc.array(fc.array(num, { minLength: d, maxLength: d }), { minLength: n, maxLength: n })), sometimesWrong(labels(n, fc.constantFrom(-1, 1, 0, NaN, 2)))),
  ));
/** [w, X, y]: labelled data and a w of the data's dimension, most of the time. */
export const dataWith: fc.Arbitrary<[unknown, unknown, unknown]> = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 })).chain(([n, d]) =>
  mostly(fc.tuple(fc.array(finite, { minLength: d, maxLength: d }), cleanData(n, d)).map(([w, [X, y]]): [unknown, unknown, unknown] => [w, X, y]), fc.tuple(array, data).map(([w, [X, y]]): [unknown, unknown, unknown] => [w, X, y])));
// --- notebook 03: graphs, points of a product of spheres, factors, tensors ------------------
const nonNegative = finite.map(Math.abs);
/** A graph's weights: n × n (n ≤ 5) symmetric, non-negative, zero diagonal, as rows or a Matrix; sometimes any matrix. */
const weightsOf = (n: number) => fc.array(fc.array(fc.oneof(fc.constant(0), nonNegative), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })
  .map((r) => r.map((row, i) => row.map((v, j) => (i === j ? 0 : j < i ? r[j][i] : v))));
const graph = (n: number): fc.Arbitrary<unknown> => mostly(fc.oneof(weightsOf(n), weightsOf(n).map((r) => new Matrix(r))), matrix);
export const weights: Arg = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 5 }).chain(graph) }, { weight: 1, arbitrary: fc.constant(new Matrix(0, 0)) });
/** n × p (row-major) with unit rows, most of the time; else any vector. */
const unitRows = (n: number, p: number): fc.Arbitrary<unknown> => mostly(
  fc.array(fc.array(moderate, { minLength: p, maxLength: p }).filter((r) => r.some((v) => Math.abs(v) > 1e-3)), { minLength: n, maxLength: n })
    .map((rows) => Float64Array.from(rows.flatMap((r) => { const t = Math.hypot(...r); return r.map((v) => v / t); }))),
  vector,
);
/** [w, y]: a graph on n vertices and a point of the product of n spheres in ℝᵖ, most of the time. */
export const graphAndPoint: fc.Arbitrary<[unknown, unknown]> = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([n, p]) => fc.tuple(graph(n), unitRows(n, p)));
const maxCutOptionKeys = { rank: count, rng: rngArg, start: vector, stepSize: positive, maxIterations: count, tolerance: positive, certificateTolerance: positive, rounds: count };
/** [w, options] of maxCutSDP: a graph and { rank ≤ n, rng } (with a start of the right length, sometimes) most of the time, else any options. */
export const maxCutProblem: fc.Arbitrary<[unknown, unknown]> & { keys: string[] } = Object.assign(
  fc.integer({ min: 1, max: 5 }).chain((n) => mostly(
    fc.tuple(weightsOf(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 0, max: 1000 }), fc.boolean(), fc.constantFrom(undefined, 1, 50)).chain(([w, rank, s, withStart, maxIterations]) =>
      (withStart ? unitRows(n, rank) : fc.constant(undefined)).map((start): [unknown, unknown] => [w, { rank, rng: L.rng(s), start, maxIterations }])),
    fc.tuple(graph(n), options(maxCutOptionKeys, { required: ["rank", "rng"] })),
  )),
  { keys: Object.keys(maxCutOptionKeys) },
);
/** [w, sides]: a graph and ±1 labels of its vertices, most of the time. */
export const graphAndSides: fc.Arbitrary<[unknown, unknown]> = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(graph(n), mostly(labels(n, fc.constantFrom(-1, 1)), sometimesWrong(fc.array(fc.constantFrom(-1, 1, 0, NaN, 2), { maxLength: 6 })))));
/** An n × r factor as rows (n ≤ 4, r ≤ 3). */
const rowsOf = (n: number, r: number, value: fc.Arbitrary<number> = finite) => fc.array(fc.array(value, { minLength: r, maxLength: r }), { minLength: n, maxLength: n });
const someRows: Arg = sometimesWrong(mostly(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([n, r]) => rowsOf(n, r)), fc.oneof(fc.array(fc.array(num, { maxLength: 3 }), { maxLength: 3 }), array, fc.constant(new Matrix(0, 0)))));
/** [u, uStar, rank]: two n × r factors as rows, Matrices or row-major Float64Arrays with the rank, most of the time. */
export const factorPair: fc.Arbitrary<[unknown, unknown, unknown]> = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([n, r]) => mostly(
  fc.tuple(rowsOf(n, r), rowsOf(n, r), fc.constantFrom("rows", "matrix", "flat")).map(([u, v, form]): [unknown, unknown, unknown] =>
    form === "rows" ? [u, v, undefined] : form === "matrix" ? [new Matrix(u), new Matrix(v), undefined] : [Float64Array.from(u.flat()), Float64Array.from(v.flat()), r]),
  fc.tuple(fc.oneof(someRows, vector), fc.oneof(someRows, vector), fc.oneof(fc.constant(undefined), count)),
));
/** [u, a]: a vector of ℝᵈ and a d × k matrix of components, most of the time. */
export const vectorAndComponents: fc.Arbitrary<[unknown, unknown]> = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([d, k]) =>
  mostly(fc.tuple(fc.array(finite, { minLength: d, maxLength: d }).map((a) => Float64Array.from(a)), rowsOf(d, k)), fc.tuple(vector, someRows)));
/** [u, n, r]: a row-major n × r factor with its shape, most of the time. */
export const flatFactor: fc.Arbitrary<[unknown, unknown, unknown]> = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([n, r]) =>
  mostly(rowsOf(n, r).map((u): [unknown, unknown, unknown] => [Float64Array.from(u.flat()), n, r]), fc.tuple(vector, count, count)));
/** A 0/1 mask of size n (rows of numbers or booleans), sometimes other values. */
const maskOf = (n: number) => mostly(fc.array(fc.array(fc.constantFrom(0, 1), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }).chain((m) => fc.constantFrom<unknown>(m, m.map((r) => r.map(Boolean)), new Matrix(m))), fc.oneof(matrix, squareOf(fc.constantFrom(0, 1, 2, NaN))));
/** [m, mask, rank]: a symmetric target, a mask of its size and a rank ≤ n, most of the time. */
export const completion: fc.Arbitrary<[unknown, unknown, unknown]> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.tuple(mostly(squareOfSize(n).map(mirror), matrix), maskOf(n), mostly(fc.integer({ min: 1, max: n }), count)));
/** [a, y, rank]: m sensing matrices of one size, m measurements and a rank, most of the time. */
export const sensing: fc.Arbitrary<[unknown, unknown, unknown]> = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 })).chain(([n, m]) =>
  fc.tuple(mostly(fc.array(squareOfSize(n), { minLength: m, maxLength: m }), sometimesWrong(fc.array(matrix, { maxLength: 3 }))), mostly(fc.array(finite, { minLength: m, maxLength: m }), array), mostly(fc.integer({ min: 1, max: n }), count)));
/** [a, y]: an m × n measurement matrix and m intensities ⟨aᵢ, x⟩², most of the time. */
export const intensities: fc.Arbitrary<[unknown, unknown]> = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 })).chain(([m, n]) => mostly(
  fc.tuple(rowsOf(m, n, moderate), fc.array(moderate, { minLength: n, maxLength: n })).map(([a, x]): [unknown, unknown] => [a, a.map((row) => row.reduce((t, v, j) => t + v * x[j], 0) ** 2)]),
  fc.tuple(someRows, array),
));
/** A symmetric 4-tensor Σ wᵢ aᵢ^⊗4 of dimension d ≤ 3 (valid), or a vector of length d⁴ that is not symmetric, or anything. */
export const tensor: Arg = sometimesWrong(mostly(
  fc.integer({ min: 1, max: 3 }).chain((d) => rowsOf(d, d, moderate)).map((a) => L.objectives.orthogonalTensor(a)),
  fc.oneof(fc.integer({ min: 1, max: 2 }).chain((d) => fc.array(num, { minLength: d ** 4, maxLength: d ** 4 })).map((t) => Float64Array.from(t)), vector),
));
/** 2-D objectives, good and broken (a grad of the wrong length, NaN everywhere, a non-symmetric Hessian). */
export const objective: Arg = mostly(
  fc.constantFrom<unknown>(
    L.objectives.strictSaddle(),
    L.objectives.strictSaddle({ center: [2, 2] }),
    L.objectives.quadratic([[2, 0.5], [0.5, 1]]),
    L.objectives.rankOneApproximation([[2, 0], [0, 1]]),
  ),
  fc.constantFrom<unknown>(
    { dim: 2, value: () => 0, grad: () => new Float64Array(3) },
    { dim: 2, value: () => NaN, grad: () => Float64Array.of(NaN, NaN), hessian: () => new Matrix([[NaN, 0], [0, 1]]) },
    { dim: 2, value: (x: Float64Array) => x[0], grad: () => Float64Array.of(1, 0), hessian: () => new Matrix([[1, -5], [5, 1]]) },
    undefined,
    {},
  ),
);
/** B* (m × d, m ≤ d) with unit rows, as rows or a Matrix, most of the time; else any rows. */
const teacherRows: Arg = mostly(
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 })).chain(([m, extra]) => rowsOf(m, m + extra, moderate).filter((r) => r.every((row) => row.some((v) => Math.abs(v) > 1e-3))))
    .chain((r) => fc.constantFrom<unknown>(r.map((row) => { const t = Math.hypot(...row); return row.map((v) => v / t); }), new Matrix(r.map((row) => { const t = Math.hypot(...row); return row.map((v) => v / t); })))),
  someRows,
);
/** [b, bStar]: two m × d sets of rows (b sometimes row-major), most of the time. */
const rowsPair: fc.Arbitrary<[unknown, unknown]> = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([m, d]) => mostly(
  fc.tuple(rowsOf(m, d), rowsOf(m, d), fc.boolean()).map(([b, t, flat]): [unknown, unknown] => [flat ? Float64Array.from(b.flat()) : b, t]),
  fc.tuple(fc.oneof(someRows, vector), someRows),
));
const designedOptions = options({ sigma4: anyNumber, mu: anyNumber, lambda: positive }, { required: ["sigma4", "mu", "lambda"] });
export const descent = { stepSize: positive, maxIterations: count, tolerance: mostly(fc.double({ min: 0, max: 1e-3, noNaN: true }), anyNumber), recordEvery: count, divergenceBound: positive };
/** Labelled data in ℝ² ([X, y], X with 2 columns: the 1-D input and its bias), most of the time; else any data. */
const data2: fc.Arbitrary<[unknown, unknown]> = fc.integer({ min: 0, max: 6 }).chain((n) => mostly(cleanData(n, 2), data));
/** [X, c]: n rows in ℝ² and n coefficients, most of the time. */
const rowsAndCoefficients: fc.Arbitrary<[unknown, unknown]> = fc.integer({ min: 0, max: 5 }).chain((n) => mostly(
  fc.tuple(fc.array(fc.tuple(finite, finite), { minLength: n, maxLength: n }), fc.array(finite, { minLength: n, maxLength: n })),
  fc.tuple(sometimesWrong(fc.array(fc.array(num, { maxLength: 3 }), { maxLength: 4 })), array),
));
/** [outputs, y]: network outputs and ±1 labels of one length, most of the time. */
const outputsAndLabels: fc.Arbitrary<[unknown, unknown]> = fc.integer({ min: 0, max: 5 }).chain((n) => mostly(
  fc.tuple(fc.array(finite, { minLength: n, maxLength: n }), labels(n, fc.constantFrom(-1, 1))),
  fc.tuple(array, sometimesWrong(labels(n, fc.constantFrom(-1, 1, 0, NaN)))),
));
/** re-draws unit j of a 2-D point (coordinate j mod 2), or not a function. */
const reinitializeArg: Arg = fc.constantFrom<unknown>((x: Float64Array, j: number, g: L.Rng) => { x[j % x.length] = g.normal(); }, undefined, 3);
const run: Arg = fc.constantFrom<unknown>(() => ({ v: 1 }), () => { throw new Error("boom"); }, () => 3, 3, undefined);
const twoBlock = { dim: 1, xUpdate: (z: Float64Array, u: Float64Array, rho: number, out: Float64Array) => { out[0] = (1 + rho * (z[0] - u[0])) / (1 + rho); }, zUpdate: (x: Float64Array, u: Float64Array, rho: number, out: Float64Array) => { out[0] = (rho * (x[0] + u[0])) / (1 + rho); }, value: (x: Float64Array) => x[0] * x[0] };
const series: Arg = sometimesWrong(fc.array(fc.record({ x: array, y: array, name: fc.constantFrom("a", undefined) }), { maxLength: 2 }));
const tableRecords: Arg = sometimesWrong(fc.array(fc.record({ a: num, b: fc.constant("s") }), { maxLength: 3 }));
const tableOptions: Arg = options({ caption: fc.constant("c"), columns: fc.constantFrom<unknown>(["a"], ["zz"], { a: "A" }, 3) });
const figure: Arg = sometimesWrong(fc.constantFrom(L.lineFigure([{ x: [0, 1], y: [1, 2] }]), { data: 3 }, { data: [], layout: {} }));
const anyValue: Arg = fc.oneof(number, wrong, array);

/** ad programs: smooth, kinked, one that overflows, one that throws, and not a program. */
const adProgram: Arg = fc.constantFrom<unknown>(
  (x: L.ad.Node[]) => L.ad.sub(L.ad.relu(x[0]), L.ad.relu(L.ad.neg(x[0]))),
  (x: L.ad.Node[]) => L.ad.sum(x.map((v) => L.ad.square(v))),
  (x: L.ad.Node[]) => L.ad.exp(L.ad.mul(1000, x[0])),
  () => { throw new Error("boom"); },
  undefined,
);

export const registry: Record<string, Entry> = {
  // linalg
  "linalg.dot": entry({ "x, y": samePair({ typed: true }) }),
  "linalg.norm2": entry({ x: vector }),
  "linalg.normP": entry({ x: vector, p: fc.oneof(number, fc.constantFrom(1, 2, 3, Infinity)) }),
  "linalg.symmetricEigen": entry({ a: matrix }),
  // linalg: the dense core (the keys are the names its errors use: A, B, C for gemm's operands)
  "linalg.dense": entry({ rows: count, cols: count, data: fc.oneof(fc.constant(undefined), vector) }),
  "linalg.assertDense": entry({ name: fc.constant("a"), a: denseArg }),
  "linalg.fromMatrix": entry({ m: matrix }),
  "linalg.toMatrix": entry({ a: denseArg }),
  "linalg.transpose": entry({ a: denseArg }),
  "linalg.gemm": entry({ A: denseArg, B: denseArg, C: fc.oneof(fc.constant(undefined), denseArg), options: options({ transA: flag, transB: flag, alpha: number, beta: number, threads: count }) }),
  "linalg.gemv": entry({ A: denseArg, x: vector, y: fc.oneof(fc.constant(undefined), vector), options: options({ trans: flag, alpha: number, beta: number }) }),
  "linalg.axpy": entry({ alpha: number, x: vector, y: vector }),
  "linalg.syrk": entry({ A: denseArg, C: fc.oneof(fc.constant(undefined), denseArg), options: options({ trans: flag, alpha: number, beta: number }) }),
  "linalg.matVec": entry({ A: denseArg }),
  "linalg.relu": entry({ z: denseArg, out: fc.oneof(fc.constant(undefined), denseArg) }),
  "linalg.reluMask": entry({ z: denseArg, g: denseArg, out: fc.oneof(fc.constant(undefined), denseArg) }),
  "linalg.addBias": entry({ z: denseArg, b: vector }),
  "linalg.columnSums": entry({ a: denseArg, out: fc.oneof(fc.constant(undefined), vector) }),
  "linalg.softmaxRows": entry({ z: denseArg, out: fc.oneof(fc.constant(undefined), denseArg) }),
  "linalg.symmetricEigenDense": entry({ a: denseArg, options: options({ vectors: flag }) }),
  // random
  rng: entry({ seed }),
  Rng: entry({ seed }),
  "Rng#word": entry({}),
  "Rng#uniform": entry({ a: anyNumber, b: anyNumber }),
  "Rng#integer": entry({ from: count, to: count }),
  "Rng#normal": entry({ mean: anyNumber, sd: anyNumber }),
  "Rng#normalVector": entry({ n: count, sd: anyNumber, out: fc.constantFrom(undefined, new Float64Array(2)) }),
  "Rng#normalMatrix": entry({ rows: count, columns: count, sd: anyNumber }),
  "Rng#sphere": entry({ n: count, radius: anyNumber }),
  "Rng#ball": entry({ n: count, radius: anyNumber }),
  "Rng#orthogonal": entry({ n: count }),
  "Rng#permutation": entry({ n: count }),
  "Rng#sample": entry({ n: count, k: count, options: options({ replace: flag }) }),
  // experiment
  "experiment.linearFit": entry({ "x, y": samePair() }),
  "experiment.exponentialFit": entry({ "x, y": samePair({ positive: true }) }),
  "experiment.powerFit": entry({ "x, y": samePair({ positive: true }) }),
  "experiment.seedRange": entry({ n: count, first: count }),
  // gridPoints and sweep echo the grid's values (the caller's own) into their records.
  "experiment.gridPoints": entry({ grid: sometimesWrong(fc.dictionary(fc.constantFrom("a", "b"), fc.oneof(array, anyValue))) }, { passesNonFinite: true }),
  "experiment.sweep": entry({ grid: sometimesWrong(fc.constantFrom({ a: [1, 2] }, { a: [] })), seeds: sometimesWrong(fc.array(seed, { maxLength: 3 })), run, options: options({ progress: fc.constant(false), label: fc.constantFrom("s") }, { required: ["progress"] }) }),
  "experiment.progress": entry({ total: count, label: fc.constantFrom("p", undefined) }),
  // certify
  "certify.classifyCriticalPoint": entry({ objective, x: point, tolerance: fc.oneof(fc.constant(undefined), positive) }),
  "certify.classifyOnSphere": entry({ a: matrix2, x: unitPoint, tolerance: fc.oneof(fc.constant(undefined), positive) }),
  "certify.newtonCriticalPoint": entry({ objective, x0: point, options: options({ tolerance: positive, maxIterations: count }) }),
  "certify.finiteDifferenceGradient": entry({ objective, x: point, h: fc.oneof(fc.constant(undefined), positive) }),
  "certify.finiteDifferenceHessian": entry({ objective, x: point, h: fc.oneof(fc.constant(undefined), positive) }),
  "certify.relativeError": entry({ "a, b": samePair() }),
  "certify.kktCheck": entry({ options: options({ point: mostly(fc.tuple(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true })).map((a) => Float64Array.from(a)), point), constraints: mostly(fc.constant((w: Float64Array) => Float64Array.of(w[0] + w[1], 2 * w[0])), fc.constantFrom<unknown>(() => new Float64Array(0), () => Float64Array.of(NaN), 3)), gradients: mostly(fc.constant((_w: Float64Array, i: number) => (i === 0 ? Float64Array.of(1, 1) : Float64Array.of(2, 0))), fc.constantFrom<unknown>(() => Float64Array.of(1), undefined)), degree: count, activeTolerance: positive }, { required: ["point", "constraints", "gradients", "degree"] }) }, { numRuns: 15 }),
  "certify.nonnegativeLeastSquares": entry({ gradients: sometimesWrong(fc.array(point, { maxLength: 3 })), w: point }),
  // margin
  "margin.dataset": entry({ "X, y": data }),
  "margin.margins": entry({ data: fc.constant(L.margin.dataset([[1, 2], [-1, 0]], [1, -1])), w: array, bias: fc.oneof(fc.constant(undefined), number) }),
  "margin.maxMarginL1": entry({ "X, y": data, options: options({ bias: flag, supportTolerance: positive }) }, { numRuns: 25 }),
  "margin.maxMarginL2": entry({ "X, y": data, options: options({ bias: flag, supportTolerance: positive }) }, { numRuns: 25 }),
  "margin.maxMarginLinf": entry({ "X, y": data, options: options({ bias: flag, supportTolerance: positive }) }, { numRuns: 25 }),
  "margin.normalizedMargin": entry({ "w, X, y": dataWith, p: fc.oneof(fc.constant(undefined), number) }),
  "margin.directionGap": entry({ "w, wStar": samePair(), p: fc.oneof(fc.constant(undefined), number) }),
  "margin.svm": entry({ "X, y": data, options: options({ rng: rngArg, C: positive, tol: positive, maxIterations: count }, { required: ["rng"] }) }, { numRuns: 40 }),
  "margin.reluMaxMargin": entry({ "X, y": data2, options: options({ features: count, refinements: count }) }, { numRuns: 15 }),
  "margin.reluFeatureSup": entry({ "X, c": rowsAndCoefficients }),
  "margin.networkMargin": entry({ "outputs, y": outputsAndLabels, theta: vector }),
  "margin.reluRegularizedLowerBound": entry({ "X, y": data2, outputs: vector, lambda: positive }),
  "margin.solveLp": entry({ model: fc.constantFrom("Minimize\n obj: x\nSubject To\n c: x >= 1\nEnd", "garbage", "Maximize\n obj: x\nSubject To\n c: x >= 1\nEnd"), what: fc.constant("probe") }, { numRuns: 6, passesNonFinite: true }), // HiGHS's raw solution lists infinite row bounds
  // objectives
  "objectives.quadratic": entry({ a: matrix, b: fc.oneof(fc.constant(undefined), vector), c: fc.oneof(fc.constant(undefined), anyNumber) }),
  "objectives.rankOneApproximation": entry({ m: matrix }),
  "objectives.rayleighQuotient": entry({ a: matrix }),
  "objectives.strictSaddle": entry({ options: options({ center: sometimesWrong(fc.tuple(number, number)) }) }),
  "objectives.octopus": entry({ d: count, options: options({ L: positive, gamma: positive, tau: positive }) }),
  "objectives.octopus#gradientDescentPassages": entry({ x0: fc.oneof(point, fc.constant(Float64Array.of(0.1, 0.1))), options: options({ stepSize: positive, maxIterations: count }, { required: ["stepSize", "maxIterations"] }) }),
  "objectives.logisticLoss": entry({ "X, y": data, options: options({ log: flag }) }),
  "objectives.exponentialLoss": entry({ "X, y": data, options: options({ log: flag }) }),
  "objectives.marginLoss": entry({ "X, y": data, loss: fc.constantFrom<unknown>(L.objectives.logistic, L.objectives.exponential, undefined, {}), options: options({ log: flag }) }),
  "objectives.diagonalNetwork": entry({ linear: objective }),
  "objectives.output": entry({ out: fc.constantFrom(undefined, new Float64Array(2), new Float64Array(3)), dim: count }),
  // optimizers
  "optimizers.gradientDescent": entry({ objective, x0: point, options: options(descent, { required: ["stepSize"] }) }),
  "optimizers.coordinateDescent": entry({ objective, x0: point, options: options({ ...descent, order: fc.constantFrom("cyclic", "random", "x"), rng: rngArg }, { required: ["stepSize"] }) }),
  "optimizers.steepestDescent": entry({ objective, x0: point, options: options({ ...descent, norm: fc.constantFrom(1, 2, Infinity, 3) }, { required: ["stepSize", "norm"] }) }),
  "optimizers.mirrorDescent": entry({ objective, x0: fc.oneof(point, fc.constant(Float64Array.of(2, 2))), options: options({ ...descent, mirrorMap: fc.constantFrom<unknown>(L.entropicMirrorMap, L.logBarrierMirrorMap, undefined) }, { required: ["stepSize", "mirrorMap"] }) }),
  "optimizers.stochasticGradientDescent": entry({ objective, x0: point, options: options({ ...descent, noise: anyNumber, rng: rngArg }, { required: ["stepSize", "noise", "rng"] }) }),
  "optimizers.noisyGradientDescent": entry({ objective, x0: point, options: options({ ...descent, noise: anyNumber, units: count, reinitialize: reinitializeArg, rng: rngArg }, { required: ["stepSize", "noise", "units", "reinitialize", "rng"] }) }),
  "optimizers.riemannianGradientDescent": entry({ objective, x0: fc.oneof(point, fc.constant(Float64Array.of(0.6, 0.8))), options: options({ ...descent, manifold: fc.constantFrom<unknown>(L.sphere, undefined) }, { required: ["stepSize", "manifold"] }) }),
  "optimizers.perturbedGradientDescent": entry({ objective, x0: point, options: options({ ...descent, radius: positive, gradientThreshold: positive, functionThreshold: positive, timeThreshold: count, rng: rngArg }, { required: ["stepSize", "radius", "gradientThreshold", "functionThreshold", "timeThreshold", "rng"] }) }),
  "optimizers.admm": entry({ problem: fc.constantFrom<unknown>(twoBlock, undefined, { dim: 1 }), start: sometimesWrong(mostly(fc.tuple(finite, finite, finite).map(([x, z, u]) => ({ x: Float64Array.of(x), z: Float64Array.of(z), u: Float64Array.of(u) })), fc.record({ x: vector, z: vector, u: vector }))), options: options({ rho: positive, maxIterations: count, tolerance: positive, recordEvery: count }, { required: ["rho"] }) }),
  "optimizers.jinParameters": entry({ options: options({ d: count, ell: positive, rho: positive, epsilon: positive, delta: positive, deltaF: positive, c: positive }, { required: ["d", "ell", "rho", "epsilon", "delta", "deltaF"] }) }),
  "optimizers.logSpaced": entry({ perDecade: count }),
  "optimizers.descend": entry({ objective, x0: point, options: options(descent, { required: ["stepSize"] }), update: fc.constantFrom<unknown>((x: Float64Array, g: Float64Array, eta: number) => { x[0] -= eta * g[0]; }, undefined) }),
  "optimizers.stepAt": entry({ stepSize: fc.oneof(positive, fc.constant(() => NaN)), iteration: count, x: point, value: number }),
  "optimizers.historyRecorder": entry({}),
  // plot: figure data pass NaN through on purpose (plotly draws a gap)
  "plot.linspace": entry({ a: anyNumber, b: anyNumber, n: count }),
  "plot.logspace": entry({ a: anyNumber, b: anyNumber, n: count }),
  "plot.lineFigure": entry({ series, options: options({ title: fc.constant("t"), logY: flag }) }, { passesNonFinite: true }),
  "plot.scatterFigure": entry({ series, options: options({ title: fc.constant("t"), markerSize: positive }) }, { passesNonFinite: true }),
  "plot.histogramFigure": entry({ samples: sometimesWrong(fc.array(fc.record({ values: array }), { maxLength: 2 })), options: options({ bins: count }) }, { passesNonFinite: true }),
  "plot.heatmapFigure": entry({ z: matrix, x: array, y: array, options: options({ colorbarTitle: fc.constant("c") }) }, { passesNonFinite: true }),
  "plot.contourFigure": entry({ f: fc.constantFrom<unknown>((x: number, y: number) => x * x + y * y, undefined), xRange: sometimesWrong(fc.tuple(number, number)), yRange: sometimesWrong(fc.tuple(number, number)), options: options({ resolution: count, levels: count }) }, { passesNonFinite: true }),
  "plot.smallMultiples": entry({ panels: sometimesWrong(fc.array(figure, { maxLength: 3 })), options: options({ columns: count, title: fc.constant("t"), height: positive }) }, { passesNonFinite: true }),
  "plot.validateFigure": entry({ figure }),
  "plot.figureHtml": entry({ figure }),
  "plot.figureBundle": entry({ figure }, { passesNonFinite: true }),
  "plot.figureText": entry({ figure }),
  "plot.plotlySource": entry({}, { numRuns: 1 }),
  "plot.decadeTicks": entry({ values: array }),
  formatValue: entry({ value: anyValue }),
  table: entry({ records: tableRecords, options: tableOptions }),
  tableHtml: entry({ records: tableRecords, options: tableOptions }),
  tableText: entry({ records: tableRecords, options: tableOptions }),
  "plot.figurePage": entry({ figure, title: fc.constantFrom("t", undefined) }),
  "plot.plotlyLoader": entry({}, { numRuns: 1 }),
  "plot.scriptSafeJson": entry({ value: anyValue }),
  "plot.show": entry({ figure }),
  "plot.showMode": entry({}),
  "plot.livePlot": entry({ figure: fc.constant(undefined) }),
  // report and display
  result: entry({ result: sometimesWrong(fc.record({ claim: fc.constantFrom("c", ""), measured: fc.oneof(fc.constant("m"), number), pass: flag })) }),
  "display.html": entry({ html: fc.constantFrom("<b>x</b>", undefined) }),
  "display.svg": entry({ svg: fc.constantFrom("<svg/>", undefined) }),
  "display.markdown": entry({ markdown: fc.constantFrom("*x*", undefined) }),
  // notebook 01: ad, the stochastic subgradient method, the Goldstein measure, non-smooth objectives
  ...Object.fromEntries(["add", "sub", "mul", "div", "max", "min"].map((op) => [`ad.${op}`, entry({ a: anyNumber, b: anyNumber })])),
  ...Object.fromEntries(["neg", "exp", "log", "square", "relu", "abs"].map((op) => [`ad.${op}`, entry({ a: anyNumber })])),
  "ad.sum": entry({ terms: array }),
  "ad.constant": entry({ value: anyNumber }),
  "ad.evaluate": entry({ program: adProgram, x: vector }),
  "ad.grad": entry({ program: adProgram, x: vector, options: options({ rule: fc.constantFrom("clarke", "framework", "x"), seed, direction: vector }) }),
  "ad.objective": entry({ program: adProgram, dim: count, options: options({ rule: fc.constantFrom("clarke", "framework", "x"), seed, direction: vector }) }),
  "ad.reluNetworkProgram": entry({ "Z, y": data, options: options({ hidden: count, loss: fc.constantFrom("l1", "hinge", "x") }, { required: ["hidden"] }) }),
  "certify.goldsteinStationarity": entry({ objective, x: point, options: options({ radius: positive, samples: count, rng: rngArg, solver: fc.constantFrom("highs", "wolfe", "wolfe", "x") }, { required: ["radius", "rng"] }) }, { numRuns: 15 }),
  "certify.minNormPoint": entry({ points: sometimesWrong(fc.array(point, { maxLength: 4 })), options: options({ tolerance: positive }) }),
  "certify.minNormPointQp": entry({ points: sometimesWrong(fc.array(point, { maxLength: 4 })) }, { numRuns: 8 }),
  "objectives.robustPhaseRetrieval": entry({ "A, b": data }),
  "objectives.reluNetworkLoss": entry({ "Z, y": data, options: options({ hidden: count, loss: fc.constantFrom("l1", "hinge", "x") }, { required: ["hidden"] }) }),
  "optimizers.powerSchedule": entry({ c: anyNumber, p: fc.oneof(anyNumber, fc.constantFrom(0.6, 1)) }),
  "optimizers.stochasticSubgradient": entry({ objective, x0: point, options: options({ ...descent, rng: rngArg }, { required: ["stepSize"] }) }),
  // notebook 03: landscape-design objectives, ground truth, max-cut, second-order reports
  "certify.procrustesDistance": entry({ "u, uStar, rank": factorPair }),
  "certify.signDistance": entry({ "x, xStar": samePair({ typed: true }) }),
  "certify.componentDistance": entry({ "u, a": vectorAndComponents }),
  "certify.cutValue": entry({ "w, sides": graphAndSides }),
  "certify.exhaustiveMaxCut": entry({ w: weights }),
  "certify.maxCutCertificate": entry({ "w, y": graphAndPoint, options: options({ tolerance: positive }) }, { numRuns: 20 }),
  "certify.goemansWilliamson": entry({ "w, y": graphAndPoint, options: options({ rng: rngArg, rounds: count }, { required: ["rng"] }) }),
  "certify.maxCutSDP": entry({ "w, options": maxCutProblem }, { numRuns: 15 }),
  "certify.secondOrderReport": entry({ objective: fc.oneof({ weight: 6, arbitrary: objective }, { weight: 1, arbitrary: fc.constant({ dim: 2, value: () => 0, grad: () => new Float64Array(2), hessian: () => new Matrix([[1]]) }) }), x: fc.oneof(point, unitPoint, unitPoint), options: options({ manifold: fc.constantFrom<unknown>(undefined, L.sphere, L.optimizers.productOfSpheres(1, 2), { name: "m" }), tolerance: positive }) }, { numRuns: 20 }),
  "objectives.graphWeights": entry({ w: weights }),
  "objectives.burerMonteiroMaxCut": entry({ w: weights, p: count }),
  "objectives.gram": entry({ "u, n, r": flatFactor, out: fc.constantFrom(undefined, new Float64Array(1), new Float64Array(4)) }),
  "objectives.matrixCompletion": entry({ "m, mask, rank": completion, options: options({ regularizer: sometimesWrong(fc.record({ lambda: positive, alpha: positive })) }) }),
  "objectives.matrixSensing": entry({ "a, y, rank": sensing }),
  "objectives.phaseRetrieval": entry({ "a, y": intensities }),
  "objectives.orthogonalTensor": entry({ a: someRows, weights: fc.oneof(fc.constant(undefined), array) }),
  "objectives.tensorDecomposition": entry({ t: tensor }),
  // issue 17: designed landscapes
  "objectives.designedObjective": entry({ bStar: teacherRows, aStar: mostly(fc.array(nonNegative, { minLength: 1, maxLength: 3 }), array), options: designedOptions }),
  "objectives.designedObjectiveFromSamples": entry({ "x, y": data, neurons: count, options: options({ sign: fc.constantFrom(1, -1, 0, "x"), mu: anyNumber, lambda: positive }, { required: ["sign", "mu", "lambda"] }) }),
  "objectives.reluHermiteCoefficient": entry({ k: fc.oneof(count, fc.constantFrom(0, 4, 171, 1e9)) }),
  "objectives.rankKApproximation": entry({ m: matrix, k: count }),
  "objectives.dictionaryLearning": entry({ y: fc.oneof(someRows, denseArg, matrix), mu: positive }),
  "certify.permutationDistance": entry({ "b, bStar": rowsPair, rows: fc.oneof(fc.constant(undefined), count) }),
  "certify.projectorDistance": entry({ "u, v, rank": factorPair }),
  "objectives.reluTeacherStudent": entry({ teacher: someRows, width: count }),
  "optimizers.productOfSpheres": entry({ n: count, p: count }),
  "optimizers.normalizeRows": entry({ "y, n, p": flatFactor }),
  "optimizers.orthogonalComplementBasis": entry({ v: fc.oneof(vector, array) }),
  // notebook 03c: two-layer networks
  "objectives.twoLayerNetwork": entry({ "X, y": data, options: options({ width: count, activation: fc.constantFrom("relu", "quadratic", "softplus", "tanh"), loss: fc.constantFrom("squared", "logistic", "hinge"), outputWeights: fc.oneof(fc.constant("trained"), array), weightDecay: anyNumber }, { required: ["width", "activation", "loss"] }) }),
};

/**
 * Exports with no generator, each with the reason. Everything else that is a function must
 * have an entry above.
 */
export const exempt: Record<string, string> = {
  "ad.Node": "the handle of a value on an ad tape, made by the primitives (ad.add, …) and by ad.grad, not by users",
  Matrix: "ml-matrix's class, re-exported as is",
  SingularValueDecomposition: "ml-matrix's class, re-exported as is",
  solve: "ml-matrix's function, re-exported as is",
  "margin.highsSolver": "returns the HiGHS WebAssembly module (its fields are the module's, not results); solveLp is covered",
  "entropicMirrorMap.toDual": "a MirrorMap's maps run in mirrorDescent's inner loop; mirrorDescent checks x0 against the domain",
  "entropicMirrorMap.toPrimal": "as above",
  "entropicMirrorMap.contains": "as above",
  "logBarrierMirrorMap.toDual": "as above",
  "logBarrierMirrorMap.toPrimal": "as above",
  "logBarrierMirrorMap.contains": "as above",
  "sphere.project": "a Manifold's maps run in riemannianGradientDescent's inner loop; the method checks x0 on the manifold",
  "sphere.retract": "as above",
  "sphere.contains": "as above",
  "sphere.tangentBasis": "a Manifold's second-order maps run inside certify.secondOrderReport, which checks x on the manifold first (covered there)",
  "sphere.hessianShift": "as above",
};
