/**
 * `npx tsx bench/sweep-speedup.ts [trials]`: the same seeded sweep run serially by `sweep`
 * and on worker threads by `parallelSweep` (2 workers), timed as medians of 3 rounds, and
 * checked identical. The speed-up is what a paper-size run gains on a two-core machine.
 */
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parallelSweep, seedRange, sweep } from "landscape";
import { quadraticTrial } from "./sweep-runs";

const trials = Number(process.argv[2] ?? 40);
const grid = { d: [60] };
const seeds = seedRange(trials);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const serial: number[] = [], parallel: number[] = [];
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    const a = sweep(grid, seeds, quadraticTrial, { progress: false });
    serial.push((performance.now() - t) / 1000);
    t = performance.now();
    const b = await parallelSweep(grid, seeds, { module: join(__dirname, "sweep-runs.ts"), export: "quadraticTrial" }, { workers: 2, progress: false });
    parallel.push((performance.now() - t) / 1000);
    if (!isDeepStrictEqual(a, b)) throw new Error("parallel records differ from serial ones");
  }
  const s = median(serial), p = median(parallel);
  console.log(`${trials} trials of GD on a 60 × 60 quadratic, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);
  console.log(`serial ${s.toFixed(2)} s, 2 workers ${p.toFixed(2)} s (medians of 3 rounds): speed-up ${(s / p).toFixed(2)}×`);
}
main();
