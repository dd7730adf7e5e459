/**
 * Writes the seeded Fashion-MNIST subset that notebook 04b reads into data/fashion-mnist/:
 * `npx tsx tools/vendor-fashion-mnist.ts [source folder]`.
 *
 * Source: Debian's package `dataset-fashion-mnist` (Zalando Research's original idx files,
 * 60,000 training and 10,000 test images of 28 × 28 grey levels, MIT licence), installed
 * under /usr/share/datasets/fashion-mnist/. Nothing is downloaded.
 *
 * Conversion: 10,000 training and 2,000 test images drawn without replacement by
 * `rng(SEED).sample` (the library's seeded generator), kept in increasing order of their
 * index in the original file; each image downsampled to 14 × 14 by averaging 2 × 2 blocks
 * and rounding to the nearest integer (ties up), stored as unsigned bytes, row-major, gzipped.
 * Why 14 × 14: the first layer's products cost n·d·m multiply-adds, so a quarter of the
 * inputs lets widths up to 2,048 train inside the notebook's minute.
 * The README written beside the data records the checksums and the chosen indices.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { rng } from "../lib/src/random";

/** The seed of the subset (the year of Neyshabur, Tomioka & Srebro's paper). */
export const SEED = 2015;
export const TRAIN = 10_000;
export const TEST = 2_000;
export const SIDE = 14;

/** The images of an idx3 file (magic 2051, count, rows, columns, then bytes). */
function readImages(path: string): { count: number; rows: number; cols: number; pixels: Uint8Array } {
  const b = gunzipSync(readFileSync(path));
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (view.getUint32(0) !== 2051) throw new Error(`${path}: not an idx3 image file (magic ${view.getUint32(0)})`);
  const count = view.getUint32(4);
  const rows = view.getUint32(8);
  const cols = view.getUint32(12);
  return { count, rows, cols, pixels: b.subarray(16, 16 + count * rows * cols) };
}

/** The labels of an idx1 file (magic 2049, count, then bytes). */
function readLabels(path: string): Uint8Array {
  const b = gunzipSync(readFileSync(path));
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (view.getUint32(0) !== 2049) throw new Error(`${path}: not an idx1 label file (magic ${view.getUint32(0)})`);
  return b.subarray(8, 8 + view.getUint32(4));
}

