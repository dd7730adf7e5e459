import { Matrix } from "ml-matrix";
import { symmetricEigen } from "../linalg";
import { graphWeights, maxCutCost, maxCutObjective } from "../objectives/burerMonteiro";
import { normalizeRows, productOfSpheres } from "../optimizers/productOfSpheres";
import { riemannianGradientDescent } from "../optimizers/riemannianGradientDescent";
import type { Status } from "../optimizers/trace";
import { Rng } from "../random";
import { assertInteger, assertPositive, assertVector } from "../validate";

/** The weight of the cut of ±1 labels: Σ_{i<j} Wᵢⱼ [sᵢ ≠ sⱼ] = ¼ Σᵢⱼ Wᵢⱼ (1 − sᵢsⱼ). */
export function cutValue(w: Matrix | number[][], sides: ArrayLike<number>): number {
  const { data, n } = graphWeights(w);
  return cutOf(data, n, checkSides(sides, n));
}

function checkSides(sides: ArrayLike<number>, n: number): ArrayLike<number> {
  if (!sides || sides.length !== n) throw new Error(`sides must be ${n} labels ±1`);
  for (let i = 0; i < n; i++) if (sides[i] !== 1 && sides[i] !== -1) throw new Error(`sides[${i}] must be +1 or −1, got ${sides[i]}`);
  return sides;
}

function cutOf(w: Float64Array, n: number, s: ArrayLike<number>): number {
  let cut = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (s[i] !== s[j]) cut += w[i * n + j];
  return cut;
}

/**
 * The exact max cut by exhaustive search over the 2^{n−1} cuts (vertex 0 fixed on side +1),
 * visited in Gray-code order so that each cut's weight is updated from the previous one in O(n);
 * of several optimal cuts, the first met in that order is returned. n ≤ 24.
 */
export function exhaustiveMaxCut(w: Matrix | number[][]): { value: number; sides: number[] } {
  const { data, n } = graphWeights(w);
  if (n > 24) throw new Error(`w must have at most 24 vertices for an exhaustive search, got ${n}`);
  const s = new Int8Array(n).fill(1);
  // flipping vertex i changes the cut by Σⱼ Wᵢⱼ sᵢsⱼ (edges to its side become cut, edges across uncut)
  let cut = 0, best = 0;
  let bestSides = Array.from(s);
  const total = 2 ** (n - 1);
  for (let k = 1; k < total; k++) {
    const i = 1 + Math.log2(k & -k); // the bit that changes in the Gray code (vertex 0 stays)
    let delta = 0;
    for (let j = 0; j < n; j++) if (j !== i) delta += data[i * n + j] * s[i] * s[j];
    s[i] = -s[i];
    cut += delta;
    if (cut > best + 1e-12) {
      best = cut;
      bestSides = Array.from(s);
    }
  }
  return { value: best, sides: bestSides };
}

/** The max-cut dual certificate at a point Y of the product of spheres (see `maxCutCertificate`). */
export interface MaxCutCertificate {
  /** The SDP objective at X = YYᵀ: ¼ Σᵢⱼ Wᵢⱼ (1 − ⟨yᵢ, yⱼ⟩). */
  value: number;
  /** λ_min(S), S = C − Diag(diag(CYYᵀ)), C = −L/4. */
  lambdaMin: number;
  /** n·max(0, −λ_min(S)): the SDP optimum exceeds `value` by at most this. */
  gapBound: number;
  /** Whether λ_min(S) ≥ −tolerance: YYᵀ is optimal for the SDP (to n·tolerance). */
  certified: boolean;
}

/**
 * The dual certificate of Boumal, Voroninski, Bandeira (2016) for the max-cut SDP
 * min ⟨C, X⟩ s.t. diag X = 𝟙, X ⪰ 0 (C = −L/4, so −⟨C, X⟩ is the cut SDP's objective):
 * with μ = diag(CYYᵀ) and S = C − Diag(μ), S ⪰ 0 makes (μ, S) dual feasible with dual value
 * Σμᵢ = ⟨C, YYᵀ⟩ (since ⟨Diag(μ), X⟩ = Σμᵢ when diag X = 𝟙): X = YYᵀ is optimal. In general,
 * for every feasible X′, ⟨C, X′⟩ = ⟨S, X′⟩ + Σμᵢ ≥ n·λ_min(S) + ⟨C, YYᵀ⟩ (tr X′ = n), so the
 * SDP value exceeds the value at Y by at most n·|λ_min(S)| — at any feasible Y, not only at
 * critical points.
 *
 * @param w the weight matrix; @param y a point of the product of spheres (row-major n × p)
 */
