import { norm2 } from "../vector";
import type { Objective } from "../objectives/objective";
import type { Rng } from "../random";
import { assertInteger, assertPositive, optionsObject } from "../validate";
import { assertStartGradient, gradientInto, historyRecorder, outside, resolveOptions } from "./descend";
import type { DescentOptions, Trace } from "./trace";

/** The parameters of perturbed gradient descent (Jin, Ge, Netrapalli, Kakade, Jordan 2017, Algorithm 2). */
export interface PerturbationOptions {
  /** r: the radius of the ball the perturbation is drawn from (uniformly). */
  radius: number;
  /** g_thres: perturb when ‖∇f‖ ≤ g_thres (and no perturbation within the last t_thres steps). */
  gradientThreshold: number;
  /** f_thres: stop if f decreased by less than f_thres in the t_thres steps after a perturbation. */
  functionThreshold: number;
  /** t_thres: the number of steps after a perturbation before the next one or the stop test. */
  timeThreshold: number;
  rng: Rng;
}

/**
 * The parameters of Jin et al. (2017) for an ℓ-smooth, ρ-Hessian-Lipschitz f, target
 * accuracy ε, failure probability δ, Δ_f ≥ f(x₀) − f*, and constant c:
 *   χ = 3·max{log(dℓΔ_f/(cε²δ)), 4},  η = c/ℓ,  r = √c·ε/(χ²ℓ),
 *   g_thres = √c·ε/χ²,  f_thres = (c/χ³)·√(ε³/ρ),  t_thres = (χ/c²)·ℓ/√(ρε).
 */
export function jinParameters(options: { d: number; ell: number; rho: number; epsilon: number; delta: number; deltaF: number; c?: number }) {
  const { d, ell, rho, epsilon, delta, deltaF, c = 1 } = optionsObject("options", options);
  assertInteger("d", d, 1);
  for (const [name, v] of Object.entries({ ell, rho, epsilon, delta, deltaF, c })) assertPositive(name, v);
  if (delta >= 1) throw new Error(`delta (a failure probability) must be < 1, got ${delta}`);
  const chi = 3 * Math.max(Math.log((d * ell * deltaF) / (c * epsilon * epsilon * delta)), 4);
  const parameters = {
    chi,
    stepSize: c / ell,
    radius: (Math.sqrt(c) * epsilon) / (chi * chi * ell),
    gradientThreshold: (Math.sqrt(c) * epsilon) / (chi * chi),
    functionThreshold: (c / chi ** 3) * Math.sqrt(epsilon ** 3 / rho),
    timeThreshold: Math.ceil((chi / (c * c)) * (ell / Math.sqrt(rho * epsilon))),
  };
  for (const [name, v] of Object.entries(parameters)) {
    if (!(Number.isFinite(v) && v > 0)) throw new Error(`d, ell, rho, epsilon, delta, deltaF, c = ${[d, ell, rho, epsilon, delta, deltaF, c].join(", ")} give ${name} = ${v}, outside (0, 1.8e308)`);
  }
  return parameters;
}

/**
 * Perturbed gradient descent (Jin et al. 2017, Algorithm 2): gradient steps
 * x_{t+1} = x_t − η∇f(x_t), except that when ‖∇f(x_t)‖ ≤ g_thres and no perturbation
 * happened in the last t_thres steps, x_t is replaced by x̃ + ξ with ξ uniform in the ball of
 * radius r; and if t_thres steps after a perturbation f has decreased by less than f_thres,
 * it returns x̃ (status "converged": an approximate second-order stationary point).
 * The trace's `perturbations` lists the steps at which it perturbed.
 */
export function perturbedGradientDescent(objective: Objective, x0: Float64Array, options: DescentOptions & PerturbationOptions): Trace & { perturbations: number[] } {
  const { stepSize, maxIterations, record, divergenceBound, stopWhen } = resolveOptions(objective, x0, options);
  const { radius, gradientThreshold, functionThreshold, timeThreshold, rng } = options;
  assertPositive("radius", radius);
  assertPositive("gradientThreshold", gradientThreshold);
  assertPositive("functionThreshold", functionThreshold);
  assertInteger("timeThreshold", timeThreshold, 1);
  if (!rng) throw new Error("rng must be given: the perturbations are random");
  if (typeof stepSize !== "number") throw new Error("stepSize must be a constant for perturbed gradient descent");
  const d = objective.dim;
  const x = Float64Array.from(x0);
  const g = new Float64Array(d);
  const anchor = new Float64Array(d);
  const { history, keep, last } = historyRecorder();
  const perturbations: number[] = [];
  let anchorValue = Infinity;
  let tNoise = -timeThreshold - 1;
  let status: Trace["status"] = "max-iterations";
  let t = 0;
  let value = objective.value(x);
  let gradNorm = norm2(gradientInto(objective, x, g, 0));
  assertStartGradient(value, g);
  for (;;) {
    if (outside(x, value, divergenceBound) || !Number.isFinite(gradNorm)) {
      status = "diverged";
      break;
    }
    if (gradNorm <= gradientThreshold && t - tNoise > timeThreshold) {
      anchor.set(x);
      anchorValue = value;
      tNoise = t;
      perturbations.push(t);
      const xi = rng.ball(d, radius);
      for (let i = 0; i < d; i++) x[i] += xi[i];
      value = objective.value(x);
      gradNorm = norm2(gradientInto(objective, x, g, t + 1));
    }
    if (record(t)) keep(t, x, value, gradNorm);
    if (stopWhen?.(x, t)) {
      status = "stopped";
      break;
    }
    if (t - tNoise === timeThreshold && value - anchorValue > -functionThreshold) {
      x.set(anchor);
      value = anchorValue;
      gradNorm = norm2(gradientInto(objective, x, g, t + 1));
      status = "converged";
      break;
    }
    if (t === maxIterations) break;
    for (let i = 0; i < d; i++) x[i] -= stepSize * g[i];
    t++;
    value = objective.value(x);
    gradNorm = norm2(gradientInto(objective, x, g, t));
  }
  if (last() !== t) keep(t, x, value, gradNorm);
  return { x, value, gradNorm, iterations: t, status, ...(status === "diverged" ? { divergedAt: t } : {}), history, perturbations };
}
