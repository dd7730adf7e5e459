import type { Objective } from "../objectives/objective";
import { assertObjective, assertVector, optionsObject } from "../validate";
import { descend } from "./descend";
import type { DescentOptions, Trace } from "./trace";

/**
 * A mirror map ψ, given as data: its gradient ∇ψ (primal → dual), the inverse (∇ψ)⁻¹ = ∇ψ*
 * (dual → primal), and the open domain it lives on.
 */
export interface MirrorMap {
  name: string;
  /** θ = ∇ψ(x), written into `out`. */
  toDual(x: Float64Array, out: Float64Array): void;
  /** x = ∇ψ*(θ), written into `out`; returns false if θ has no preimage in the domain. */
  toPrimal(theta: Float64Array, out: Float64Array): boolean;
  /** Whether x lies in the domain. */
  contains(x: Float64Array): boolean;
}

/** The entropy ψ(x) = Σ xᵢ log xᵢ − xᵢ on the positive orthant: ∇ψ = log x, ∇ψ* = exp (exponentiated gradient). */
export const entropicMirrorMap: MirrorMap = {
  name: "entropy",
  toDual: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]); },
  toPrimal: (t, out) => { for (let i = 0; i < t.length; i++) out[i] = Math.exp(t[i]); return true; },
  contains: (x) => x.every((v) => v > 0),
};

/** The log barrier ψ(x) = −Σ log xᵢ on the positive orthant: ∇ψ = −1/x, ∇ψ*(θ) = −1/θ for θ < 0. */
export const logBarrierMirrorMap: MirrorMap = {
  name: "log-barrier",
  toDual: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = -1 / x[i]; },
  toPrimal: (t, out) => {
    for (let i = 0; i < t.length; i++) {
      if (!(t[i] < 0)) return false;
      out[i] = -1 / t[i];
    }
    return true;
  },
  contains: (x) => x.every((v) => v > 0),
};

/**
 * Mirror descent: ∇ψ(x_{k+1}) = ∇ψ(x_k) − η_k ∇f(x_k). With the entropy this is the
 * exponentiated-gradient update x ← x ⊙ exp(−η∇f(x)). A dual point with no primal preimage
 * (possible for the log barrier with a large step) ends the run as "diverged".
 */
export function mirrorDescent(objective: Objective, x0: Float64Array, options: DescentOptions & { mirrorMap: MirrorMap }): Trace {
  options = optionsObject("options", options);
  assertObjective("objective", objective);
  const map = options.mirrorMap;
  if (!map || typeof map.toDual !== "function") throw new Error("mirrorMap must be a MirrorMap (e.g. entropicMirrorMap)");
  assertVector("x0", x0);
  if (!map.contains(x0)) throw new Error(`x0 must lie in the domain of the ${map.name} mirror map`);
  const theta = new Float64Array(objective.dim);
  return descend(objective, x0, options, (x, g, eta) => {
    map.toDual(x, theta);
    for (let i = 0; i < x.length; i++) theta[i] -= eta * g[i];
    if (!map.toPrimal(theta, x)) x.fill(NaN); // reported by descend as divergence
  });
}
