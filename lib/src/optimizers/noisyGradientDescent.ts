import type { Objective } from "../objectives/objective";
import type { Rng } from "../random";
import { assertFinite, assertFunction, assertInteger, assertObjective, optionsObject } from "../validate";
import { descend } from "./descend";
import type { DescentOptions, Trace } from "./trace";

/** What noisy gradient descent needs to know about the units (neurons) of the parameter vector. */
export interface NoisyGradientOptions {
  /** σ ≥ 0: the rate of the re-initialization; each step re-draws each unit with probability η_k·σ. */
  noise: number;
  /** m: the number of units the parameters are made of. */
  units: number;
  /** Overwrites unit j of x (its coordinates, in place) with a fresh draw from ν (e.g. the initial distribution). */
  reinitialize: (x: Float64Array, unit: number, rng: Rng) => void;
  rng: Rng;
}

/**
 * Noisy gradient descent: a finite-width simulation of the perturbed Wasserstein gradient flow
 * of Wei, Lee, Liu, Ma (2019), ρ_{k+1} = (1 − ησ)·(ρ_k moved by −η∇) + ησ·ν, where ν is the
 * distribution `reinitialize` draws from (their analysis takes ν uniform on the sphere; a
 * simulation may take the initial distribution). Each step:
 *
 *   x ← x − η_k ∇f(x);   then each unit j = 0 … m−1 independently, with probability η_k·σ,
 *   is replaced by a fresh draw from ν (`reinitialize(x, j, rng)`),
 *
 * so that a fraction η_k·σ of the units is re-initialized per step on average (the uniform
 * draw u ~ U[0, 1) is taken for every unit in order, then `reinitialize` for those with u < η_kσ).
 * With σ = 0 it is gradient descent. Runs end at maxIterations or `stopWhen` unless a tolerance
 * is given (the noise is there to leave stationary points). Requires η_k·σ ≤ 1.
 * The trace's `reinitialized` counts the re-drawn units.
 */
export function noisyGradientDescent(objective: Objective, x0: Float64Array, options: DescentOptions & NoisyGradientOptions): Trace & { reinitialized: number } {
  options = optionsObject("options", options);
  assertObjective("objective", objective);
  const { noise, units, reinitialize, rng } = options;
  assertFinite("noise", noise);
  if (noise < 0) throw new Error(`noise must be ≥ 0, got ${noise}`);
  assertInteger("units", units, 1);
  assertFunction("reinitialize", reinitialize, "a function (x, unit, rng) => void re-drawing one unit in place");
  if (!rng || typeof rng.uniform !== "function") throw new Error("rng must be given (an Rng): the re-initialization is random");
  let reinitialized = 0;
  const trace = descend(objective, x0, { ...options, tolerance: options.tolerance ?? 0 }, (x, g, eta) => {
    for (let i = 0; i < x.length; i++) x[i] -= eta * g[i];
    const p = eta * noise;
    if (p > 1) throw new Error(`stepSize·noise must be ≤ 1 (a probability), got ${eta}·${noise} = ${p}`);
    if (p === 0) return;
    for (let j = 0; j < units; j++) {
      if (rng.uniform() < p) {
        reinitialize(x, j, rng);
        reinitialized++;
      }
    }
  });
  return { ...trace, reinitialized };
}
