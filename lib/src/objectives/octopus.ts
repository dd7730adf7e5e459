import { assertInteger, assertPositive, assertVector, optionsObject } from "../validate";
import { output, type Objective } from "./objective";

/** The constants of the octopus: L (smoothness of the quadratic pieces), γ (curvature at the saddles), τ (scale). */
export interface OctopusParameters {
  L: number;
  gamma: number;
  tau: number;
}

/**
 * The "octopus" of Du, Jin, Lee, Jordan, Póczos and Singh (2017, "Gradient descent can take
 * exponential time to escape saddle points"), on its domain (the tube of Section 4 mirrored by
 * |·|). With i the first coordinate with |xᵢ| ≤ 2τ (0-based), and ν = (13/6)γτ² + (37/6)Lτ²:
 *
 *   |xᵢ| ≤ τ:       f = L Σ_{j<i} (|xⱼ| − 4τ)² − γxᵢ² + L Σ_{j>i} xⱼ² − iν
 *   τ < |xᵢ| ≤ 2τ:  f = L Σ_{j<i} (|xⱼ| − 4τ)² + g₁(|xᵢ|) + g₂(|xᵢ|)x²_{i+1} + L Σ_{j>i+1} xⱼ² − iν
 *   no such i:      f = L Σⱼ (|xⱼ| − 4τ)² − dν
 *
 * with the splines g₁(x) = −γx² + (−14L + 10γ)/(3τ)(x − τ)³ + (5L − 3γ)/(2τ²)(x − τ)⁴ and
 * g₂(x) = −γ − 10(L + γ)(x − 2τ)³/τ³ − 15(L + γ)(x − 2τ)⁴/τ⁴ − 6(L + γ)(x − 2τ)⁵/τ⁵
 * (g₂(τ) = L, g₂(2τ) = −γ; for i = d − 1 the g₂ term is absent). The saddles are
 * (±4τ, …, ±4τ, 0, …, 0) with value −iν (Hessian eigenvalue −2γ along xᵢ); the minimizers are
 * (±4τ, …, ±4τ) with value −dν. The domain requires |xⱼ| ≤ 6τ for all j and |xⱼ| ≤ τ for j > i;
 * outside it `value` is +∞ (a method leaving it reports divergence).
 */
export interface Octopus extends Objective, OctopusParameters {
  /** ν = (13/6)γτ² + (37/6)Lτ²: the drop of f from one saddle to the next. */
  nu: number;
  /** f* = −dν. */
  minimum: number;
  inDomain(x: Float64Array): boolean;
  /** How many saddles x has passed: the first index with |xᵢ| ≤ 2τ (d at the final basin). */
  saddlesPassed(x: Float64Array): number;
  /**
   * Gradient descent x ← x − η∇f(x) from x₀ in exact arithmetic up to rounding, with the
   * step at which each saddle is passed. Float64 cannot run it far: the coordinates that wait
   * for their saddle shrink by |1 − 2ηL| a step and underflow to exactly 0 after about
   * 700/|ln|1 − 2ηL|| steps, which puts the iterate exactly on a saddle's stable set. Here a
   * coordinate below 1e-100 is carried as a sign and a logarithm instead: on the octopus the
   * gradient of such a coordinate is always c·xⱼ, with c = −2γ (the escaping coordinate),
   * 2g₂(|xᵢ|) (the next one) or 2L (the rest), so its update is the exact multiplication
   * xⱼ ← (1 − ηc)xⱼ. The returned `passedAt[i]` is the first step at which saddle i is passed.
   */
  gradientDescentPassages(x0: Float64Array, options: { stepSize: number; maxIterations: number }): { passedAt: number[]; iterations: number; reached: boolean };
}

