/**
 * One Safran–Shamir run of notebook 03b (see its "protocol" paragraph): gradient descent on
 * the closed-form population loss of a width-n ReLU student and the teacher V = I_k, from a
 * Xavier start, stopped and classified. A module of its own, not a notebook cell, so that
 * `parallelSweep`'s worker threads can load it at the papers' sizes (closures cannot cross
 * threads); the notebook imports it from here at every size, so there is one definition.
 * @module
 */
import { Matrix, gd, objectives, secondOrderReport, seedRange, type Rng } from "landscape";

/** F < τ: in the global minimum's basin (every spurious minimum measured has F > 0.01). */
export const tau = 1e-3;
/** ‖∇F‖ at which a run above τ stops and is certified by the Hessian. */
export const gradTolerance = 1e-8;
/** λ_min ≥ −1e-6: a second-order point. */
export const curvatureTolerance = 1e-6;
/** λ_min > 5e-4: a certified strict local minimum (every spurious one measured has λ_min ≥ 0.0021); in between: degenerate. */
export const certifiedCurvature = 5e-4;
/** An increase of F above rounding (F ≈ 0.02 is summed from O(k²) terms of size 1). */
export const riseTolerance = 1e-12;

export type Outcome = "global" | "spurious" | "degenerate" | "saddle" | "unfinished" | "diverged";
export type Run = { n: number; outcome: Outcome; loss: number; gradNorm: number; lambdaMin?: number; minNorm?: number; minSine?: number; iterations: number; rises: number; w?: number[] };

/** Where F is smooth: the smallest ‖wᵢ‖, and the smallest sin θ = ‖v̄ − (ūᵀv̄)ū‖ over all student–student and student–teacher (eⱼ) pairs. */
export function smoothness(w: Float64Array, n: number, k: number): { minNorm: number; minSine: number } {
  const rows = seedRange(n).map((i) => Array.from(w.subarray(i * k, (i + 1) * k)));
  const norms = rows.map((row) => Math.hypot(...row)), units = rows.map((row, i) => row.map((x) => x / norms[i]));
  const sine = (u: number[], v: number[]) => { const c = u.reduce((t, x, a) => t + x * v[a], 0); return Math.hypot(...v.map((x, a) => x - c * u[a])); };
  const teacher = seedRange(k).map((j) => seedRange(k).map((a) => (a === j ? 1 : 0)));
  const sines = units.flatMap((u, i) => [...units.slice(i + 1), ...teacher].map((v) => sine(u, v)));
  return { minNorm: Math.min(...norms), minSine: Math.min(...sines) };
}

/**
 * The run for teacher size k, student width n = k + extra and a budget of gradient steps:
 * W₀ with N(0, 1/k) entries from `r`, step 5/n, stopped at F < τ ("global"), at ‖∇F‖ ≤ 1e-8
 * (then "spurious" if λ_min(∇²F) > 5e-4, "degenerate" if −1e-6 ≤ λ_min ≤ 5e-4, else "saddle",
 * with its smoothness margins and W), or at the budget ("unfinished"); "diverged" past 1e12.
 */
export function safranShamirRun(setting: { k: number; extra: number; budget: number }, r: Rng): Run {
  const { k, extra, budget } = setting, n = k + extra;
  const f = objectives.reluTeacherStudent(Matrix.eye(k), n);
  const w0 = r.normalVector(n * k, 1 / Math.sqrt(k)); // Xavier: N(0, 1/k) entries
  let previous = Infinity, rises = 0;
  const watch = (w: Float64Array) => {
    const value = f.value(w); // shared with the step's gradient: one pass per iterate
    if (value > previous + riseTolerance) rises++;
    previous = value;
    return value < tau;
  };
  const trace = gd(f, w0, { stepSize: 5 / n, maxIterations: budget, tolerance: gradTolerance, stopWhen: watch });
  const base = { n: n, loss: trace.value, gradNorm: trace.gradNorm, iterations: trace.iterations, rises: rises };
  if (trace.status === "diverged") return { ...base, outcome: "diverged" };
  if (trace.value < tau) return { ...base, outcome: "global" };
  if (trace.status !== "converged") return { ...base, outcome: "unfinished" };
  const report = secondOrderReport(f, trace.x, { tolerance: curvatureTolerance });
  const outcome = report.lambdaMin > certifiedCurvature ? "spurious" : report.lambdaMin >= -curvatureTolerance ? "degenerate" : "saddle";
  return { ...base, outcome: outcome, lambdaMin: report.lambdaMin, ...smoothness(trace.x, n, k), w: Array.from(trace.x) };
}
