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
 * an `options({...})` generator. The test fails, listing them, for exports with no entry here.
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

/** An entry from the function's parameters, in order: name → generator. */
export function entry(params: Record<string, Arg>, extra: Omit<Entry, "args" | "names"> = {}): Entry {
  const args = Object.values(params);
  return { args: args.length ? fc.tuple(...args) : fc.constant<unknown[]>([]), names: [...Object.keys(params), ...args.flatMap((a) => a.keys ?? [])], ...extra };
}

/** An options object with any subset of the given keys (or undefined, or a non-object). */
export function options(shape: Record<string, fc.Arbitrary<unknown>>, { required = [] as string[] } = {}): Arg {
  const record = fc.record(shape, { requiredKeys: required });
  return Object.assign(fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.constantFrom(undefined, null, 3) }), { keys: Object.keys(shape) });
}

// --- generators ----------------------------------------------------------------------------
/** Not what any parameter takes. */
export const wrong = fc.constantFrom(undefined, null, "1", true, {});
const sometimesWrong = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: a }, { weight: 1, arbitrary: wrong });
/** Special doubles: NaN, ±Infinity, 0, −0, the extremes of the float64 range. */
export const special = fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e308, -1e308, 5e-324, 1e-300, 1e300, 2.5);
const moderate = fc.double({ min: -10, max: 10, noNaN: true });
const num: fc.Arbitrary<number> = fc.oneof({ weight: 4, arbitrary: moderate }, { weight: 2, arbitrary: special }, { weight: 1, arbitrary: fc.double() });
export const number: Arg = num;
export const anyNumber: Arg = sometimesWrong(number);
export const positive: Arg = sometimesWrong(fc.oneof({ weight: 4, arbitrary: fc.double({ min: 1e-3, max: 2, noNaN: true }) }, { weight: 2, arbitrary: special }));
/** Counts and sizes: small integers (no huge ones: allocating 1e308 entries is the caller's business), and non-integers. */
export const count: Arg = sometimesWrong(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -2, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, 2.5, Infinity, -1) }));
const entries = (min = 0, max = 5) => fc.array(num, { minLength: min, maxLength: max });
export const array: Arg = sometimesWrong(entries());
export const vector: Arg = sometimesWrong(fc.oneof({ weight: 4, arbitrary: entries().map((a) => Float64Array.from(a)) }, { weight: 1, arbitrary: entries() }));
/** A point of ℝ², most often of length 2 (the objectives below are 2-D). */
export const point: Arg = fc.oneof({ weight: 4, arbitrary: fc.tuple(num, num).map((a) => Float64Array.from(a)) }, { weight: 1, arbitrary: vector });
const square = fc.integer({ min: 0, max: 3 }).chain((n) => fc.array(fc.array(num, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }));
const symmetric = square.map((rows) => rows.map((r, i) => r.map((v, j) => (j < i ? rows[j][i] : v))));
export const matrix: Arg = sometimesWrong(fc.oneof(square, symmetric, symmetric.map((r) => (r.length ? new Matrix(r) : r)), fc.array(entries(0, 3), { maxLength: 3 })));
export const flag: Arg = fc.constantFrom(true, false, undefined, "yes");
export const seed: Arg = fc.oneof(fc.integer({ min: 0, max: 1000 }), count);
export const rngArg: Arg = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1000 }).map((s) => L.rng(s)) }, { weight: 1, arbitrary: wrong });
/** Labelled data: n rows of d features and n labels (mostly ±1). */
export const data: fc.Arbitrary<[unknown, unknown]> = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 3 })).chain(([n, d]) =>
  fc.tuple(
    sometimesWrong(fc.array(fc.array(fc.oneof({ weight: 6, arbitrary: moderate }, { weight: 1, arbitrary: special }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n })),
    sometimesWrong(fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(-1, 1) }, { weight: 1, arbitrary: fc.constantFrom(0, NaN, 2) }), { minLength: n, maxLength: n })),
  ));
