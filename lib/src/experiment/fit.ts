/**
 * Least-squares fits of growth laws, for the checks that a measured curve grows like a
 * theorem says (exponentially, polynomially, like log t, …).
 * @module
 */
import { assertNumbers } from "../validate";

/** The least-squares line y ≈ intercept + slope·x, with its coefficient of determination R². */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** R² = 1 − SS_res/SS_tot (1 for a perfect fit). */
  r2: number;
}

/** The power of two nearest max|vᵢ| (1 if all are 0): dividing by it is exact and brings the values near 1. */
function scaleOf(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m === 0 ? 1 : 2 ** Math.round(Math.log2(m));
}

/**
 * Ordinary least squares of y on x (at least two distinct x, all values finite). The sums are
 * taken on x and y divided by powers of two near their largest magnitudes (exact), so values near
 * 1e±300 neither overflow nor underflow when squared.
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  assertNumbers("x", x);
  assertNumbers("y", y);
  const n = x.length;
  if (n !== y.length) throw new Error(`x and y must have the same length, got ${n} and ${y.length}`);
  if (n < 2) throw new Error(`x and y must have at least 2 points for a fit, got ${n}`);
  const sx = scaleOf(x), sy = scaleOf(y);
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / sx;
    my += y[i] / sy;
  }
  mx /= n;
  my /= n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] / sx - mx, dy = y[i] / sy - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new Error("x must take at least two distinct values");
  const slope = sxy / sxx; // in scaled units
  const intercept = my - slope * mx;
  let ssRes = 0;
  for (let i = 0; i < n; i++) ssRes += (y[i] / sy - intercept - slope * (x[i] / sx)) ** 2;
  const fit = { slope: slope * (sy / sx), intercept: intercept * sy, r2: syy === 0 ? 1 : 1 - ssRes / syy };
  if (!Number.isFinite(fit.slope) || !Number.isFinite(fit.intercept)) {
    throw new Error(`x and y give a line beyond the float64 range (slope ${fit.slope}, intercept ${fit.intercept}): rescale x or y`);
  }
  return fit;
}

/** Throws unless every entry of v is > 0 (a logarithm is taken). */
function assertPositiveEntries(name: string, v: ArrayLike<number>): void {
  assertNumbers(name, v);
  for (let i = 0; i < v.length; i++) if (!(v[i] > 0)) throw new Error(`${name}[${i}] must be > 0 (its logarithm is fitted), got ${v[i]}`);
}

/** y ≈ A·e^{b x}: the linear fit of ln y on x (`slope` = b, growth factor e^b per unit of x); y > 0. */
export function exponentialFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  assertPositiveEntries("y", y);
  return linearFit(x, Array.from(y, (v) => Math.log(v)));
}

/** y ≈ A·x^p: the linear fit of ln y on ln x (`slope` = p); x, y > 0. */
export function powerFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  assertPositiveEntries("x", x);
  assertPositiveEntries("y", y);
  return linearFit(Array.from(x, (v) => Math.log(v)), Array.from(y, (v) => Math.log(v)));
}
