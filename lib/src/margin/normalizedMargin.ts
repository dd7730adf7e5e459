import type { Matrix } from "ml-matrix";
import { normP } from "../vector";
import { assertNumbers } from "../validate";
import { dataset, margins } from "./data";

/**
 * The normalized margin of a homogeneous linear classifier w in the p-norm:
 *   γ_p(w) = minᵢ yᵢ⟨xᵢ, w⟩ / ‖w‖_p,   p ≥ 1 or p = ∞.
 * Positive exactly when w separates the data; the max-margin direction maximizes it.
 */
export function normalizedMargin(w: ArrayLike<number>, X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, p = 2): number {
  const data = dataset(X, y);
  const wv = Float64Array.from(assertNumbers("w", w, data.d));
  const norm = normP(wv, p);
  if (norm === 0) throw new Error("w must be non-zero");
  // w/‖w‖ first: the margins of w itself overflow for ‖w‖ near 1e308.
  return Math.min(...margins(data, wv.map((v) => v / norm)));
}

/**
 * The gap between two directions normalized in the p-norm, ‖w/‖w‖_p − w⋆/‖w⋆‖_p‖_p, and for
 * p = 2 also the angle between them (radians) and 1 − cos.
 */
export function directionGap(w: ArrayLike<number>, wStar: ArrayLike<number>, p = 2): { distance: number; angle?: number; oneMinusCos?: number } {
  assertNumbers("w", w);
  assertNumbers("wStar", wStar);
  if (w.length !== wStar.length) throw new Error(`w and wStar must have the same length, got ${w.length} and ${wStar.length}`);
  const a = Float64Array.from(w), b = Float64Array.from(wStar);
  const na = normP(a, p), nb = normP(b, p);
  if (!(na > 0)) throw new Error("w must be non-zero");
  if (!(nb > 0)) throw new Error("wStar must be non-zero");
  const diff = a.map((v, i) => v / na - b[i] / nb);
  const distance = normP(diff, p);
  if (p !== 2) return { distance };
  // 1 − cos = ‖u − v‖²/2 for unit vectors, without the cancellation of 1 − cos near 0.
  return { distance, angle: 2 * Math.asin(Math.min(1, distance / 2)), oneMinusCos: (distance * distance) / 2 };
}
