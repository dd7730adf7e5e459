/**
 * The vendored Fashion-MNIST subset (data/fashion-mnist/, written by
 * tools/vendor-fashion-mnist.ts from Debian's dataset-fashion-mnist; MIT, Zalando SE 2017):
 * 10,000 training and 2,000 test images, downsampled to 14 × 14 by 2 × 2 averaging.
 * @module
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Dense } from "../linalg/dense";
import { assertInteger, optionsObject } from "../validate";

/** Pixels per image (14 × 14). */
export const FASHION_MNIST_PIXELS = 196;
/** The ten class names, by label. */
export const FASHION_MNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"] as const;
const SIZES = { train: 10_000, test: 2_000 } as const;

/** One split: X is n × 196 (row i = image i, pixel (r, c) at column 14r + c, in [0, 1]); y the labels 0–9. */
export interface LabeledImages {
  X: Dense;
  y: Uint8Array;
}

/**
 * The data folder: this file is lib/src/datasets/fashionMnist.ts under tsx and
 * lib/dist/datasets/fashionMnist.js once built (tslab), both three levels below the
 * repository root that holds data/.
 */
function folder(): string {
  return resolve(__dirname, "..", "..", "..", "data", "fashion-mnist");
}

function split(name: "train" | "test", n: number): LabeledImages {
  const dir = folder();
  const read = (file: string): Buffer => {
    try {
      return readFileSync(join(dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new Error(`fashionMnist: ${file} not found in ${dir} (the vendored subset is expected in data/fashion-mnist/ at the repository root; rerun tools/vendor-fashion-mnist.ts)`);
      }
      throw error;
    }
  };
  const pixels = gunzipSync(read(`${name}-images-14x14.u8.gz`));
  const labels = read(`${name}-labels.u8`);
  if (pixels.length !== SIZES[name] * FASHION_MNIST_PIXELS || labels.length !== SIZES[name]) {
    throw new Error(`data/fashion-mnist/${name}: expected ${SIZES[name]} images of ${FASHION_MNIST_PIXELS} bytes and as many labels, got ${pixels.length} bytes and ${labels.length} labels (rerun tools/vendor-fashion-mnist.ts)`);
  }
  const data = new Float64Array(n * FASHION_MNIST_PIXELS);
  for (let i = 0; i < data.length; i++) data[i] = pixels[i] / 255;
  return { X: { rows: n, cols: FASHION_MNIST_PIXELS, data }, y: Uint8Array.from(labels.subarray(0, n)) };
}

/**
 * The Fashion-MNIST subset with pixels scaled to [0, 1] (byte / 255): `train` the first
 * `trainSize` (default and at most 10,000) of the vendored training images, `test` the first
 * `testSize` (default and at most 2,000) test images. The vendored images keep the order of
 * the original files (their indices sorted), so a prefix is a random subset only insofar as
 * the original order is exchangeable (Fashion-MNIST's files are shuffled), and a short prefix
 * draws only from the first originals (trainSize = 128 from originals below about 770).
 */
export function fashionMnist(options: { trainSize?: number; testSize?: number } = {}): { train: LabeledImages; test: LabeledImages } {
  const { trainSize = SIZES.train, testSize = SIZES.test } = optionsObject("options", options);
  assertInteger("trainSize", trainSize, 1);
  assertInteger("testSize", testSize, 1);
  if (trainSize > SIZES.train) throw new Error(`trainSize must be ≤ ${SIZES.train} (the vendored training images), got ${trainSize}`);
  if (testSize > SIZES.test) throw new Error(`testSize must be ≤ ${SIZES.test} (the vendored test images), got ${testSize}`);
  return { train: split("train", trainSize), test: split("test", testSize) };
}
