import type { Objective } from "../objectives/objective";
import type { Rng } from "../random";
import { assertFinite, assertPositive, optionsObject } from "../validate";
import { descend } from "./descend";
import type { DescentOptions, Trace } from "./trace";

/**
 * The step schedule α_k = c/(k + 1)^p. With ½ < p ≤ 1 it satisfies Σα_k = ∞ and Σα_k² < ∞,
 * the conditions of Davis, Drusvyatskiy, Kakade, Lee (2018); other p are refused.
 */
export function powerSchedule(c: number, p: number): (k: number) => number {
  assertPositive("c", c);
  assertFinite("p", p);
  if (!(p > 0.5 && p <= 1)) throw new Error(`p must be in (1/2, 1] (Σα = ∞ and Σα² < ∞), got ${p}`);
  return (k) => c / Math.pow(k + 1, p);
}

/** An objective with (optionally) a stochastic subgradient oracle. */
type WithSubgradients = Objective & { sampleSubgrad?(x: Float64Array, rng: Rng, out?: Float64Array): Float64Array };

/**
 * The stochastic subgradient method:
 *
 *   x_{k+1} = x_k − α_k g_k,  g_k = `objective.sampleSubgrad(x_k, rng)`,
 *
 * or, without that oracle, `subgrad(x_k)` (deterministic subgradient method), or `grad(x_k)`.
 * Davis, Drusvyatskiy, Kakade, Lee (2018): on a locally Lipschitz semialgebraic f, with
 * Σα_k = ∞, Σα_k² < ∞ (e.g. {@link powerSchedule}) and bounded iterates, every limit point x*
 * is Clarke-critical, 0 ∈ ∂f(x*). The recorded `gradNorm` is ‖grad(x_k)‖, which need not go
 * to 0 at a kink: the method never stops on it unless a `tolerance` is given. With a sampled or
 * an own subgradient, grad(x_k) — a pass over every term — is evaluated only at the recorded
 * iterates and the last one (and at every step when a `tolerance` is given), so that a step
 * costs one term, not m (f(x_k) is still evaluated at every step: see `descend`).
 */
export function stochasticSubgradient(objective: WithSubgradients, x0: Float64Array, options: DescentOptions & { rng?: Rng }): Trace {
  options = optionsObject("options", options);
  const { rng } = options;
  const sample = objective?.sampleSubgrad;
  if (sample !== undefined && (typeof sample !== "function" || !rng || typeof rng.integer !== "function")) {
    throw new Error("rng must be an Rng (from rng(seed)): the objective's subgradients are sampled");
  }
  const d = objective?.dim;
  const g = new Float64Array(Number.isInteger(d) && d > 0 ? d : 0);
  const subgrad = objective?.subgrad;
  const own = !!subgrad && subgrad !== objective.grad; // a subgradient oracle other than grad (as before: any truthy subgrad)
  return descend(objective, x0, { ...options, tolerance: options.tolerance ?? 0 }, (x, full, alpha) => {
    // `full` is grad(x_k), computed by descend when this rule reads it: when there is neither a sampled nor an own subgradient
    const step = sample ? sample.call(objective, x, rng!, g) : own ? subgrad.call(objective, x, g) : full;
    for (let i = 0; i < x.length; i++) x[i] -= alpha * step[i];
  }, undefined, !sample && !own);
}
