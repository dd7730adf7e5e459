import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, it } from "node:test";
import { certify, datasets, gd, linalg, objectives, rng } from "landscape";

const { finiteDifferenceGradient, relativeError } = certify;

/** A small coupled problem: n = 9 rows (more than one class per row pattern), d = 4, m = 5, K = 3. */
function small(seed = 1, n = 9) {
  const r = rng(seed);
  const X = linalg.dense(n, 4, r.normalVector(n * 4));
  const y = Array.from({ length: n }, (_, i) => i % 3);
  const f = objectives.softmaxNetwork(X, y, { width: 5, classes: 3 });
  return { X, y, f, r };
}

describe("softmaxNetwork", () => {
  it("has the gradient of central finite differences (biases and both layers)", () => {
    const { f, r } = small();
    for (let trial = 0; trial < 4; trial++) {
      const theta = r.normalVector(f.dim);
      const err = relativeError(f.grad(theta), finiteDifferenceGradient(f, theta));
      assert.ok(err < 1e-7, `gradient differs from central differences by ${err}`);
    }
  });

  it("computes the formula: log K at θ = 0, and −log softmax by hand at a random θ", () => {
    const { X, y, f, r } = small(2);
    assert.ok(Math.abs(f.value(new Float64Array(f.dim)) - Math.log(3)) < 1e-15);
    const theta = r.normalVector(f.dim);
    const { W1, b1, W2, b2 } = f.unpack(theta);
    let loss = 0;
    for (let i = 0; i < X.rows; i++) {
      const h = Array.from({ length: 5 }, (_, j) => Math.max(0, b1[j] + [0, 1, 2, 3].reduce((s, t) => s + X.data[i * 4 + t] * W1.data[t * 5 + j], 0)));
      const z = Array.from({ length: 3 }, (_, k) => b2[k] + h.reduce((s, hj, j) => s + hj * W2.data[j * 3 + k], 0));
      loss += Math.log(z.reduce((s, zk) => s + Math.exp(zk), 0)) - z[y[i]];
    }
    assert.ok(Math.abs(f.value(theta) - loss / X.rows) < 1e-13);
  });

  it("gives the same value and gradient over blocks of 512 rows as over one (n = 1,100)", () => {
    const r = rng(3);
    const X = linalg.dense(1100, 3, r.normalVector(3300));
    const y = Array.from({ length: 1100 }, () => r.integer(0, 1));
    const f = objectives.softmaxNetwork(X, y, { width: 4, classes: 2 });
    const theta = r.normalVector(f.dim);
    const parts = [0, 512, 1024, 1100].slice(1).map((end, b, ends) => {
      const start = b === 0 ? 0 : ends[b - 1];
      const g = objectives.softmaxNetwork(linalg.dense(end - start, 3, X.data.slice(start * 3, end * 3)), y.slice(start, end), { width: 4, classes: 2 });
      return { w: (end - start) / 1100, v: g.value(theta), g: g.grad(theta) };
    });
    const v = parts.reduce((s, p) => s + p.w * p.v, 0);
    const grad = new Float64Array(f.dim);
    for (const p of parts) for (let i = 0; i < f.dim; i++) grad[i] += p.w * p.g[i];
    assert.ok(Math.abs(f.value(theta) - v) < 1e-13);
    assert.ok(relativeError(f.grad(theta), grad) < 1e-12);
    // The thread count does not change the result (gemm computes every element in the same order).
    const one = objectives.softmaxNetwork(X, y, { width: 4, classes: 2, threads: 1 }), two = objectives.softmaxNetwork(X, y, { width: 4, classes: 2, threads: 2 });
    assert.deepEqual(Array.from(one.grad(theta)), Array.from(two.grad(theta)));
  });

  it("minibatches: the batch gradients of one epoch average to the full gradient; a gd step is θ − η∇f_B", () => {
    const { f } = small(4, 12);
    const theta = rng(5).normalVector(f.dim);
    const batches = f.minibatches(4, rng(6));
    const mean = new Float64Array(f.dim);
    for (let b = 0; b < 3; b++) {
      batches.value(theta);
      const g = batches.grad(theta);
      for (let i = 0; i < f.dim; i++) mean[i] += g[i] / 3;
    }
    assert.ok(relativeError(mean, f.grad(theta)) < 1e-12, "the three batches of 4 partition the 12 rows");
    // Destructured methods still work (grad before any value draws the first batch, as on the object).
    const { grad } = f.minibatches(4, rng(6));
    const first = f.minibatches(4, rng(6));
    first.value(theta);
    assert.deepEqual(Array.from(grad(theta)), Array.from(first.grad(theta)));
    // One step of gd on the minibatch objective: the batch is the first 4 of rng(7)'s permutation.
    const trace = gd(f.minibatches(4, rng(7)), theta, { stepSize: 0.3, maxIterations: 1, tolerance: 0 });
    const order = rng(7).permutation(12).slice(0, 4);
    const { X, y } = small(4, 12);
    const fb = objectives.softmaxNetwork(linalg.dense(4, 4, Float64Array.from(order.flatMap((row) => Array.from(X.data.subarray(row * 4, row * 4 + 4))))), order.map((row) => y[row]), { width: 5, classes: 3 });
    const expected = theta.map((t, i) => t - 0.3 * fb.grad(theta)[i]);
    assert.ok(relativeError(trace.x, expected) < 1e-14);
  });

  it("predicts the argmax class and counts errors; rejects bad labels, widths and inputs by name", () => {
    const { X, y, f, r } = small(8);
    const theta = r.normalVector(f.dim);
    const predicted = f.predict(theta, X);
    const { W1, b1, W2, b2 } = f.unpack(theta);
    const h = linalg.addBias(linalg.gemm(X, W1), b1);
    const z = linalg.addBias(linalg.gemm(linalg.relu(h), W2), b2);
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(z.data.subarray(i * 3, i * 3 + 3));
      assert.equal(predicted[i], row.indexOf(Math.max(...row)));
    }
    assert.equal(f.errorRate(theta, X, y), predicted.filter((c, i) => c !== y[i]).length / X.rows);
    // On more rows than the training set (the workspace grows): the same classes on a copy stacked 70 times.
    const many = linalg.dense(9 * 70, 4, new Float64Array(9 * 70 * 4).map((_, i) => X.data[i % 36]));
    assert.deepEqual(Array.from(f.predict(theta, many)).slice(-9), Array.from(predicted));
    assert.throws(() => objectives.softmaxNetwork(X, y.map((v) => v + 1), { width: 5, classes: 3 }), /labels\[2\] must be an integer class in 0…2/);
    assert.throws(() => objectives.softmaxNetwork(X, y, { width: 0, classes: 3 }), /width must be an integer ≥ 1/);
    assert.throws(() => f.predict(theta, linalg.dense(2, 3)), /X must have 4 columns/);
    assert.throws(() => f.minibatches(10, rng(1)), /batchSize must be ≤ n = 9/);
  });

  it("returns NaN (not an exception) at a non-finite θ, so that gd reports a divergence", () => {
    const { f } = small(10);
    const theta = new Float64Array(f.dim).fill(1);
    theta[3] = Infinity;
    assert.ok(Number.isNaN(f.value(theta)) && f.grad(theta).every(Number.isNaN));
    const trace = gd(f, rng(11).normalVector(f.dim), { stepSize: 1e200, maxIterations: 5, tolerance: 0 });
    assert.equal(trace.status, "diverged");
    const sgd = gd(f.minibatches(3, rng(12)), rng(11).normalVector(f.dim), { stepSize: 1e200, maxIterations: 5, tolerance: 0 });
    assert.equal(sgd.status, "diverged");
    assert.throws(() => f.value(new Float64Array(3)), /theta must be a Float64Array of length/);
  });

  it("initializes W1 ~ N(0, 2/d), W2 ~ N(0, 1/m) and zero biases", () => {
    const X = linalg.dense(2, 50);
    const f = objectives.softmaxNetwork(X, [0, 1], { width: 400, classes: 10 });
    const { W1, b1, W2, b2 } = f.unpack(f.init(rng(9)));
    const variance = (a: Float64Array) => a.reduce((s, v) => s + v * v, 0) / a.length;
    // The sample variance of N draws has relative sd √(2/N): 0.01 for 20,000, 0.022 for 4,000; 4 sd of slack.
    assert.ok(Math.abs(variance(W1.data) / (2 / 50) - 1) < 0.04, `W1 variance ${variance(W1.data)}`);
    assert.ok(Math.abs(variance(W2.data) / (1 / 400) - 1) < 0.09, `W2 variance ${variance(W2.data)}`);
    assert.ok(b1.every((v) => v === 0) && b2.every((v) => v === 0));
  });
});

