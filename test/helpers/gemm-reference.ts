// References for gemm and gemm32, shared by test/linalg.test.ts, test/mutation-linalg2.test.ts and test/mutation-engine.test.ts.
import { linalg } from "landscape";

/** op(X)[i][j]: X[i][j], or X[j][i] when transposed, read from the row-major data. */
export const op = (x: { cols: number; data: ArrayLike<number> }, t: boolean, i: number, j: number) => (t ? x.data[j * x.cols + i] : x.data[i * x.cols + j]);

/**
 * C = α·op(A)·op(B) + β·C₀ in float64, in the order KC documents: for each entry and each block of
 * KC values of k, s = Σ a·b in increasing k starting from 0, then C ← β·C + α·s (first block; α·s
 * when β = 0, C + α·s when β = 1), C ← C + α·s (later blocks); C ← β·C (0 when β = 0) when k = 0.
 * Every operation's result goes through `round` (the identity here; Math.fround for gemm32).
 */
export function emulateGemm(a: { cols: number; data: ArrayLike<number> }, b: { cols: number; data: ArrayLike<number> }, c0: ArrayLike<number>, transA: boolean, transB: boolean, alpha: number, beta: number, m: number, n: number, k: number, round: (x: number) => number = (x) => x): Float64Array {
  const f = round;
  const KC = linalg.KC;
  const [al, be] = [f(alpha), f(beta)];
  const c = Float64Array.from(c0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const at = i * n + j;
      if (k === 0) c[at] = be === 0 ? 0 : f(be * c[at]);
      for (let k0 = 0; k0 < k; k0 += KC) {
        let s = 0;
        for (let l = k0; l < Math.min(k, k0 + KC); l++) s = f(s + f(op(a, transA, i, l) * op(b, transB, l, j)));
        if (k0 > 0 || be === 1) c[at] = f(c[at] + f(al * s));
        else if (be === 0) c[at] = f(al * s);
        else c[at] = f(f(be * c[at]) + f(al * s));
      }
    }
  }
  return c;
}

/**
 * C = α·op(A)·op(B) + β·C₀ in float32, emulated in float64 with Math.fround in the order gemm32
 * documents (`emulateGemm` with every operation rounded to float32, α and β too). (A float32
 * operation equals the float64 one rounded to float32, since 53 ≥ 2·24 + 2.)
 */
export function emulateGemm32(a: linalg.Dense32, b: linalg.Dense32, c0: Float32Array, transA: boolean, transB: boolean, alpha: number, beta: number, m: number, n: number, k: number): Float32Array {
  return Float32Array.from(emulateGemm(a, b, c0, transA, transB, alpha, beta, m, n, k, Math.fround));
}

/** The first index where two arrays differ bitwise (Object.is), or −1. */
export function firstDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}
