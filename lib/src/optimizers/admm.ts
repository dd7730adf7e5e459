import { norm2 } from "../vector";
import { assertFunction, assertInteger, assertPositive, assertVector, optionsObject } from "../validate";
import { historyRecorder } from "./descend";
import type { Trace } from "./trace";

/**
 * A two-block problem min f(x) + g(z) subject to x = z, given by its two proximal
 * subproblems of the augmented Lagrangian with scaled dual u and penalty ρ:
 *   xUpdate(z, u, ρ) = argmin_x f(x) + (ρ/2)‖x − z + u‖²,
 *   zUpdate(x, u, ρ) = argmin_z g(z) + (ρ/2)‖x − z + u‖².
 * `value(x)` is F = f + g at a point, for the trace.
 */
export interface TwoBlockProblem {
  dim: number;
  xUpdate(z: Float64Array, u: Float64Array, rho: number, out: Float64Array): void;
  zUpdate(x: Float64Array, u: Float64Array, rho: number, out: Float64Array): void;
  value(x: Float64Array): number;
}

/**
 * ADMM with scaled dual variable: x ← xUpdate(z, u), z ← zUpdate(x, u), u ← u + x − z.
 * Stops ("converged") when the primal residual ‖x − z‖ and the dual residual ρ‖z − z_prev‖ are
 * both ≤ tolerance; `gradNorm` reports the larger of the two. The trace's `x` is the x-block;
 * `z` and `u` are returned too.
 */
export function admm(
  problem: TwoBlockProblem,
  start: { x: Float64Array; z: Float64Array; u: Float64Array },
  options: { rho: number; maxIterations?: number; tolerance?: number; recordEvery?: number },
): Trace & { z: Float64Array; u: Float64Array } {
  const { rho, maxIterations = 1000, tolerance = 1e-8, recordEvery = 0 } = optionsObject("options", options);
  if (problem === null || typeof problem !== "object") throw new Error("problem must be a TwoBlockProblem { dim, xUpdate, zUpdate, value }");
  assertInteger("problem.dim", problem.dim, 1);
  for (const k of ["xUpdate", "zUpdate", "value"] as const) assertFunction(`problem.${k}`, problem[k]);
  if (start === null || typeof start !== "object") throw new Error("start must be an object { x, z, u } of Float64Array");
  const d = problem.dim;
  assertPositive("rho", rho);
  assertInteger("maxIterations", maxIterations, 0);
  assertPositive("tolerance", tolerance);
  assertInteger("recordEvery", recordEvery, 0);
  const x = Float64Array.from(assertVector("start.x", start.x, d));
  const z = Float64Array.from(assertVector("start.z", start.z, d));
  const u = Float64Array.from(assertVector("start.u", start.u, d));
  const zPrev = new Float64Array(d);
  const diff = new Float64Array(d);
  const { history, keep, last } = historyRecorder();
  let status: Trace["status"] = "max-iterations";
  let residual = Infinity;
  let k = 0;
  for (; k < maxIterations; ) {
    zPrev.set(z);
    problem.xUpdate(z, u, rho, x);
    problem.zUpdate(x, u, rho, z);
    for (let i = 0; i < d; i++) u[i] += x[i] - z[i];
    k++;
    for (let i = 0; i < d; i++) diff[i] = x[i] - z[i];
    const primal = norm2(diff);
    for (let i = 0; i < d; i++) diff[i] = z[i] - zPrev[i];
    residual = Math.max(primal, rho * norm2(diff));
    const value = problem.value(x);
    if (!Number.isFinite(value) || !Number.isFinite(residual)) {
      status = "diverged";
      break;
    }
    if (recordEvery > 0 && k % recordEvery === 0) keep(k, x, value, residual);
    if (residual <= tolerance) {
      status = "converged";
      break;
    }
  }
  const value = problem.value(x);
  if (last() !== k) keep(k, x, value, residual);
  return { x, z, u, value, gradNorm: residual, iterations: k, status, ...(status === "diverged" ? { divergedAt: k } : {}), history };
}
