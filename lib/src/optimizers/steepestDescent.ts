import type { Objective } from "../objectives/objective";
import { assertObjective, optionsObject } from "../validate";
import { descend } from "./descend";
import type { DescentOptions, Trace } from "./trace";

/**
 * Steepest descent with respect to a norm ‖·‖ (Gunasekar, Lee, Soudry, Srebro 2018):
 *   w ← w + η Δw,   Δw = ‖∇L‖_* · argmin_{‖v‖ ≤ 1} ⟨v, ∇L⟩,
 * one direction rule per norm:
 * - ℓ2: Δw = −∇L (gradient descent);
 * - ℓ1: Δw = −(∂ⱼL) eⱼ for j = argmaxⱼ |∂ⱼL| (greedy coordinate descent; AdaBoost on the exponential loss);
 * - ℓ∞: Δw = −‖∇L‖₁ sign(∇L) (sign gradient descent).
 */
export function steepestDescent(objective: Objective, x0: Float64Array, options: DescentOptions & { norm: 1 | 2 | typeof Infinity }): Trace {
  options = optionsObject("options", options);
  assertObjective("objective", objective);
  const norm = options.norm;
  if (norm !== 1 && norm !== 2 && norm !== Infinity) throw new Error(`norm must be 1, 2 or Infinity, got ${String(norm)}`);
  return descend(objective, x0, options, (x, g, eta) => {
    if (norm === 2) {
      for (let i = 0; i < x.length; i++) x[i] -= eta * g[i];
    } else if (norm === 1) {
      let j = 0;
      for (let i = 1; i < g.length; i++) if (Math.abs(g[i]) > Math.abs(g[j])) j = i;
      x[j] -= eta * g[j];
    } else {
      let l1 = 0;
      for (let i = 0; i < g.length; i++) l1 += Math.abs(g[i]);
      for (let i = 0; i < x.length; i++) x[i] -= eta * l1 * Math.sign(g[i]);
    }
  });
}
