import type { Matrix } from "ml-matrix";
import { dense, fromMatrix, gemm, type Dense } from "../linalg";
import { assertFinite, assertInteger, assertNumbers, assertPositive, optionsObject } from "../validate";
import { sameAs } from "./lowRank";
import { denseData, output, type Objective } from "./objective";

/**
 * The designed objective of Ge, Lee and Ma (ICLR 2018, "Learning one-hidden-layer neural networks
 * with landscape design") for y = a*ᵀσ(B*x) with x ~ N(0, I_d), a* ≥ 0 and B* (m × d) with
 * orthonormal rows. With the normalized Hermite polynomials h_k = He_k/√(k!) and
 * σ = Σ_k σ̂_k h_k, the objective over B ∈ ℝ^{m×d} (rows b_j) is
 *
 *   G(B) = sign(σ̂₄)·E[y·(Σ_{j≠k} φ(b_j, b_k, x) − μ Σ_j φ(b_j, b_j, x))] + λ Σ_j (‖b_j‖² − 1)²,
 *
 * where φ(v, w, x) = H₄(x)[v, v, w, w]/√24 is the fourth Hermite tensor contracted with v⊗v⊗w⊗w:
 *
 *   √24·φ(v, w, x) = ⟨v,x⟩²⟨w,x⟩² − ‖v‖²⟨w,x⟩² − ‖w‖²⟨v,x⟩² − 4⟨v,w⟩⟨v,x⟩⟨w,x⟩ + ‖v‖²‖w‖² + 2⟨v,w⟩²
 *
 * (so φ(v, v, x) = ‖v‖⁴h₄(⟨v,x⟩/‖v‖)). For unit ‖b*ᵢ‖, E[σ(⟨b*,x⟩)φ(v,w,x)] = σ̂₄⟨b*,v⟩²⟨b*,w⟩²,
 * so the population objective is, in closed form (P = B B*ᵀ, Pⱼᵢ = ⟨b_j, b*ᵢ⟩),
 *
 *   G(B) = |σ̂₄| Σᵢ a*ᵢ [ (Σⱼ Pⱼᵢ²)² − (1 + μ) Σⱼ Pⱼᵢ⁴ ] + λ Σⱼ (‖b_j‖² − 1)²,
 *
 * whose gradient is ∇G = R B* + 4λ diag(‖b_j‖² − 1) B with Rⱼᵢ = 4|σ̂₄| a*ᵢ Pⱼᵢ (Σₗ Pₗᵢ² − (1 + μ)Pⱼᵢ²).
 * Its local minima (Ge–Lee–Ma, for μ small against 1/κ(a*) and λ large against |σ̂₄|max a*) are
 * B = D Π B*: a permutation Π, signs, and scales s_j with s_j² = λ/(λ − |σ̂₄|μ a*_{π(j)}) (the
 * closed-form critical point, for λ > |σ̂₄|μ max a*).
 * @module
 */

/** Options of the designed objective: σ̂₄ (the fourth normalized Hermite coefficient of σ), μ and λ. */
export interface DesignedObjectiveOptions {
  /** σ̂₄ = E[σ(z)h₄(z)], z ~ N(0, 1), h₄ = He₄/√24; non-zero (for relu: `reluHermiteCoefficient(4)`). */
  sigma4: number;
  /** μ ≥ 0, the weight of the diagonal term (the paper asks for μ small against 1/κ(a*)). */
  mu: number;
  /** λ > 0, the weight of the norm penalty (the paper asks for λ large against |σ̂₄| max a*). */
  lambda: number;
}

/** The designed objective in the parameters B (row-major m × d, rows b_j), with its sizes. */
export interface DesignedObjective extends Objective {
  /** m, the number of neurons (rows of B). */
  readonly neurons: number;
  /** d, the input dimension. */
  readonly inputDim: number;
}

/**
 * The normalized Hermite coefficient σ̂_k = E[relu(z)h_k(z)] (z ~ N(0, 1), h_k = He_k/√(k!)) of the
 * ReLU, in closed form: σ̂₀ = 1/√(2π), σ̂₁ = 1/2, and for k ≥ 2 (Gaussian integration by parts,
 * relu″ = δ) σ̂_k = φ(0)He_{k−2}(0)/√(k!) with φ(0) = 1/√(2π): zero for odd k, and
 * He_{2j}(0) = (−1)ʲ(2j − 1)!!. So σ̂₂ = 1/(2√π) and σ̂₄ = −1/(√(2π)·√24) ≈ −0.0814.
 */