export function maxCutCertificate(w: Matrix | number[][], y: Float64Array, options: { tolerance?: number } = {}): MaxCutCertificate {
  if (options === null || typeof options !== "object") throw new Error("options must be an object ({ tolerance })");
  const { tolerance = 1e-6 } = options;
  const { data, n } = graphWeights(w);
  assertPositive("tolerance", tolerance);
  assertVector("y", y);
  if (y.length % n !== 0 || y.length === 0) throw new Error(`y must be an n × p matrix (row-major, n = ${n}), got length ${y.length}`);
  const p = y.length / n;
  if (!productOfSpheres(n, p).contains(y)) throw new Error("y must have unit-norm rows (a point of the product of spheres)");
  return certificateOf(maxCutCost(data, n), n, p, y, tolerance);
}

function certificateOf(c: Float64Array, n: number, p: number, y: Float64Array, tolerance: number): MaxCutCertificate {
  const s = new Matrix(n, n);
  let objective = 0;
  for (let i = 0; i < n; i++) {
    let mu = 0;
    for (let k = 0; k < n; k++) {
      let inner = 0;
      for (let a = 0; a < p; a++) inner += y[i * p + a] * y[k * p + a];
      mu += c[i * n + k] * inner;
      s.set(i, k, c[i * n + k]);
    }
    objective += mu;
    s.set(i, i, c[i * n + i] - mu);
  }
  const lambdaMin = symmetricEigen(s).values[0];
  return { value: -objective, lambdaMin, gapBound: n * Math.max(0, -lambdaMin), certified: lambdaMin >= -tolerance };
}

/** The result of Goemans–Williamson rounding of a Burer–Monteiro point. */
export interface Rounding {
  /** The best cut over the hyperplanes drawn. */
  value: number;
  sides: number[];
  /** The mean cut over the hyperplanes drawn (a Monte Carlo estimate of `expected`). */
  mean: number;
  /** E[cut] = Σ_{i<j} Wᵢⱼ arccos⟨yᵢ, yⱼ⟩/π exactly: the expectation over a uniformly random hyperplane. */
  expected: number;
  /** How many hyperplanes were drawn. */
  rounds: number;
}

/**
 * Goemans–Williamson rounding: for a Gaussian g ∈ ℝᵖ, sᵢ = sign⟨yᵢ, g⟩ (a random hyperplane
 * through the origin). Draws `rounds` hyperplanes with `rng` and keeps the best cut; also
 * returns the exact expectation Σ_{i<j} Wᵢⱼ arccos⟨yᵢ, yⱼ⟩/π, which is ≥ 0.878… × the SDP
 * objective at Y for non-negative weights (the Goemans–Williamson constant).
 */
export function goemansWilliamson(w: Matrix | number[][], y: Float64Array, options: { rng: Rng; rounds?: number }): Rounding {
  if (options === null || typeof options !== "object") throw new Error("options must be an object ({ rng, rounds })");
  const { rng, rounds = 100 } = options;
  const { data, n } = graphWeights(w);
  if (!(rng instanceof Rng)) throw new Error("rng must be a seeded Rng (rng(seed))");
  assertInteger("rounds", rounds, 1);
  assertVector("y", y);
  if (y.length % n !== 0 || y.length === 0) throw new Error(`y must be an n × p matrix (row-major, n = ${n}), got length ${y.length}`);
  const p = y.length / n;
  if (!productOfSpheres(n, p).contains(y)) throw new Error("y must have unit-norm rows (a point of the product of spheres)");
  return roundingOf(data, n, p, y, rng, rounds);
}

function roundingOf(w: Float64Array, n: number, p: number, y: Float64Array, rng: Rng, rounds: number): Rounding {
  let expected = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    if (w[i * n + j] === 0) continue;
    let inner = 0;
    for (let a = 0; a < p; a++) inner += y[i * p + a] * y[j * p + a];
    expected += (w[i * n + j] * Math.acos(Math.max(-1, Math.min(1, inner)))) / Math.PI;
  }
  const g = new Float64Array(p);
  const s = new Array<number>(n);
  let best = -Infinity, bestSides: number[] = [], sum = 0;
  for (let t = 0; t < rounds; t++) {
    rng.normalVector(p, 1, g);
    for (let i = 0; i < n; i++) {
      let inner = 0;
      for (let a = 0; a < p; a++) inner += y[i * p + a] * g[a];
      s[i] = inner >= 0 ? 1 : -1;
    }
    const cut = cutOf(w, n, s);
    sum += cut;
    if (cut > best) {
      best = cut;
      bestSides = s.slice();
    }
  }
  return { value: best, sides: bestSides, mean: sum / rounds, expected, rounds };
}

