/**
 * Two-layer networks f_θ(x) = Σⱼ aⱼ σ(wⱼᵀx) as objectives over a flat parameter vector, with
 * the forward and backward passes batched on the dense core (two `gemm` products and one
 * `gemv` each way).
 * @module
 */
import { Matrix } from "ml-matrix";
import { allFinite, assertDense, type Dense } from "../linalg/dense";
import { gemm } from "../linalg/gemm";
import { gemv } from "../linalg/blas";
import { relu, reluMask } from "../linalg/maps";
import type { Rng } from "../random";
import { assertFinite, assertInteger, assertNumbers, assertRows, assertVector } from "../validate";
import { output, type Objective } from "./objective";

/** The hidden units' activation σ. */
export type Activation = "relu" | "quadratic" | "softplus";
/** The loss ℓ(y, f): "squared" ½(f − y)², "logistic" log(1 + e^{−yf}) (labels ±1). */
export type NetworkLoss = "squared" | "logistic";

/** Options of {@link twoLayerNetwork}. */
export interface TwoLayerNetworkOptions {
  /** The number m of hidden units. */
  width: number;
  /** σ: relu(z) = max(z, 0), quadratic z², softplus log(1 + eᶻ). */
  activation: Activation;
  /** ℓ: "squared" or "logistic". */
  loss: NetworkLoss;
  /** "trained" (default): a is part of θ; or fixed output weights a (length m), e.g. aⱼ = ±1. */
  outputWeights?: "trained" | ArrayLike<number>;
  /** λ ≥ 0 of the weight decay λ‖θ‖²₂ (default 0). */
  weightDecay?: number;
}

/** The objective of {@link twoLayerNetwork}, with the network's shape and its maps. */
export interface TwoLayerNetwork extends Objective {
  /** m, the number of hidden units. */
  readonly width: number;
  /** d, the input dimension (columns of X). */
  readonly inputDim: number;
  /** n, the number of samples. */
  readonly samples: number;
  readonly activation: Activation;
  readonly loss: NetworkLoss;
  readonly weightDecay: number;
  /** Whether a is part of θ (true) or fixed (false). */
  readonly trainsOutputWeights: boolean;
  /**
   * W (m × d, row j = wⱼ) and a from θ. W is a view of θ's first m·d entries (not a copy); a is a
   * view of θ's last m entries when trained, and a copy of the fixed output weights otherwise.
   */
  unpack(theta: Float64Array): { W: Dense; a: Float64Array };
  /** θ from W (m × d) and, when a is trained, a (length m): a new array. */
  pack(W: Dense, a?: ArrayLike<number>): Float64Array;
  /** f_θ(x) for every row x of X (p × d): a new array of length p. */
  predict(theta: Float64Array, X: Matrix | Dense | ArrayLike<number>[]): Float64Array;
  /**
   * A random θ: wⱼ ~ N(0, scale²/d · I) independently, and aⱼ ~ N(0, 1/m) when a is trained
   * (fixed output weights are not drawn). Default scale 1.
   */
  init(rng: Rng, scale?: number): Float64Array;
}

/** The rows of X (a Matrix, a dense matrix or an array of rows) as a dense copy, checked finite. */
function inputs(name: string, X: unknown): Dense {
  if (Array.isArray(X)) {
    const { rows, columns } = assertRows(name, X);
    const data = new Float64Array(rows * columns);
    (X as ArrayLike<number>[]).forEach((row, i) => data.set(Array.from(row), i * columns));
    return { rows, cols: columns, data };
  }
  if (Matrix.isMatrix(X)) {
    const m = X as Matrix;
    const data = Float64Array.from(m.to1DArray());
    const a = { rows: m.rows, cols: m.columns, data };
    assertDense(name, a);
    return a;
  }
  if (X !== null && typeof X === "object" && (X as Dense).data instanceof Float64Array) {
    assertDense(name, X);
    const x = X as Dense;
    return { rows: x.rows, cols: x.cols, data: Float64Array.from(x.data) };
  }
  throw new Error(`${name} must be an ml-matrix Matrix, a dense matrix { rows, cols, data } or an array of rows, got ${X === null ? "null" : typeof X}`);
}