export function reluHermiteCoefficient(k: number): number {
  assertInteger("k", k, 0);
  if (k > 10_000) throw new Error(`k must be ≤ 10000 (the coefficient is an O(k) product), got ${k}`);
  const phi0 = 1 / Math.sqrt(2 * Math.PI);
  if (k === 0) return phi0;
  if (k === 1) return 0.5;
  if (k % 2 === 1) return 0;
  // He_{k−2}(0)/√(k!) = (−1)^{(k−2)/2}(k − 3)!!/√(k!), accumulated as a ratio (no overflow)
  let ratio = 1 / Math.sqrt(k * (k - 1));
  for (let i = k - 3; i >= 1; i -= 2) ratio *= i / Math.sqrt((i + 1) * i);
  return phi0 * ((k - 2) % 4 === 0 ? 1 : -1) * ratio;
}

function checkOptions(options: DesignedObjectiveOptions): DesignedObjectiveOptions {
  options = optionsObject("options", options);
  assertFinite("options.sigma4", options.sigma4);
  if (options.sigma4 === 0) throw new Error("options.sigma4 must be non-zero (the objective uses the sign and size of σ̂₄)");
  assertFinite("options.mu", options.mu);
  if (options.mu < 0) throw new Error(`options.mu must be ≥ 0, got ${options.mu}`);
  assertPositive("options.lambda", options.lambda);
  return options;
}

/** The rows of B* as a Dense m × d, checked unit-norm, and a* (length m, ≥ 0). */
function teacher(bStar: Matrix | number[][], aStar: ArrayLike<number>): { b: Dense; a: Float64Array } {
  if (!Array.isArray(bStar) && !(bStar && typeof (bStar as Matrix).to2DArray === "function")) throw new Error("bStar must be a Matrix or an array of rows (m × d)");
  const rows = Array.isArray(bStar) ? bStar : (bStar as Matrix).to2DArray();
  if (rows.length === 0) throw new Error("bStar must have at least one row");
  const d = (rows[0] as ArrayLike<number>)?.length;
  rows.forEach((row, i) => assertNumbers(`bStar[${i}]`, row, d));
  if (!(d >= rows.length)) throw new Error(`bStar must have m ≤ d (rows no more than columns), got ${rows.length}×${d}`);
  const b = Array.isArray(bStar) ? dense(rows.length, d, Float64Array.from(rows.flatMap((r) => Array.from(r)))) : fromMatrix(bStar as Matrix);
  for (let i = 0; i < b.rows; i++) {
    let n2 = 0;
    for (let k = 0; k < d; k++) n2 += b.data[i * d + k] ** 2;
    if (Math.abs(Math.sqrt(n2) - 1) > 1e-8) throw new Error(`bStar's rows must have unit norm (the closed form needs ‖b*ᵢ‖ = 1), row ${i} has norm ${Math.sqrt(n2)}`);
  }
  const a = Float64Array.from(assertNumbers("aStar", aStar, b.rows));
  a.forEach((v, i) => {
    if (v < 0) throw new Error(`aStar[${i}] must be ≥ 0 (the paper's a* is non-negative), got ${v}`);
  });
  return { b, a };
}

/**
 * The designed objective G of Ge, Lee and Ma in closed form (the population objective, exact):
 * G(B) = |σ̂₄| Σᵢ a*ᵢ[(Σⱼ⟨b_j,b*ᵢ⟩²)² − (1 + μ)Σⱼ⟨b_j,b*ᵢ⟩⁴] + λ Σⱼ(‖b_j‖² − 1)² (module doc).
 * B is row-major m × d with m = the rows of B*; a point costs O(m²d).
 *
 * @param bStar B* (m × d, m ≤ d, unit-norm rows; orthonormal in the paper's theorem)
 * @param aStar a* (length m, non-negative)
 */
