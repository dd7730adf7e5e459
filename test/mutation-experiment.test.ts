// frame.ts and experiment/sweep.ts pinned where test/experiment.test.ts checked outcomes only: every
// argument check by its exact message (naming the argument, what was expected, what was given),
// the boundaries of the quantile levels and of the seed range, the records of a run that returns
// null, the failed run's error (its message with every key of the setting, its cause, the worker
// error's name and stack), and a worker thread that exits in the middle of a sweep.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { experiment, seedRange, sweep } from "landscape";
import { groupMeans, quantiles, rows, toFrame } from "landscape/frame";
import { throwsExactly } from "./helpers/assertions";

describe("toFrame: one row per record, the first record's keys as the columns", () => {
  it("names a record with a key more, or with another key in place of one, and lists both key sets", () => {
    throwsExactly(() => toFrame([{ a: 1 }, { a: 2, b: 3 }]), "records[1] must have the keys a, got a, b");
    throwsExactly(() => toFrame([{ a: 1, b: 2 }, { a: 3, c: 4 }]), "records[1] must have the keys a, b, got a, c");
    throwsExactly(() => toFrame([{ a: 1, b: 2 }, { b: 3 }]), "records[1] must have the keys a, b, got b");
  });

  it("names a value that is not a number, string or boolean, and says what it is (null apart from object)", () => {
    throwsExactly(() => toFrame([{ a: 1, b: null }]), "records[0].b must be a number, string or boolean, got null");
    throwsExactly(() => toFrame([{ a: 1 }, { a: undefined }]), "records[1].a must be a number, string or boolean, got undefined");
    throwsExactly(() => toFrame([{ a: [1] }]), "records[0].a must be a number, string or boolean, got object");
    throwsExactly(() => toFrame({} as never), "records must be a non-empty array of objects");
  });

  it("keeps numbers, strings and booleans, each in its own column whatever the order of a record's keys", () => {
    // danfojs reads an object's values by position: given the records as they are, the second row was { b: "y", a: false, c: 2 }.
    assert.deepEqual(rows(toFrame([{ b: 1, a: "x", c: true }, { a: "y", c: false, b: 2 }])), [{ b: 1, a: "x", c: true }, { b: 2, a: "y", c: false }]);
  });
});

describe("quantiles: type 7 (numpy's default), levels in [0, 1]", () => {
  // Group g: 1, 2, 4, 8 (unsorted in the records); group h: 5 alone.
  const df = () => toFrame([{ g: "g", t: 8 }, { g: "g", t: 1 }, { g: "h", t: 5 }, { g: "g", t: 4 }, { g: "g", t: 2 }]);

  it("gives the 10th, 50th and 90th percentiles by default", () => {
    // h = 3q: q = 0.1 → 1 + 0.3·(2 − 1) = 1.3; 0.5 → 2 + 0.5·(4 − 2) = 3; 0.9 → 4 + 0.7·(8 − 4) = 6.8
    const [g, h] = rows(quantiles(df(), ["g"], "t"));
    assert.deepEqual(Object.keys(g), ["g", "t_q10", "t_q50", "t_q90"]);
    // 6.8 within 1 ulp (4 + 0.7·4 rounds to 6.800000000000001)
    assert.ok(Math.abs((g.t_q10 as number) - 1.3) < 1e-15 && g.t_q50 === 3 && Math.abs((g.t_q90 as number) - 6.8) < 1e-15, JSON.stringify(g));
    assert.deepEqual(h, { g: "h", t_q10: 5, t_q50: 5, t_q90: 5 });
  });

  it("accepts the end levels 0 and 1 (the minimum and the maximum) and refuses levels outside [0, 1] or NaN, naming them", () => {
    assert.deepEqual(rows(quantiles(df(), ["g"], "t", [0, 1])), [{ g: "g", t_q0: 1, t_q100: 8 }, { g: "h", t_q0: 5, t_q100: 5 }]);
    throwsExactly(() => quantiles(df(), ["g"], "t", [0.5, 1.5]), "qs[1] must be in [0, 1], got 1.5");
    throwsExactly(() => quantiles(df(), ["g"], "t", [-0.25]), "qs[0] must be in [0, 1], got -0.25");
    throwsExactly(() => quantiles(df(), ["g"], "t", [NaN]), "qs[0] must be in [0, 1], got NaN");
  });

  it("groupMeans averages each column within each group", () => {
    assert.deepEqual(rows(groupMeans(df(), ["g"], ["t"])), [{ g: "g", t_mean: 3.75 }, { g: "h", t_mean: 5 }]);
  });
});

