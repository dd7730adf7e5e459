import type { Objective } from "../objectives/objective";
import type { Rng } from "../random";
import { assertObjective, optionsObject } from "../validate";
import { descend } from "./descend";
import type { DescentOptions, Trace } from "./trace";

/** Options of {@link coordinateDescent}: the shared ones, the order, and a generator for the random order. */
export interface CoordinateDescentOptions extends DescentOptions {
  /** "cyclic" (1, 2, …, d in turn) or "random" (d coordinates drawn uniformly with replacement). Default "cyclic". */
  order?: "cyclic" | "random";
  /** Required for the random order. */
  rng?: Rng;
}

/**
 * Coordinate gradient descent: one iteration is d coordinate steps
 * x_{i} ← x_{i} − η_k ∂_i f(x), each with the partial derivative at the current point, the
 * coordinates i taken cyclically or uniformly at random. (Steepest descent for ‖·‖₁ is the
 * greedy variant, in `steepestDescent`.)
 */
export function coordinateDescent(objective: Objective, x0: Float64Array, options: CoordinateDescentOptions): Trace {
  options = optionsObject("options", options);
  assertObjective("objective", objective);
  const order = options.order ?? "cyclic";
  if (order !== "cyclic" && order !== "random") throw new Error(`order must be "cyclic" or "random", got ${String(order)}`);
  if (order === "random" && !options.rng) throw new Error("rng must be given for the random order");
  const d = objective.dim;
  const partial = new Float64Array(d);
  return descend(objective, x0, options, (x, g, eta) => {
    for (let step = 0; step < d; step++) {
      const i = order === "cyclic" ? step : options.rng!.integer(0, d - 1);
      // The gradient at the start of the sweep is g; after the first step it must be recomputed.
      const grad = step === 0 ? g : (objective.grad(x, partial) as Float64Array);
      x[i] -= eta * grad[i];
    }
  });
}
