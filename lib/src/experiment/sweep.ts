import { Rng } from "../random";
import { assertFunction, assertInteger, optionsObject } from "../validate";
import { progress as makeProgress } from "./progress";

/** A grid: each key maps to the values it takes; the sweep runs their Cartesian product. */
export type Grid = Record<string, readonly unknown[]>;

/** One point of the grid: each key of G set to one of its values. */
export type Setting<G extends Grid> = { [K in keyof G]: G[K][number] };

/** One run's record: its setting, its seed and what `run` returned. */
export type SweepRecord<G extends Grid, R> = Setting<G> & { seed: number } & R;

/** The Cartesian product of a grid, in row-major order (the last key varies fastest). */
export function gridPoints<G extends Grid>(grid: G): Setting<G>[] {
  if (grid === null || typeof grid !== "object" || Array.isArray(grid)) throw new Error(`grid must be an object mapping each key to an array of values, got ${grid === null ? "null" : typeof grid}`);
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    if (!Array.isArray(values) || values.length === 0) throw new Error(`grid.${key} must be a non-empty array of values`);
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return points as Setting<G>[];
}

/**
 * Runs `run(setting, rng)` for every setting of the grid × every seed, each with a fresh
 * generator `new Rng(seed)`, and returns one record per run: `{ ...setting, seed, ...result }`.
 *
 * The generator depends on the seed alone, so every setting sees the same random draws for
 * a given seed (common random numbers: differences between settings are not sampling
 * noise). Runs are independent, so the records are the same whatever the order.
 * A progress line shows in the kernel and in a terminal unless `progress: false`.
 *
 * If `run` throws, the sweep stops with an Error that names the setting and the seed, has the
 * original error as its `cause`, and carries the records computed so far as `records` (with
 * `setting` and `seed` of the failed run), so that hours of runs are not lost to the last one.
 */
export function sweep<G extends Grid, R extends Record<string, unknown>>(
  grid: G,
  seeds: readonly number[],
  run: (setting: Setting<G>, rng: Rng) => R,
  options?: { progress?: boolean; label?: string },
): SweepRecord<G, R>[] {
  const { progress = true, label = "sweep" } = optionsObject("options", options);
  if (!Array.isArray(seeds) || seeds.length === 0) throw new Error("seeds must be a non-empty array of integers");
  seeds.forEach((s, i) => assertInteger(`seeds[${i}]`, s));
  assertFunction("run", run, "a function (setting, rng) => record");
  const points = gridPoints(grid);
  const bar = progress ? makeProgress(points.length * seeds.length, label) : undefined;
  const records: SweepRecord<G, R>[] = [];
  for (const setting of points) {
    for (const seed of seeds) {
      let result: R;
      try {
        result = run(setting, new Rng(seed));
      } catch (cause) {
        bar?.done();
        const at = Object.entries(setting).map(([k, v]) => `${k} = ${String(v)}`).join(", ");
        const message = cause instanceof Error ? cause.message : String(cause);
        throw Object.assign(new Error(`run failed at setting { ${at} }, seed ${seed}: ${message} (the ${records.length} records computed before are in error.records)`, { cause }), { records, setting, seed });
      }
      if (result === null || typeof result !== "object") throw new Error(`run must return an object, got ${typeof result} for seed ${seed}`);
      records.push({ ...setting, seed, ...result });
      bar?.tick();
    }
  }
  bar?.done();
  return records;
}

/** Seeds first, first + 1, …, first + n − 1 (default 0, …, n − 1): integers in [0, 2³²), as `Rng` takes. */
export function seedRange(n: number, first = 0): number[] {
  assertInteger("n", n, 1);
  assertInteger("first", first, 0);
  if (first + n > 2 ** 32) throw new Error(`first + n must be ≤ 2^32 (seeds are 32-bit), got first = ${first} and n = ${n}`);
  return Array.from({ length: n }, (_, i) => first + i);
}