describe("gridPoints, sweep and seedRange: the checks and the failed run's error", () => {
  it("gridPoints refuses a grid that is not a plain object, saying what it got", () => {
    throwsExactly(() => experiment.gridPoints(null as never), "grid must be an object mapping each key to an array of values, got null");
    throwsExactly(() => experiment.gridPoints(5 as never), "grid must be an object mapping each key to an array of values, got number");
    throwsExactly(() => experiment.gridPoints([[1, 2]] as never), "grid must be an object mapping each key to an array of values, got object");
    throwsExactly(() => experiment.gridPoints({ a: [] }), "grid.a must be a non-empty array of values");
  });

  it("sweep names its options and its run when they are of the wrong kind", () => {
    throwsExactly(() => sweep({ a: [1] }, [0], () => ({}), 5 as never), "options must be an object of options, got 5");
    throwsExactly(() => sweep({ a: [1] }, [0], 5 as never), "run must be a function (setting, rng) => record, got 5");
    throwsExactly(() => sweep({ a: [1] }, [], () => ({})), "seeds must be a non-empty array of integers");
  });

  it("refuses a run that returns null (typeof null is 'object'), naming the seed", () => {
    throwsExactly(() => sweep({ a: [1] }, [4], () => null as never, { progress: false }), "run must return an object, got object for seed 4");
  });

  it("names every key of the failed run's setting, keeps the thrown error as the cause and the records before it", () => {
    const boom = new Error("boom");
    let caught: (Error & { records: unknown[]; setting: unknown; seed: number }) | undefined;
    try {
      sweep({ a: [1], b: ["x", "y"] }, [3, 4], (s) => {
        if (s.b === "y") throw boom;
        return { ok: true };
      }, { progress: false });
    } catch (e) {
      caught = e as typeof caught;
    }
    assert.ok(caught);
    assert.equal(caught.message, "run failed at setting { a = 1, b = y }, seed 3: boom (the 2 records computed before are in error.records)");
    assert.equal(caught.cause, boom);
    assert.deepEqual(caught.setting, { a: 1, b: "y" });
    assert.equal(caught.seed, 3);
    assert.deepEqual(caught.records, [{ a: 1, b: "x", seed: 3, ok: true }, { a: 1, b: "x", seed: 4, ok: true }]);
  });

  it("seedRange: first, …, first + n − 1 up to 2³², each argument named", () => {
    assert.deepEqual(seedRange(3, 5), [5, 6, 7]);
    assert.deepEqual(seedRange(1, 2 ** 32 - 1), [2 ** 32 - 1], "the last 32-bit seed");
    assert.deepEqual(seedRange(2, 2 ** 32 - 2), [2 ** 32 - 2, 2 ** 32 - 1]);
    throwsExactly(() => seedRange(2, 2 ** 32 - 1), `first + n must be ≤ 2^32 (seeds are 32-bit), got first = ${2 ** 32 - 1} and n = 2`);
    throwsExactly(() => seedRange(0), "n must be an integer ≥ 1, got 0");
    throwsExactly(() => seedRange(2, -1), "first must be an integer ≥ 0, got -1");
  });
});

