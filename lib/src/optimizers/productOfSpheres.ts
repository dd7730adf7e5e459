import { Matrix } from "ml-matrix";
import { assertInteger, assertNumbers, assertVector } from "../validate";
import type { Manifold } from "./riemannianGradientDescent";

/**
 * An orthonormal basis of v⊥ ⊂ ℝᵖ (v ≠ 0) as the columns of a p × (p − 1) Matrix: the columns
 * e_j, j ≠ k, of the Householder reflection H = I − 2wwᵀ/‖w‖² with w = v/‖v‖ + sign(v_k)e_k
 * (k the largest entry), which maps v/‖v‖ to −sign(v_k)e_k and is orthogonal.
 */
export function orthogonalComplementBasis(v: ArrayLike<number>): Matrix {
  assertNumbers("v", v);
  const p = v.length;
  if (p === 0) throw new Error("v must be a non-empty array of numbers");
  let k = 0;
  for (let i = 0; i < p; i++) if (Math.abs(v[i]) > Math.abs(v[k])) k = i;
  const scale = Math.abs(v[k]);
  if (scale === 0) throw new Error("v must be non-zero (v⊥ is then all of ℝᵖ)");
  // ‖v‖ on v/max|vᵢ|, so that entries near 1e±300 neither overflow nor underflow when squared
  let norm = 0;
  for (let i = 0; i < p; i++) norm += (v[i] / scale) ** 2;
  norm = Math.sqrt(norm);
  const w = Float64Array.from({ length: p }, (_, i) => v[i] / scale / norm);
  w[k] += w[k] >= 0 ? 1 : -1;
  let w2 = 0;
  for (let i = 0; i < p; i++) w2 += w[i] * w[i];
  const basis = new Matrix(p, p - 1);
  for (let j = 0, col = 0; j < p; j++) {
    if (j === k) continue;
    for (let i = 0; i < p; i++) basis.set(i, col, (i === j ? 1 : 0) - (2 * w[i] * w[j]) / w2);
    col++;
  }
  return basis;
}

/**
 * The product of n unit spheres in ℝᵖ, {Y ∈ ℝ^{n×p} : ‖y_i‖ = 1 for every row i} (the
 * Burer–Monteiro manifold of the max-cut SDP), a point stored row-major in a Float64Array of
 * length np. Row by row: P_Y(V)_i = v_i − ⟨y_i, v_i⟩y_i, R_Y(V)_i = (y_i + v_i)/‖y_i + v_i‖. With
 * p = 1 every row is ±1 and the tangent space is {0}.
 */
export function productOfSpheres(n: number, p: number): Manifold & { n: number; p: number } {
  assertInteger("n", n, 1);
  assertInteger("p", p, 1);
  const rowDot = (x: Float64Array, v: Float64Array, i: number) => {
    let s = 0;
    for (let a = i * p; a < (i + 1) * p; a++) s += x[a] * v[a];
    return s;
  };
  return {
    name: `product of ${n} unit spheres in ℝ^${p}`,
    n,
    p,
    project(x, v, out) {
      for (let i = 0; i < n; i++) {
        const s = rowDot(x, v, i);
        for (let a = i * p; a < (i + 1) * p; a++) out[a] = v[a] - s * x[a];
      }
    },
    retract(x, v, out) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let a = i * p; a < (i + 1) * p; a++) {
          out[a] = x[a] + v[a];
          s += out[a] * out[a];
        }
        const norm = Math.sqrt(s);
        for (let a = i * p; a < (i + 1) * p; a++) out[a] /= norm;
      }
    },
    contains(x) {
      if (!(x instanceof Float64Array) || x.length !== n * p) return false;
      for (let i = 0; i < n; i++) if (!(Math.abs(Math.sqrt(rowDot(x, x, i)) - 1) < 1e-9)) return false;
      return true;
    },
    tangentBasis(x) {
      assertVector("x", x, n * p);
      const basis = new Matrix(n * p, n * (p - 1));
      for (let i = 0; i < n; i++) {
        const local = orthogonalComplementBasis(x.subarray(i * p, (i + 1) * p));
        for (let a = 0; a < p; a++) for (let b = 0; b < p - 1; b++) basis.set(i * p + a, i * (p - 1) + b, local.get(a, b));
      }
      return basis;
    },
    hessianShift(x, g) {
      const s = new Float64Array(n * p);
      for (let i = 0; i < n; i++) s.fill(rowDot(x, g, i), i * p, (i + 1) * p);
      return s;
    },
  };
}

/** A point of the product of spheres: each row of the n × p matrix Y (row-major) divided by its norm. */
export function normalizeRows(y: Float64Array, n: number, p: number): Float64Array {
  assertInteger("n", n, 1);
  assertInteger("p", p, 1);
  assertVector("y", y, n * p);
  const out = Float64Array.from(y);
  for (let i = 0; i < n; i++) {
    // each row divided by its largest |entry| first, so that entries near 1e±300 neither overflow nor underflow when squared
    let scale = 0;
    for (let a = i * p; a < (i + 1) * p; a++) scale = Math.max(scale, Math.abs(out[a]));
    if (scale === 0) throw new Error(`y's row ${i} must be non-zero`);
    let s = 0;
    for (let a = i * p; a < (i + 1) * p; a++) {
      out[a] /= scale;
      s += out[a] * out[a];
    }
    const norm = Math.sqrt(s);
    for (let a = i * p; a < (i + 1) * p; a++) out[a] /= norm;
  }
  return out;
}
