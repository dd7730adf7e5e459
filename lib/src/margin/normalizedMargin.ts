import type { Matrix } from "ml-matrix";
import { normP } from "../linalg";
import { dataset, margins } from "./data";

/**
 * The normalized margin of a homogeneous linear classifier w in the p-norm:
 *   γ_p(w) = minᵢ yᵢ⟨xᵢ, w⟩ / ‖w‖_p,   p ≥ 1 or p = ∞.
 * Positive exactly when w separates the data; the max-margin direction maximizes it.
 */
export function normalizedMargin(w: ArrayLike<number>, X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, p = 2): number {
  const data = dataset(X, y);
  const wv = Float64Array.from(w);
  if (!wv.every(Number.isFinite)) throw new Error("w must have finite entries");
  const norm = normP(wv, p);
  if (norm === 0) throw new Error("w must be non-zero");
  return Math.min(...margins(data, wv)) / norm;
}

/**
 * The gap between two directions normalized in the p-norm, ‖w/‖w‖_p − w⋆/‖w⋆‖_p‖_p, and for
 * p = 2 also the angle between them (radians) and 1 − cos.
 */
export function directionGap(w: ArrayLike<number>, wStar: ArrayLike<number>, p = 2): { distance: number; angle?: number; oneMinusCos?: number } {
  if (w.length !== wStar.length) throw new Error(`w and wStar must have the same length, got ${w.length} and ${wStar.length}`);
  const a = Float64Array.from(w), b = Float64Array.from(wStar);
  const na = normP(a, p), nb = normP(b, p);
  if (!(na > 0) || !(nb > 0)) throw new Error("w and wStar must be non-zero and finite");
  const diff = a.map((v, i) => v / na - b[i] / nb);
  const distance = normP(diff, p);
  if (p !== 2) return { distance };
  // 1 − cos = ‖u − v‖²/2 for unit vectors, without the cancellation of 1 − cos near 0.
  return { distance, angle: 2 * Math.asin(Math.min(1, distance / 2)), oneMinusCos: (distance * distance) / 2 };
}
