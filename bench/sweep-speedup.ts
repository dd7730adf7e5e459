/**
 * `npx tsx bench/sweep-speedup.ts [trials]`: the same seeded sweep run serially by `sweep`
 * and on worker threads by `parallelSweep` (2 workers), timed as medians of 3 rounds, and
 * checked identical. The speed-up is what a paper-size run gains on a two-core machine.
 *
 * `npx tsx bench/sweep-speedup.ts safran-shamir [starts]`: the same for a slice of notebook
 * 03b's paper-size sweep (its run module notebooks/runs/safran-shamir.ts, k = 10 and 12,
 * n = k, k + 1, k + 2, the papers' budget of 200,000 steps), medians of 3 rounds as well.
 */
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parallelSweep, seedRange, sweep } from "landscape";
import { safranShamirRun } from "../notebooks/runs/safran-shamir";
import { quadraticTrial } from "./sweep-runs";

const ssGrid = { k: [10, 12], extra: [0, 1, 2], budget: [200_000] };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times a serial and a parallel sweep over `rounds` rounds (medians); throws if their records differ. */
async function compare(serialRun: () => unknown, parallelRun: () => Promise<unknown>, rounds: number) {
  const serial: number[] = [], parallel: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let t = performance.now();
    const a = serialRun();
    serial.push((performance.now() - t) / 1000);
    t = performance.now();
    const b = await parallelRun();
    parallel.push((performance.now() - t) / 1000);
    if (!isDeepStrictEqual(a, b)) throw new Error("parallel records differ from serial ones");
  }
  return { serial: median(serial), parallel: median(parallel) };
}

async function main() {
  const safranShamir = process.argv[2] === "safran-shamir";
  const trials = Number(process.argv[safranShamir ? 3 : 2] ?? (safranShamir ? 20 : 40));
  const seeds = seedRange(trials);
  const { serial: s, parallel: p } = safranShamir
    ? await compare(
        () => sweep(ssGrid, seeds, safranShamirRun, { progress: false }),
        () => parallelSweep(ssGrid, seeds, { module: join(__dirname, "..", "notebooks", "runs", "safran-shamir.ts"), export: "safranShamirRun" }, { workers: 2, progress: false }),
        1,
      )
    : await compare(
        () => sweep({ d: [60] }, seeds, quadraticTrial, { progress: false }),
        () => parallelSweep({ d: [60] }, seeds, { module: join(__dirname, "sweep-runs.ts"), export: "quadraticTrial" }, { workers: 2, progress: false }),
        3,
      );
  const what = safranShamir ? `${6 * trials} Safran–Shamir runs (k = 10, 12; n = k, k + 1, k + 2; ${trials} starts; medians of 3 rounds)` : `${trials} trials of GD on a 60 × 60 quadratic (medians of 3 rounds)`;
  console.log(`${what}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);
  console.log(`serial ${s.toFixed(2)} s, 2 workers ${p.toFixed(2)} s: speed-up ${(s / p).toFixed(2)}×`);
}
main();