describe("datasets.fashionMnist", () => {
  it("loads 10,000 + 2,000 images of 196 pixels in [0, 1] with labels 0–9, its prefixes the first images", () => {
    const { train, test } = datasets.fashionMnist();
    assert.deepEqual([train.X.rows, train.X.cols, train.y.length, test.X.rows, test.y.length], [10000, 196, 10000, 2000, 2000]);
    assert.ok(train.X.data.every((v) => v >= 0 && v <= 1) && test.X.data.every((v) => v >= 0 && v <= 1));
    const counts = new Array(10).fill(0);
    for (const c of train.y) counts[c]++;
    // A uniform random subset of a balanced set: each class ≈ 1,000 ± 30 (binomial sd); 4 sd of slack.
    assert.ok(counts.every((c) => Math.abs(c - 1000) < 120), `class counts ${counts}`);
    const small = datasets.fashionMnist({ trainSize: 5, testSize: 3 });
    assert.deepEqual(Array.from(small.train.y), Array.from(train.y.subarray(0, 5)));
    assert.deepEqual(Array.from(small.test.X.data), Array.from(test.X.data.subarray(0, 3 * 196)));
    assert.throws(() => datasets.fashionMnist({ trainSize: 10001 }), /trainSize must be ≤ 10000/);
  });

  it("every vendored image, label and index is what data/fashion-mnist/README.md says it was made from (Debian's originals)", (t) => {
    const source = "/usr/share/datasets/fashion-mnist";
    if (!existsSync(join(source, "train-images-idx3-ubyte.gz"))) {
      t.skip(`${source} not present (Debian package dataset-fashion-mnist, which .ci/run installs): nothing to compare with`);
      return;
    }
    // Re-derived here from the originals, independently of tools/vendor-fashion-mnist.ts: the indices are
    // rng(2015).sample(60000, 10000), then sample(10000, 2000) from the same generator, each sorted; each
    // image is the 28 × 28 original averaged over 2 × 2 blocks, rounded half up; each label the original's.
    const r = rng(2015);
    const drawn = { train: r.sample(60000, 10000), test: r.sample(10000, 2000) };
    for (const [split, prefix] of [["train", "train"], ["test", "t10k"]] as const) {
      const indices = readFileSync(resolve("data", "fashion-mnist", `${split}-indices.txt`), "utf8").trim().split(/\s+/).map(Number);
      assert.deepEqual(indices, [...drawn[split]].sort((a, b) => a - b), `${split}-indices.txt`);
      const images = gunzipSync(readFileSync(join(source, `${prefix}-images-idx3-ubyte.gz`)));
      const labels = gunzipSync(readFileSync(join(source, `${prefix}-labels-idx1-ubyte.gz`)));
      assert.deepEqual([images.readUInt32BE(0), images.readUInt32BE(8), images.readUInt32BE(12), labels.readUInt32BE(0)], [2051, 28, 28, 2049]); // idx headers
      const vendored = gunzipSync(readFileSync(resolve("data", "fashion-mnist", `${split}-images-14x14.u8.gz`)));
      assert.equal(vendored.length, indices.length * 196);
      indices.forEach((index, row) => {
        const image = images.subarray(16 + index * 784, 16 + (index + 1) * 784); // idx3: a 16-byte header
        for (let p = 0; p < 196; p++) {
          const [i, j] = [Math.floor(p / 14), p % 14];
          const sum = image[2 * i * 28 + 2 * j] + image[2 * i * 28 + 2 * j + 1] + image[(2 * i + 1) * 28 + 2 * j] + image[(2 * i + 1) * 28 + 2 * j + 1];
          if (vendored[row * 196 + p] !== Math.floor(sum / 4 + 0.5)) assert.fail(`${split} image ${row} (original ${index}), pixel ${p}: ${vendored[row * 196 + p]}, expected ${Math.floor(sum / 4 + 0.5)}`);
        }
      });
      const expectedLabels = indices.map((index) => labels[8 + index]); // idx1: an 8-byte header
      assert.deepEqual(Array.from(readFileSync(resolve("data", "fashion-mnist", `${split}-labels.u8`))), expectedLabels, `${split}-labels.u8`);
      // And the loader serves them: pixels / 255, the labels as they are.
      const loaded = datasets.fashionMnist()[split];
      assert.deepEqual(Array.from(loaded.y), expectedLabels);
      assert.ok(loaded.X.data.every((v, q) => v === vendored[q] / 255), `${split}: the loader's pixels are not the bytes / 255`);
    }
  });
});
