import { Rng } from "../random";
import { assertInteger } from "../validate";
import { progress as makeProgress } from "./progress";

/** A grid: each key maps to the values it takes; the sweep runs their Cartesian product. */
export type Grid = Record<string, readonly unknown[]>;

/** One point of the grid: each key of G set to one of its values. */
export type Setting<G extends Grid> = { [K in keyof G]: G[K][number] };

/** One run's record: its setting, its seed and what `run` returned. */
export type SweepRecord<G extends Grid, R> = Setting<G> & { seed: number } & R;

/** The Cartesian product of a grid, in row-major order (the last key varies fastest). */
export function gridPoints<G extends Grid>(grid: G): Setting<G>[] {
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
 */
export function sweep<G extends Grid, R extends Record<string, unknown>>(
  grid: G,
  seeds: readonly number[],
  run: (setting: Setting<G>, rng: Rng) => R,
  { progress = true, label = "sweep" }: { progress?: boolean; label?: string } = {},
): SweepRecord<G, R>[] {
  if (!Array.isArray(seeds) || seeds.length === 0) throw new Error("seeds must be a non-empty array of integers");
  seeds.forEach((s, i) => assertInteger(`seeds[${i}]`, s));
  if (typeof run !== "function") throw new Error("run must be a function (setting, rng) => record");
  const points = gridPoints(grid);
  const bar = progress ? makeProgress(points.length * seeds.length, label) : undefined;
  const records: SweepRecord<G, R>[] = [];
  for (const setting of points) {
    for (const seed of seeds) {
      const result = run(setting, new Rng(seed));
      if (result === null || typeof result !== "object") throw new Error(`run must return an object, got ${typeof result} for seed ${seed}`);
      records.push({ ...setting, seed, ...result });
      bar?.tick();
    }
  }
  bar?.done();
  return records;
}

/** Seeds 0, 1, …, n − 1. */
export function seedRange(n: number, first = 0): number[] {
  assertInteger("n", n, 1);
  return Array.from({ length: n }, (_, i) => first + i);
}