/** Options of `maxCutSDP`. */
export interface MaxCutSdpOptions {
  /** p, the number of columns of Y (1 ≤ p ≤ n); p(p + 1)/2 > n is Boumal et al.'s sufficient rank. */
  rank: number;
  /** The seeded generator of the start (unless `start` is given) and of the hyperplanes. */
  rng: Rng;
  /** A start Y₀ (row-major n × p; rows are normalized). Default: rows uniform on the sphere. */
  start?: Float64Array;
  /** Riemannian gradient descent's step; default 1/(max weighted degree) ≤ 1/‖∇²f‖ (‖2C‖ ≤ max degree). */
  stepSize?: number;
  maxIterations?: number;
  /** Stop when the Riemannian gradient's norm is ≤ this (default 1e-9). */
  tolerance?: number;
  /** λ_min(S) ≥ −certificateTolerance counts as certified (default 1e-6). */
  certificateTolerance?: number;
  /** Hyperplanes drawn by the rounding (default 100). */
  rounds?: number;
}

/** The whole max-cut pipeline's result (see `maxCutSDP`). */
export interface MaxCutSdp {
  /** The SDP objective ¼ Σᵢⱼ Wᵢⱼ (1 − ⟨yᵢ, yⱼ⟩) at the end point. */
  value: number;
  /** The end point, row-major n × p. */
  Y: Float64Array;
  certificate: { lambdaMin: number; gapBound: number; certified: boolean };
  cut: Rounding & { ratio: number };
  /** Riemannian gradient descent's norm of the Riemannian gradient at the end, its iterations and status. */
  gradNorm: number;
  iterations: number;
  status: Status;
}

/**
 * Max-cut by Burer–Monteiro in one call: Riemannian gradient descent on the product of n
 * spheres in ℝ^rank for f(Y) = ⟨C, YYᵀ⟩ (C = −L/4), from a seeded random start; then the dual
 * certificate S = C − Diag(diag(CYYᵀ)) (λ_min(S) ≥ −tol proves YYᵀ optimal for the SDP; in any
 * case the SDP optimum is at most `value + gapBound`, gapBound = n·|λ_min(S)|); then
 * Goemans–Williamson rounding by seeded hyperplanes (`cut.value` the best cut, `cut.sides` its
 * ±1 labels, `cut.ratio` = cut.value / value).
 *
 * @param w a symmetric non-negative weight matrix (rows or an ml-matrix Matrix), zero diagonal
 */
export function maxCutSDP(w: Matrix | number[][], options: MaxCutSdpOptions): MaxCutSdp {
  if (!options || typeof options !== "object") throw new Error("options must be given: { rank, rng }");
  const { rank, rng, start, maxIterations = 20_000, tolerance = 1e-9, certificateTolerance = 1e-6, rounds = 100 } = options;
  const { data, n: vertices } = graphWeights(w);
  assertInteger("options.rank", rank, 1);
  if (rank > vertices) throw new Error(`options.rank must be ≤ n = ${vertices} (the number of vertices of w), got ${rank}`);
  const objective = maxCutObjective(data, vertices, rank);
  const { n, weights, cost } = objective;
  if (!(rng instanceof Rng)) throw new Error("options.rng must be a seeded Rng (rng(seed))");
  let maxDegree = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let j = 0; j < n; j++) d += weights[i * n + j];
    maxDegree = Math.max(maxDegree, d);
  }
  const stepSize = options.stepSize ?? (maxDegree > 0 ? 1 / maxDegree : 1);
  assertPositive("options.stepSize", stepSize);
  assertPositive("options.certificateTolerance", certificateTolerance);
  assertInteger("options.rounds", rounds, 1);
  const y0 = start === undefined ? normalizeRows(rng.normalVector(n * rank), n, rank) : normalizeRows(assertVector("options.start", start, n * rank), n, rank);
  const trace = riemannianGradientDescent(objective, y0, { stepSize, maxIterations, tolerance, manifold: productOfSpheres(n, rank) });
  const certificate = certificateOf(cost, n, rank, trace.x, certificateTolerance);
  const cut = roundingOf(weights, n, rank, trace.x, rng, rounds);
  return {
    value: certificate.value,
    Y: trace.x,
    certificate: { lambdaMin: certificate.lambdaMin, gapBound: certificate.gapBound, certified: certificate.certified },
    cut: { ...cut, ratio: certificate.value > 0 ? cut.value / certificate.value : 1 },
    gradNorm: trace.gradNorm,
    iterations: trace.iterations,
    status: trace.status,
  };
}
