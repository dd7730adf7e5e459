import { linalg, rng } from "landscape";
const rd = (r: number, c: number, s: number) => linalg.dense(r, c, rng(s).normalVector(r * c));
function t(name: string, f: () => void, calls = 20000) {
  const res: number[] = [];
  for (let r = 0; r < 5; r++) { const c0 = process.cpuUsage(); const w0 = performance.now(); for (let i = 0; i < calls; i++) f(); const u = process.cpuUsage(c0); res.push((u.user + u.system) / calls); }
  res.sort((a, b) => a - b);
  console.log(name.padEnd(30), res.map((v) => v.toFixed(2)).join(" "), "µs cpu");
}
const a = rd(20, 20, 1), b = rd(20, 20, 2), c = linalg.dense(20, 20);
t("gemm20", () => linalg.gemm(a, b, c, { threads: 1 }));
const mode = process.argv[2];
const keep: unknown[] = [];
if (mode === "big") for (let i = 0; i < 12; i++) keep.push(new Float64Array(2_000_000).fill(1));
if (mode === "epoch") { const x = rd(2000, 784, 6); const w = rd(784, 1024, 7); keep.push(x, w, linalg.gemm(x, w, undefined, { threads: 2 })); }
if (mode === "objs") for (let i = 0; i < 300000; i++) keep.push({ a: i, b: [i] });
t("gemm20 after " + mode, () => linalg.gemm(a, b, c, { threads: 1 }));