const X: Arg = data.map(([x]) => x);
const y: Arg = data.map(([, labels]) => labels);
/** 2-D objectives, good and broken (a grad of the wrong length, NaN everywhere, a non-symmetric Hessian). */
export const objective: Arg = fc.constantFrom<unknown>(
  L.objectives.strictSaddle(),
  L.objectives.strictSaddle({ center: [2, 2] }),
  L.objectives.quadratic([[2, 0.5], [0.5, 1]]),
  L.objectives.rankOneApproximation([[2, 0], [0, 1]]),
  { dim: 2, value: () => 0, grad: () => new Float64Array(3) },
  { dim: 2, value: () => NaN, grad: () => Float64Array.of(NaN, NaN), hessian: () => new Matrix([[NaN, 0], [0, 1]]) },
  { dim: 2, value: (x: Float64Array) => x[0], grad: () => Float64Array.of(1, 0), hessian: () => new Matrix([[1, -5], [5, 1]]) },
  undefined,
  {},
);
const descent = { stepSize: positive, maxIterations: count, tolerance: anyNumber, recordEvery: count, divergenceBound: positive };
const run: Arg = fc.constantFrom<unknown>(() => ({ v: 1 }), () => { throw new Error("boom"); }, () => 3, 3, undefined);
const twoBlock = { dim: 1, xUpdate: (z: Float64Array, u: Float64Array, rho: number, out: Float64Array) => { out[0] = (1 + rho * (z[0] - u[0])) / (1 + rho); }, zUpdate: (x: Float64Array, u: Float64Array, rho: number, out: Float64Array) => { out[0] = (rho * (x[0] + u[0])) / (1 + rho); }, value: (x: Float64Array) => x[0] * x[0] };
const series: Arg = sometimesWrong(fc.array(fc.record({ x: array, y: array, name: fc.constantFrom("a", undefined) }), { maxLength: 2 }));
const figure: Arg = sometimesWrong(fc.constantFrom(L.lineFigure([{ x: [0, 1], y: [1, 2] }]), { data: 3 }, { data: [], layout: {} }));
const anyValue: Arg = fc.oneof(number, wrong, array);

