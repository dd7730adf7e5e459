/**
 * The unchecked vector kernels behind `linalg.dot`, `norm2` and `normP`, for the library's own
 * hot loops: they take what they are given (a NaN in gives a NaN out, which the optimizers
 * report as divergence). Not part of the public API; the public functions check their input.
 * @module
 */

/** ⟨x, y⟩ = Σᵢ xᵢyᵢ over the first x.length entries. */
export function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/**
 * ‖x‖₂ = √⟨x, x⟩, without overflow or underflow: when the plain sum of squares leaves the
 * float64 range (entries beyond about 1e154 or below 1e-154) it is recomputed scaled by max|xᵢ|.
 */
export function norm2(x: Float64Array): number {
  const s = dot(x, x);
  if (s > 1e-290 && s < Infinity) return Math.sqrt(s);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  if (m === 0 || !Number.isFinite(m)) return m === 0 ? 0 : m;
  let t = 0;
  for (let i = 0; i < x.length; i++) t += (x[i] / m) ** 2;
  return m * Math.sqrt(t);
}

/** ‖x‖_p = (Σᵢ |xᵢ|ᵖ)^{1/p} for p ≥ 1, and ‖x‖_∞ = maxᵢ |xᵢ|, without overflow or underflow. */
export function normP(x: Float64Array, p: number): number {
  if (!(p >= 1)) throw new Error(`p must be ≥ 1 (or Infinity), got ${p}`);
  if (p === Infinity) {
    let m = 0;
    for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
    return m;
  }
  if (p === 2) return norm2(x);
  // Scaled by max|xᵢ| so that large or small entries neither overflow nor underflow.
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.pow(Math.abs(x[i]) / m, p);
  return m * Math.pow(s, 1 / p);
}
