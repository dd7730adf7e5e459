import { Matrix } from "ml-matrix";
import { assertFinite, assertInteger, assertRows } from "../validate";
import { output, type Objective } from "./objective";

/**
 * The population loss of a two-layer ReLU student fitting a ReLU teacher under Gaussian
 * inputs, in closed form (Safran & Shamir, ICML 2018). No sampling anywhere.
 * @module
 */

/** The teacher–student objective: an Objective over the student's W (width × d, row-major) with its Hessian. */
export interface ReluTeacherStudent extends Objective {
  /** The student's number of neurons n. */
  readonly width: number;
  /** The input dimension d. */
  readonly inputDim: number;
  /** The teacher's number of neurons k. */
  readonly teacherWidth: number;
  /** The teacher V (k × d), one neuron per row. */
  readonly teacher: Matrix;
  /** ∇²F(W), (n·d) × (n·d), in closed form. */
  hessian(w: Float64Array): Matrix;
}

const TWO_PI = 2 * Math.PI;
const INV_TWO_PI = 1 / TWO_PI;

/**
 * The student–teacher population loss of Safran & Shamir (2018), with the teacher's neurons
 * v_j as the rows of `teacher` (k × d) and the student's neurons w_i as the rows of the
 * parameter W (width × d, stored row-major in a Float64Array of length width·d):
 *
 *   F(W) = ½ E_{x∼N(0, I_d)} (Σᵢ relu(wᵢᵀx) − Σⱼ relu(vⱼᵀx))²
 *        = ½ Σ_{i,i'} κ(wᵢ, w_{i'}) − Σ_{i,j} κ(wᵢ, vⱼ) + ½ Σ_{j,j'} κ(vⱼ, v_{j'}),
 *
 * the ½ as in the paper (the gradient in the code published with Safran, Yun & Shamir 2020 is that of F with the ½), with
 * the arc-cosine kernel of degree 1 (Cho & Saul 2009)
 *
 *   κ(u, v) = E[relu(uᵀx) relu(vᵀx)] = ‖u‖‖v‖ (sin θ + (π − θ) cos θ) / (2π),
 *   θ = atan2(sin θ, cos θ), cos θ = ūᵀv̄, sin θ = ‖v̄ − (cos θ) ū‖ (ū = u/‖u‖, v̄ = v/‖v‖),
 *
 * (θ = arccos(cos θ) where |cos θ| ≤ 0.9: see `angleOf`), the sine from the component of v̄ orthogonal to ū, not from √(1 − cos²θ) or sin(arccos(·)): near θ = 0 or π
 * those lose every digit (sin(arccos(−1)) = 1.2e-16), and the Hessian divides by sin θ (see `sineOf`).
 *
 * Gradient (row i), with ūᵢ = wᵢ/‖wᵢ‖ and θ_{ab} the angle between a and b:
 *
 *   ∇_{wᵢ}F = (1/2π) [ (Σ_{i'} ‖w_{i'}‖ sin θ_{ii'} − Σⱼ ‖vⱼ‖ sin θ_{ij}) ūᵢ + Σ_{i'} (π − θ_{ii'}) w_{i'} − Σⱼ (π − θ_{ij}) vⱼ ]
 *
 * (the term i' = i is π wᵢ: κ(w, w) = ‖w‖²/2). Hessian blocks, for u = wᵢ and
 * v = w_{i'} or vⱼ, c = cos θ, s = sin θ, p = (v̄ − c ū)/‖v̄ − c ū‖ and q = (ū − c v̄)/‖ū − c v̄‖ (unit vectors):
 *
 *   ∂_u∂_u κ(u, v) = (‖v‖ s / (2π‖u‖)) (I − ūūᵀ + ppᵀ),   ∂_v∂_u κ(u, v) = (1/2π) ((π − θ) I + s (ūv̄ᵀ + pqᵀ)),
 *   ∇²_{wᵢwᵢ}F = ½ I + Σ_{i'≠i} ∂_u∂_u κ(wᵢ, w_{i'}) − Σⱼ ∂_u∂_u κ(wᵢ, vⱼ),   ∇²_{wᵢw_{i'}}F = ∂_v∂_u κ(wᵢ, w_{i'}).
 *
 * At θ = 0 or π (s = 0) the s-terms are 0 (their limit).
 *
 * Zero neurons: a neuron wᵢ = 0 outputs relu(0) = 0 for every x, so it adds nothing to F, and
 * it gets the gradient 0 (the convention relu′(0) = 0 of the autodiff frameworks; F is not
 * differentiable there, being positively homogeneous of degree 1 in wᵢ). Its Hessian blocks are
 * 0 too (F is not twice differentiable at such a W; the Hessian is only meaningful where every
 * neuron is non-zero and no two are parallel). Zero teacher rows are likewise ignored.
 *
 * For speed, `value` and `grad` share one pass over the pairs, done once per point (the last
 * point is remembered): a method asking for F and ∇F at the same W pays for one. The teacher's
 * norms, unit rows and self-term are computed once.
 *
 * @param teacher V, k × d: one teacher neuron per row (a Matrix or rows of finite numbers)
 * @param width n ≥ 1, the student's number of neurons
 * @example
 * const f = reluTeacherStudent(Matrix.eye(6), 7); // Safran–Shamir: V = I_k, d = k, n = k + 1
 */
