import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { experiment, gd, objectives, sweep, type Rng } from "landscape";
import { failsAtA2, saddleRun as saddleTrial } from "./fixtures/sweep-runs";
import { groupMeans, quantiles, rates, readCsv, rows, toFrame, writeCsv } from "landscape/frame";

/** A small real experiment: GD on the strict-saddle function from a random start. */
function saddleRun(setting: { stepSize: number; scale: number }, r: Rng) {
  const trace = gd(objectives.strictSaddle(), r.normalVector(2, setting.scale), { stepSize: setting.stepSize, maxIterations: 5000, tolerance: 1e-9 });
  return { iterations: trace.iterations, finalY: trace.x[1], atMinimum: Math.abs(Math.abs(trace.x[1]) - 1) < 1e-6 };
}

describe("sweep", () => {
  const grid = { stepSize: [0.05, 0.2], scale: [0.1, 1] };

  it("runs every setting × seed with its own seeded generator, in row-major order", () => {
    const records = sweep(grid, [0, 1, 2], saddleRun, { progress: false });
    assert.equal(records.length, 12);
    assert.deepEqual(records.slice(0, 4).map((r) => [r.stepSize, r.scale, r.seed]), [[0.05, 0.1, 0], [0.05, 0.1, 1], [0.05, 0.1, 2], [0.05, 1, 0]]);
    // Common random numbers: the same seed gives the same start whatever the step size.
    const start = (step: number) => records.find((r) => r.stepSize === step && r.scale === 1 && r.seed === 2)!.finalY;
    assert.equal(Math.sign(start(0.05)), Math.sign(start(0.2)));
  });

  it("gives the same DataFrame twice for the same seeds, and a different one for other seeds", () => {
    const a = toFrame(sweep(grid, [3, 4], saddleRun, { progress: false }));
    const b = toFrame(sweep(grid, [3, 4], saddleRun, { progress: false }));
    const c = toFrame(sweep(grid, [5, 6], saddleRun, { progress: false }));
    assert.deepEqual(rows(a), rows(b));
    assert.notDeepEqual(rows(a).map((r) => r.finalY), rows(c).map((r) => r.finalY));
  });

  it("rejects an empty grid axis, bad seeds and a run that returns no record", () => {
    assert.throws(() => sweep({ a: [] }, [0], () => ({})), /grid.a must be a non-empty array/);
    assert.throws(() => sweep({ a: [1] }, [], () => ({})), /seeds must be a non-empty array/);
    assert.throws(() => sweep({ a: [1] }, [1.5], () => ({})), /seeds\[0\] must be an integer/);
    assert.throws(() => sweep({ a: [1] }, [0], () => 3 as never, { progress: false }), /run must return an object/);
    assert.deepEqual(experiment.seedRange(3, 10), [10, 11, 12]);
  });
});

describe("frame", () => {
  const records = [
    { method: "gd", n: 1, ok: true, t: 1 },
    { method: "gd", n: 2, ok: false, t: 2 },
    { method: "gd", n: 3, ok: true, t: 3 },
    { method: "gd", n: 4, ok: true, t: 4 },
    { method: "gd", n: 5, ok: true, t: 5 },
    { method: "pgd", n: 1, ok: false, t: 10 },
    { method: "pgd", n: 2, ok: false, t: 30 },
  ];

  it("computes group means, rates and quantiles that match direct computation", () => {
    const df = toFrame(records);
    assert.deepEqual(rows(groupMeans(df, ["method"], ["t"])), [{ method: "gd", t_mean: 3 }, { method: "pgd", t_mean: 20 }]);
    assert.deepEqual(rows(rates(df, ["method"], "ok")), [{ method: "gd", ok_rate: 0.8 }, { method: "pgd", ok_rate: 0 }]);
    // Type-7 quantiles of 1..5: q10 = 1 + 0.4·1 = 1.4, median 3, q90 = 4.6 (numpy's default).
    const q = rows(quantiles(df, ["method"], "t", [0.1, 0.5, 0.9]));
    assert.equal(q[0].t_q10, 1.4);
    assert.equal(q[0].t_q50, 3);
    assert.ok(Math.abs((q[0].t_q90 as number) - 4.6) < 1e-12);
    assert.equal(q[1].t_q50, 20);
  });

  it("writes CSV and reads it back unchanged", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "landscape-")), "runs.csv");
    const df = toFrame(records);
    writeCsv(df, path);
    assert.deepEqual(rows(await readCsv(path)), rows(df));
  });

  it("rejects records with missing keys or values that are not scalars", () => {
    assert.throws(() => toFrame([]), /records must be a non-empty array/);
    assert.throws(() => toFrame([{ a: 1 }, { b: 2 }]), /records\[1\] must have the keys a/);
    assert.throws(() => toFrame([{ a: new Float64Array(2) }]), /records\[0\].a must be a number, string or boolean/);
    assert.throws(() => rates(toFrame(records), ["method"], "t"), /column t must be boolean/);
  });
});

