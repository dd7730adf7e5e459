import type { Objective } from "../objectives/objective";
import type { Rng } from "../random";
import { assertFinite, assertObjective, optionsObject } from "../validate";
import { descend } from "./descend";
import type { DescentOptions, Trace } from "./trace";

/**
 * Stochastic gradient descent with injected isotropic noise (Ge, Huang, Jin, Yuan 2015):
 * x_{k+1} = x_k − η_k (g_k + ξ_k), where g_k is `objective.sampleGrad(x_k, rng)` when the
 * objective has one and ∇f(x_k) otherwise, and ξ_k is uniform on the sphere of radius
 * `noise` (Ge et al.'s choice; any isotropic noise with this scale works the same way).
 * With noise the iterates do not settle: unless a `tolerance` is given, runs end at
 * maxIterations or at `stopWhen`. With `sampleGrad`, ∇f(x_k) is evaluated only at the recorded
 * iterates and the last one (every step when a `tolerance` is given): a step costs one sample.
 */
export function stochasticGradientDescent(objective: Objective, x0: Float64Array, options: DescentOptions & { noise: number; rng: Rng }): Trace {
  options = optionsObject("options", options);
  assertObjective("objective", objective);
  const { noise, rng } = options;
  assertFinite("noise", noise);
  if (noise < 0) throw new Error(`noise must be ≥ 0, got ${noise}`);
  if (!rng || typeof rng.sphere !== "function") throw new Error("rng must be given (an Rng): the noise is random");
  const d = objective.dim;
  const sample = new Float64Array(d);
  const xi = new Float64Array(d);
  // A noisy method is not stopped by a small gradient unless asked to: the noise is there to leave such points.
  return descend(objective, x0, { ...options, tolerance: options.tolerance ?? 0 }, (x, g, eta) => {
    const grad = objective.sampleGrad ? objective.sampleGrad(x, rng, sample) : g;
    if (noise > 0) rng.sphere(d, noise, xi);
    for (let i = 0; i < d; i++) x[i] -= eta * (grad[i] + xi[i]);
  }, undefined, !objective.sampleGrad); // with a sampled gradient, ∇f(x_k) only where the trace reports it (see `descend`)
}
