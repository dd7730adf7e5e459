// References for gemm and gemm32, shared by test/linalg.test.ts and test/mutation-linalg2.test.ts.
import { linalg } from "landscape";

/** op(X)[i][j]: X[i][j], or X[j][i] when transposed, read from the row-major data. */
export const op = (x: { cols: number; data: ArrayLike<number> }, t: boolean, i: number, j: number) => (t ? x.data[j * x.cols + i] : x.data[i * x.cols + j]);

/**
 * C = α·op(A)·op(B) + β·C₀ in float32, emulated in float64 with Math.fround in the order gemm32
 * documents: per element, k blocks of KC, each s = fl(s + fl(a·b)) in increasing k, then
 * fl(fl(β·c) + fl(α·s)) (fl(α·s) for β = 0, fl(c + fl(α·s)) for β = 1 and the later blocks),
 * α and β rounded to float32. (A float32 operation equals the float64 one rounded to float32,
 * since 53 ≥ 2·24 + 2.)
 */
export function emulateGemm32(a: linalg.Dense32, b: linalg.Dense32, c0: Float32Array, transA: boolean, transB: boolean, alpha: number, beta: number, m: number, n: number, k: number): Float32Array {
  const f = Math.fround;
  const KC = linalg.KC;
  const [al, be] = [f(alpha), f(beta)];
  const c = Float32Array.from(c0);
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
