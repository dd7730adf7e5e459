/**
 * The K-class one-hidden-layer ReLU network with softmax cross-entropy, batched on the dense
 * core (gemm, relu, reluMask, softmaxRows): the objective of Neyshabur, Tomioka & Srebro's
 * width experiment, and the computation `npm run bench` times as its 784–1024–10 epoch.
 * @module
 */
import { gemm } from "../linalg/gemm";
import { addBias, columnSums, relu, reluMask, softmaxRows } from "../linalg/maps";
import { allFinite, assertDense, type Dense } from "../linalg/dense";
import type { Rng } from "../random";
import { assertInteger, assertVector, optionsObject } from "../validate";
import { output, type Objective } from "./objective";

/** Rows per block of a full pass: bounds the workspace to BLOCK × width entries whatever n is. */
const BLOCK = 512;

/** The network's parameters as views into θ (no copies). */
export interface SoftmaxNetworkParameters {
  /** d × m: hidden unit j's weights in column j. */
  W1: Dense;
  b1: Float64Array;
  /** m × K: class k's output weights in column k. */
  W2: Dense;
  b2: Float64Array;
}

/** `softmaxNetwork`'s objective: the empirical loss plus the network's helpers. */
export interface SoftmaxNetwork extends Objective {
  readonly width: number;
  readonly inputDim: number;
  readonly classes: number;
  /** Views of W1, b1, W2, b2 inside θ (writing to them writes θ). */
  unpack(theta: Float64Array): SoftmaxNetworkParameters;
  /** θ₀: W1 entries N(0, 2/d) (He et al.), W2 entries N(0, 1/m), biases 0. */
  init(rng: Rng): Float64Array;
  /** The predicted classes argmaxₖ f_θ(x)ₖ of the rows of X (ties to the lowest k). */
  predict(theta: Float64Array, X: Dense): Int32Array;
  /** The fraction of rows of X whose predicted class differs from the label. */
  errorRate(theta: Float64Array, X: Dense, labels: ArrayLike<number>): number;
  /**
   * The same loss on minibatches, for minibatch SGD run by `gd`: each call of `value(θ)` moves
   * to the next `batchSize` rows of a random permutation of the samples (a new permutation,
   * drawn with `rng`, at each epoch; the last incomplete batch of an epoch is skipped) and returns
   * (1/B) Σ_{i∈batch} ℓᵢ(θ), computing its gradient in the same pass; `grad(θ)` returns that
   * batch's gradient (at θ: it recomputes it if θ changed since). `descend` evaluates `value`
   * then `grad` at each iterate, so its step θ ← θ − η∇f_B(θ) is one minibatch SGD step.
   */
  minibatches(batchSize: number, rng: Rng): Objective;
}

/** The labels as class indices 0…K−1, checked. */
function classLabels(labels: ArrayLike<number>, n: number, classes: number): Int32Array {
  if (labels === null || typeof labels !== "object" || typeof labels.length !== "number") throw new Error(`labels must be an array of ${n} class indices, got ${labels === null ? "null" : typeof labels}`);
  if (labels.length !== n) throw new Error(`labels must have one entry per row of X (${n}), got ${labels.length}`);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (!Number.isInteger(v) || v < 0 || v >= classes) throw new Error(`labels[${i}] must be an integer class in 0…${classes - 1}, got ${v}`);
    y[i] = v;
  }
  return y;
}

/**
 * f(θ) = (1/n) Σᵢ ℓᵢ(θ), ℓᵢ = −log softmax(zᵢ)_{yᵢ} = log Σₖ exp(zᵢₖ) − zᵢ_{yᵢ}, with the logits
 * zᵢ = W2ᵀ relu(W1ᵀxᵢ + b1) + b2 of a one-hidden-layer ReLU network with m = `width` hidden
 * units and K = `classes` outputs (no regularization). θ = [W1 (d × m, row-major), b1 (m),
 * W2 (m × K, row-major), b2 (K)], dim = dm + m + mK + K.
 *
 * The gradient is backpropagation in matrix form, over blocks of rows: with H = relu(Z1) and
 * Δ2 = (softmax(Z2) − Y)/n, ∇W2 = HᵀΔ2, ∇b2 = 1ᵀΔ2, Δ1 = (Δ2W2ᵀ) ⊙ 1[Z1 > 0] (relu′(0) = 0),
 * ∇W1 = XᵀΔ1, ∇b1 = 1ᵀΔ1: 6·n·m·(d + K) flops a pass, nearly all in gemm. `value` computes
 * the gradient in the same pass and keeps it for a `grad` at the same θ (the order in which
 * `descend` asks), so a step costs one pass. The log-sum-exp is shifted by the row's maximum
 * (no overflow).
 * @param X n × d inputs, one sample per row
 * @param labels n class indices in 0…K−1
 * @param options width m, classes K, and threads for the products (gemm's default when omitted; the result does not depend on it)
 */
