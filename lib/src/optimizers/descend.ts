import { norm2 } from "../vector";
import type { Objective } from "../objectives/objective";
import { assertFinite, assertFunction, assertInteger, assertObjective, assertPositive, assertVector } from "../validate";
import type { DescentOptions, History, RecordEvery, StepSize, Trace } from "./trace";

/**
 * A direction rule: moves `x` in place by one step of size `step` given the gradient `g`
 * at `x` and the step's index `k`. Methods differ only in this rule (and its geometry);
 * `descend` owns the loop, the stopping tests, the divergence check and the history.
 */
export type UpdateRule = (x: Float64Array, g: Float64Array, step: number, k: number) => void;

/** Returns η_k from a constant or a schedule, checking it is finite and > 0. */
export function stepAt(stepSize: StepSize, k: number, x: Float64Array, value: number): number {
  const eta = typeof stepSize === "function" ? stepSize(k, x, value) : stepSize;
  assertPositive(typeof stepSize === "function" ? `stepSize(${k})` : "stepSize", eta);
  return eta;
}

function recorder(recordEvery: RecordEvery): (k: number) => boolean {
  if (typeof recordEvery === "function") return recordEvery;
  assertInteger("recordEvery", recordEvery, 0);
  return recordEvery === 0 ? (k) => k === 0 : (k) => k % recordEvery === 0;
}

/** Checks the options shared by all methods and fills in the defaults. */
export function resolveOptions(objective: Objective, x0: Float64Array, options: DescentOptions) {
  assertObjective("objective", objective);
  assertVector("x0", x0, objective.dim);
  if (!options) throw new Error("options must be given, with at least stepSize");
  const { stepSize, maxIterations = 1000, tolerance = 1e-8, recordEvery = 0, divergenceBound = 1e12, stopWhen } = options;
  if (stopWhen !== undefined && typeof stopWhen !== "function") throw new Error("stopWhen must be a function (x, k) => boolean");
  if (typeof stepSize !== "function") assertPositive("stepSize", stepSize);
  assertInteger("maxIterations", maxIterations, 0);
  assertFinite("tolerance", tolerance);
  if (tolerance < 0) throw new Error(`tolerance must be ≥ 0 (0: never stop on the gradient), got ${tolerance}`);
  assertPositive("divergenceBound", divergenceBound);
  return { stepSize, maxIterations, tolerance, record: recorder(recordEvery), divergenceBound, stopWhen };
}

/**
 * ∇f(x) written into g, for the methods' loops: an objective may ignore `out` and return a new
 * array (copied into g then); one of the wrong length throws (O(1) per call).
 */
export function gradientInto(objective: Objective, x: Float64Array, g: Float64Array, k: number): Float64Array {
  const result = objective.grad(x, g);
  if (result !== g) {
    if (result?.length !== g.length) throw new Error(`objective.grad must return a vector of length ${g.length}, got ${result?.length === undefined ? typeof result : `length ${result.length}`} at step ${k}`);
    g.set(result);
  }
  return g;
}

/**
 * At the start: a non-finite gradient where f is finite is a broken objective, not a divergence
 * (which the loops report from step 1 on, or at step 0 when f(x₀) itself is not finite).
 */
export function assertStartGradient(value: number, g: Float64Array): void {
  if (Number.isFinite(value)) assertVector("objective.grad(x0)", g);
}

/** A history and the function that appends a copy of the current iterate to it. */
export function historyRecorder() {
  const history: History = { iteration: [], x: [], value: [], gradNorm: [] };
  const keep = (k: number, x: Float64Array, value: number, gradNorm: number) => {
    history.iteration.push(k);
    history.x.push(Float64Array.from(x));
    history.value.push(value);
    history.gradNorm.push(gradNorm);
  };
  const last = () => history.iteration[history.iteration.length - 1];
  return { history, keep, last };
}

/** Whether f(x) or x is non-finite or past the bound: the test every method uses for divergence. */
export function outside(x: Float64Array, value: number, bound: number): boolean {
  if (!Number.isFinite(value) || Math.abs(value) > bound) return true;
  for (let i = 0; i < x.length; i++) if (!(Math.abs(x[i]) <= bound)) return true;
  return false;
}

/**
 * The loop shared by every first-order method:
 *
 *   x₀ given;  x_{k+1} = update(x_k, ∇f(x_k), η_k, k)
 *
 * until ‖∇f(x_k)‖₂ ≤ tolerance ("converged"; never for tolerance 0), `stopWhen(x_k, k)` holds
 * ("stopped"), k = maxIterations ("max-iterations"), or f(x_k) or x_k is non-finite or past
 * `divergenceBound` ("diverged", with `divergedAt` = k).
 * `stationarity(x, ∇f(x))` is the quantity compared with the tolerance and reported as
 * `gradNorm`: ‖∇f‖₂ by default, the norm of the Riemannian gradient on a manifold.
 *
 * `readsGradient` = false declares that `update` never reads its `g` (a stochastic method
 * stepping along a sampled gradient): ∇f(x_k) is then evaluated only where the trace reports
 * it — at k = 0, at the recorded iterates, at the last one, and at every step when
 * tolerance > 0 — instead of at every step, and `update` gets an array of unspecified content.
 * The trace is the same (f(x_k) is still evaluated at every step, for the divergence test and
 * the schedule); a full gradient would cost a stochastic step m times its own price for a sum
 * of m terms. A non-finite ∇f counts as divergence where it is evaluated.
 * Allocates only the iterate, the gradient and the recorded copies.
 */
export function descend(
  objective: Objective,
  x0: Float64Array,
  options: DescentOptions,
  update: UpdateRule,
  stationarity: (x: Float64Array, g: Float64Array) => number = (_, g) => norm2(g),
  readsGradient = true,
): Trace {
  const { stepSize, maxIterations, tolerance, record, divergenceBound, stopWhen } = resolveOptions(objective, x0, options);
  assertFunction("update", update, "an update rule (x, g, step, k) => void");
  const x = Float64Array.from(x0);
  const g = new Float64Array(objective.dim);
  const { history, keep, last } = historyRecorder();
  let k = 0;
  const gradient = () => stationarity(x, gradientInto(objective, x, g, k));
  const everyStep = readsGradient || tolerance > 0;
  let value = objective.value(x);
  let gradNorm = gradient();
  let fresh = true; // whether gradNorm is ∇f(x_k)'s
  assertStartGradient(value, g);
  let status: Trace["status"] = "max-iterations";
  for (;;) {
    const recorded = record(k);
    if (recorded && !fresh) {
      gradNorm = gradient();
      fresh = true;
    }
    if (outside(x, value, divergenceBound) || !Number.isFinite(gradNorm)) { // a stale gradNorm was finite when evaluated
      status = "diverged";
      break;
    }
    if (recorded) keep(k, x, value, gradNorm);
    if (tolerance > 0 && gradNorm <= tolerance) {
      status = "converged";
      break;
    }
    if (stopWhen?.(x, k)) {
      status = "stopped";
      break;
    }
    if (k === maxIterations) break;
    update(x, g, stepAt(stepSize, k, x, value), k);
    k++;
    value = objective.value(x);
    fresh = everyStep;
    if (fresh) gradNorm = gradient();
  }
  if (!fresh) gradNorm = gradient(); // the last iterate's, reported in the trace
  if (last() !== k) keep(k, x, value, gradNorm);
  return { x, value, gradNorm, iterations: k, status, ...(status === "diverged" ? { divergedAt: k } : {}), history };
}