export function octopus(d: number, options?: Partial<OctopusParameters>): Octopus {
  const { L = Math.E, gamma = 1, tau = Math.E } = optionsObject("options", options);
  assertInteger("d", d, 1);
  assertPositive("L", L);
  assertPositive("gamma", gamma);
  assertPositive("tau", tau);
  const nu = (13 / 6) * gamma * tau * tau + (37 / 6) * L * tau * tau;
  if (!Number.isFinite(d * nu) || !Number.isFinite((L + gamma) * tau ** 5)) throw new Error(`L = ${L}, gamma = ${gamma}, tau = ${tau} put ν = (13/6)γτ² + (37/6)Lτ² or the splines beyond the float64 range`);
  const Lg = L + gamma;
  const g1 = (t: number) => -gamma * t * t + ((-14 * L + 10 * gamma) / (3 * tau)) * (t - tau) ** 3 + ((5 * L - 3 * gamma) / (2 * tau * tau)) * (t - tau) ** 4;
  const dg1 = (t: number) => -2 * gamma * t + ((-14 * L + 10 * gamma) / tau) * (t - tau) ** 2 + ((2 * (5 * L - 3 * gamma)) / (tau * tau)) * (t - tau) ** 3;
  const g2 = (t: number) => {
    const s = t - 2 * tau;
    return -gamma - (10 * Lg * s ** 3) / tau ** 3 - (15 * Lg * s ** 4) / tau ** 4 - (6 * Lg * s ** 5) / tau ** 5;
  };
  const dg2 = (t: number) => {
    const s = t - 2 * tau;
    return (-30 * Lg * s * s) / tau ** 3 - (60 * Lg * s ** 3) / tau ** 4 - (30 * Lg * s ** 4) / tau ** 5;
  };
  /** The first index with |xᵢ| ≤ 2τ (d if none), or −1 outside the domain. */
  const active = (x: Float64Array): number => {
    let i = 0;
    while (i < d && Math.abs(x[i]) > 2 * tau) i++;
    for (let j = 0; j < d; j++) if (Math.abs(x[j]) > 6 * tau) return -1;
    for (let j = i + 1; j < d; j++) if (Math.abs(x[j]) > tau) return -1;
    return i;
  };
  const objective: Omit<Octopus, "gradientDescentPassages"> = {
    dim: d,
    L, gamma, tau, nu,
    minimum: -d * nu,
    inDomain: (x) => active(x) >= 0,
    saddlesPassed: (x) => Math.max(active(x), 0),
    value(x) {
      const i = active(x);
      if (i < 0) return Infinity;
      let f = -i * nu;
      for (let j = 0; j < i; j++) f += L * (Math.abs(x[j]) - 4 * tau) ** 2;
      if (i === d) return f;
      const t = Math.abs(x[i]);
      if (t <= tau) {
        f += -gamma * x[i] * x[i];
        for (let j = i + 1; j < d; j++) f += L * x[j] * x[j];
      } else {
        f += g1(t);
        if (i + 1 < d) f += g2(t) * x[i + 1] * x[i + 1];
        for (let j = i + 2; j < d; j++) f += L * x[j] * x[j];
      }
      return f;
    },
    grad(x, out) {
      const g = output(out, d);
      const i = active(x);
      if (i < 0) return g.fill(NaN);
      for (let j = 0; j < i; j++) g[j] = 2 * L * (Math.abs(x[j]) - 4 * tau) * Math.sign(x[j]);
      if (i === d) return g;
      const t = Math.abs(x[i]);
      if (t <= tau) {
        g[i] = -2 * gamma * x[i];
        for (let j = i + 1; j < d; j++) g[j] = 2 * L * x[j];
      } else {
        const next = i + 1 < d ? x[i + 1] : 0;
        g[i] = (dg1(t) + dg2(t) * next * next) * Math.sign(x[i]);
        if (i + 1 < d) g[i + 1] = 2 * g2(t) * next;
        for (let j = i + 2; j < d; j++) g[j] = 2 * L * x[j];
      }
      return g;
    },
  };
  function gradientDescentPassages(x0: Float64Array, options: { stepSize: number; maxIterations: number }) {
    const { stepSize, maxIterations } = optionsObject("options", options);
    assertPositive("stepSize", stepSize);
    assertInteger("maxIterations", maxIterations, 0);
    assertVector("x0", x0, d);
    if (active(x0) < 0) throw new Error(`x0 must lie in the octopus's domain (|xⱼ| ≤ 6τ, and |xⱼ| ≤ τ after the first coordinate with |xᵢ| ≤ 2τ)`);
    const TINY = 1e-100;
    const LOG_TINY = Math.log(TINY);
    const x = Float64Array.from(x0); // the value of each coordinate that is not tiny; 0 for tiny ones
    const tiny = new Uint8Array(d);
    const logAbs = new Float64Array(d);
    const sign = new Float64Array(d);
    const g = new Float64Array(d);
    const passedAt: number[] = [];
    const logContract = Math.log(Math.abs(1 - 2 * stepSize * L));
    const logExpand = Math.log(1 + 2 * stepSize * gamma);
    let t = 0;
    for (;; t++) {
      const i = active(x);
      if (i < 0) throw new Error(`gradient descent with stepSize = ${stepSize} left the octopus's domain at step ${t}`);
      while (passedAt.length < i) passedAt.push(t);
      if (i === d || t === maxIterations) break;
      objective.grad(x, g);
      const xi = Math.abs(x[i]); // before this step's update of x[i]
      for (let j = 0; j < d; j++) {
        if (tiny[j]) {
          if (j === i) logAbs[j] += logExpand;
          else if (j === i + 1 && xi > tau) {
            const m = 1 - 2 * stepSize * g2(xi);
            logAbs[j] += Math.log(Math.abs(m));
            sign[j] *= Math.sign(m);
          } else {
            logAbs[j] += logContract;
            sign[j] *= Math.sign(1 - 2 * stepSize * L);
          }
          if (logAbs[j] > LOG_TINY) {
            tiny[j] = 0;
            x[j] = sign[j] * Math.exp(logAbs[j]);
          }
        } else {
          x[j] -= stepSize * g[j];
          if (x[j] !== 0 && Math.abs(x[j]) < TINY) {
            tiny[j] = 1;
            logAbs[j] = Math.log(Math.abs(x[j]));
            sign[j] = Math.sign(x[j]);
            x[j] = 0;
          }
        }
      }
    }
    return { passedAt, iterations: t, reached: passedAt.length === d };
  }
  return { ...objective, gradientDescentPassages };
}
