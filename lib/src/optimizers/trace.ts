/**
 * What every method returns, and the options every method shares.
 * @module
 */

/**
 * A constant step size η, or a schedule (k, x_k, f(x_k)) ↦ η_k (k = 0, 1, … is the step being
 * taken), e.g. the loss-normalized step η/f(x_k) of the implicit-bias theorems.
 */
export type StepSize = number | ((iteration: number, x: Float64Array, value: number) => number);

/** Which iterations to record: every k-th (0: only the first and the last), or a predicate. */
export type RecordEvery = number | ((iteration: number) => boolean);

/** Options shared by every first-order method. */
export interface DescentOptions {
  /** η or k ↦ η_k; every value must be finite and > 0. */
  stepSize: StepSize;
  /** Upper bound on the number of steps (default 1000). */
  maxIterations?: number;
  /** Stop with status "converged" once ‖∇f(x)‖₂ ≤ tolerance (default 1e-8; 0: never, e.g. for noisy methods). */
  tolerance?: number;
  /** Which iterates go into the history (default 0: the first and the last). */
  recordEvery?: RecordEvery;
  /** Declare divergence once |f(x)| or ‖x‖_∞ exceeds this bound (default 1e12). */
  divergenceBound?: number;
  /** A target: stop with status "stopped" at the first iterate x_k for which it returns true (e.g. "passed every saddle"). */
  stopWhen?: (x: Float64Array, iteration: number) => boolean;
}

/** How a run ended: ‖∇f‖ ≤ tolerance, out of iterations, diverged, or `stopWhen` held. */
export type Status = "converged" | "max-iterations" | "diverged" | "stopped";

/** The recorded iterates: parallel arrays indexed by record. */
export interface History {
  iteration: number[];
  x: Float64Array[];
  value: number[];
  gradNorm: number[];
}

/** The result of a method: the last iterate and how the run went. */
export interface Trace {
  /** The last iterate x_k. */
  x: Float64Array;
  /** f(x_k). */
  value: number;
  /** ‖∇f(x_k)‖₂ (or the norm of the stationarity measure the method uses). */
  gradNorm: number;
  /** k, the number of steps taken. */
  iterations: number;
  status: Status;
  /** For status "diverged": the step k at which f(x_k) or x_k became non-finite or left the bound. */
  divergedAt?: number;
  history: History;
}
