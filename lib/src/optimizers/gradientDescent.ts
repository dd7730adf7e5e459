import type { Objective } from "../objectives/objective";
import { descend } from "./descend";
import type { DescentOptions, Trace } from "./trace";

/**
 * Gradient descent: x_{k+1} = x_k − η_k ∇f(x_k).
 *
 * @example
 * const trace = gradientDescent(strictSaddle(), Float64Array.of(1, 0.5), { stepSize: 0.1 });
 */
export function gradientDescent(objective: Objective, x0: Float64Array, options: DescentOptions): Trace {
  return descend(objective, x0, options, (x, g, eta) => {
    for (let i = 0; i < x.length; i++) x[i] -= eta * g[i];
  });
}

/** Short name of {@link gradientDescent}. */
export const gd = gradientDescent;
