/**
 * The neural tangent kernel of a two-layer ReLU network in closed form, and kernel
 * regression solved by conjugate gradients on the dense core.
 * @module
 */
import { matVec } from "../linalg/blas";
import { assertDense, type Dense } from "../linalg/dense";
import { gemm } from "../linalg/gemm";
import { dot as vdot } from "../vector";
import { assertFinite, assertInteger, assertNumbers, optionsObject } from "../validate";

/** Which layers are trained: "both" (default), "first" (W only, a fixed) or "second" (a only, W fixed: the random-features kernel). */
export type NtkLayers = "both" | "first" | "second";

/**
 * The NTK Θ(x, z) = lim_{m→∞} ⟨∇_θ f(x), ∇_θ f(z)⟩ at initialization of the two-layer ReLU
 * network in the NTK parametrization f(x) = (1/√m) Σⱼ aⱼ relu(wⱼᵀx), wⱼ ~ N(0, I_d),
 * aⱼ ~ N(0, 1), no bias. With θ_xz the angle between x and z:
 * - second layer (∂f/∂aⱼ = relu(wⱼᵀx)/√m): Θ₂ = E relu(wᵀx) relu(wᵀz) = ‖x‖‖z‖(sin θ + (π − θ) cos θ)/(2π);
 * - first layer (∂f/∂wⱼ = aⱼ 1[wⱼᵀx > 0] x/√m): Θ₁ = xᵀz · P(wᵀx > 0, wᵀz > 0) = xᵀz (π − θ)/(2π);
 * - "both": Θ = Θ₁ + Θ₂.
 * A zero row gives a zero row of the kernel. θ = acos(xᵀz/(‖x‖‖z‖)) keeps about half the digits
 * near θ = 0 and π (an absolute error up to ~1e-8·‖x‖‖z‖ there), far below any statistical use.
 * @param X n × d inputs (rows)
 * @param Z p × d inputs (rows; default X)
 * @returns the n × p matrix Θ(xᵢ, zₖ)
 */
export function reluNtk(X: Dense, Z?: Dense, options: { layers?: NtkLayers } = {}): Dense {
  assertDense("X", X);
  if (Z !== undefined) {
    assertDense("Z", Z);
    if (Z.cols !== X.cols) throw new Error(`Z must have X's ${X.cols} columns, got ${Z.cols}`);
  }
  const { layers = "both" } = optionsObject("options", options);
  if (layers !== "both" && layers !== "first" && layers !== "second") throw new Error(`layers must be "both", "first" or "second", got ${String(layers)}`);
  const B = Z ?? X;
  const tooLarge = () => new Error(`the entries of X${Z === undefined ? "" : " and Z"} are too large: the kernel overflows the float64 range`);
  let G: Dense;
  try {
    G = gemm(X, B, undefined, { transB: true });
  } catch (e) {
    if (/overflow/.test(String(e))) throw tooLarge();
    throw e;
  }
  const rowNorms = (A: Dense) => Float64Array.from({ length: A.rows }, (_, i) => Math.sqrt(vdot(A.data.subarray(i * A.cols, (i + 1) * A.cols), A.data.subarray(i * A.cols, (i + 1) * A.cols))));
  const nx = rowNorms(X);
  const nz = Z === undefined ? nx : rowNorms(B);
  const g = G.data;
  for (let i = 0; i < X.rows; i++) {
    for (let k = 0; k < B.rows; k++) {
      const idx = i * B.rows + k;
      const scale = nx[i] * nz[k];
      if (scale === 0) {
        g[idx] = 0;
        continue;
      }
      const c = Math.min(1, Math.max(-1, g[idx] / scale));
      const t = Math.acos(c);
      const first = (g[idx] * (Math.PI - t)) / (2 * Math.PI);
      const second = (scale * (Math.sin(t) + (Math.PI - t) * c)) / (2 * Math.PI);
      g[idx] = layers === "first" ? first : layers === "second" ? second : first + second;
      if (!Number.isFinite(g[idx])) throw tooLarge();
    }
  }
  return G;
}

/** The solution of kernel regression and how the solver ended. */
export interface KernelRegression {
  /** α = (K + λI)⁻¹ y; predictions at new points z are Σᵢ αᵢ k(xᵢ, z). */
  alpha: Float64Array;
  /** Conjugate-gradient iterations used. */
  iterations: number;
  /** ‖(K + λI)α − y‖₂ / ‖y‖₂ at the end. */
  relativeResidual: number;
}

/**
 * Kernel (ridge) regression: α = (K + λI)⁻¹ y for a symmetric positive semidefinite Gram
 * matrix K (n × n) and λ ≥ 0 (λ = 0: the minimum-RKHS-norm interpolant when K is invertible),
 * by conjugate gradients with the dense core's resident matrix–vector product, until
 * ‖r‖ ≤ tolerance·‖y‖ (default 1e-10).
 * @throws when the residual has not reached the tolerance after `maxIterations` (default 10n) steps
 */
export function kernelRegression(K: Dense, y: ArrayLike<number>, options: { ridge?: number; tolerance?: number; maxIterations?: number } = {}): KernelRegression {
  assertDense("K", K);
  if (K.rows !== K.cols) throw new Error(`K must be square, got ${K.rows}×${K.cols}`);
  const n = K.rows;
  const b = Float64Array.from(assertNumbers("y", y, n));
  const { ridge = 0, tolerance = 1e-10, maxIterations = 10 * n } = optionsObject("options", options);
  assertFinite("ridge", ridge);
  if (ridge < 0) throw new Error(`ridge must be ≥ 0, got ${ridge}`);
  assertFinite("tolerance", tolerance);
  if (!(tolerance > 0)) throw new Error(`tolerance must be > 0, got ${tolerance}`);
  assertInteger("maxIterations", maxIterations, 0);
  const A = matVec(K);
  const alpha = new Float64Array(n);
  const r = Float64Array.from(b);
  const p = Float64Array.from(b);
  const Ap = new Float64Array(n);
  const bNorm = Math.sqrt(vdot(b, b));
  if (!Number.isFinite(bNorm)) throw new Error("y has entries too large: ‖y‖₂ overflows float64");
  if (bNorm === 0) return { alpha, iterations: 0, relativeResidual: 0 };
  let rr = vdot(r, r);
  let k = 0;
  while (Math.sqrt(rr) > tolerance * bNorm) {
    if (k === maxIterations) throw new Error(`kernelRegression: conjugate gradients did not reach the tolerance ${tolerance} in ${maxIterations} iterations (relative residual ${Math.sqrt(rr) / bNorm}); is K positive semidefinite, or is a ridge needed?`);
    A.apply(p, Ap);
    for (let i = 0; i < n; i++) Ap[i] += ridge * p[i];
    const pAp = vdot(p, Ap);
    if (!(pAp > 0)) throw new Error(`kernelRegression: K + λI is not positive definite (pᵀ(K + λI)p = ${pAp}); add a ridge`);
    const step = rr / pAp;
    for (let i = 0; i < n; i++) {
      alpha[i] += step * p[i];
      r[i] -= step * Ap[i];
    }
    const rrNext = vdot(r, r);
    const beta = rrNext / rr;
    for (let i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
    rr = rrNext;
    k++;
    if (!Number.isFinite(rr)) throw new Error(`kernelRegression: the residual overflowed at iteration ${k}: K (or y) has entries too large for float64`);
  }
  return { alpha, iterations: k, relativeResidual: Math.sqrt(rr) / bNorm };
}