export function reluTeacherStudent(teacher: Matrix | number[][], width: number): ReluTeacherStudent {
  if (!(teacher instanceof Matrix) && !(Array.isArray(teacher) && teacher.length > 0 && teacher.every((row) => Array.isArray(row) || ArrayBuffer.isView(row)))) {
    throw new Error("teacher must be a k × d Matrix or a non-empty array of rows (one teacher neuron per row)");
  }
  if (!(teacher instanceof Matrix)) assertRows("teacher", teacher);
  const V = Matrix.checkMatrix(teacher);
  if (V.rows === 0 || V.columns === 0) throw new Error(`teacher must have at least one row and one column, got ${V.rows}×${V.columns}`);
  assertInteger("width", width, 1);
  const k = V.rows, d = V.columns, n = width, dim = n * d;
  const v = Float64Array.from(V.to1DArray());
  v.forEach((x, idx) => assertFinite(`teacher[${Math.floor(idx / d)}][${idx % d}]`, x));

  // the teacher's norms, unit rows and ½ΣΣκ(vⱼ, v_{j'}), once
  const vNorm = new Float64Array(k);
  const vUnit = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    const t = rowNorm(v, j, d);
    if (!Number.isFinite(t)) throw new Error(`teacher's row ${j} is too large: its norm overflows float64`);
    vNorm[j] = t;
    if (t > 0) for (let a = 0; a < d; a++) vUnit[j * d + a] = v[j * d + a] / t;
  }
  let teacherTerm = 0;
  for (let j = 0; j < k; j++) {
    for (let l = 0; l < k; l++) {
      if (vNorm[j] === 0 || vNorm[l] === 0) continue;
      if (j === l) {
        teacherTerm += 0.25 * vNorm[j] * vNorm[j]; // ½κ(v, v) = ‖v‖²/4
        continue;
      }
      let c = 0;
      for (let a = 0; a < d; a++) c += vUnit[j * d + a] * vUnit[l * d + a];
      c = c > 1 ? 1 : c < -1 ? -1 : c;
      const s = sineOf(vUnit, j * d, vUnit, l * d, d, c);
      teacherTerm += (0.5 * vNorm[j] * vNorm[l] * (s + (Math.PI - angleOf(s, c)) * c)) / TWO_PI;
    }
  }
  if (!Number.isFinite(teacherTerm)) throw new Error("teacher's entries are too large: E[(Σⱼ relu(vⱼᵀx))²] overflows float64");

  // a teacher whose rows are multiples of standard basis vectors (V = I_k in the paper): vⱼ = ±‖vⱼ‖e_{axis[j]},
  // so ūᵢᵀv̄ⱼ is one entry of ūᵢ and the teacher's part of the gradient touches one column (the same numbers, fewer operations)
  const axis = new Int32Array(k).fill(-1);
  for (let j = 0; j < k; j++) {
    for (let a = 0; a < d; a++) {
      if (v[j * d + a] === 0) continue;
      axis[j] = axis[j] === -1 ? a : -2;
    }
  }
  const axisAligned = axis.every((a) => a >= 0);

  // work arrays of the shared pass: norms, unit rows, the pair coefficients
  const wNorm = new Float64Array(n);
  const wUnit = new Float64Array(dim);
  const alpha = new Float64Array(n); // Σ_{i'} ‖w_{i'}‖ sin θ_{ii'} − Σⱼ ‖vⱼ‖ sin θ_{ij}
  const studentAngles = new Float64Array(n * n); // π − θ_{ii'} (0 for zero neurons)
  const teacherAngles = new Float64Array(n * k); // π − θ_{ij}
  const gradient = new Float64Array(dim);
  const at = new Float64Array(dim).fill(NaN);
  let loss = NaN;

  const pass = (w: Float64Array) => {
    if (w.length !== dim) throw new Error(`W must have length width·d = ${dim}, got ${w.length}`);
    let same = true;
    for (let a = 0; a < dim; a++) if (at[a] !== w[a]) { same = false; break; }
    if (same) return;
    for (let i = 0; i < n; i++) {
      const t = rowNorm(w, i, d);
      wNorm[i] = t;
      const inv = t > 0 ? 1 / t : 0;
      for (let a = 0; a < d; a++) wUnit[i * d + a] = w[i * d + a] * inv;
    }
    alpha.fill(0);
    let f = teacherTerm;
    for (let i = 0; i < n; i++) {
      const ni = wNorm[i];
      if (ni === 0) {
        for (let l = 0; l < n; l++) studentAngles[i * n + l] = studentAngles[l * n + i] = 0;
        for (let j = 0; j < k; j++) teacherAngles[i * k + j] = 0;
        continue;
      }
      // the self-term κ(w, w) = ‖w‖²/2, with weight ½ in F; π − θ = π
      f += 0.25 * ni * ni;
      studentAngles[i * n + i] = Math.PI;
      for (let l = i + 1; l < n; l++) {
        const nl = wNorm[l];
        if (nl === 0) continue;
        let c = 0;
        for (let a = 0; a < d; a++) c += wUnit[i * d + a] * wUnit[l * d + a];
        c = c > 1 ? 1 : c < -1 ? -1 : c;
        const s = sineOf(wUnit, i * d, wUnit, l * d, d, c), rest = Math.PI - angleOf(s, c);
        f += ni * nl * (s + rest * c) * INV_TWO_PI; // ½·2 (the pairs (i, l) and (l, i))
        alpha[i] += nl * s;
        alpha[l] += ni * s;
        studentAngles[i * n + l] = studentAngles[l * n + i] = rest;
      }
      for (let j = 0; j < k; j++) {
        const nj = vNorm[j];
        if (nj === 0) {
          teacherAngles[i * k + j] = 0;
          continue;
        }
        let c = 0;
        if (axisAligned) c = vUnit[j * d + axis[j]] * wUnit[i * d + axis[j]];
        else for (let a = 0; a < d; a++) c += wUnit[i * d + a] * vUnit[j * d + a];
        c = c > 1 ? 1 : c < -1 ? -1 : c;
        const s = sineOf(wUnit, i * d, vUnit, j * d, d, c), rest = Math.PI - angleOf(s, c);
        f -= ni * nj * (s + rest * c) * INV_TWO_PI;
        alpha[i] -= nj * s;
        teacherAngles[i * k + j] = rest;
      }
    }
    // ∇_{wᵢ} = (1/2π)[αᵢ ūᵢ + Σ_{i'} (π − θ_{ii'}) w_{i'} − Σⱼ (π − θ_{ij}) vⱼ]
    for (let i = 0; i < n; i++) {
      const row = i * d;
      if (wNorm[i] === 0) {
        for (let a = 0; a < d; a++) gradient[row + a] = 0;
        continue;
      }
      for (let a = 0; a < d; a++) gradient[row + a] = alpha[i] * wUnit[row + a];
      for (let l = 0; l < n; l++) {
        const cl = studentAngles[i * n + l];
        if (cl === 0) continue;
        for (let a = 0; a < d; a++) gradient[row + a] += cl * w[l * d + a];
      }
      for (let j = 0; j < k; j++) {
        const cj = teacherAngles[i * k + j];
        if (cj === 0) continue;
        if (axisAligned) gradient[row + axis[j]] -= cj * v[j * d + axis[j]];
        else for (let a = 0; a < d; a++) gradient[row + a] -= cj * v[j * d + a];
      }
      for (let a = 0; a < d; a++) gradient[row + a] *= INV_TWO_PI;
    }
    // F ≥ 0 exactly; rounding can leave a tiny negative number at a global minimum
    loss = f;
    at.set(w);
  };

  return {
    dim,
    width: n,
    inputDim: d,
    teacherWidth: k,
    teacher: V.clone(),
    value(w) {
      pass(w);
      return loss;
    },
    grad(w, out) {
      pass(w);
      const g = output(out, dim);
      g.set(gradient);
      return g;
    },
    hessian(w) {
      pass(w);
      const h = new Float64Array(dim * dim);
      const p = new Float64Array(d), q = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        if (wNorm[i] === 0) continue;
        const ui = wUnit.subarray(i * d, (i + 1) * d);
        // diagonal block: ½I + Σ_{l≠i} ∂_u∂_u κ(wᵢ, w_l) − Σⱼ ∂_u∂_u κ(wᵢ, vⱼ)
        for (let a = 0; a < d; a++) h[(i * d + a) * dim + i * d + a] = 0.5;
        const addCurvature = (otherUnit: Float64Array, otherNorm: number, sign: number) => {
          let c = 0;
          for (let a = 0; a < d; a++) c += ui[a] * otherUnit[a];
          c = c > 1 ? 1 : c < -1 ? -1 : c;
          const s = orthogonalPart(otherUnit, ui, c, p); // p ← (v̄ − cū)/‖v̄ − cū‖, s = ‖v̄ − cū‖ = sin θ
          if (s === 0) return; // θ = 0 or π exactly: the s-term's limit is 0
          const scale = (sign * otherNorm * s) / (TWO_PI * wNorm[i]);
          for (let a = 0; a < d; a++) {
            for (let b = 0; b < d; b++) {
              const m = (a === b ? 1 : 0) - ui[a] * ui[b] + p[a] * p[b];
              h[(i * d + a) * dim + i * d + b] += scale * m;
            }
          }
        };
        for (let l = 0; l < n; l++) if (l !== i && wNorm[l] > 0) addCurvature(wUnit.subarray(l * d, (l + 1) * d), wNorm[l], 1);
        for (let j = 0; j < k; j++) if (vNorm[j] > 0) addCurvature(vUnit.subarray(j * d, (j + 1) * d), vNorm[j], -1);
        // off-diagonal blocks: ∂_v∂_u κ(wᵢ, w_l) = (1/2π)((π − θ)I + s(ūv̄ᵀ + pqᵀ)), and its transpose at (l, i)
        for (let l = i + 1; l < n; l++) {
          if (wNorm[l] === 0) continue;
          const ul = wUnit.subarray(l * d, (l + 1) * d);
          let c = 0;
          for (let a = 0; a < d; a++) c += ui[a] * ul[a];
          c = c > 1 ? 1 : c < -1 ? -1 : c;
          const s = orthogonalPart(ul, ui, c, p); // p ← (ū_l − cūᵢ)/‖·‖, q ← (ūᵢ − cū_l)/‖·‖
          orthogonalPart(ui, ul, c, q);
          const theta = angleOf(s, c);
          for (let a = 0; a < d; a++) {
            for (let b = 0; b < d; b++) {
              const m = ((a === b ? Math.PI - theta : 0) + s * (ui[a] * ul[b] + p[a] * q[b])) / TWO_PI;
              h[(i * d + a) * dim + l * d + b] = m;
              h[(l * d + b) * dim + i * d + a] = m;
            }
          }
        }
      }
      return Matrix.from1DArray(dim, dim, h);
    },
  };
}

