// The vendored datasets read as their files say (lib/src/datasets/{digits, fashionMnist}.ts):
// digits' last image and class filter at both ends of 0…9, fashionMnist's pixels as bytes / 255
// read here from the files directly, the size limits and the names in the errors.
// Reference values of digits from Python (gzip + csv over data/digits/digits.csv.gz).
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import { datasets } from "landscape";

describe("datasets.digits: every row, the filter's ends, the options", () => {
  it("the last image and the second, row-major, with their labels", () => {
    const { X, labels } = datasets.digits();
    const row = (i: number) => Array.from(X.data.subarray(64 * i, 64 * i + 64));
    assert.deepEqual(row(1796).slice(0, 8), [0, 0, 10, 14, 8, 1, 0, 0]);
    assert.deepEqual(row(1796).slice(56), [0, 1, 8, 12, 14, 12, 1, 0]);
    assert.equal(labels[1796], 8);
    assert.deepEqual(row(1).slice(0, 8), [0, 0, 0, 12, 13, 5, 0, 0]);
    assert.equal(labels[1], 1);
    assert.equal(X.data.length, 1797 * 64);
  });

  it("keeps the classes asked for, 0 and 9 included, from an array or a typed array, in file order", () => {
    const nines = datasets.digits({ classes: [9] });
    assert.equal(nines.X.rows, 180);
    assert.ok(nines.labels.every((l) => l === 9));
    assert.deepEqual(Array.from(nines.X.data.subarray(0, 8)), [0, 0, 11, 12, 0, 0, 0, 0], "the first 9 of the file");
    assert.deepEqual(Array.from(nines.X.data.subarray(180 * 64 - 4)), [16, 12, 0, 0], "the last 9 of the file");
    assert.equal(datasets.digits({ classes: [0] }).X.rows, 178);
    assert.equal(datasets.digits({ classes: Uint8Array.of(3, 3) }).X.rows, 183);
  });

  it("names what is wrong with the options", () => {
    assert.throws(() => datasets.digits({ classes: "3" as never }), /^Error: options\.classes must be an array of digits 0…9, got string$/);
    assert.throws(() => datasets.digits({ classes: null as never }), /^Error: options\.classes must be an array of digits 0…9, got null$/);
    assert.throws(() => datasets.digits({ classes: [] }), /^Error: options\.classes must name at least one digit 0…9$/);
    assert.throws(() => datasets.digits({ classes: [3, -1] }), /^Error: options\.classes\[1\] must be a digit 0…9, got -1$/);
    assert.throws(() => datasets.digits({ classes: [2.5] }), /^Error: options\.classes\[0\] must be a digit 0…9, got 2\.5$/);
    assert.throws(() => datasets.digits(null as never), /options must be an object/);
  });
});

describe("datasets.fashionMnist: bytes / 255, prefixes, limits", () => {
  const folder = join("data", "fashion-mnist");
  const bytes = (name: string) => new Uint8Array(gunzipSync(readFileSync(join(folder, `${name}-images-14x14.u8.gz`))));
  const labels = (name: string) => new Uint8Array(readFileSync(join(folder, `${name}-labels.u8`)));

  it("every pixel of both splits is its byte / 255, with the file's labels; 10,000 and 2,000 images by default (the limits themselves)", () => {
    const { train, test } = datasets.fashionMnist();
    for (const [split, name, n] of [[train, "train", 10_000], [test, "test", 2_000]] as const) {
      assert.deepEqual([split.X.rows, split.X.cols, split.y.length], [n, datasets.FASHION_MNIST_PIXELS, n]);
      const raw = bytes(name);
      assert.ok(split.X.data.every((v, i) => v === raw[i] / 255), `${name}: pixels`);
      assert.deepEqual(Array.from(split.y), Array.from(labels(name)), `${name}: labels`);
    }
    assert.equal(datasets.FASHION_MNIST_PIXELS, 196);
    assert.deepEqual(datasets.FASHION_MNIST_CLASSES.slice(0, 2), ["T-shirt/top", "Trouser"]);
  });

  it("a prefix of each split, down to one image", () => {
    const { train, test } = datasets.fashionMnist({ trainSize: 1, testSize: 3 });
    assert.deepEqual([train.X.rows, train.X.data.length, train.y.length, test.X.rows, test.y.length], [1, 196, 1, 3, 3]);
    assert.deepEqual(Array.from(test.y), Array.from(labels("test").subarray(0, 3)));
    assert.ok(test.X.data.every((v, i) => v === bytes("test")[i] / 255));
  });

  it("names sizes beyond the vendored images, below one, and bad options", () => {
    assert.throws(() => datasets.fashionMnist({ trainSize: 10_001 }), /^Error: trainSize must be ≤ 10000 \(the vendored training images\), got 10001$/);
    assert.throws(() => datasets.fashionMnist({ testSize: 2_001 }), /^Error: testSize must be ≤ 2000 \(the vendored test images\), got 2001$/);
    assert.throws(() => datasets.fashionMnist({ trainSize: 0 }), /trainSize must be an integer ≥ 1, got 0/);
    assert.throws(() => datasets.fashionMnist({ testSize: 0 }), /testSize must be an integer ≥ 1, got 0/);
    assert.throws(() => datasets.fashionMnist(null as never), /options must be an object/);
  });
});