/** The chosen images, each 28 × 28 averaged over 2 × 2 blocks into 14 × 14 bytes. */
function downsample(images: ReturnType<typeof readImages>, indices: number[]): Uint8Array {
  const { rows, cols, pixels } = images;
  if (rows !== 2 * SIDE || cols !== 2 * SIDE) throw new Error(`expected 28 × 28 images, got ${rows} × ${cols}`);
  const out = new Uint8Array(indices.length * SIDE * SIDE);
  indices.forEach((index, n) => {
    const base = index * rows * cols;
    for (let i = 0; i < SIDE; i++) {
      for (let j = 0; j < SIDE; j++) {
        const p = base + 2 * i * cols + 2 * j;
        const sum = pixels[p] + pixels[p + 1] + pixels[p + cols] + pixels[p + cols + 1];
        out[(n * SIDE + i) * SIDE + j] = Math.floor(sum / 4 + 0.5);
      }
    }
  });
  return out;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function main(source = "/usr/share/datasets/fashion-mnist"): void {
  const out = resolve(__dirname, "..", "data", "fashion-mnist");
  mkdirSync(out, { recursive: true });
  const r = rng(SEED);
  const files: { name: string; bytes: Uint8Array }[] = [];
  const originals: string[] = [];
  const chosen: Record<string, number[]> = {};
  for (const [split, prefix, count] of [["train", "train", TRAIN], ["test", "t10k", TEST]] as const) {
    const imagesPath = join(source, `${prefix}-images-idx3-ubyte.gz`);
    const labelsPath = join(source, `${prefix}-labels-idx1-ubyte.gz`);
    for (const p of [imagesPath, labelsPath]) originals.push(`${sha256(readFileSync(p))}  ${p}`);
    const images = readImages(imagesPath);
    const labels = readLabels(labelsPath);
    if (labels.length !== images.count) throw new Error(`${prefix}: ${images.count} images but ${labels.length} labels`);
    const indices = r.sample(images.count, count).sort((a, b) => a - b);
    chosen[split] = indices;
    files.push({ name: `${split}-images-14x14.u8.gz`, bytes: gzipSync(downsample(images, indices), { level: 9 }) });
    files.push({ name: `${split}-labels.u8`, bytes: Uint8Array.from(indices, (i) => labels[i]) });
    files.push({ name: `${split}-indices.txt`, bytes: new TextEncoder().encode(indices.join("\n") + "\n") });
  }
  for (const f of files) writeFileSync(join(out, f.name), f.bytes);
  writeFileSync(join(out, "LICENSE"), LICENSE);
  writeFileSync(join(out, "README.md"), readme(files, originals, chosen));
  console.log(`wrote ${files.length} files, LICENSE and README.md to ${out}`);
}

function readme(files: { name: string; bytes: Uint8Array }[], originals: string[], chosen: Record<string, number[]>): string {
  const preview = (a: number[]) => `${a.slice(0, 8).join(", ")}, …, ${a.slice(-3).join(", ")}`;
  return `# Fashion-MNIST subset (14 × 14)

A seeded subset of Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, Zalando Research), read by
\`datasets.fashionMnist()\` and notebook 04b as the stand-in for MNIST in Neyshabur, Tomioka &
Srebro (2015), Figure 1.

## Provenance
- Source: Debian's package \`dataset-fashion-mnist\` (upstream https://github.com/zalandoresearch/fashion-mnist),
  the original idx files under /usr/share/datasets/fashion-mnist/. SHA-256 of the files read:
${originals.map((l) => `  - \`${l}\``).join("\n")}
- Licence: MIT (Expat), Copyright 2017 Zalando SE; see LICENSE.
- Written by \`npx tsx tools/vendor-fashion-mnist.ts\` (rerunning it reproduces these files byte for byte).
- Checked by \`test/softmaxNetwork.test.ts\`, which re-derives every index, image and label here from the
  originals (when \`dataset-fashion-mnist\` is installed, as \`.ci/run\` does).

## Conversion
- ${TRAIN.toLocaleString("en")} training images drawn from the 60,000 of \`train-images-idx3-ubyte.gz\` and
  ${TEST.toLocaleString("en")} test images from the 10,000 of \`t10k-images-idx3-ubyte.gz\`, without replacement, by
  the library's seeded generator: \`rng(${SEED}).sample(60000, ${TRAIN})\`, then (same generator, continuing)
  \`sample(10000, ${TEST})\`; each list sorted increasingly. The chosen 0-based indices into the original files are
  in \`train-indices.txt\` and \`test-indices.txt\` (one per line, in the order of the images here):
  train ${preview(chosen.train)}; test ${preview(chosen.test)}.
- Each 28 × 28 image is downsampled to 14 × 14 by averaging 2 × 2 blocks of pixels and rounding to the nearest
  integer (halves up). Why: the first layer of a one-hidden-layer network costs n·d·m multiply-adds per pass;
  d = 196 instead of 784 lets widths up to 2,048 train within the notebook's minute on two cores.
- Files: \`<split>-images-14x14.u8.gz\` is gzip of N × 196 unsigned bytes (row-major images, pixel (i, j) at
  14i + j, 0 = background, 255 = full intensity); \`<split>-labels.u8\` is N bytes, the class 0–9
  (0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot).
  The loader divides pixels by 255.

## SHA-256 of the files here
${files.map((f) => `- \`${sha256(f.bytes)}  ${f.name}\``).join("\n")}
`;
}

const LICENSE = `The MIT License (MIT) Copyright © 2017 Zalando SE, https://tech.zalando.com

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the “Software”), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED “AS IS”, WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`;

if (require.main === module) main(process.argv[2]);
