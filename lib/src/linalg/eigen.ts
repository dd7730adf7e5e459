/**
 * Symmetric eigendecomposition A = V·diag(λ)·Vᵀ on the dense core: Householder reduction to
 * tridiagonal form, then the implicit QL algorithm with Wilkinson-like shifts (the EISPACK
 * tred2/tql2 pair, as in JAMA), on Float64Array with Vᵀ stored row-major so that every
 * inner loop (Householder updates, plane rotations) runs over contiguous memory. Vᵀ, d and e
 * live in the engine's WebAssembly memory, where each reduction step's three O(n²) loops
 * (the symmetric product, the rank-2 update, the accumulation) and each QL sweep's rotations
 * run as SIMD calls. The sums of the reduction's dot products run in two lanes (fixed order:
 * the results are the same from run to run; their last bits differ from a one-lane sum).
 * @module
 */
import { assertDense, assertOptions, type Dense } from "./dense";
import { allocate, getEngine, release, type Kernels } from "./engine";

/** √(a² + b²) without overflow or underflow (Math.hypot is slower in V8). */
function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Eigenvalues (ascending) and, unless `vectors: false`, orthonormal eigenvectors of the
 * symmetric matrix A (only its lower triangle is read): A = V·diag(λ)·Vᵀ with V's column j
 * the eigenvector of λⱼ, returned as a dense n × n matrix.
 * @throws when A is not square, has a non-finite entry, or QL fails to converge
 */
export function symmetricEigenDense(a: Dense, options: { vectors?: boolean } = {}): { values: Float64Array; vectors?: Dense } {
  assertDense("symmetricEigenDense: a", a);
  const n = a.rows;
  if (a.cols !== n) throw new Error(`symmetricEigenDense: a must be square, got ${a.rows}×${a.cols}`);
  assertOptions("symmetricEigenDense", options);
  const wantVectors = options?.vectors ?? true;
  if (n === 0) return { values: new Float64Array(0), vectors: wantVectors ? { rows: 0, cols: 0, data: new Float64Array(0) } : undefined };
  // w holds Vᵀ: w[c·n + r] = V[r][c]; then one sweep's rotation cosines and sines, d and e.
  const e = getEngine();
  const block = allocate(e, 8 * n * (n + 4));
  try {
    const vector = (at: number) => new Float64Array(e.memory.buffer, at, n);
    const at = { w: block, cs: block + 8 * n * n, ss: block + 8 * n * (n + 1), d: block + 8 * n * (n + 2), e: block + 8 * n * (n + 3) };
    const memory: Memory = { kernels: e.kernels, ...at, c: vector(at.cs), s: vector(at.ss) };
    return decompose(a, n, new Float64Array(e.memory.buffer, block, n * n), vector(at.d), vector(at.e), wantVectors, memory);
  } finally {
    release(e, block);
  }
}

interface Memory {
  kernels: Kernels;
  /** Addresses of w, of the cosines and sines, and of d and e in the engine's memory. */
  w: number;
  cs: number;
  ss: number;
  d: number;
  e: number;
  c: Float64Array;
  s: Float64Array;
}

function decompose(a: Dense, n: number, w: Float64Array, d: Float64Array, e: Float64Array, wantVectors: boolean, memory: Memory): { values: Float64Array; vectors?: Dense } {
  // Start from the lower triangle of A (V = A, symmetric).
  let top = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = a.data[i * n + j];
      if (!Number.isFinite(v)) throw new Error(`symmetricEigenDense: a[${i}][${j}] must be finite, got ${v}`);
      top = Math.max(top, Math.abs(v));
    }
  }
  // Entries beyond 2^±500 are divided by a power of two (exact) so that the squares of the
  // reduction stay in range; subnormal entries (a perturbation far below rounding) are set to 0,
  // which QL's convergence test could not resolve.
  const scale = top > 2 ** 500 || (top > 0 && top < 2 ** -500) ? 2 ** Math.round(Math.log2(top)) : 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let v = a.data[i * n + j] / scale;
      if (Math.abs(v) < 2.2250738585072014e-308) v = 0;
      w[j * n + i] = v;
      w[i * n + j] = v;
    }
  }
  tridiagonalize(w, d, e, n, wantVectors, memory);
  ql(d, e, n, wantVectors ? memory : undefined);
  // Sort ascending; V's column `to` is the eigenvector of the `from`-th value (row `from` of w).
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[i] - d[j]);
  const values = Float64Array.from(order, (i) => d[i] * scale);
  if (!wantVectors) return { values };
  const v = new Float64Array(n * n);
  for (let to = 0; to < n; to++) {
    const from = order[to] * n;
    for (let r = 0; r < n; r++) v[r * n + to] = w[from + r];
  }
  return { values, vectors: { rows: n, cols: n, data: v } };
}

/** Householder reduction to tridiagonal form (tred2): d the diagonal, e the subdiagonal in e[1..n-1]; w ← Vᵀ of the reduction. */
function tridiagonalize(w: Float64Array, d: Float64Array, e: Float64Array, n: number, accumulate: boolean, memory: Memory) {
  const { kernels } = memory;
  for (let j = 0; j < n; j++) d[j] = w[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = w[j * n + i - 1];
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      // e ← (lower part of A)·d, through rows of w (columns of V); row i of w ← d.
      kernels.tredSymv(memory.w, n, i, memory.d, memory.e);
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      // w[j][j:i] −= d[j]·e + e[j]·d, then d[j] ← w[j][i − 1], w[j][i] ← 0.
      kernels.tredRank2(memory.w, n, i, memory.d, memory.e);
    }
    d[i] = h;
  }
  e[0] = 0;
  if (!accumulate) {
    // The reduced diagonal sits on w's diagonal (the accumulation below moves it to d).
    for (let j = 0; j < n; j++) d[j] = w[j * n + j];
    return;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    w[i * n + n - 1] = w[i * n + i];
    w[i * n + i] = 1;
    const h = d[i + 1];
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[next + k] / h;
      kernels.tredAccumulate(memory.w, n, i, memory.d);
    }
    for (let k = 0; k <= i; k++) w[next + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[j * n + n - 1];
    w[j * n + n - 1] = 0;
  }
  w[(n - 1) * n + n - 1] = 1;
}

/** Implicit QL on the tridiagonal (d, e) (tql2): d ← eigenvalues; with `rotations`, each sweep's rotations applied to rows of w. */
function ql(d: Float64Array, e: Float64Array, n: number, rotations?: Memory) {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  const maxIterations = 30 * Math.max(n, 1);
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n && Math.abs(e[m]) > eps * tst1) m++;
    if (m === n) m = n - 1;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > maxIterations) throw new Error(`symmetricEigenDense: the QL iteration did not converge for eigenvalue ${l}`);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (rotations) {
            rotations.c[i] = c;
            rotations.s[i] = s;
          }
        }
        // Columns i and i + 1 of V (rows of w) for i = m − 1 down to l: the recurrence above
        // never reads V, so the sweep's rotations can run after it, in the same order.
        if (rotations) rotations.kernels.rotateRows(rotations.w, n, l, m, rotations.cs, rotations.ss);
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}