/** log(1 + eᶻ) without overflow. */
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
/** 1/(1 + e^{−z}) without overflow. */
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * The training loss of a two-layer network f_θ(x) = Σⱼ aⱼ σ(wⱼᵀx) (no bias: add a column of 1s
 * to X for one) on data (xᵢ, yᵢ), i = 1…n:
 *
 *   L(θ) = (1/n) Σᵢ ℓ(yᵢ, f_θ(xᵢ)) + λ‖θ‖²₂,
 *
 * with ℓ = ½(f − y)² ("squared") or log(1 + e^{−yf}) ("logistic", computed stably; labels ±1),
 * σ ∈ {relu, z², softplus log(1 + eᶻ)}, and the norm over the trained parameters only.
 * θ = (W row-major, m × d, row j = wⱼ; then a, m entries, when a is trained).
 *
 * Batched: Z = XWᵀ (n × m), H = σ(Z), f = Ha; with rᵢ = ∂ℓ/∂f(yᵢ, fᵢ)/n (f − y or −y·sigmoid(−yf)),
 * ∇_a = Hᵀr + 2λa, ∇_W = (r aᵀ ⊙ σ′(Z))ᵀX + 2λW. relu′(0) = 0 (PyTorch's convention), so at a
 * kink the gradient is that of the piece z ≤ 0.
 *
 * At a θ with a non-finite entry, or where the forward pass overflows, `value` is +∞ and `grad`
 * is NaN, so that `descend` reports a divergence. The returned object keeps n × m work buffers:
 * do not call it from two computations at once.
 *
 * @param X n × d inputs, one sample per row (Matrix, dense, or an array of rows)
 * @param y n labels: ±1 for "logistic", real for "squared"
 */
export function twoLayerNetwork(X: Matrix | Dense | ArrayLike<number>[], y: ArrayLike<number>, options: TwoLayerNetworkOptions): TwoLayerNetwork {
  const data = inputs("X", X);
  const { rows: n, cols: d } = data;
  if (n === 0 || d === 0) throw new Error(`X must have at least one row and one column, got ${n}×${d}`);
  const labels = Float64Array.from(assertNumbers("y", y, n));
  if (options === null || typeof options !== "object") throw new Error("options must be given: { width, activation, loss }");
  const { width: m, activation, loss, outputWeights = "trained", weightDecay = 0 } = options;
  assertInteger("options.width", m, 1);
  if (activation !== "relu" && activation !== "quadratic" && activation !== "softplus") throw new Error(`options.activation must be "relu", "quadratic" or "softplus", got ${String(activation)}`);
  if (loss !== "squared" && loss !== "logistic") throw new Error(`options.loss must be "squared" or "logistic", got ${String(loss)}`);
  if (loss === "logistic") labels.forEach((v, i) => { if (v !== 1 && v !== -1) throw new Error(`y[${i}] must be −1 or +1 for the logistic loss, got ${v}`); });
  assertFinite("options.weightDecay", weightDecay);
  if (weightDecay < 0) throw new Error(`options.weightDecay must be ≥ 0, got ${weightDecay}`);
  const trained = outputWeights === "trained";
  const fixedA = trained ? undefined : Float64Array.from(assertNumbers("options.outputWeights", outputWeights, m));
  const md = m * d;
  const dim = trained ? md + m : md;

  // work buffers (n × m pre-activations, activations, their gradient; n outputs and residuals)
  const Z: Dense = { rows: n, cols: m, data: new Float64Array(n * m) };
  const H: Dense = { rows: n, cols: m, data: new Float64Array(n * m) };
  const GZ: Dense = { rows: n, cols: m, data: new Float64Array(n * m) };
  const f = new Float64Array(n);
  const r = new Float64Array(n);

  const weights = (theta: Float64Array): Dense => ({ rows: m, cols: d, data: theta.subarray(0, md) });
  const outWeights = (theta: Float64Array) => (trained ? theta.subarray(md, md + m) : fixedA!);

  /** H = σ(XWᵀ) into the given buffers (Z keeps the pre-activations); returns f = Ha. */
  const forward = (x: Dense, theta: Float64Array, z: Dense, h: Dense, out: Float64Array) => {
    gemm(x, weights(theta), z, { transB: true });
    if (activation === "relu") relu(z, h);
    else {
      const zd = z.data, hd = h.data;
      if (activation === "quadratic") for (let i = 0; i < zd.length; i++) hd[i] = zd[i] * zd[i];
      else for (let i = 0; i < zd.length; i++) hd[i] = softplus(zd[i]);
    }
    return gemv(h, outWeights(theta), out);
  };
  /** (1/n) Σᵢ ℓ(yᵢ, fᵢ) + λ‖θ‖², after `forward` filled f. */
  const risk = (theta: Float64Array) => {
    let s = 0;
    if (loss === "squared") for (let i = 0; i < n; i++) s += 0.5 * (f[i] - labels[i]) ** 2;
    else for (let i = 0; i < n; i++) s += softplus(-labels[i] * f[i]);
    let penalty = 0;
    if (weightDecay > 0) for (let i = 0; i < dim; i++) penalty += theta[i] * theta[i];
    return s / n + weightDecay * penalty;
  };
  const checkTheta = (theta: Float64Array) => {
    if (!(theta instanceof Float64Array) || theta.length !== dim) assertVector("theta", theta, dim);
    return allFinite(theta);
  };

  const value = (theta: Float64Array) => {
    if (!checkTheta(theta)) return Infinity;
    try {
      forward(data, theta, Z, H, f);
    } catch {
      return Infinity; // the inputs are finite: only an overflow of XWᵀ or Ha throws
    }
    const v = risk(theta);
    return Number.isFinite(v) ? v : Infinity;
  };

  const grad = (theta: Float64Array, out?: Float64Array) => {
    const g = output(out, dim);
    if (!checkTheta(theta)) return g.fill(NaN);
    try {
      forward(data, theta, Z, H, f);
      for (let i = 0; i < n; i++) r[i] = (loss === "squared" ? f[i] - labels[i] : -labels[i] * sigmoid(-labels[i] * f[i])) / n;
      const a = outWeights(theta);
      // ∂L/∂H = r aᵀ; ∂L/∂Z = r aᵀ ⊙ σ′(Z)
      const zd = Z.data, gd = GZ.data;
      for (let i = 0; i < n; i++) {
        const ri = r[i], row = i * m;
        for (let j = 0; j < m; j++) gd[row + j] = ri * a[j];
      }
      if (activation === "relu") reluMask(Z, GZ, GZ);
      else if (activation === "quadratic") for (let i = 0; i < gd.length; i++) gd[i] *= 2 * zd[i];
      else for (let i = 0; i < gd.length; i++) gd[i] *= sigmoid(zd[i]);
      gemm(GZ, data, { rows: m, cols: d, data: g.subarray(0, md) }, { transA: true });
      if (trained) gemv(H, r, g.subarray(md, dim), { trans: true });
    } catch {
      return g.fill(NaN); // overflow (see value)
    }
    if (weightDecay > 0) for (let i = 0; i < dim; i++) g[i] += 2 * weightDecay * theta[i];
    return allFinite(g) ? g : g.fill(NaN);
  };

  return {
    dim,
    width: m,
    inputDim: d,
    samples: n,
    activation,
    loss,
    weightDecay,
    trainsOutputWeights: trained,
    value,
    grad,
    unpack(theta) {
      assertVector("theta", theta, dim);
      return { W: weights(theta), a: trained ? theta.subarray(md, dim) : Float64Array.from(fixedA!) };
    },
    pack(W, a) {
      assertDense("W", W);
      if (W.rows !== m || W.cols !== d) throw new Error(`W must be ${m}×${d} (width × inputDim), got ${W.rows}×${W.cols}`);
      const theta = new Float64Array(dim);
      theta.set(W.data);
      if (trained) theta.set(assertNumbers("a", a, m), md);
      else if (a !== undefined) throw new Error("a must be omitted: the output weights are fixed");
      return theta;
    },
    predict(theta, Xnew) {
      assertVector("theta", theta, dim);
      const x = inputs("X", Xnew);
      if (x.cols !== d) throw new Error(`X must have ${d} columns (the input dimension), got ${x.cols}`);
      const p = x.rows;
      const z: Dense = { rows: p, cols: m, data: new Float64Array(p * m) };
      const h: Dense = { rows: p, cols: m, data: new Float64Array(p * m) };
      try {
        return forward(x, theta, z, h, new Float64Array(p));
      } catch {
        throw new Error("theta: the network's output overflows the float64 range at theta on X");
      }
    },
    init(rng, scale = 1) {
      if (!rng || typeof (rng as Rng).normal !== "function") throw new Error("rng must be an Rng (from rng(seed))");
      assertFinite("scale", scale);
      if (scale < 0) throw new Error(`scale must be ≥ 0, got ${scale}`);
      const theta = new Float64Array(dim);
      const sw = scale / Math.sqrt(d);
      for (let i = 0; i < md; i++) theta[i] = rng.normal(0, sw);
      if (trained) for (let j = 0; j < m; j++) theta[md + j] = rng.normal(0, 1 / Math.sqrt(m));
      return theta;
    },
  };
}