export function designedObjective(bStar: Matrix | number[][], aStar: ArrayLike<number>, options: DesignedObjectiveOptions): DesignedObjective {
  const { b: B, a } = teacher(bStar, aStar);
  const { sigma4, mu, lambda } = checkOptions(options);
  const m = B.rows, d = B.cols, dim = m * d, c = Math.abs(sigma4);
  const p = dense(m, m);
  const r = dense(m, m);
  const norms = new Float64Array(m);
  const column = new Float64Array(m);
  // P = B B*ᵀ, the row norms ‖b_j‖², and S_i = Σ_j P_ji²
  const prepare = (x: Float64Array) => {
    gemm(dense(m, d, x), B, p, { transB: true });
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += x[j * d + k] ** 2;
      norms[j] = s;
    }
    column.fill(0);
    for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) column[i] += p.data[j * m + i] ** 2;
  };
  return {
    dim,
    neurons: m,
    inputDim: d,
    value(x) {
      if (x.length !== dim) throw new Error(`x must have length ${dim} (B is ${m} × ${d}, row-major), got ${x.length}`);
      prepare(x);
      let g = 0;
      for (let i = 0; i < m; i++) {
        let fourth = 0;
        for (let j = 0; j < m; j++) fourth += p.data[j * m + i] ** 4;
        g += a[i] * (column[i] * column[i] - (1 + mu) * fourth);
      }
      let penalty = 0;
      for (let j = 0; j < m; j++) penalty += (norms[j] - 1) ** 2;
      return c * g + lambda * penalty;
    },
    grad(x, out) {
      const g = output(out, dim);
      if (x.length !== dim) throw new Error(`x must have length ${dim} (B is ${m} × ${d}, row-major), got ${x.length}`);
      prepare(x);
      for (let j = 0; j < m; j++) {
        for (let i = 0; i < m; i++) {
          const pji = p.data[j * m + i];
          r.data[j * m + i] = 4 * c * a[i] * pji * (column[i] - (1 + mu) * pji * pji);
        }
      }
      gemm(r, B, dense(m, d, g));
      for (let j = 0; j < m; j++) {
        const f = 4 * lambda * (norms[j] - 1);
        for (let k = 0; k < d; k++) g[j * d + k] += f * x[j * d + k];
      }
      return g;
    },
  };
}

/**
 * The designed objective G estimated from samples (xₜ, yₜ), t = 1..n (unbiased for the population G
 * when the samples are drawn from the model): sign(σ̂₄)·(1/n)Σₜ yₜ[Σ_{j≠k} φ(b_j, b_k, xₜ) −
 * μ Σ_j φ(b_j, b_j, xₜ)] + λ Σ_j(‖b_j‖² − 1)², with φ as in the module doc. With zₜ = Bxₜ,
 * K = BBᵀ, N_j = ‖b_j‖² and C = Σₜ wₜzₜzₜᵀ (wₜ = yₜ/n), the sums collapse to
 *
 *   √24·Σₜwₜ[…] = Σₜwₜ‖zₜ‖⁴ − 2(ΣN)tr C − 4⟨K, C⟩ + ((ΣN)² + 2‖K‖²_F)Σₜwₜ
 *                − (1 + μ)[Σₜwₜ Σⱼzₜⱼ⁴ − 6Σⱼ N_j C_jj + 3(Σₜwₜ)Σⱼ N_j²],
 *
 * so that a point costs O(nmd + nm²) (the products Z = XBᵀ and WᵀX on the dense core).
 *
 * @param x the inputs, n × d (a Matrix, rows, or a Dense)
 * @param y the labels, length n
 * @param neurons m, the number of rows of B
 */
