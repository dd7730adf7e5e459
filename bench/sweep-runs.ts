// The trial of bench/sweep-speedup.ts, in a module of its own so that worker threads can load it.
import { gd, objectives, type Rng } from "landscape";

/** Gradient descent on a random d × d quadratic from a random start: ~0.1 s of CPU per trial at d = 60. */
export function quadraticTrial(setting: { d: number }, r: Rng) {
  const g = r.normalMatrix(setting.d, setting.d);
  const a = g.transpose().mmul(g).div(setting.d);
  for (let i = 0; i < setting.d; i++) a.set(i, i, a.get(i, i) + 1);
  const f = objectives.quadratic(a, r.normalVector(setting.d));
  const trace = gd(f, r.normalVector(setting.d), { stepSize: 1 / f.spectrum.max, maxIterations: 3000, tolerance: 1e-300 });
  return { value: trace.value, iterations: trace.iterations };
}
