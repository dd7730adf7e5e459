import type { Matrix } from "ml-matrix";
import { norm2 } from "../vector";
import type { Rng } from "../random";
import { assertInteger, assertPositive, optionsObject } from "../validate";
import { dataScale, dataset, margins } from "./data";
import { maxMarginL2 } from "./maxMargin";

/** A linear SVM's separator in data coordinates: the decision function ⟨w, x⟩ + b. */
export interface LinearSvm {
  weights: Float64Array;
  bias: number;
  /** w/‖w‖₂ and b/‖w‖₂. */
  direction: Float64Array;
  normalizedBias: number;
  /** minᵢ yᵢ(⟨xᵢ, w⟩ + b)/‖w‖₂: the geometric margin on the training data. */
  margin: number;
  /** Indices of the support vectors (αᵢ above ml-svm's alphaTol). */
  support: number[];
}

/**
 * The ℓ2 soft-margin SVM min ½‖w‖² + C Σ max(0, 1 − yᵢ(⟨xᵢ, w⟩ + b)) by ml-svm's SMO, with a
 * linear kernel, no whitening (so the separator is in data coordinates), the given seeded
 * generator for SMO's random choices, and a tight tolerance. For separable data and a large C
 * this is the hard-margin SVM; ml-svm's SMO stops at steps of about its `tol`, so expect the
 * direction within about 1e-3 of the exact QP (`maxMarginL2` with `bias: true`).
 *
 * Before SMO runs, the exact QP (`maxMarginL2` with `bias: true`, HiGHS) decides separability:
 * data that are not separable (XOR, a point repeated with both labels) or that hold one class
 * only are rejected with an Error naming X and y, instead of running SMO to its iteration limit.
 * The work is bounded: SMO's passes (each O(n²) with a cached kernel) stop at `maxIterations`,
 * by default min(10⁶, max(10³, ⌈10⁹/n²⌉)), i.e. about 10⁹ kernel-entry reads, and reaching it
 * throws. Data with entries beyond 2^±20 are divided by a power of two first (the hard-margin
 * separator is scale-equivariant: the weights are scaled back, the direction is the same).
 */
export async function svm(
  X: Matrix | ArrayLike<number>[],
  y: ArrayLike<number>,
  options: { C?: number; tol?: number; rng: Rng; maxIterations?: number },
): Promise<LinearSvm> {
  const data = dataset(X, y);
  const { C = 1e6, tol = 1e-8, rng, maxIterations = Math.min(1_000_000, Math.max(1000, Math.ceil(1e9 / (data.n * data.n)))) } = optionsObject("options", options);
  assertPositive("C", C);
  assertPositive("tol", tol);
  assertInteger("maxIterations", maxIterations, 1);
  if (!rng || typeof rng.uniform !== "function") throw new Error("rng must be given (an Rng): ml-svm's SMO picks pairs at random");
  // Separable (with a bias) or not, by the exact QP; it also rejects single-class data.
  await maxMarginL2(X, y, { bias: true });
  const scale = dataScale(data);
  // Loaded on demand: only the notebooks on margins need it.
  const SVM = require("ml-svm") as new (options: Record<string, unknown>) => {
    train(features: number[][], labels: number[]): void;
    W: number[];
    b: number;
    _supportVectorIdx: number[];
  };
  const model = new SVM({ C, tol, kernel: "linear", whitening: false, random: () => rng.uniform(), maxPasses: 20, maxIterations, alphaTol: 1e-9 });
  try {
    model.train(data.rows.map((r) => Array.from(r, (v) => v / scale)), Array.from(data.labels));
  } catch (e) {
    if (/max iterations/.test(String((e as Error).message))) {
      throw new Error(`ml-svm's SMO did not converge within maxIterations = ${maxIterations} passes on separable data; raise maxIterations or tol, or use maxMarginL2 (exact)`);
    }
    throw e;
  }
  const weights = Float64Array.from(model.W, (v) => v / scale);
  const size = norm2(weights);
  if (!(size > 0) || !Number.isFinite(size)) throw new Error(`ml-svm returned a degenerate separator (‖w‖ = ${size}) on separable data; try a larger C or a smaller tol`);
  const direction = weights.map((v) => v / size);
  return {
    weights,
    bias: model.b,
    direction,
    normalizedBias: model.b / size,
    margin: Math.min(...margins(data, direction, model.b / size)),
    support: [...model._supportVectorIdx],
  };
}
