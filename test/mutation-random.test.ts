// The generator's formulas (lib/src/random.ts) replayed from the same seed: uniform(a, b) on the
// overflowing range, Haar's sign correction Q·sign(diag R) on the QR of the same Gaussian matrix,
// Fisher–Yates (full and partial) with exactly the draws it should make (checked by the next
// word of the stream), and every argument check with its message. Written for `npm run mutate`
// (the distributions themselves are tested in test/distributions.test.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Matrix, rng } from "landscape";
import { QrDecomposition } from "ml-matrix";

describe("Rng formulas replayed from the seed", () => {
  it("uniform(a, b) = a + (b − a)u, and a(1 − u) + bu when b − a overflows; a = b gives a", () => {
    for (const seed of [1, 2, 3]) {
      const u = rng(seed).uniform();
      assert.equal(rng(seed).uniform(-2, 3), -2 + 5 * u);
      const a = -1.7e308, b = 1.6e308;
      const x = rng(seed).uniform(a, b);
      assert.equal(x, a * (1 - u) + b * u);
      assert.ok(Number.isFinite(x) && x >= a && x < b);
    }
    assert.equal(rng(4).uniform(1.5, 1.5), 1.5);
    assert.throws(() => rng(4).uniform(2, 1), /^Error: a must be ≤ b, got a = 2 and b = 1$/);
  });

  it("normal(mean, sd): sd = 0 gives the mean; a negative or non-finite sd is refused by name", () => {
    assert.equal(rng(1).normal(3, 0), 3);
    assert.ok(rng(1).normalVector(2, 0).every((v) => v === 0));
    assert.throws(() => rng(1).normal(0, -1), /^Error: sd must be ≥ 0, got -1$/);
    assert.throws(() => rng(1).normal(0, NaN), /^Error: sd must be a finite number, got NaN$/);
    assert.throws(() => rng(1).normalVector(3, -0.5), /^Error: sd must be ≥ 0, got -0\.5$/);
    assert.throws(() => rng(1).normalMatrix(2, 2, -2), /^Error: sd must be ≥ 0, got -2$/);
    assert.throws(() => rng(1).normal(NaN), /^Error: mean must be a finite number, got NaN$/);
    assert.throws(() => rng(1).normalVector(3, 1, new Float64Array(2)), /^Error: out must have length 3, got 2$/);
    assert.throws(() => rng(1).normalMatrix(0, 2), /^Error: rows must be an integer ≥ 1, got 0$/);
    assert.throws(() => rng(1).normalMatrix(2, 0), /^Error: columns must be an integer ≥ 1, got 0$/);
    // normalMatrix fills row by row from the same stream as normalVector.
    assert.deepEqual(rng(5).normalMatrix(2, 3, 0.5).to1DArray(), Array.from(rng(5).normalVector(6, 0.5)));
  });

  it("orthogonal(n) = Q·sign(diag R) for the QR of the same Gaussian matrix (Mezzadri), not −Q·sign(diag R)", () => {
    for (const [seed, n] of [[3, 4], [8, 3], [13, 5]]) {
      const q = rng(seed).orthogonal(n);
      const qr = new QrDecomposition(rng(seed).normalMatrix(n, n));
      const Q = qr.orthogonalMatrix, R = qr.upperTriangularMatrix;
      const flips = [0, 1, 2, 3, 4].slice(0, n).map((j) => Math.sign(R.get(j, j)));
      assert.ok(flips.includes(1) && flips.includes(-1), "both signs occur on this diagonal");
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) assert.equal(q.get(i, j), Q.get(i, j) * flips[j]);
    }
    assert.ok(rng(1).orthogonal(1) instanceof Matrix);
    assert.throws(() => rng(1).orthogonal(0), /^Error: n must be an integer ≥ 1, got 0$/);
  });

  it("permutation(n) is Fisher–Yates with j = integer(0, i) for i = n − 1, …, 1: no draw for i = 0", () => {
    for (const n of [1, 2, 6]) {
      const r = rng(21), replay = rng(21);
      const p = r.permutation(n);
      const e = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = replay.integer(0, i);
        [e[i], e[j]] = [e[j], e[i]];
      }
      assert.deepEqual(p, e);
      assert.equal(r.word(), replay.word(), `the stream after permutation(${n})`);
    }
    assert.deepEqual(rng(1).permutation(0), []);
    assert.throws(() => rng(1).permutation(-1), /^Error: n must be an integer ≥ 0, got -1$/);
  });

  it("sample(n, k) without replacement: k draws integer(i, n − 1), i < k; with replacement: k draws integer(0, n − 1)", () => {
    for (const [n, k] of [[7, 3], [5, 5], [4, 1]]) {
      const r = rng(22), replay = rng(22);
      const s = r.sample(n, k);
      const e = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = replay.integer(i, n - 1);
        [e[i], e[j]] = [e[j], e[i]];
      }
      assert.deepEqual(s, e.slice(0, k));
      assert.equal(r.word(), replay.word(), `the stream after sample(${n}, ${k})`);
    }
    const r = rng(23), replay = rng(23);
    assert.deepEqual(r.sample(4, 6, { replace: true }), Array.from({ length: 6 }, () => replay.integer(0, 3)));
    assert.equal(r.word(), replay.word());
    assert.throws(() => rng(1).sample(0, 1), /^Error: n must be an integer ≥ 1, got 0$/);
    assert.throws(() => rng(1).sample(3, -1), /^Error: k must be an integer ≥ 0, got -1$/);
    assert.throws(() => rng(1).sample(3, 4), /^Error: k must be ≤ n = 3 when sampling without replacement, got 4$/);
  });

  it("sphere and ball: x = radius·z/‖z‖ and x·U^{1/n} from the same stream", () => {
    const z = rng(30).normalVector(3);
    const nz = Math.hypot(...z);
    const x = rng(30).sphere(3, 2.5);
    x.forEach((v, i) => assert.ok(Math.abs(v - (2.5 * z[i]) / nz) < 1e-15));
    const r = rng(31);
    const zb = r.normalVector(4);
    const u = r.uniform();
    const b = rng(31).ball(4, 0.5);
    const nb = Math.hypot(...zb);
    b.forEach((v, i) => assert.ok(Math.abs(v - ((0.5 * zb[i]) / nb) * Math.pow(u, 1 / 4)) < 1e-15));
    assert.throws(() => rng(1).ball(3, -1), /^Error: radius must be a finite number > 0, got -1$/);
  });

  it("integer(from, to) and the seed's checks", () => {
    assert.equal(rng(1).integer(4, 4), 4);
    assert.throws(() => rng(1).integer(1.5, 3), /^Error: from must be an integer ≥ -9007199254740991, got 1\.5$/);
    assert.throws(() => rng(1).integer(3, 2), /^Error: to must be an integer ≥ 3, got 2$/);
    assert.throws(() => rng(-1), /^Error: seed must be an integer ≥ 0, got -1$/);
    assert.throws(() => rng(2 ** 32), /^Error: seed must be an integer < 2\^32, got 4294967296$/);
    assert.equal(typeof rng(2 ** 32 - 1).word(), "number");
  });
});