/**
 * θ ∈ [0, π] from its cosine c and sine s ≥ 0: arccos(c) where |c| ≤ 0.9, where it is well conditioned
 * (|dθ/dc| = 1/sin θ ≤ 2.3) and costs half of atan2 (atan2 took 5.7 of the pass's 19.9 µs at k = 12, n = 14;
 * with arccos the pass takes 16.7 µs);
 * atan2(s, c) near 0 and π, where arccos loses digits and s (from `sineOf`) keeps them. In |c| ≤ 0.9, against
 * arccos(c) to 200 bits (mpmath, 2·10⁵ values of c, 2026-11-30): Math.acos(c) within 0.89 ulp (mean 0.26),
 * atan2(√((1 − c)(1 + c)), c) within 2.07 ulp (mean 0.34), which also carries s's rounding.
 */
function angleOf(s: number, c: number): number {
  return c >= -0.9 && c <= 0.9 ? Math.acos(c) : Math.atan2(s, c);
}

/**
 * sin θ for unit rows x (at offset xo) and y (at offset yo) with cosine c = xᵀy: √((1 − c)(1 + c)) when |c| ≤ 0.9 (its
 * relative error is then below 6ε), otherwise ‖y − c x‖, the norm of y's component orthogonal to x, which keeps its digits
 * near θ = 0 and π, where 1 ± c cancels (at c = −1 + 1e-16, √((1 − c)(1 + c)) is 1.4e-8 ± 100 %).
 */
