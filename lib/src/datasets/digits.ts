/**
 * The UCI optical-recognition digits (1,797 images of 8 × 8 pixels, values 0…16, labels 0…9), as
 * shipped by scikit-learn and vendored in the repository's `data/digits/` (see its README for the
 * provenance and licence). Read from disk on each call; nothing is downloaded.
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Dense } from "../linalg/dense";
import { optionsObject } from "../validate";

/** SHA-256 of data/digits/digits.csv.gz (tools/vendor-digits.ts prints it). */
export const DIGITS_SHA256 = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a";

/** The digits, one image per row. */
export interface Digits {
  /** n × 64 pixel values 0…16 (row-major 8 × 8 images, one per row), as float64. */
  X: Dense;
  /** The n labels 0…9. */
  labels: Uint8Array;
}

/**
 * The data file: `data/digits/digits.csv.gz` at the repository's root, three folders up from this
 * module both when it runs built (lib/dist/datasets, under tslab) and from source (lib/src/datasets, under tsx).
 */
function dataFile(): string {
  const path = join(__dirname, "..", "..", "..", "data", "digits", "digits.csv.gz");
  if (!existsSync(path)) throw new Error(`digits: the data file is missing at ${path} (it is part of the repository; \`npx tsx tools/vendor-digits.ts\` copies it from Debian's python3-sklearn)`);
  return path;
}

/**
 * The 1,797 digits (file order), or those whose label is in `classes` (e.g. [3, 8]), in file order.
 * The file's SHA-256 is checked against {@link DIGITS_SHA256}.
 */
export function digits(options?: { classes?: ArrayLike<number> }): Digits {
  const { classes } = optionsObject("options", options);
  let keep: Set<number> | undefined;
  if (classes !== undefined) {
    if (!Array.isArray(classes) && !ArrayBuffer.isView(classes)) throw new Error(`options.classes must be an array of digits 0…9, got ${classes === null ? "null" : typeof classes}`);
    keep = new Set<number>();
    for (let i = 0; i < classes.length; i++) {
      const c = classes[i];
      if (!Number.isInteger(c) || c < 0 || c > 9) throw new Error(`options.classes[${i}] must be a digit 0…9, got ${String(c)}`);
      keep.add(c);
    }
    if (keep.size === 0) throw new Error("options.classes must name at least one digit 0…9");
  }
  const bytes = readFileSync(dataFile());
  const sha = createHash("sha256").update(bytes).digest("hex");
  if (sha !== DIGITS_SHA256) throw new Error(`digits: data/digits/digits.csv.gz has SHA-256 ${sha}, expected ${DIGITS_SHA256} (a changed or damaged copy)`);
  const lines = gunzipSync(bytes).toString("utf8").trim().split("\n");
  const rows: number[][] = [];
  for (const line of lines) {
    const v = line.split(",").map(Number);
    if (keep === undefined || keep.has(v[64])) rows.push(v);
  }
  const n = rows.length;
  const X = new Float64Array(n * 64);
  const labels = new Uint8Array(n);
  rows.forEach((v, i) => {
    for (let j = 0; j < 64; j++) X[i * 64 + j] = v[j];
    labels[i] = v[64];
  });
  return { X: { rows: n, cols: 64, data: X }, labels };
}
