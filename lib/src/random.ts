/**
 * Seeded random numbers. Every random draw in the project goes through an {@link Rng}
 * made from an explicit integer seed, so a figure is reproduced by its seed.
 *
 * The stream is the Mersenne Twister MT19937 from the npm package pure-rand, seeded by
 * the reference `init_genrand` (so the 32-bit words are those of C++'s `std::mt19937(seed)`
 * and numpy's `RandomState(seed)`); 53-bit floats by
 * `uniformFloat64`, unbiased integers by `uniformInt`); normals use Marsaglia's polar
 * method. All of it is integer arithmetic plus IEEE `Math.log`/`Math.sqrt`, so the same
 * seed gives the same stream on every machine.
 * @module
 */
import { Matrix, QrDecomposition } from "ml-matrix";
import { mersenne } from "pure-rand/generator/mersenne";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { assertFinite, assertInteger, assertPositive, optionsObject } from "./validate";

/** Throws unless sd is a finite number ≥ 0. */
function assertSd(sd: unknown): asserts sd is number {
  assertFinite("sd", sd);
  if (sd < 0) throw new Error(`sd must be ≥ 0, got ${sd}`);
}

/** A seeded generator of the distributions the experiments need. Mutable: each call advances the stream. */
export class Rng {
  readonly #source: RandomGenerator;
  /** The second normal of the last polar pair, kept for the next call. */
  #spareNormal: number | undefined;

  /** @param seed an integer in [0, 2³²); the same seed always gives the same stream. */
  constructor(seed: number) {
    assertInteger("seed", seed, 0);
    if (seed >= 2 ** 32) throw new Error(`seed must be an integer < 2^32, got ${seed}`);
    this.#source = mersenne(seed | 0);
  }

  /** The next raw 32-bit word of the MT19937 stream, as an unsigned integer in [0, 2³²). */
  word(): number {
    return this.#source.next() >>> 0;
  }

  /** Uniform on [a, b) (default [0, 1)), 53 random bits; a ≤ b finite. */
  uniform(a = 0, b = 1): number {
    assertFinite("a", a);
    assertFinite("b", b);
    if (a > b) throw new Error(`a must be ≤ b, got a = ${a} and b = ${b}`);
    const u = uniformFloat64(this.#source);
    const width = b - a;
    // a(1 − u) + bu when b − a overflows (a, b near ∓1.8e308).
    return Number.isFinite(width) ? a + width * u : a * (1 - u) + b * u;
  }

  /** Uniform integer in {from, …, to}, both included. */
  integer(from: number, to: number): number {
    assertInteger("from", from, Number.MIN_SAFE_INTEGER);
    assertInteger("to", to, from);
    return uniformInt(this.#source, from, to);
  }

  /** Normal N(mean, sd²) by Marsaglia's polar method (mean finite, sd finite ≥ 0). */
  normal(mean = 0, sd = 1): number {
    assertFinite("mean", mean);
    assertSd(sd);
    return mean + sd * this.#standardNormal();
  }

  /** N(0, 1) by Marsaglia's polar method: two normals a pair, the second kept for the next call. */
  #standardNormal(): number {
    if (this.#spareNormal !== undefined) {
      const z = this.#spareNormal;
      this.#spareNormal = undefined;
      return z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * uniformFloat64(this.#source) - 1;
      v = 2 * uniformFloat64(this.#source) - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spareNormal = v * factor;
    return u * factor;
  }

  /** A vector of n independent N(0, sd²) entries (written into `out` when given). */
  normalVector(n: number, sd = 1, out?: Float64Array): Float64Array {
    assertInteger("n", n, 1);
    assertSd(sd);
    const x = out ?? new Float64Array(n);
    if (x.length !== n) throw new Error(`out must have length ${n}, got ${x.length}`);
    for (let i = 0; i < n; i++) x[i] = sd * this.#standardNormal();
    return x;
  }

  /** A rows × columns ml-matrix Matrix of independent N(0, sd²) entries, filled row by row. */
  normalMatrix(rows: number, columns: number, sd = 1): Matrix {
    assertInteger("rows", rows, 1);
    assertInteger("columns", columns, 1);
    assertSd(sd);
    const m = new Matrix(rows, columns);
    for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) m.set(i, j, sd * this.#standardNormal());
    return m;
  }

  /** Uniform on the sphere {x ∈ ℝⁿ : ‖x‖₂ = radius}: a normal vector divided by its norm (into `out` when given). */
  sphere(n: number, radius = 1, out?: Float64Array): Float64Array {
    assertPositive("radius", radius);
    const x = this.normalVector(n, 1, out);
    let norm = 0;
    for (let i = 0; i < n; i++) norm += x[i] * x[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) x[i] *= radius / norm;
    return x;
  }

  /** Uniform in the ball {x ∈ ℝⁿ : ‖x‖₂ ≤ radius}: a sphere point scaled by radius·U^{1/n}. */
  ball(n: number, radius = 1): Float64Array {
    const x = this.sphere(n, radius);
    const scale = Math.pow(this.uniform(), 1 / n);
    for (let i = 0; i < n; i++) x[i] *= scale;
    return x;
  }

  /**
   * A Haar-distributed n × n orthogonal matrix: Q of the QR decomposition of a Gaussian
   * matrix, with each column multiplied by the sign of R's diagonal (Mezzadri 2007), without
   * which Q would not be uniform.
   */
  orthogonal(n: number): Matrix {
    assertInteger("n", n, 1);
    const qr = new QrDecomposition(this.normalMatrix(n, n));
    const q = qr.orthogonalMatrix;
    const r = qr.upperTriangularMatrix;
    for (let j = 0; j < n; j++) {
      if (r.get(j, j) < 0) for (let i = 0; i < n; i++) q.set(i, j, -q.get(i, j));
    }
    return q;
  }

  /** A uniformly random permutation of {0, …, n − 1} (Fisher–Yates). */
  permutation(n: number): number[] {
    assertInteger("n", n, 0);
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = uniformInt(this.#source, 0, i);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  }

  /**
   * k indices drawn from {0, …, n − 1}: with replacement (independent uniform draws) or
   * without (the first k entries of a partial Fisher–Yates shuffle; needs k ≤ n).
   */
  sample(n: number, k: number, options?: { replace?: boolean }): number[] {
    const { replace = false } = optionsObject("options", options);
    assertInteger("n", n, 1);
    assertInteger("k", k, 0);
    if (replace) return Array.from({ length: k }, () => uniformInt(this.#source, 0, n - 1));
    if (k > n) throw new Error(`k must be ≤ n = ${n} when sampling without replacement, got ${k}`);
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = uniformInt(this.#source, i, n - 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p.slice(0, k);
  }
}

/** Makes a seeded generator: `rng(42).normal()`. */
export function rng(seed: number): Rng {
  return new Rng(seed);
}