describe("parallelSweep", () => {
  const runs = join(__dirname, "fixtures", "sweep-runs.ts");
  const grid = { stepSize: [0.05, 0.2, 0.4], scale: [0.1, 1] };
  const seeds = [0, 1, 2, 3, 4];

  it("gives the serial sweep's records bitwise, in the same order, on two worker threads", async () => {
    const serial = sweep(grid, seeds, saddleTrial, { progress: false });
    const parallel = await experiment.parallelSweep(grid, seeds, { module: runs, export: "saddleRun" }, { workers: 2, progress: false });
    assert.equal(parallel.length, 30);
    // deepStrictEqual compares numbers with Object.is (−0 ≠ 0) and Float64Arrays element by element.
    assert.deepStrictEqual(parallel, serial);
    const bits = (records: typeof serial) => Buffer.from(Float64Array.from(records.flatMap((r) => [...r.x, r.value, r.gradNorm, r.draw])).buffer);
    assert.ok(bits(parallel).equals(bits(serial)), "every float64 identical bit for bit");
    assert.ok(new Set(serial.map((r) => r.draw)).size === seeds.length, "the draws differ by seed (a sweep that ignored the seed would fail the comparison above only by luck)");
  });

  it("names the setting and seed of a run that throws, keeps the records before it, and stops", async () => {
    // One worker: the runs before the failing one are exactly a = 1's two seeds. The module by a path relative to the current folder, as a notebook gives it.
    const failed = await experiment.parallelSweep({ a: [1, 2, 3] }, [7, 8], { module: "./test/fixtures/sweep-runs.ts", export: "failsAtA2" }, { workers: 1, progress: false }).then(() => undefined, (e: Error & { records: unknown[]; seed: number }) => e);
    assert.ok(failed, "the sweep rejects");
    assert.match(failed.message, /^run failed at setting \{ a = 2 \}, seed 7: a = 2 is refused/);
    assert.equal(failed.seed, 7);
    assert.deepEqual(failed.records.map((r) => [(r as { a: number }).a, (r as { seed: number }).seed]), [[1, 7], [1, 8]]);
    // Two workers: the records kept are the serial records' first ones, in order.
    const serial = sweep({ a: [1] }, [7, 8], failsAtA2, { progress: false });
    const two = await experiment.parallelSweep({ a: [1, 2, 3] }, [7, 8], { module: runs, export: "failsAtA2" }, { workers: 2, progress: false }).then(() => undefined, (e: Error & { records: unknown[] }) => e);
    assert.deepStrictEqual(two!.records, serial.slice(0, two!.records.length));
  });

  it("rejects a module that cannot be found, a missing export, a non-record result and bad workers", async () => {
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], { module: "./no-such-module.ts", export: "x" }, { progress: false }), /run\.module "\.\/no-such-module\.ts" cannot be found/);
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], { module: runs, export: "nothing" }, { progress: false }), /exports no function named "nothing"/);
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], { module: runs, export: "notARecord" }, { progress: false }), /run must return an object, got number for seed 0/);
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], { module: runs, export: "saddleRun" }, { workers: 0 }), /options\.workers must be an integer/);
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], (() => ({})) as never), /run must be \{ module: string, export: string \}/);
  });
});