function sineOf(x: Float64Array, xo: number, y: Float64Array, yo: number, d: number, c: number): number {
  if (c >= -0.9 && c <= 0.9) return Math.sqrt((1 - c) * (1 + c));
  let t = 0;
  for (let a = 0; a < d; a++) {
    const r = y[yo + a] - c * x[xo + a];
    t += r * r;
  }
  return Math.sqrt(t);
}

/** out ← (y − c x)/‖y − c x‖ (left 0 when y − c x = 0) for unit x, y with cosine c; returns ‖y − c x‖ = sin θ. */
function orthogonalPart(y: Float64Array, x: Float64Array, c: number, out: Float64Array): number {
  let t = 0;
  for (let a = 0; a < x.length; a++) {
    out[a] = y[a] - c * x[a];
    t += out[a] * out[a];
  }
  const s = Math.sqrt(t);
  for (let a = 0; a < x.length; a++) out[a] = s > 0 ? out[a] / s : 0;
  return s;
}

/** ‖row i‖₂ of a row-major array with d columns, scaled against overflow. */
function rowNorm(x: Float64Array, i: number, d: number): number {
  let s = 0;
  for (let a = 0; a < d; a++) s += x[i * d + a] * x[i * d + a];
  if (Number.isFinite(s) && s > 1e-280) return Math.sqrt(s);
  let m = 0;
  for (let a = 0; a < d; a++) m = Math.max(m, Math.abs(x[i * d + a]));
  if (m === 0 || !Number.isFinite(m)) return m === 0 ? 0 : NaN;
  let t = 0;
  for (let a = 0; a < d; a++) t += (x[i * d + a] / m) ** 2;
  return m * Math.sqrt(t);
}