export const registry: Record<string, Entry> = {
  // linalg
  "linalg.dot": entry({ x: vector, y: vector }),
  "linalg.norm2": entry({ x: vector }),
  "linalg.normP": entry({ x: vector, p: fc.oneof(number, fc.constantFrom(1, 2, 3, Infinity)) }),
  "linalg.symmetricEigen": entry({ a: matrix }),
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
  "experiment.linearFit": entry({ x: array, y: array }),
  "experiment.exponentialFit": entry({ x: array, y: array }),
  "experiment.powerFit": entry({ x: array, y: array }),
  "experiment.seedRange": entry({ n: count, first: count }),
  // gridPoints and sweep echo the grid's values (the caller's own) into their records.
  "experiment.gridPoints": entry({ grid: sometimesWrong(fc.dictionary(fc.constantFrom("a", "b"), fc.oneof(array, anyValue))) }, { passesNonFinite: true }),
  "experiment.sweep": entry({ grid: sometimesWrong(fc.constantFrom({ a: [1, 2] }, { a: [] })), seeds: sometimesWrong(fc.array(seed, { maxLength: 3 })), run, options: options({ progress: fc.constant(false), label: fc.constantFrom("s") }, { required: ["progress"] }) }),
  "experiment.progress": entry({ total: count, label: fc.constantFrom("p", undefined) }),
  // certify
  "certify.classifyCriticalPoint": entry({ objective, x: point, tolerance: fc.oneof(fc.constant(undefined), positive) }),
  "certify.classifyOnSphere": entry({ a: matrix, x: fc.oneof(point, fc.constantFrom(Float64Array.of(1, 0), Float64Array.of(0.6, 0.8))), tolerance: fc.oneof(fc.constant(undefined), positive) }),
  "certify.newtonCriticalPoint": entry({ objective, x0: point, options: options({ tolerance: positive, maxIterations: count }) }),
  "certify.finiteDifferenceGradient": entry({ objective, x: point, h: fc.oneof(fc.constant(undefined), positive) }),
  "certify.finiteDifferenceHessian": entry({ objective, x: point, h: fc.oneof(fc.constant(undefined), positive) }),
  "certify.relativeError": entry({ a: array, b: array }),
  "certify.kktCheck": entry({ options: options({ point, constraints: fc.constantFrom<unknown>((w: Float64Array) => Float64Array.of(w[0] + w[1], 2 * w[0]), () => new Float64Array(0), () => Float64Array.of(NaN), 3), gradients: fc.constantFrom<unknown>((_w: Float64Array, i: number) => (i === 0 ? Float64Array.of(1, 1) : Float64Array.of(2, 0)), () => Float64Array.of(1), undefined), degree: count, activeTolerance: positive }, { required: ["point", "constraints", "gradients", "degree"] }) }, { numRuns: 15 }),
  // margin
  "margin.dataset": entry({ X, y }),
  "margin.margins": entry({ data: fc.constant(L.margin.dataset([[1, 2], [-1, 0]], [1, -1])), w: array, bias: fc.oneof(fc.constant(undefined), number) }),
  "margin.maxMarginL1": entry({ X, y, options: options({ bias: flag, supportTolerance: positive }) }, { numRuns: 15 }),
  "margin.maxMarginL2": entry({ X, y, options: options({ bias: flag, supportTolerance: positive }) }, { numRuns: 15 }),
  "margin.maxMarginLinf": entry({ X, y, options: options({ bias: flag, supportTolerance: positive }) }, { numRuns: 15 }),
  "margin.normalizedMargin": entry({ w: array, X, y, p: fc.oneof(fc.constant(undefined), number) }),
  "margin.directionGap": entry({ w: array, wStar: array, p: fc.oneof(fc.constant(undefined), number) }),
  "margin.svm": entry({ X, y, options: options({ rng: rngArg, C: positive, tol: positive, maxIterations: count }, { required: ["rng"] }) }, { numRuns: 15 }),
  "margin.solveLp": entry({ model: fc.constantFrom("Minimize\n obj: x\nSubject To\n c: x >= 1\nEnd", "garbage", "Maximize\n obj: x\nSubject To\n c: x >= 1\nEnd"), what: fc.constant("probe") }, { numRuns: 6, passesNonFinite: true }), // HiGHS's raw solution lists infinite row bounds
  // objectives
  "objectives.quadratic": entry({ a: matrix, b: fc.oneof(fc.constant(undefined), vector), c: fc.oneof(fc.constant(undefined), anyNumber) }),
  "objectives.rankOneApproximation": entry({ m: matrix }),
  "objectives.rayleighQuotient": entry({ a: matrix }),
  "objectives.strictSaddle": entry({ options: options({ center: sometimesWrong(fc.tuple(number, number)) }) }),
  "objectives.octopus": entry({ d: count, options: options({ L: positive, gamma: positive, tau: positive }) }),
  "objectives.octopus#gradientDescentPassages": entry({ x0: fc.oneof(point, fc.constant(Float64Array.of(0.1, 0.1))), options: options({ stepSize: positive, maxIterations: count }, { required: ["stepSize", "maxIterations"] }) }),
  "objectives.logisticLoss": entry({ X, y, options: options({ log: flag }) }),
  "objectives.exponentialLoss": entry({ X, y, options: options({ log: flag }) }),
  "objectives.marginLoss": entry({ X, y, loss: fc.constantFrom<unknown>(L.objectives.logistic, L.objectives.exponential, undefined, {}), options: options({ log: flag }) }),
  "objectives.diagonalNetwork": entry({ linear: objective }),
  "objectives.output": entry({ out: fc.constantFrom(undefined, new Float64Array(2), new Float64Array(3)), dim: count }),
  // optimizers
  "optimizers.gradientDescent": entry({ objective, x0: point, options: options(descent, { required: ["stepSize"] }) }),
  "optimizers.coordinateDescent": entry({ objective, x0: point, options: options({ ...descent, order: fc.constantFrom("cyclic", "random", "x"), rng: rngArg }, { required: ["stepSize"] }) }),
  "optimizers.steepestDescent": entry({ objective, x0: point, options: options({ ...descent, norm: fc.constantFrom(1, 2, Infinity, 3) }, { required: ["stepSize", "norm"] }) }),
  "optimizers.mirrorDescent": entry({ objective, x0: fc.oneof(point, fc.constant(Float64Array.of(2, 2))), options: options({ ...descent, mirrorMap: fc.constantFrom<unknown>(L.entropicMirrorMap, L.logBarrierMirrorMap, undefined) }, { required: ["stepSize", "mirrorMap"] }) }),
  "optimizers.stochasticGradientDescent": entry({ objective, x0: point, options: options({ ...descent, noise: anyNumber, rng: rngArg }, { required: ["stepSize", "noise", "rng"] }) }),
  "optimizers.riemannianGradientDescent": entry({ objective, x0: fc.oneof(point, fc.constant(Float64Array.of(0.6, 0.8))), options: options({ ...descent, manifold: fc.constantFrom<unknown>(L.sphere, undefined) }, { required: ["stepSize", "manifold"] }) }),
  "optimizers.perturbedGradientDescent": entry({ objective, x0: point, options: options({ ...descent, radius: positive, gradientThreshold: positive, functionThreshold: positive, timeThreshold: count, rng: rngArg }, { required: ["stepSize", "radius", "gradientThreshold", "functionThreshold", "timeThreshold", "rng"] }) }),
  "optimizers.admm": entry({ problem: fc.constantFrom<unknown>(twoBlock, undefined, { dim: 1 }), start: sometimesWrong(fc.record({ x: vector, z: vector, u: vector })), options: options({ rho: positive, maxIterations: count, tolerance: positive, recordEvery: count }, { required: ["rho"] }) }),
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
};

/**
 * Exports with no generator, each with the reason. Everything else that is a function must
 * have an entry above.
 */
export const exempt: Record<string, string> = {
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
};
