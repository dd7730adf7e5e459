/**
 * The library fault cases of issue 10: calls of the public functions with bad shapes, NaN,
 * ±Infinity, empty and huge inputs, missing options objects, wrong types and non-integer
 * counts, each with what it must do:
 * - a bad input (`names` given): throw an Error whose message names one of `names` (the
 *   argument, or the option, that is wrong), and satisfy `error` when given;
 * - a valid but extreme input (`ok` given): return a result for which `ok` holds.
 *
 * `probe.ts` runs them in a worker with a timeout and counts the outcomes per category;
 * `library.test.ts` asserts that every case does what it must.
 * @module
 */
import * as L from "landscape";
import { Matrix } from "landscape";

export interface Case {
  /** The public function, as namespace.name (or Rng#method). */
  fn: string;
  /** What is passed, in a few words. */
  call: string;
  /** Makes the call (may return a promise). */
  run: () => unknown;
  /** For a bad input: the argument or option names the error may name. */
  names?: string[];
  /** For a bad input: a further requirement on the error (e.g. it keeps the records computed so far). */
  error?: (e: Error) => boolean;
  /** For a valid input: the result is correct. */
  ok?: (result: any) => boolean;
}

export type Category = "correct" | "clear error" | "vague error" | "crash" | "silent NaN" | "silent wrong result" | "hang";
export const CATEGORIES: Category[] = ["correct", "clear error", "vague error", "crash", "silent NaN", "silent wrong result", "hang"];