describe("parallelSweep: its checks and its failures", () => {
  const runs = join(__dirname, "fixtures", "sweep-runs.ts");
  const what = "run must be { module: string, export: string } naming a module and its exported function (setting, rng) => record, got";
  const failure = <T>(p: Promise<T>) => p.then(() => assert.fail("the sweep should reject"), (e: Error & { cause?: unknown; records?: unknown[] }) => e);

  it("names its options and a run that is not { module, export } (before any worker starts)", async () => {
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], { module: runs, export: "uniformDraw" }, 5 as never), { message: "options must be an object of options, got 5" });
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], null as never), { message: `${what} null` });
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], "./runs.ts" as never), { message: `${what} string` });
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], { module: 5, export: "uniformDraw" } as never), { message: `${what} object` });
    await assert.rejects(experiment.parallelSweep({ a: [1] }, [0], { module: runs } as never), { message: `${what} object` });
  });

  it("keeps the worker's error as the cause, with its name and stack", async () => {
    const e = await failure(experiment.parallelSweep({ a: [1, 2] }, [0], { module: runs, export: "rangeErrorAtA2" }, { workers: 1, progress: false }));
    assert.match(e.message, /^run failed at setting \{ a = 2 \}, seed 0: a = 2 is out of range/);
    const cause = e.cause as Error;
    assert.equal(cause.name, "RangeError");
    assert.equal(cause.message, "a = 2 is out of range");
    assert.match(cause.stack ?? "", /sweep-runs\.ts/, "the stack from the worker, where the run threw");
    assert.equal(e.records?.length, 1);
  });

  it("keeps the worker's error as the cause when the run cannot load", async () => {
    const e = await failure(experiment.parallelSweep({ a: [1] }, [0], { module: runs, export: "nothing" }, { workers: 1, progress: false }));
    assert.match(e.message, /^run nothing of .*sweep-runs\.ts cannot run in a worker thread: /);
    assert.ok(e.cause instanceof Error && e.message.endsWith((e.cause as Error).message));
  });

  it("names a setting that cannot be sent to a worker thread (a function in the grid)", async () => {
    const e = await failure(experiment.parallelSweep({ f: [() => 1] }, [0], { module: runs, export: "uniformDraw" }, { workers: 1, progress: false }));
    assert.match(e.message, /^the setting \{\} cannot be sent to a worker thread \(.+\): settings must be plain data$/);
  });

  it("reports a thrown value that is not an Error as an Error carrying its text", async () => {
    const e = await failure(experiment.parallelSweep({ a: [1, 2] }, [0], { module: runs, export: "throwsAString" }, { workers: 1, progress: false }));
    assert.match(e.message, /^run failed at setting \{ a = 2 \}, seed 0: a = 2, thrown as a string /);
    const cause = e.cause as Error;
    assert.equal(cause.name, "Error");
    assert.equal(cause.message, "a = 2, thrown as a string");
  });

  it("names a record that cannot be sent back from the worker thread (a function in it)", async () => {
    const e = await failure(experiment.parallelSweep({ a: [1] }, [0], { module: runs, export: "unclonableRecord" }, { workers: 1, progress: false }));
    assert.match(e.message, /^run failed at setting \{ a = 1 \}, seed 0: its record cannot be sent back from a worker thread \(.+\): records must be plain data /);
    assert.equal((e.cause as Error).name, "DataCloneError");
  });

  it("names what the module exports when it has no function of that name, or that it exports nothing", async () => {
    const exported = Object.keys(require("./fixtures/sweep-runs") as object);
    assert.ok(exported.includes("uniformDraw") && exported.includes("saddleRun"));
    const e = await failure(experiment.parallelSweep({ a: [1] }, [0], { module: runs, export: "nothing" }, { workers: 1, progress: false }));
    assert.ok(e.message.endsWith(`${runs} exports no function named "nothing" (it exports ${exported.join(", ")})`), e.message);
    const empty = join(__dirname, "fixtures", "exports-nothing.ts");
    const f = await failure(experiment.parallelSweep({ a: [1] }, [0], { module: empty, export: "f" }, { workers: 1, progress: false }));
    assert.ok(f.message.endsWith(`${empty} exports no function named "f" (it exports nothing)`), f.message);
  });

  it("loads a TypeScript run module in a process that does not run tsx, as a tslab kernel's (the worker registers tsx itself)", () => {
    // This test file runs under tsx, whose hooks the worker threads inherit: only a plain `node` shows the registration.
    const script = `require("landscape").parallelSweep({ a: [1, 2] }, [5], { module: ${JSON.stringify(runs)}, export: "uniformDraw" }, { progress: false }).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e.message); process.exit(3); });`;
    const env = { ...process.env, NODE_OPTIONS: "" };
    const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env, timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr);
    const { uniformDraw } = require("./fixtures/sweep-runs") as typeof import("./fixtures/sweep-runs");
    assert.deepEqual(JSON.parse(child.stdout), sweep({ a: [1, 2] }, [5], uniformDraw, { progress: false }));
  });

  it("fails, naming the exit code, when a worker thread exits before the sweep finished", async () => {
    const e = await failure(experiment.parallelSweep({ a: [1] }, [0, 1], { module: runs, export: "exitsTheWorker" }, { workers: 1, progress: false }));
    assert.equal(e.message, "a worker thread exited (code 3) before the sweep finished");
  });
});
