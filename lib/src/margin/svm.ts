import type { Matrix } from "ml-matrix";
import { norm2 } from "../linalg";
import type { Rng } from "../random";
import { assertPositive } from "../validate";
import { dataset, margins } from "./data";

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
 */
export function svm(X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, { C = 1e6, tol = 1e-8, rng, maxIterations = 1_000_000 }: { C?: number; tol?: number; rng: Rng; maxIterations?: number }): LinearSvm {
  const data = dataset(X, y);
  assertPositive("C", C);
  assertPositive("tol", tol);
  if (!rng) throw new Error("rng must be given: ml-svm's SMO picks pairs at random");
  // Loaded on demand: only the notebooks on margins need it.
  const SVM = require("ml-svm") as new (options: Record<string, unknown>) => {
    train(features: number[][], labels: number[]): void;
    W: number[];
    b: number;
    _supportVectorIdx: number[];
  };
  const model = new SVM({ C, tol, kernel: "linear", whitening: false, random: () => rng.uniform(), maxPasses: 20, maxIterations, alphaTol: 1e-9 });
  model.train(data.rows.map((r) => Array.from(r)), Array.from(data.labels));
  const weights = Float64Array.from(model.W);
  const size = norm2(weights);
  if (!(size > 0)) throw new Error("ml-svm returned a zero separator");
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