/** Whether `message` mentions `name` as a word (so "x" does not match inside "max"). */
export function names(message: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}($|[^A-Za-z0-9_])`).test(message);
}

/** Whether any number reachable from `value` (arrays, typed arrays, matrices, plain objects) is NaN or ±Infinity. */
export function hasNonFinite(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (value === null || typeof value !== "object" || seen.has(value)) return false;
  seen.add(value);
  if (value instanceof Matrix) return value.to1DArray().some((v) => !Number.isFinite(v));
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array).some((v) => !Number.isFinite(v));
  return Object.values(value).some((v) => hasNonFinite(v, seen));
}

/** The category of an outcome: a thrown value, or a returned result. */
export function classify(c: Case, outcome: { threw: true; error: unknown } | { threw: false; result: unknown }): Category {
  if (outcome.threw) {
    const e = outcome.error;
    if (!(e instanceof Error)) return "vague error";
    if (e.constructor !== Error) return "crash"; // TypeError, RangeError, WebAssembly.RuntimeError…: thrown from deep inside
    if (c.names && c.names.some((n) => names(e.message, n)) && (!c.error || c.error(e))) return "clear error";
    if (c.ok && c.names === undefined && /\b[a-zA-Z]\w*(\[\d+\])* must\b/.test(e.message)) return "clear error";
    return "vague error";
  }
  if (c.ok && c.ok(outcome.result)) return "correct";
  return hasNonFinite(outcome.result) ? "silent NaN" : "silent wrong result";
}

/** The category a case must reach. */
export const expected = (c: Case): Category => (c.ok ? "correct" : "clear error");

/** Runs a case (awaiting a promise) and classifies it; the caller bounds the time. */
export async function outcomeOf(c: Case): Promise<Category> {
  try {
    return classify(c, { threw: false, result: await c.run() });
  } catch (error) {
    return classify(c, { threw: true, error });
  }
}

// ---------------------------------------------------------------------------------------

const F = (...v: number[]) => Float64Array.from(v);
const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
const closeAll = (a: ArrayLike<number>, b: ArrayLike<number>, rel = 1e-9) => a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]) <= rel * Math.max(1, Math.abs(b[i])));

/** Bad Float64Array arguments of length `dim`. */
const badVectors = (dim: number): [string, unknown][] => [
  ["a NaN entry", Float64Array.from({ length: dim }, (_, i) => (i === dim - 1 ? NaN : 1))],
  ["an Infinity entry", Float64Array.from({ length: dim }, (_, i) => (i === 0 ? Infinity : 1))],
  ["a −Infinity entry", Float64Array.from({ length: dim }, (_, i) => (i === 0 ? -Infinity : 1))],
  ["an empty vector", new Float64Array(0)],
  ["a vector one too long", new Float64Array(dim + 1).fill(1)],
  ["undefined", undefined],
  ["a string", "1,2"],
];

const saddle = L.objectives.strictSaddle();
const x0 = F(1, 0.5);
const quadI = () => L.objectives.quadratic([[1, 0], [0, 1]]);
/** The linear function f(x) = x₀ + x₁: its gradient is (1, 1) everywhere. */
const linearSum: L.Objective = { dim: 2, value: (x) => x[0] + x[1], grad: (_x, out = new Float64Array(2)) => out.fill(1) };
const hessianOf = (h: number[][]): L.Objective => ({ dim: 2, value: () => 0, grad: (_x, out = new Float64Array(2)) => out.fill(0), hessian: () => new Matrix(h) });
/** A ½‖x‖² objective whose grad returns an array of the wrong length (or NaN). */
const wrongGrad = (len: number, fill = 0.5): L.Objective => ({ dim: 2, value: (x) => 0.5 * (x[0] ** 2 + x[1] ** 2), grad: () => new Float64Array(len).fill(fill) });

/** Soudry et al.'s four support vectors: separable through the origin. */
const soudryX = [[0.5, 1.5], [1.5, 0.5], [-0.5, -1.5], [-1.5, -0.5]], soudryY = [1, 1, -1, -1];
const xorX = [[1, 1], [-1, -1], [1, -1], [-1, 1]], xorY = [1, 1, -1, -1];
/** 120 points labelled by the XOR of the signs of their coordinates: not separable. */
const xor120 = (() => {
  const r = L.rng(7);
  const X: number[][] = [], y: number[] = [];
  for (let i = 0; i < 120; i++) {
    const p = [r.uniform(-1, 1), r.uniform(-1, 1)];
    X.push(p);
    y.push(Math.sign(p[0]) === Math.sign(p[1]) ? 1 : -1);
  }
  return { X, y };
})();
const repeatedX = [[1, 2], [1, 2], [3, 1]], repeatedY = [1, -1, 1];
const oneClassX = [[1, 2], [2, 1], [3, 3]], oneClassY = [1, 1, 1];
/** Separable with an offset: the ℓ2 max-margin (with bias) direction is e₁, bias −1 … the points x₁ = ±… */
const biasX = [[2, 0], [3, 1], [0, 0], [-1, 1]], biasY = [1, 1, -1, -1];
const scale = (X: number[][], s: number) => X.map((r) => r.map((v) => v * s));

const maxMargins: [string, typeof L.maxMarginL2][] = [["maxMarginL1", L.maxMarginL1], ["maxMarginL2", L.maxMarginL2], ["maxMarginLinf", L.maxMarginLinf]];

const twoBlock: L.optimizers.TwoBlockProblem = {
  dim: 1,
  // f(x) = ½(x − 1)², g(z) = ½z²: the minimizer of f + g with x = z is ½.
  xUpdate: (z, u, rho, out) => { out[0] = (1 + rho * (z[0] - u[0])) / (1 + rho); },
  zUpdate: (x, u, rho, out) => { out[0] = (rho * (x[0] + u[0])) / (1 + rho); },
  value: (x) => 0.5 * (x[0] - 1) ** 2 + 0.5 * x[0] ** 2,
};
const start1 = () => ({ x: F(0), z: F(0), u: F(0) });
const jin = { d: 2, ell: 1, rho: 1, epsilon: 0.1, delta: 0.1, deltaF: 1 };
const pgdOptions = { stepSize: 0.1, radius: 0.01, gradientThreshold: 0.01, functionThreshold: 1e-4, timeThreshold: 10, rng: L.rng(0) };

/** A sweep whose run throws at one setting and seed, after two records. */
const failingSweep = () => L.sweep({ eta: [0.1, 0.2] }, [0, 1], (s, r) => {
  if (s.eta === 0.2 && r.uniform() >= 0) throw new Error("boom");
  return { v: 1 };
}, { progress: false });

export const cases: Case[] = [
  // --- linalg -----------------------------------------------------------------------------
  ...badVectors(2).flatMap(([what, v]): Case[] => [
    { fn: "linalg.dot", call: `x ${what}`, run: () => L.dot(v as Float64Array, F(1, 2)), names: ["x"] },
    { fn: "linalg.dot", call: `y ${what}`, run: () => L.dot(F(1, 2), v as Float64Array), names: ["y"] },
    { fn: "linalg.norm2", call: `x ${what}`, run: () => L.norm2(v as Float64Array), names: ["x"] },
    { fn: "linalg.normP", call: `x ${what}, p = 1`, run: () => L.normP(v as Float64Array, 1), names: ["x"] },
  ]).filter((c) => !(c.fn !== "linalg.dot" && /too long|empty/.test(c.call))),
  { fn: "linalg.norm2", call: "x empty: 0", run: () => L.norm2(new Float64Array(0)), ok: (r) => r === 0 },
  { fn: "linalg.norm2", call: "x = (1e300, 1e300)", run: () => L.norm2(F(1e300, 1e300)), ok: (r) => close(r, 1e300 * Math.SQRT2) },
  { fn: "linalg.norm2", call: "x = (3e-300, 4e-300)", run: () => L.norm2(F(3e-300, 4e-300)), ok: (r) => close(r, 5e-300) },
  { fn: "linalg.normP", call: "x = (1e300, 1e300), p = 3", run: () => L.normP(F(1e300, 1e300), 3), ok: (r) => close(r, 1e300 * 2 ** (1 / 3)) },
  { fn: "linalg.normP", call: "p = NaN", run: () => L.normP(F(1, 2), NaN), names: ["p"] },
  { fn: "linalg.normP", call: "p = 0.5", run: () => L.normP(F(1, 2), 0.5), names: ["p"] },
  { fn: "linalg.normP", call: "p missing", run: () => (L.normP as any)(F(1, 2)), names: ["p"] },
  { fn: "linalg.normP", call: "p = '2' (string)", run: () => (L.normP as any)(F(1, 2), "2"), names: ["p"] },
  { fn: "linalg.dot", call: "x, y empty: 0", run: () => L.dot(new Float64Array(0), new Float64Array(0)), ok: (r) => r === 0 },
  { fn: "linalg.symmetricEigen", call: "[[1, 2], [0, 1]] (not symmetric)", run: () => L.symmetricEigen(new Matrix([[1, 2], [0, 1]])), names: ["a"] },
  { fn: "linalg.symmetricEigen", call: "[[1, −5], [5, 1]] (not symmetric)", run: () => L.symmetricEigen(new Matrix([[1, -5], [5, 1]])), names: ["a"] },
  { fn: "linalg.symmetricEigen", call: "a NaN entry", run: () => L.symmetricEigen(new Matrix([[1, NaN], [NaN, 1]])), names: ["a"] },
  { fn: "linalg.symmetricEigen", call: "an Infinity entry", run: () => L.symmetricEigen(new Matrix([[Infinity, 0], [0, 1]])), names: ["a"] },
  { fn: "linalg.symmetricEigen", call: "2×3", run: () => L.symmetricEigen(new Matrix([[1, 2, 3], [4, 5, 6]])), names: ["a"] },
  { fn: "linalg.symmetricEigen", call: "number[][] instead of a Matrix", run: () => L.symmetricEigen([[2, 0], [0, 1]] as any), ok: (r) => closeAll(r.values, [1, 2]) },
  { fn: "linalg.symmetricEigen", call: "undefined", run: () => L.symmetricEigen(undefined as any), names: ["a"] },
  { fn: "linalg.symmetricEigen", call: "symmetric up to 1e-15 rounding", run: () => L.symmetricEigen(new Matrix([[2, 1 + 1e-15], [1, 2]])), ok: (r) => closeAll(r.values, [1, 3], 1e-12) },
  { fn: "linalg.symmetricEigen", call: "entries 1e300", run: () => L.symmetricEigen(new Matrix([[1e300, 0], [0, 2e300]])), ok: (r) => closeAll(r.values, [1e300, 2e300]) },

  // --- random ------------------------------------------------------------------------------
  ...[NaN, -1, 1.5, 2 ** 32, Infinity, "1", undefined].map((seed): Case => ({ fn: "rng", call: `seed ${String(seed)}`, run: () => L.rng(seed as number), names: ["seed"] })),
  { fn: "Rng#normal", call: "sd = NaN", run: () => L.rng(0).normal(0, NaN), names: ["sd"] },
  { fn: "Rng#normal", call: "mean = NaN", run: () => L.rng(0).normal(NaN, 1), names: ["mean"] },
  { fn: "Rng#normal", call: "sd = Infinity", run: () => L.rng(0).normal(0, Infinity), names: ["sd"] },
  { fn: "Rng#normal", call: "sd = −1", run: () => L.rng(0).normal(0, -1), names: ["sd"] },
  { fn: "Rng#uniform", call: "a = NaN", run: () => L.rng(0).uniform(NaN, 1), names: ["a"] },
  { fn: "Rng#uniform", call: "b = Infinity", run: () => L.rng(0).uniform(0, Infinity), names: ["b"] },
  { fn: "Rng#uniform", call: "a > b", run: () => L.rng(0).uniform(1, 0), names: ["a", "b"] },
  { fn: "Rng#uniform", call: "[−1e308, 1e308)", run: () => L.rng(0).uniform(-1e308, 1e308), ok: (r) => Number.isFinite(r) && Math.abs(r) < 1e308 },
  { fn: "Rng#normalVector", call: "n = 3, sd = NaN", run: () => L.rng(0).normalVector(3, NaN), names: ["sd"] },
  { fn: "Rng#normalVector", call: "n = NaN", run: () => L.rng(0).normalVector(NaN), names: ["n"] },
  { fn: "Rng#normalVector", call: "n = 2.5", run: () => L.rng(0).normalVector(2.5), names: ["n"] },
  { fn: "Rng#normalVector", call: "out of length 2 for n = 3", run: () => L.rng(0).normalVector(3, 1, new Float64Array(2)), names: ["out"] },
  { fn: "Rng#normalMatrix", call: "sd = NaN", run: () => L.rng(0).normalMatrix(2, 2, NaN), names: ["sd"] },
  { fn: "Rng#normalMatrix", call: "rows = 1.5", run: () => L.rng(0).normalMatrix(1.5, 2), names: ["rows"] },
  { fn: "Rng#sphere", call: "radius = NaN", run: () => L.rng(0).sphere(3, NaN), names: ["radius"] },
  { fn: "Rng#sphere", call: "n = 0", run: () => L.rng(0).sphere(0), names: ["n"] },
  { fn: "Rng#ball", call: "radius = −1", run: () => L.rng(0).ball(3, -1), names: ["radius"] },
  { fn: "Rng#ball", call: "n = NaN", run: () => L.rng(0).ball(NaN), names: ["n"] },
  { fn: "Rng#orthogonal", call: "n = NaN", run: () => L.rng(0).orthogonal(NaN), names: ["n"] },
  { fn: "Rng#orthogonal", call: "n = 2.5", run: () => L.rng(0).orthogonal(2.5), names: ["n"] },
  { fn: "Rng#orthogonal", call: "n = 0", run: () => L.rng(0).orthogonal(0), names: ["n"] },
  { fn: "Rng#integer", call: "to = NaN", run: () => L.rng(0).integer(0, NaN), names: ["to"] },
  { fn: "Rng#integer", call: "from = 1.5", run: () => L.rng(0).integer(1.5, 3), names: ["from"] },
  { fn: "Rng#permutation", call: "n = −1", run: () => L.rng(0).permutation(-1), names: ["n"] },
  { fn: "Rng#sample", call: "k > n without replacement", run: () => L.rng(0).sample(3, 5), names: ["k"] },
  { fn: "Rng#sample", call: "n = NaN", run: () => L.rng(0).sample(NaN, 1), names: ["n"] },

  // --- experiment --------------------------------------------------------------------------
  { fn: "experiment.linearFit", call: "y near 1e160", run: () => L.linearFit([1, 2, 3], [1e160, 2e160, 3e160]), ok: (r) => close(r.slope, 1e160) && close(r.r2, 1) },
  { fn: "experiment.linearFit", call: "y near 1e200", run: () => L.linearFit([1, 2, 3], [1e200, 2e200, 3.5e200]), ok: (r) => close(r.slope, 1.25e200, 1e-12) && close(r.intercept, -0.333333333333333333e200, 1e-9) && r.r2 > 0.98 && r.r2 < 1 },
  { fn: "experiment.linearFit", call: "x near 1e200", run: () => L.linearFit([1e200, 2e200, 3e200], [1, 2, 3]), ok: (r) => close(r.slope, 1e-200) && Math.abs(r.intercept) < 1e-12 && close(r.r2, 1) },
  { fn: "experiment.linearFit", call: "x, y near 1e-200", run: () => L.linearFit([1e-200, 2e-200, 3e-200], [2e-200, 4e-200, 6e-200]), ok: (r) => close(r.slope, 2) && close(r.r2, 1) },
  { fn: "experiment.linearFit", call: "slope 1e397 (beyond float64)", run: () => L.linearFit([1e-97, 2e-97, 3e-97], [1e300, 2e300, 3e300]), names: ["x", "y"] },
  { fn: "experiment.linearFit", call: "a NaN in y", run: () => L.linearFit([1, 2, 3], [1, NaN, 3]), names: ["y"] },
  { fn: "experiment.linearFit", call: "an Infinity in x", run: () => L.linearFit([1, Infinity, 3], [1, 2, 3]), names: ["x"] },
  { fn: "experiment.linearFit", call: "empty", run: () => L.linearFit([], []), names: ["x"] },
  { fn: "experiment.linearFit", call: "lengths 3 and 2", run: () => L.linearFit([1, 2, 3], [1, 2]), names: ["x", "y"] },
  { fn: "experiment.linearFit", call: "one point", run: () => L.linearFit([1], [1]), names: ["x"] },
  { fn: "experiment.linearFit", call: "constant x", run: () => L.linearFit([2, 2, 2], [1, 2, 3]), names: ["x"] },
  { fn: "experiment.linearFit", call: "undefined", run: () => L.linearFit(undefined as any, [1, 2]), names: ["x"] },
  { fn: "experiment.exponentialFit", call: "y with a 0", run: () => L.exponentialFit([1, 2, 3], [1, 0, 3]), names: ["y"] },
  { fn: "experiment.exponentialFit", call: "y with a −1", run: () => L.exponentialFit([1, 2, 3], [1, -1, 3]), names: ["y"] },
  { fn: "experiment.powerFit", call: "x with a 0", run: () => L.powerFit([0, 1, 2], [1, 2, 3]), names: ["x"] },
  { fn: "experiment.powerFit", call: "y near 1e300", run: () => L.powerFit([1, 2, 4], [1e300, 2e300, 4e300]), ok: (r) => close(r.slope, 1, 1e-12) },
  { fn: "experiment.seedRange", call: "n = 3, first = NaN", run: () => L.seedRange(3, NaN), names: ["first"] },
  { fn: "experiment.seedRange", call: "n = 3, first = 1.5", run: () => L.seedRange(3, 1.5), names: ["first"] },
  { fn: "experiment.seedRange", call: "n = 3, first = −1", run: () => L.seedRange(3, -1), names: ["first"] },
  { fn: "experiment.seedRange", call: "n = NaN", run: () => L.seedRange(NaN), names: ["n"] },
  { fn: "experiment.seedRange", call: "n = 2.5", run: () => L.seedRange(2.5), names: ["n"] },
  { fn: "experiment.seedRange", call: "n = 3, first = 2³² − 2 (past the last seed)", run: () => L.seedRange(3, 2 ** 32 - 2), names: ["first", "n"] },
  { fn: "experiment.sweep", call: "run throws at eta = 0.2, seed 0", run: failingSweep, names: ["seed"], error: (e) => /eta/.test(e.message) && /seed 0\b/.test(e.message) && Array.isArray((e as any).records) && (e as any).records.length === 2 },
  { fn: "experiment.sweep", call: "seeds = []", run: () => L.sweep({ a: [1] }, [], () => ({})), names: ["seeds"] },
  { fn: "experiment.sweep", call: "seeds = [1.5]", run: () => L.sweep({ a: [1] }, [1.5], () => ({})), names: ["seeds[0]", "seeds"] },
  { fn: "experiment.sweep", call: "seeds = [NaN]", run: () => L.sweep({ a: [1] }, [NaN], () => ({})), names: ["seeds[0]", "seeds"] },
  { fn: "experiment.sweep", call: "grid.a = []", run: () => L.sweep({ a: [] }, [0], () => ({})), names: ["grid.a", "grid"] },
  { fn: "experiment.sweep", call: "grid undefined", run: () => L.sweep(undefined as any, [0], () => ({})), names: ["grid"] },
  { fn: "experiment.sweep", call: "run not a function", run: () => L.sweep({ a: [1] }, [0], 3 as any), names: ["run"] },
  { fn: "experiment.sweep", call: "run returns a number", run: () => L.sweep({ a: [1] }, [0], (() => 3) as any, { progress: false }), names: ["run"] },
  { fn: "experiment.sweep", call: "options = null", run: () => L.sweep({ a: [1] }, [0], () => ({ v: 1 }), null as any), names: ["options"] },
  { fn: "experiment.gridPoints", call: "grid undefined", run: () => L.experiment.gridPoints(undefined as any), names: ["grid"] },
  { fn: "experiment.gridPoints", call: "grid.a = 3", run: () => L.experiment.gridPoints({ a: 3 } as any), names: ["grid.a", "grid"] },

  // --- certify -----------------------------------------------------------------------------
  { fn: "certify.classifyCriticalPoint", call: "Hessian [[1, −5], [5, 1]] (not symmetric)", run: () => L.classifyCriticalPoint(hessianOf([[1, -5], [5, 1]]), F(0, 0)), names: ["hessian", "objective.hessian"] },
  { fn: "certify.classifyCriticalPoint", call: "Hessian with a NaN", run: () => L.classifyCriticalPoint(hessianOf([[1, NaN], [NaN, 1]]), F(0, 0)), names: ["hessian", "objective.hessian"] },
  { fn: "certify.classifyCriticalPoint", call: "Hessian 3×3 for dim 2", run: () => L.classifyCriticalPoint(hessianOf([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), F(0, 0)), names: ["hessian", "objective.hessian"] },
  { fn: "certify.classifyCriticalPoint", call: "gradient NaN", run: () => L.classifyCriticalPoint({ ...saddle, grad: () => F(NaN, 0) }, F(0, 0)), names: ["grad", "objective.grad"] },
  ...badVectors(2).map(([what, v]): Case => ({ fn: "certify.classifyCriticalPoint", call: `x ${what}`, run: () => L.classifyCriticalPoint(saddle, v as Float64Array), names: ["x"] })),
  { fn: "certify.classifyCriticalPoint", call: "tolerance = NaN", run: () => L.classifyCriticalPoint(saddle, F(0, 0), NaN), names: ["tolerance"] },
  { fn: "certify.classifyCriticalPoint", call: "objective undefined", run: () => L.classifyCriticalPoint(undefined as any, F(0, 0)), names: ["objective"] },
  { fn: "certify.classifyCriticalPoint", call: "objective without a Hessian", run: () => L.classifyCriticalPoint(linearSum, F(0, 0)), names: ["objective", "hessian"] },
  { fn: "certify.classifyOnSphere", call: "x off the sphere (‖x‖ = 2)", run: () => L.classifyOnSphere(new Matrix([[1, 0], [0, 2]]), F(2, 0)), names: ["x"] },
  { fn: "certify.classifyOnSphere", call: "x = 0", run: () => L.classifyOnSphere(new Matrix([[1, 0], [0, 2]]), F(0, 0)), names: ["x"] },
  { fn: "certify.classifyOnSphere", call: "x with a NaN", run: () => L.classifyOnSphere(new Matrix([[1, 0], [0, 2]]), F(NaN, 1)), names: ["x"] },
  { fn: "certify.classifyOnSphere", call: "tolerance = NaN", run: () => L.classifyOnSphere(new Matrix([[1, 0], [0, 2]]), F(1, 0), NaN), names: ["tolerance"] },
  { fn: "certify.classifyOnSphere", call: "tolerance = −1", run: () => L.classifyOnSphere(new Matrix([[1, 0], [0, 2]]), F(1, 0), -1), names: ["tolerance"] },
  { fn: "certify.classifyOnSphere", call: "a not symmetric", run: () => L.classifyOnSphere(new Matrix([[1, 3], [0, 2]]), F(1, 0)), names: ["a"] },
  { fn: "certify.classifyOnSphere", call: "a 3×3 for x of length 2", run: () => L.classifyOnSphere(Matrix.eye(3), F(1, 0)), names: ["a", "x"] },
  { fn: "certify.classifyOnSphere", call: "a with a NaN", run: () => L.classifyOnSphere(new Matrix([[NaN, 0], [0, 2]]), F(1, 0)), names: ["a"] },
  { fn: "certify.classifyOnSphere", call: "a as number[][]", run: () => L.classifyOnSphere([[1, 0], [0, 2]] as any, F(1, 0)), ok: (r) => r.kind === "minimizer" },
  { fn: "certify.classifyOnSphere", call: "subnormal entries in a and x", run: () => L.classifyOnSphere(new Matrix([[10, 0], [0, -5e-323]]), F(1, 4.4e-323)), ok: (r) => r.kind === "maximizer" && r.eigenvalues.length === 1 && close(r.eigenvalues[0], -20) },
  { fn: "certify.classifyOnSphere", call: "x on the sphere up to rounding", run: () => L.classifyOnSphere(new Matrix([[1, 0], [0, 2]]), F(0, 1 + 1e-12)), ok: (r) => r.kind === "maximizer" },
  { fn: "certify.newtonCriticalPoint", call: "x0 with a NaN", run: () => L.newtonCriticalPoint(saddle, F(NaN, 0)), names: ["x0"] },
  { fn: "certify.newtonCriticalPoint", call: "maxIterations = 2.5", run: () => L.newtonCriticalPoint(saddle, x0, { maxIterations: 2.5 }), names: ["maxIterations"] },
  { fn: "certify.newtonCriticalPoint", call: "options = null", run: () => L.newtonCriticalPoint(saddle, x0, null as any), names: ["options"] },
  { fn: "certify.finiteDifferenceGradient", call: "½‖x‖² at (0, 1e300): f overflows", run: () => L.finiteDifferenceGradient(quadI(), F(0, 1e300)), names: ["x", "objective", "objective.value"] },
  // A fixed step h = 1e-5 vanishes next to 1e300 (x + h = x): the step must scale with |xᵢ|.
  { fn: "certify.finiteDifferenceGradient", call: "x₀ + x₁ at (1e300, 1e300)", run: () => L.finiteDifferenceGradient(linearSum, F(1e300, 1e300)), ok: (r) => closeAll(r, [1, 1], 1e-6) },
  { fn: "certify.finiteDifferenceGradient", call: "h = NaN", run: () => L.finiteDifferenceGradient(saddle, x0, NaN), names: ["h"] },
  { fn: "certify.finiteDifferenceGradient", call: "x wrong length", run: () => L.finiteDifferenceGradient(saddle, F(1, 2, 3)), names: ["x"] },
  { fn: "certify.finiteDifferenceGradient", call: "objective undefined", run: () => L.finiteDifferenceGradient(undefined as any, x0), names: ["objective"] },
  { fn: "certify.finiteDifferenceHessian", call: "gradient NaN", run: () => L.finiteDifferenceHessian({ ...saddle, grad: () => F(NaN, NaN) }, x0), names: ["objective", "objective.grad", "grad", "x"] },
  { fn: "certify.finiteDifferenceHessian", call: "x₀ + x₁ at (0, 1e300)", run: () => L.finiteDifferenceHessian(linearSum, F(0, 1e300)), ok: (r) => r.to1DArray().every((v: number) => v === 0) },
  { fn: "certify.relativeError", call: "lengths 2 and 3", run: () => L.certify.relativeError([1, 2], [1, 2, 3]), names: ["a", "b"] },
  { fn: "certify.relativeError", call: "a NaN in a", run: () => L.certify.relativeError([1, NaN], [1, 2]), names: ["a"] },
  { fn: "certify.kktCheck", call: "no constraints", run: () => L.kktCheck({ point: F(1, 1), constraints: () => new Float64Array(0), gradients: () => F(0, 0), degree: 1 }), names: ["constraints"] },
  { fn: "certify.kktCheck", call: "constraints return NaN", run: () => L.kktCheck({ point: F(1, 1), constraints: () => F(NaN, 1), gradients: () => F(1, 0), degree: 1 }), names: ["constraints"] },
  { fn: "certify.kktCheck", call: "gradients return a wrong length", run: () => L.kktCheck({ point: F(1, 1), constraints: (w) => F(w[0] + w[1]), gradients: () => F(1, 1, 1), degree: 1 }), names: ["gradients"] },
  { fn: "certify.kktCheck", call: "gradients return NaN", run: () => L.kktCheck({ point: F(1, 1), constraints: (w) => F(w[0] + w[1]), gradients: () => F(NaN, 1), degree: 1 }), names: ["gradients"] },
  { fn: "certify.kktCheck", call: "no options object", run: () => (L.kktCheck as any)(), names: ["options", "point"] },
  { fn: "certify.kktCheck", call: "point with a NaN", run: () => L.kktCheck({ point: F(NaN, 1), constraints: (w) => F(w[0] + w[1]), gradients: () => F(1, 1), degree: 1 }), names: ["point"] },
  { fn: "certify.kktCheck", call: "degree = 1.5", run: () => L.kktCheck({ point: F(1, 1), constraints: (w) => F(w[0] + w[1]), gradients: () => F(1, 1), degree: 1.5 }), names: ["degree"] },
  { fn: "certify.kktCheck", call: "constraints not a function", run: () => L.kktCheck({ point: F(1, 1), constraints: 3 as any, gradients: () => F(1, 1), degree: 1 }), names: ["constraints"] },
  { fn: "certify.kktCheck", call: "one constraint x₀ + x₁ ≥ 1 at (1, 1): a KKT point", run: () => L.kktCheck({ point: F(1, 1), constraints: (w) => F(w[0] + w[1]), gradients: () => F(1, 1), degree: 1 }), ok: (r) => r.residual < 1e-6 && closeAll(r.normalizedPoint, [0.5, 0.5]) },

  // --- margin ------------------------------------------------------------------------------
  ...maxMargins.flatMap(([name, f]): Case[] => [
    { fn: `margin.${name}`, call: "single-class data, bias", run: () => f(oneClassX, oneClassY, { bias: true }), names: ["y"] },
    { fn: `margin.${name}`, call: "single-class data, no bias", run: () => f(oneClassX, oneClassY), ok: (r) => r.margin > 0 && !hasNonFinite(r) },
    { fn: `margin.${name}`, call: "XOR", run: () => f(xorX, xorY), names: ["X", "y"] },
    { fn: `margin.${name}`, call: "XOR, bias", run: () => f(xorX, xorY, { bias: true }), names: ["X", "y"] },
    { fn: `margin.${name}`, call: "a point repeated with both labels", run: () => f(repeatedX, repeatedY, { bias: true }), names: ["X", "y"] },
    { fn: `margin.${name}`, call: "data scaled to 1e200", run: () => f(scale(soudryX, 1e200), soudryY), ok: (r) => r.margin > 0 && close(r.margin, 1e200 * { maxMarginL1: 1, maxMarginL2: Math.SQRT2, maxMarginLinf: 2 }[name]!, 1e-6) },
    { fn: `margin.${name}`, call: "data scaled to 1e-200", run: () => f(scale(soudryX, 1e-200), soudryY), ok: (r) => r.margin > 0 && close(r.margin, 1e-200 * { maxMarginL1: 1, maxMarginL2: Math.SQRT2, maxMarginLinf: 2 }[name]!, 1e-6) },
    { fn: `margin.${name}`, call: "X with a NaN", run: () => f([[1, NaN], [0, 1]], [1, -1]), names: ["X[0][1]", "X"] },
    { fn: `margin.${name}`, call: "X empty", run: () => f([], []), names: ["X"] },
    { fn: `margin.${name}`, call: "y of the wrong length", run: () => f(soudryX, [1, -1]), names: ["y"] },
    { fn: `margin.${name}`, call: "y with a 0", run: () => f(soudryX, [1, 0, -1, -1]), names: ["y[1]", "y"] },
    { fn: `margin.${name}`, call: "supportTolerance = NaN", run: () => f(soudryX, soudryY, { supportTolerance: NaN }), names: ["supportTolerance"] },
    { fn: `margin.${name}`, call: "options = null", run: () => f(soudryX, soudryY, null as any), names: ["options"] },
  ]),
  { fn: "margin.maxMarginL2", call: "separable with a bias", run: () => L.maxMarginL2(biasX, biasY, { bias: true }), ok: (r) => r.margin > 0 && Number.isFinite(r.bias) },
  { fn: "margin.normalizedMargin", call: "w = (1e308, 1e308)", run: () => L.normalizedMargin([1e308, 1e308], soudryX, soudryY), ok: (r) => close(r, Math.SQRT2) },
  { fn: "margin.normalizedMargin", call: "w = (1e-320, 1e-320) (subnormal)", run: () => L.normalizedMargin([1e-320, 1e-320], soudryX, soudryY), ok: (r) => close(r, Math.SQRT2, 1e-2) },
  { fn: "margin.normalizedMargin", call: "X scaled to 1e300, w = (1e300, 1e300)", run: () => L.normalizedMargin([1e300, 1e300], scale(soudryX, 1e300), soudryY), ok: (r) => close(r, Math.SQRT2 * 1e300) },
  { fn: "margin.normalizedMargin", call: "w with a NaN", run: () => L.normalizedMargin([NaN, 1], soudryX, soudryY), names: ["w"] },
  { fn: "margin.normalizedMargin", call: "w = 0", run: () => L.normalizedMargin([0, 0], soudryX, soudryY), names: ["w"] },
  { fn: "margin.normalizedMargin", call: "w of the wrong length", run: () => L.normalizedMargin([1, 1, 1], soudryX, soudryY), names: ["w"] },
  { fn: "margin.normalizedMargin", call: "p = NaN", run: () => L.normalizedMargin([1, 1], soudryX, soudryY, NaN), names: ["p"] },
  { fn: "margin.normalizedMargin", call: "w undefined", run: () => L.normalizedMargin(undefined as any, soudryX, soudryY), names: ["w"] },
  { fn: "margin.directionGap", call: "w = (1e308, 1e308), w⋆ = (1, 1)", run: () => L.directionGap([1e308, 1e308], [1, 1]), ok: (r) => r.distance < 1e-12 && r.oneMinusCos! < 1e-12 },
  { fn: "margin.directionGap", call: "w with a NaN", run: () => L.directionGap([NaN, 1], [1, 1]), names: ["w"] },
  { fn: "margin.directionGap", call: "lengths 2 and 3", run: () => L.directionGap([1, 1], [1, 1, 1]), names: ["w", "wStar"] },
  { fn: "margin.directionGap", call: "wStar = 0", run: () => L.directionGap([1, 1], [0, 0]), names: ["wStar"] },
  { fn: "margin.directionGap", call: "p = 0", run: () => L.directionGap([1, 1], [1, 0], 0), names: ["p"] },
  { fn: "margin.svm", call: "XOR (4 points)", run: () => L.svm(xorX, xorY, { rng: L.rng(0) }), names: ["X", "y"] },
  { fn: "margin.svm", call: "XOR (120 random points)", run: () => L.svm(xor120.X, xor120.y, { rng: L.rng(0) }), names: ["X", "y"] },
  { fn: "margin.svm", call: "a point repeated with both labels", run: () => L.svm(repeatedX, repeatedY, { rng: L.rng(0) }), names: ["X", "y"] },
  { fn: "margin.svm", call: "single-class data", run: () => L.svm(oneClassX, oneClassY, { rng: L.rng(0) }), names: ["y"] },
  { fn: "margin.svm", call: "data scaled to 1e200", run: () => L.svm(scale(soudryX, 1e200), soudryY, { rng: L.rng(0) }), ok: (r) => closeAll(r.direction, [Math.SQRT1_2, Math.SQRT1_2], 1e-3) && r.margin > 0 && !hasNonFinite(r) },
  { fn: "margin.svm", call: "maxIterations = −1", run: () => L.svm(soudryX, soudryY, { rng: L.rng(0), maxIterations: -1 }), names: ["maxIterations"] },
  { fn: "margin.svm", call: "maxIterations = 2.5", run: () => L.svm(soudryX, soudryY, { rng: L.rng(0), maxIterations: 2.5 }), names: ["maxIterations"] },
  { fn: "margin.svm", call: "no options object", run: () => (L.svm as any)(soudryX, soudryY), names: ["rng", "options"] },
  { fn: "margin.svm", call: "C = NaN", run: () => L.svm(soudryX, soudryY, { rng: L.rng(0), C: NaN }), names: ["C"] },
  { fn: "margin.svm", call: "Soudry's four support vectors", run: () => L.svm(soudryX, soudryY, { rng: L.rng(0) }), ok: (r) => closeAll(r.direction, [Math.SQRT1_2, Math.SQRT1_2], 1e-3) && r.margin > 1.4 },
  { fn: "margin.dataset", call: "ragged X", run: () => L.margin.dataset([[1, 2], [1]], [1, -1]), names: ["X[1]", "X"] },
  { fn: "margin.margins", call: "w with a NaN", run: () => L.margin.margins(L.margin.dataset(soudryX, soudryY), [NaN, 1]), names: ["w"] },

  // --- objectives --------------------------------------------------------------------------
  { fn: "objectives.quadratic", call: "a not symmetric", run: () => L.objectives.quadratic([[1, 2], [0, 1]]), names: ["a"] },
  { fn: "objectives.quadratic", call: "a with a NaN", run: () => L.objectives.quadratic([[1, NaN], [NaN, 1]]), names: ["a[0][1]", "a"] },
  { fn: "objectives.quadratic", call: "a not positive definite", run: () => L.objectives.quadratic([[1, 0], [0, -1]]), names: ["a"] },
  { fn: "objectives.quadratic", call: "b of the wrong length", run: () => L.objectives.quadratic([[1, 0], [0, 1]], F(1)), names: ["b"] },
  { fn: "objectives.quadratic", call: "c = NaN", run: () => L.objectives.quadratic([[1, 0], [0, 1]], undefined, NaN), names: ["c"] },
  { fn: "objectives.quadratic", call: "a undefined", run: () => L.objectives.quadratic(undefined as any), names: ["a"] },
  { fn: "objectives.quadratic", call: "a empty", run: () => L.objectives.quadratic([]), names: ["a"] },
  { fn: "objectives.rankOneApproximation", call: "m with an Infinity", run: () => L.objectives.rankOneApproximation([[Infinity, 0], [0, 1]]), names: ["m[0][0]", "m"] },
  { fn: "objectives.rankOneApproximation", call: "m undefined", run: () => L.objectives.rankOneApproximation(undefined as any), names: ["m"] },
  { fn: "objectives.rayleighQuotient", call: "a not square", run: () => L.objectives.rayleighQuotient([[1, 2, 3]]), names: ["a"] },
  { fn: "objectives.octopus", call: "d = NaN", run: () => L.objectives.octopus(NaN), names: ["d"] },
  { fn: "objectives.octopus", call: "d = 2.5", run: () => L.objectives.octopus(2.5), names: ["d"] },
  { fn: "objectives.octopus", call: "L = NaN", run: () => L.objectives.octopus(2, { L: NaN }), names: ["L"] },
  { fn: "objectives.octopus", call: "tau = 1e300 (ν overflows)", run: () => L.objectives.octopus(4, { tau: 1e300 }), names: ["tau"] },
  { fn: "objectives.octopus", call: "options = null", run: () => L.objectives.octopus(2, null as any), names: ["options"] },
  { fn: "objectives.octopus#gradientDescentPassages", call: "no options object", run: () => (L.objectives.octopus(2).gradientDescentPassages as any)(F(0.1, 0.1)), names: ["options", "stepSize"] },
  { fn: "objectives.octopus#gradientDescentPassages", call: "stepSize = NaN", run: () => L.objectives.octopus(2).gradientDescentPassages(F(0.1, 0.1), { stepSize: NaN, maxIterations: 10 }), names: ["stepSize"] },
  { fn: "objectives.octopus#gradientDescentPassages", call: "maxIterations = 2.5", run: () => L.objectives.octopus(2).gradientDescentPassages(F(0.1, 0.1), { stepSize: 0.1, maxIterations: 2.5 }), names: ["maxIterations"] },
  { fn: "objectives.octopus#gradientDescentPassages", call: "x0 with a NaN", run: () => L.objectives.octopus(2).gradientDescentPassages(F(NaN, 0.1), { stepSize: 0.1, maxIterations: 10 }), names: ["x0"] },
  { fn: "objectives.octopus#gradientDescentPassages", call: "x0 of the wrong length", run: () => L.objectives.octopus(2).gradientDescentPassages(F(0.1), { stepSize: 0.1, maxIterations: 10 }), names: ["x0"] },
  { fn: "objectives.octopus#gradientDescentPassages", call: "x0 outside the domain", run: () => L.objectives.octopus(2).gradientDescentPassages(F(100, 0.1), { stepSize: 0.1, maxIterations: 10 }), names: ["x0"] },
  { fn: "objectives.strictSaddle", call: "center with a NaN", run: () => L.objectives.strictSaddle({ center: [NaN, 0] }), names: ["center[0]", "center"] },
  { fn: "objectives.strictSaddle", call: "options = null", run: () => L.objectives.strictSaddle(null as any), names: ["options"] },
  { fn: "objectives.logisticLoss", call: "X with a NaN", run: () => L.objectives.logisticLoss([[NaN, 1]], [1]), names: ["X[0][0]", "X"] },
  { fn: "objectives.logisticLoss", call: "y with a 2", run: () => L.objectives.logisticLoss([[1, 1]], [2]), names: ["y[0]", "y"] },
  { fn: "objectives.exponentialLoss", call: "X undefined", run: () => L.objectives.exponentialLoss(undefined as any, [1]), names: ["X"] },
  { fn: "objectives.marginLoss", call: "loss undefined", run: () => L.objectives.marginLoss([[1, 1]], [1], undefined as any), names: ["loss"] },
  { fn: "objectives.diagonalNetwork", call: "linear undefined", run: () => L.objectives.diagonalNetwork(undefined as any), names: ["linear"] },

  // --- optimizers --------------------------------------------------------------------------
  { fn: "optimizers.gd", call: "grad returns length 1", run: () => L.gd(wrongGrad(1), x0, { stepSize: 0.1 }), names: ["grad", "objective.grad"] },
  { fn: "optimizers.gd", call: "grad returns length 3", run: () => L.gd(wrongGrad(3), x0, { stepSize: 0.1 }), names: ["grad", "objective.grad"] },
  { fn: "optimizers.gd", call: "grad returns NaN at x0", run: () => L.gd(wrongGrad(2, NaN), x0, { stepSize: 0.1 }), names: ["grad", "objective.grad"] },
  { fn: "optimizers.gd", call: "grad returns a number[]", run: () => L.gd({ ...wrongGrad(2), grad: (x: Float64Array) => [x[0], x[1]] as any }, x0, { stepSize: 0.1, maxIterations: 10000 }), ok: (r) => r.status === "converged" && r.gradNorm <= 1e-8 },
  ...badVectors(2).map(([what, v]): Case => ({ fn: "optimizers.gd", call: `x0 ${what}`, run: () => L.gd(saddle, v as Float64Array, { stepSize: 0.1 }), names: ["x0"] })),
  ...([["stepSize = NaN", { stepSize: NaN }, "stepSize"], ["stepSize = −1", { stepSize: -1 }, "stepSize"], ["stepSize = Infinity", { stepSize: Infinity }, "stepSize"], ["maxIterations = 2.5", { stepSize: 0.1, maxIterations: 2.5 }, "maxIterations"],
    ["maxIterations = −1", { stepSize: 0.1, maxIterations: -1 }, "maxIterations"], ["tolerance = NaN", { stepSize: 0.1, tolerance: NaN }, "tolerance"], ["recordEvery = 0.5", { stepSize: 0.1, recordEvery: 0.5 }, "recordEvery"],
    ["divergenceBound = NaN", { stepSize: 0.1, divergenceBound: NaN }, "divergenceBound"], ["a step schedule returning NaN", { stepSize: () => NaN }, "stepSize(0)"], ["no options object", undefined, "options"]] as [string, any, string][])
    .map(([what, options, name]): Case => ({ fn: "optimizers.gd", call: what, run: () => L.gd(saddle, x0, options), names: [name] })),
  { fn: "optimizers.gd", call: "objective undefined", run: () => L.gd(undefined as any, x0, { stepSize: 0.1 }), names: ["objective"] },
  { fn: "optimizers.gd", call: "steps past the divergence bound (η = 10 on the saddle)", run: () => L.gd(saddle, x0, { stepSize: 10 }), ok: (r) => r.status === "diverged" && typeof r.divergedAt === "number" },
  { fn: "optimizers.coordinateDescent", call: "no options object", run: () => (L.coordinateDescent as any)(saddle, x0), names: ["options", "stepSize"] },
  { fn: "optimizers.coordinateDescent", call: "order = 'x'", run: () => L.coordinateDescent(saddle, x0, { stepSize: 0.1, order: "x" as any }), names: ["order"] },
  { fn: "optimizers.coordinateDescent", call: "random order without rng", run: () => L.coordinateDescent(saddle, x0, { stepSize: 0.1, order: "random" }), names: ["rng"] },
  { fn: "optimizers.coordinateDescent", call: "grad returns length 1", run: () => L.coordinateDescent(wrongGrad(1), x0, { stepSize: 0.1 }), names: ["grad", "objective.grad"] },
  { fn: "optimizers.steepestDescent", call: "no options object", run: () => (L.steepestDescent as any)(saddle, x0), names: ["options", "norm"] },
  { fn: "optimizers.steepestDescent", call: "norm = 3", run: () => L.steepestDescent(saddle, x0, { stepSize: 0.1, norm: 3 as any }), names: ["norm"] },
  { fn: "optimizers.mirrorDescent", call: "no options object", run: () => (L.mirrorDescent as any)(saddle, F(2, 2)), names: ["options", "mirrorMap"] },
  { fn: "optimizers.mirrorDescent", call: "x0 outside the domain", run: () => L.mirrorDescent(saddle, F(-1, 2), { stepSize: 0.1, mirrorMap: L.entropicMirrorMap }), names: ["x0"] },
  { fn: "optimizers.mirrorDescent", call: "x0 with a NaN", run: () => L.mirrorDescent(saddle, F(NaN, 2), { stepSize: 0.1, mirrorMap: L.entropicMirrorMap }), names: ["x0"] },
  { fn: "optimizers.mirrorDescent", call: "x0 undefined", run: () => L.mirrorDescent(saddle, undefined as any, { stepSize: 0.1, mirrorMap: L.entropicMirrorMap }), names: ["x0"] },
  { fn: "optimizers.stochasticGradientDescent", call: "no options object", run: () => (L.stochasticGradientDescent as any)(saddle, x0), names: ["options", "noise", "rng"] },
  { fn: "optimizers.stochasticGradientDescent", call: "noise = NaN", run: () => L.stochasticGradientDescent(saddle, x0, { stepSize: 0.1, noise: NaN, rng: L.rng(0) }), names: ["noise"] },
  { fn: "optimizers.stochasticGradientDescent", call: "rng missing", run: () => (L.stochasticGradientDescent as any)(saddle, x0, { stepSize: 0.1, noise: 0.1 }), names: ["rng"] },
  { fn: "optimizers.riemannianGradientDescent", call: "no options object", run: () => (L.riemannianGradientDescent as any)(saddle, F(1, 0)), names: ["options", "manifold"] },
  { fn: "optimizers.riemannianGradientDescent", call: "x0 off the sphere", run: () => L.riemannianGradientDescent(saddle, F(2, 0), { stepSize: 0.1, manifold: L.sphere }), names: ["x0"] },
  { fn: "optimizers.riemannianGradientDescent", call: "x0 with a NaN", run: () => L.riemannianGradientDescent(saddle, F(NaN, 0), { stepSize: 0.1, manifold: L.sphere }), names: ["x0"] },
  { fn: "optimizers.perturbedGradientDescent", call: "no options object", run: () => (L.perturbedGradientDescent as any)(saddle, x0), names: ["options", "stepSize"] },
  { fn: "optimizers.perturbedGradientDescent", call: "radius = NaN", run: () => L.perturbedGradientDescent(saddle, x0, { ...pgdOptions, radius: NaN }), names: ["radius"] },
  { fn: "optimizers.perturbedGradientDescent", call: "timeThreshold = 2.5", run: () => L.perturbedGradientDescent(saddle, x0, { ...pgdOptions, timeThreshold: 2.5 }), names: ["timeThreshold"] },
  { fn: "optimizers.perturbedGradientDescent", call: "grad returns length 3", run: () => L.perturbedGradientDescent(wrongGrad(3), x0, pgdOptions), names: ["grad", "objective.grad"] },
  { fn: "optimizers.admm", call: "no options object", run: () => (L.admm as any)(twoBlock, start1()), names: ["options", "rho"] },
  { fn: "optimizers.admm", call: "start undefined", run: () => (L.admm as any)(twoBlock, undefined, { rho: 1 }), names: ["start"] },
  { fn: "optimizers.admm", call: "problem undefined", run: () => (L.admm as any)(undefined, start1(), { rho: 1 }), names: ["problem"] },
  { fn: "optimizers.admm", call: "rho = NaN", run: () => L.admm(twoBlock, start1(), { rho: NaN }), names: ["rho"] },
  { fn: "optimizers.admm", call: "start.x with a NaN", run: () => L.admm(twoBlock, { ...start1(), x: F(NaN) }, { rho: 1 }), names: ["start.x"] },
  { fn: "optimizers.admm", call: "maxIterations = 2.5", run: () => L.admm(twoBlock, start1(), { rho: 1, maxIterations: 2.5 }), names: ["maxIterations"] },
  { fn: "optimizers.admm", call: "f(x) = ½(x − 1)², g(z) = ½z²", run: () => L.admm(twoBlock, start1(), { rho: 1 }), ok: (r) => r.status === "converged" && Math.abs(r.x[0] - 0.5) < 1e-7 },
  { fn: "optimizers.jinParameters", call: "no options object", run: () => (L.jinParameters as any)(), names: ["options", "d"] },
  { fn: "optimizers.jinParameters", call: "d = NaN", run: () => L.jinParameters({ ...jin, d: NaN }), names: ["d"] },
  { fn: "optimizers.jinParameters", call: "d = 2.5", run: () => L.jinParameters({ ...jin, d: 2.5 }), names: ["d"] },
  { fn: "optimizers.jinParameters", call: "epsilon = −1", run: () => L.jinParameters({ ...jin, epsilon: -1 }), names: ["epsilon"] },
  { fn: "optimizers.jinParameters", call: "c = 5e-324 (χ overflows)", run: () => L.jinParameters({ ...jin, c: 5e-324 }), names: ["c"] },
  { fn: "optimizers.jinParameters", call: "delta = 2 (a probability)", run: () => L.jinParameters({ ...jin, delta: 2 }), names: ["delta"] },
  { fn: "optimizers.logSpaced", call: "perDecade = NaN", run: () => L.logSpaced(NaN), names: ["perDecade"] },
  { fn: "optimizers.logSpaced", call: "perDecade = 2.5", run: () => L.logSpaced(2.5), names: ["perDecade"] },
  { fn: "optimizers.descend", call: "update not a function", run: () => L.optimizers.descend(saddle, x0, { stepSize: 0.1 }, undefined as any), names: ["update"] },

  // --- plot helpers that compute numbers ---------------------------------------------------
  { fn: "plot.linspace", call: "n = NaN", run: () => L.linspace(0, 1, NaN), names: ["n"] },
  { fn: "plot.linspace", call: "n = 2.5", run: () => L.linspace(0, 1, 2.5), names: ["n"] },
  { fn: "plot.linspace", call: "a = NaN", run: () => L.linspace(NaN, 1, 3), names: ["a"] },
  { fn: "plot.linspace", call: "[−1e308, 1e308] in 3", run: () => L.linspace(-1e308, 1e308, 3), ok: (r) => closeAll(r, [-1e308, 0, 1e308]) },
  { fn: "plot.logspace", call: "b = Infinity", run: () => L.logspace(0, Infinity, 3), names: ["b"] },
];