export function softmaxNetwork(X: Dense, labels: ArrayLike<number>, options: { width: number; classes: number; threads?: number }): SoftmaxNetwork {
  assertDense("X", X);
  const { width: m, classes: K, threads } = optionsObject("options", options);
  assertInteger("width", m, 1);
  assertInteger("classes", K, 2);
  if (threads !== undefined) assertInteger("threads", threads, 1);
  const mm = { threads }; // gemm's options for the products (threads: its default when undefined)
  const n = X.rows;
  const d = X.cols;
  const y = classLabels(labels, n, K);
  const dim = d * m + m + m * K + K;

  const views = (theta: Float64Array): SoftmaxNetworkParameters => {
    const o1 = d * m;
    const o2 = o1 + m;
    const o3 = o2 + m * K;
    return {
      W1: { rows: d, cols: m, data: theta.subarray(0, o1) },
      b1: theta.subarray(o1, o2),
      W2: { rows: m, cols: K, data: theta.subarray(o2, o3) },
      b2: theta.subarray(o3, dim),
    };
  };

  // Workspace for one block of rows, grown to the largest block seen (at most BLOCK rows); views of fewer rows for a shorter block.
  const work = { rows: 0, z1: new Float64Array(0), h: new Float64Array(0), z2: new Float64Array(0), p: new Float64Array(0), b1: new Float64Array(m), b2: new Float64Array(K) };
  const block = (data: Float64Array, rows: number, cols: number): Dense => ({ rows, cols, data: data.subarray(0, rows * cols) });
  const reserve = (rows: number) => {
    if (rows <= work.rows) return;
    Object.assign(work, { rows, z1: new Float64Array(rows * m), h: new Float64Array(rows * m), z2: new Float64Array(rows * K), p: new Float64Array(rows * K) });
  };

  /** Z2 = logits of the rows Xb (rows × K), leaving Z1 and H in the workspace. */
  const forward = (p: SoftmaxNetworkParameters, Xb: Dense) => {
    const rows = Xb.rows;
    reserve(rows);
    const z1 = block(work.z1, rows, m);
    const h = block(work.h, rows, m);
    const z2 = block(work.z2, rows, K);
    addBias(gemm(Xb, p.W1, z1, mm), p.b1);
    relu(z1, h);
    addBias(gemm(h, p.W2, z2, mm), p.b2);
    return { z1, h, z2 };
  };

  /**
   * The mean of ℓᵢ over `count` rows; when g is given, adds its gradient into g. `rowsOf(start, rows)`
   * returns the inputs and labels of a block.
   */
  const pass = (theta: Float64Array, count: number, rowsOf: (start: number, rows: number) => { Xb: Dense; yb: Int32Array }, g?: Float64Array): number => {
    const p = views(theta);
    const gv = g ? views(g) : undefined;
    let loss = 0;
    for (let start = 0; start < count; start += BLOCK) {
      const rows = Math.min(BLOCK, count - start);
      const { Xb, yb } = rowsOf(start, rows);
      const { z1, h, z2 } = forward(p, Xb);
      const zd = z2.data;
      for (let i = 0; i < rows; i++) {
        const r = i * K;
        let mx = -Infinity;
        for (let k = 0; k < K; k++) if (zd[r + k] > mx) mx = zd[r + k];
        let s = 0;
        for (let k = 0; k < K; k++) s += Math.exp(zd[r + k] - mx);
        loss += mx + Math.log(s) - zd[r + yb[i]];
      }
      if (!gv) continue;
      const delta = softmaxRows(z2, block(work.p, rows, K)); // Δ2 = (P − Y)/count
      const dd = delta.data;
      for (let i = 0; i < rows; i++) dd[i * K + yb[i]] -= 1;
      for (let i = 0; i < dd.length; i++) dd[i] /= count;
      gemm(h, delta, gv.W2, { transA: true, beta: 1, threads });
      columnSums(delta, work.b2);
      for (let k = 0; k < K; k++) gv.b2[k] += work.b2[k];
      const d1 = gemm(delta, p.W2, h, { transB: true, threads }); // H is no longer needed: Δ2W2ᵀ overwrites it
      reluMask(z1, d1, d1);
      gemm(Xb, d1, gv.W1, { transA: true, beta: 1, threads });
      columnSums(d1, work.b1);
      for (let j = 0; j < m; j++) gv.b1[j] += work.b1[j];
    }
    return loss / count;
  };

  /**
   * `pass` into g (zeroed first) after checking θ's length; NaN (and a NaN gradient) when θ has a
   * non-finite entry or a product overflows, so that a diverging run ends with `descend`'s
   * status "diverged" instead of an exception.
   */
  const guardedPass = (theta: Float64Array, count: number, rowsOf: Parameters<typeof pass>[2], g: Float64Array): number => {
    if (!(theta instanceof Float64Array) || theta.length !== dim) throw new Error(`theta must be a Float64Array of length ${dim} (the network's parameters), got ${theta instanceof Float64Array ? `length ${theta.length}` : typeof theta}`);
    g.fill(0);
    if (allFinite(theta)) {
      try {
        return pass(theta, count, rowsOf, g);
      } catch (e) {
        if (!/overflow/.test(String(e))) throw e;
      }
    }
    g.fill(NaN);
    return NaN;
  };

  const allRows = (start: number, rows: number) => ({ Xb: { rows, cols: d, data: X.data.subarray(start * d, (start + rows) * d) }, yb: y.subarray(start, start + rows) });

  /** A cache of the last θ whose gradient was computed, with that gradient and value. */
  const cached = () => {
    const theta = new Float64Array(dim);
    const grad = new Float64Array(dim);
    let valid = false;
    return {
      grad,
      hit: (x: Float64Array) => {
        if (!valid) return false;
        for (let i = 0; i < dim; i++) if (x[i] !== theta[i]) return false;
        return true;
      },
      store: (x: Float64Array) => {
        theta.set(x);
        valid = true;
      },
    };
  };

  const full = cached();
  let fullValue = NaN;
  const fullPass = (theta: Float64Array) => {
    if (theta?.length === dim && full.hit(theta)) return fullValue;
    fullValue = guardedPass(theta, n, allRows, full.grad);
    full.store(theta);
    return fullValue;
  };

  const network: SoftmaxNetwork = {
    dim,
    width: m,
    inputDim: d,
    classes: K,
    value: fullPass,
    grad(theta, out) {
      const g = output(out, dim);
      fullPass(theta);
      g.set(full.grad);
      return g;
    },
    unpack: (theta) => {
      assertVector("theta", theta, dim);
      return views(theta);
    },
    init(rng) {
      if (!rng || typeof rng.normalVector !== "function") throw new Error("rng must be an Rng (the initialization is random)");
      const theta = new Float64Array(dim);
      const p = views(theta);
      rng.normalVector(d * m, Math.sqrt(2 / d), p.W1.data);
      rng.normalVector(m * K, Math.sqrt(1 / m), p.W2.data);
      return theta;
    },
    predict(theta, Xt) {
      assertVector("theta", theta, dim);
      assertDense("X", Xt);
      if (Xt.cols !== d) throw new Error(`X must have ${d} columns (the network's input dimension), got ${Xt.cols}`);
      const p = views(theta);
      const classes = new Int32Array(Xt.rows);
      for (let start = 0; start < Xt.rows; start += BLOCK) {
        const rows = Math.min(BLOCK, Xt.rows - start);
        const { z2 } = forward(p, { rows, cols: d, data: Xt.data.subarray(start * d, (start + rows) * d) });
        for (let i = 0; i < rows; i++) {
          let best = 0;
          for (let k = 1; k < K; k++) if (z2.data[i * K + k] > z2.data[i * K + best]) best = k;
          classes[start + i] = best;
        }
      }
      return classes;
    },
    errorRate(theta, Xt, labelsT) {
      const predicted = network.predict(theta, Xt);
      const yt = classLabels(labelsT, Xt.rows, K);
      let wrong = 0;
      for (let i = 0; i < yt.length; i++) if (predicted[i] !== yt[i]) wrong++;
      return wrong / yt.length;
    },
    minibatches(batchSize, rng) {
      assertInteger("batchSize", batchSize, 1);
      if (batchSize > n) throw new Error(`batchSize must be ≤ n = ${n} (the samples), got ${batchSize}`);
      if (!rng || typeof rng.permutation !== "function") throw new Error("rng must be an Rng (the batches are random)");
      const batchesPerEpoch = Math.floor(n / batchSize);
      const Xb = new Float64Array(batchSize * d);
      const yb = new Int32Array(batchSize);
      let order: number[] = [];
      let next = batchesPerEpoch; // draws a permutation at the first call
      const batch = cached();
      let batchValue = NaN;
      const batchRows = (start: number, rows: number) => ({ Xb: { rows, cols: d, data: Xb.subarray(start * d, (start + rows) * d) }, yb: yb.subarray(start, start + rows) });
      const compute = (theta: Float64Array) => {
        batchValue = guardedPass(theta, batchSize, batchRows, batch.grad);
        batch.store(theta);
        return batchValue;
      };
      const nextBatch = (theta: Float64Array) => {
        if (next === batchesPerEpoch) {
          order = rng.permutation(n);
          next = 0;
        }
        for (let i = 0; i < batchSize; i++) {
          const row = order[next * batchSize + i];
          Xb.set(X.data.subarray(row * d, (row + 1) * d), i * d);
          yb[i] = y[row];
        }
        next++;
        return compute(theta);
      };
      return {
        dim,
        value: nextBatch, // a closure, not `this`: the methods still work when destructured
        grad(theta, out) {
          const g = output(out, dim);
          if (next === batchesPerEpoch && order.length === 0) nextBatch(theta); // no batch drawn yet
          else if (theta?.length !== dim || !batch.hit(theta)) compute(theta);
          g.set(batch.grad);
          return g;
        },
      };
    },
  };
  return network;
}
