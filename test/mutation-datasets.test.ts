// The vendored datasets read as their files say (lib/src/datasets/{digits, fashionMnist}.ts):
// digits' last image and class filter at both ends of 0…9, fashionMnist's pixels as bytes / 255
// read here from the files directly, the size limits and the names in the errors.
// Reference values of digits from Python (gzip + csv over data/digits/digits.csv.gz).
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { describe, it } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
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

/**
 * A copy of the loaded dataset module (and of validate, which it imports) under a folder of the
 * repository (so that ml-matrix resolves), with its own data folder three levels up, as the module
 * expects: the missing-file and damaged-file paths, without touching the vendored data.
 */
function moduleCopy(name: "digits" | "fashionMnist", data: Record<string, Buffer | "folder">) {
  const loaded = (pattern: RegExp) => Object.keys(require.cache).find((p) => pattern.test(p))!;
  const source = loaded(new RegExp(`[\\\\/]datasets[\\\\/]${name}\\.[jt]s$`));
  const validate = loaded(/[\\/]lib[\\/](src|dist)[\\/]validate\.[jt]s$/);
  assert.ok(source && validate, "the library's modules are loaded");
  const root = mkdtempSync(join(resolve("test", "fixtures", "generated"), `datasets-${name}-`));
  const lib = join(root, "lib", "copy");
  mkdirSync(join(lib, "datasets"), { recursive: true });
  copyFileSync(source, join(lib, "datasets", basename(source)));
  copyFileSync(validate, join(lib, basename(validate)));
  const folder = join(root, "data", name === "digits" ? "digits" : "fashion-mnist");
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(data)) {
    if (content === "folder") mkdirSync(join(folder, file));
    else writeFileSync(join(folder, file), content);
  }
  return { module: require(join(lib, "datasets", basename(source))) as typeof datasets, folder, remove: () => rmSync(root, { recursive: true, force: true }) };
}

describe("datasets: a missing or damaged data file is named", () => {
  mkdirSync(join("test", "fixtures", "generated"), { recursive: true });

  it("digits: the missing file and a file whose SHA-256 differs", () => {
    const missing = moduleCopy("digits", {});
    try {
      assert.throws(() => missing.module.digits(), new RegExp(`^Error: digits: the data file is missing at ${missing.folder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/digits\\.csv\\.gz \\(it is part of the repository`));
    } finally {
      missing.remove();
    }
    const damaged = moduleCopy("digits", { "digits.csv.gz": gzipSync("1,2,3\n") });
    try {
      const sha = createHash("sha256").update(readFileSync(join(damaged.folder, "digits.csv.gz"))).digest("hex");
      assert.throws(() => damaged.module.digits(), new RegExp(`^Error: digits: data/digits/digits\\.csv\\.gz has SHA-256 ${sha}, expected ${datasets.DIGITS_SHA256} \\(a changed or damaged copy\\)$`));
    } finally {
      damaged.remove();
    }
  });

  it("fashionMnist: a missing file (ENOENT), a folder in its place (rethrown as is), and files of the wrong size", () => {
    const missing = moduleCopy("fashionMnist", {});
    try {
      assert.throws(() => missing.module.fashionMnist({ trainSize: 1, testSize: 1 }), /^Error: fashionMnist: train-images-14x14\.u8\.gz not found in .*data\/fashion-mnist \(the vendored subset is expected in data\/fashion-mnist\/ at the repository root; rerun tools\/vendor-fashion-mnist\.ts\)$/);
    } finally {
      missing.remove();
    }
    const folder = moduleCopy("fashionMnist", { "train-images-14x14.u8.gz": "folder" });
    try {
      assert.throws(() => folder.module.fashionMnist({ trainSize: 1, testSize: 1 }), (e: NodeJS.ErrnoException) => e.code === "EISDIR");
    } finally {
      folder.remove();
    }
    for (const [pixels, labels] of [[196 * 10_000 - 1, 10_000], [196 * 10_000, 9_999]]) {
      const short = moduleCopy("fashionMnist", { "train-images-14x14.u8.gz": gzipSync(Buffer.alloc(pixels)), "train-labels.u8": Buffer.alloc(labels) });
      try {
        assert.throws(() => short.module.fashionMnist({ trainSize: 1, testSize: 1 }), new RegExp(`^Error: data/fashion-mnist/train: expected 10000 images of 196 bytes and as many labels, got ${pixels} bytes and ${labels} labels \\(rerun tools/vendor-fashion-mnist\\.ts\\)$`));
      } finally {
        short.remove();
      }
    }
  });
});
