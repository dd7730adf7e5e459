/**
 * Least-squares fits of growth laws, for the checks that a measured curve grows like a
 * theorem says (exponentially, polynomially, like log t, …).
 * @module
 */

/** The least-squares line y ≈ intercept + slope·x, with its coefficient of determination R². */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** R² = 1 − SS_res/SS_tot (1 for a perfect fit). */
  r2: number;
}

/** Ordinary least squares of y on x (at least two distinct x, all values finite). */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const n = x.length;
  if (n !== y.length) throw new Error(`x and y must have the same length, got ${n} and ${y.length}`);
  if (n < 2) throw new Error(`a fit needs at least 2 points, got ${n}`);
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new Error(`point ${i} is not finite: (${x[i]}, ${y[i]})`);
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0) throw new Error("x must take at least two distinct values");
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssRes = 0;
  for (let i = 0; i < n; i++) ssRes += (y[i] - intercept - slope * x[i]) ** 2;
  return { slope, intercept, r2: syy === 0 ? 1 : 1 - ssRes / syy };
}

/** y ≈ A·e^{b x}: the linear fit of ln y on x (`slope` = b, growth factor e^b per unit of x). */
export function exponentialFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  return linearFit(x, Array.from(y, (v) => Math.log(v)));
}

/** y ≈ A·x^p: the linear fit of ln y on ln x (`slope` = p). */
export function powerFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  return linearFit(Array.from(x, (v) => Math.log(v)), Array.from(y, (v) => Math.log(v)));
}
