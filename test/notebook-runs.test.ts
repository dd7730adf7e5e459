// The run modules of notebooks/runs/ (runs that parallelSweep's worker threads load at the
// papers' sizes): on worker threads they give the serial sweep's records, bitwise, in order.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parallelSweep, seedRange, sweep } from "landscape";
import { safranShamirRun, tau, type Run } from "../notebooks/runs/safran-shamir";
import { noisyTrial, widthTrial } from "../notebooks/runs/wei-margins";

describe("notebooks/runs/safran-shamir.ts (notebook 03b)", () => {
  it("runs on worker threads as in the notebook's sweep: the same records in the same order", async () => {
    // k = 6, 7 and n = k, k + 1 from 6 seeds: seed 1 at k = n = 7 ends at a certified spurious minimum, the 23 others in the global basin
    const grid = { k: [6, 7], extra: [0, 1], budget: [50_000] };
    const serial = sweep(grid, seedRange(6), safranShamirRun, { progress: false });
    const parallel = await parallelSweep<typeof grid, Run>(grid, seedRange(6), { module: join(__dirname, "..", "notebooks", "runs", "safran-shamir.ts"), export: "safranShamirRun" }, { workers: 2, progress: false });
    assert.deepEqual(parallel, serial);
    assert.equal(serial.length, 24);
    const spurious = serial.filter((r) => r.outcome === "spurious");
    assert.deepEqual(spurious.map((r) => [r.k, r.extra, r.seed]), [[7, 0, 1]]);
    assert.ok(spurious[0].loss > 0.01 && spurious[0].gradNorm <= 1e-8 && spurious[0].lambdaMin! > 5e-4, JSON.stringify(spurious[0]));
    assert.ok(serial.filter((r) => r.outcome !== "spurious").every((r) => r.outcome === "global" && r.loss < tau));
  });
});

describe("notebooks/runs/wei-margins.ts (notebook 04a)", () => {
  const module = join(__dirname, "..", "notebooks", "runs", "wei-margins.ts");

  it("the width trials: the same records on worker threads, and steps = stages × steps per stage × width", async () => {
    const grid = { width: [2, 6], ladderSteps: [200], gammaStar: [1 / (2 + 4 * Math.sqrt(26))] }; // γ* of these data in closed form (notebook 04a)
    const serial = sweep(grid, [1, 2], widthTrial, { progress: false });
    const parallel = await parallelSweep<typeof grid, ReturnType<typeof widthTrial>>(grid, [1, 2], { module, export: "widthTrial" }, { workers: 2, progress: false });
    assert.deepEqual(parallel, serial);
    // tolerance 0: every one of the 5 stages (λ = 1e-2 … 1e-6) takes its 200 steps, counted × width for the FLOP count
    assert.deepEqual(serial.map((r) => r.steps), [2, 2, 6, 6].map((width) => 5 * 200 * width));
    assert.ok(serial.every((r) => Number.isFinite(r.ratio)));
  });

  it("the noisy-GD trials: the same records on worker threads, and steps = 2 × 1.2 × noisySteps × width", async () => {
    const grid = { width: [3], lambda: [1e-2], eta: [0.5], sigma: [4e-4], noisySteps: [100] };
    const serial = sweep(grid, [1, 2], noisyTrial, { progress: false });
    const parallel = await parallelSweep<typeof grid, ReturnType<typeof noisyTrial>>(grid, [1, 2], { module, export: "noisyTrial" }, { workers: 2, progress: false });
    assert.deepEqual(parallel, serial);
    assert.deepEqual(serial.map((r) => r.steps), [720, 720]);
    // the dual certificate bounds every value found from below
    assert.ok(serial.every((r) => r.bound <= Math.min(r.plain, r.noisy)), JSON.stringify(serial));
  });
});