export function designedObjectiveFromSamples(x: Matrix | Dense | number[][], y: ArrayLike<number>, neurons: number, options: { sign: 1 | -1; mu: number; lambda: number }): DesignedObjective {
  const X = denseData("x", x, "n × d", "one sample per row");
  const n = X.rows, d = X.cols;
  const labels = Float64Array.from(assertNumbers("y", y, n));
  assertInteger("neurons", neurons, 1);
  options = optionsObject("options", options);
  if (options.sign !== 1 && options.sign !== -1) throw new Error(`options.sign must be 1 or −1 (the sign of σ̂₄), got ${String(options.sign)}`);
  const { mu, lambda } = checkOptions({ sigma4: options.sign, mu: options.mu, lambda: options.lambda });
  const m = neurons, dim = m * d, scale = options.sign / Math.sqrt(24);
  const w = labels.map((v) => v / n);
  const sumW = w.reduce((s, v) => s + v, 0);
  const z = dense(n, m);
  const zw = dense(n, m);
  const cMat = dense(m, m);
  const k = dense(m, m);
  const v = dense(m, m);
  const norms = new Float64Array(m);
  const kz = new Float64Array(m);
  const check = (b: Float64Array) => {
    if (b.length !== dim) throw new Error(`b must have length ${dim} (B is ${m} × ${d}, row-major), got ${b.length}`);
  };
  // Z = XBᵀ, K = BBᵀ, N, and C = Zᵀ diag(w) Z, for the last B they were computed at (a method asks for G and ∇G at the same B)
  const preparedAt = new Float64Array(dim).fill(NaN);
  const prepare = (b: Float64Array) => {
    if (sameAs(preparedAt, b)) return;
    preparedAt.set(b);
    const B = dense(m, d, b);
    gemm(X, B, z, { transB: true });
    gemm(B, B, k, { transB: true });
    for (let j = 0; j < m; j++) norms[j] = k.data[j * m + j];
    for (let t = 0; t < n; t++) for (let j = 0; j < m; j++) zw.data[t * m + j] = w[t] * z.data[t * m + j];
    gemm(zw, z, cMat, { transA: true });
  };
  const totals = () => {
    let sumN = 0, sumN2 = 0, kc = 0, k2 = 0, trC = 0, nc = 0;
    for (let j = 0; j < m; j++) {
      sumN += norms[j];
      sumN2 += norms[j] * norms[j];
      trC += cMat.data[j * m + j];
      nc += norms[j] * cMat.data[j * m + j];
    }
    for (let q = 0; q < m * m; q++) {
      kc += k.data[q] * cMat.data[q];
      k2 += k.data[q] * k.data[q];
    }
    return { sumN, sumN2, kc, k2, trC, nc };
  };
  return {
    dim,
    neurons: m,
    inputDim: d,
    value(b) {
      check(b);
      prepare(b);
      const { sumN, sumN2, kc, k2, trC, nc } = totals();
      let quartic = 0, fourth = 0;
      for (let t = 0; t < n; t++) {
        let s2 = 0, s4 = 0;
        for (let j = 0; j < m; j++) {
          const e = z.data[t * m + j] ** 2;
          s2 += e;
          s4 += e * e;
        }
        quartic += w[t] * s2 * s2;
        fourth += w[t] * s4;
      }
      const moment = quartic - 2 * sumN * trC - 4 * kc + (sumN * sumN + 2 * k2) * sumW - (1 + mu) * (fourth - 6 * nc + 3 * sumW * sumN2);
      let penalty = 0;
      for (let j = 0; j < m; j++) penalty += (norms[j] - 1) ** 2;
      return scale * moment + lambda * penalty;
    },
    grad(b, out) {
      const g = output(out, dim);
      check(b);
      prepare(b);
      const { sumN, trC } = totals();
      // through Z: W (n × m), ∂/∂zₜⱼ of the moment, written into zw
      for (let t = 0; t < n; t++) {
        let s2 = 0;
        for (let j = 0; j < m; j++) s2 += z.data[t * m + j] ** 2;
        for (let j = 0; j < m; j++) {
          let acc = 0;
          for (let l = 0; l < m; l++) acc += k.data[j * m + l] * z.data[t * m + l];
          kz[j] = acc;
        }
        for (let j = 0; j < m; j++) {
          const zj = z.data[t * m + j];
          zw.data[t * m + j] = w[t] * (4 * s2 * zj - 4 * sumN * zj - 8 * kz[j] - 4 * (1 + mu) * zj * zj * zj + 12 * (1 + mu) * norms[j] * zj);
        }
      }
      const G = dense(m, d, g);
      gemm(zw, X, G, { transA: true, alpha: scale });
      // through N and K: V B with V = −4 tr C·I − 8C + 4ΣN Σw·I + 8Σw K + diag(12(1 + μ)(C_jj − Σw N_j))
      for (let j = 0; j < m; j++) {
        for (let l = 0; l < m; l++) v.data[j * m + l] = -8 * cMat.data[j * m + l] + 8 * sumW * k.data[j * m + l];
        v.data[j * m + j] += -4 * trC + 4 * sumN * sumW + 12 * (1 + mu) * (cMat.data[j * m + j] - sumW * norms[j]);
      }
      gemm(v, dense(m, d, b), G, { alpha: scale, beta: 1 });
      for (let j = 0; j < m; j++) {
        const f = 4 * lambda * (norms[j] - 1);
        for (let q = 0; q < d; q++) g[j * d + q] += f * b[j * d + q];
      }
      return g;
    },
  };
}

