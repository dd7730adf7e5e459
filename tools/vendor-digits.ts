/**
 * Copies the UCI optical-recognition digits into `data/digits/` from Debian's scikit-learn:
 *
 *   source   /usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz
 *            (package python3-sklearn 1.2.1+dfsg-1; scikit-learn's copy of the test set of the UCI
 *            "Optical Recognition of Handwritten Digits" data, E. Alpaydin and C. Kaynak, 1998)
 *   licence  BSD-3-Clause, as part of scikit-learn (data/digits/LICENSE)
 *   format   gzip of a headerless CSV: 1,797 rows of 65 integers, the 64 pixels of an 8 × 8 image
 *            (row by row, each 0…16) then the digit 0…9
 *
 * No conversion: the file is copied byte for byte (57,512 bytes), after checking its shape and
 * ranges, and its SHA-256 is printed (it must equal `DIGITS_SHA256` in lib/src/datasets/digits.ts,
 * which the loader checks on every read). Nothing is downloaded.
 *
 * Usage: npx tsx tools/vendor-digits.ts [source]
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";

const SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";
const source = process.argv[2] ?? SOURCE;
const target = join(dirname(__dirname), "data", "digits", "digits.csv.gz");

const bytes = readFileSync(source);
const lines = gunzipSync(bytes).toString("utf8").trim().split("\n");
if (lines.length !== 1797) throw new Error(`${source}: expected 1,797 rows, got ${lines.length}`);
lines.forEach((line, i) => {
  const v = line.split(",").map(Number);
  if (v.length !== 65) throw new Error(`${source}: row ${i} has ${v.length} fields, expected 65`);
  if (v.slice(0, 64).some((p) => !Number.isInteger(p) || p < 0 || p > 16)) throw new Error(`${source}: row ${i} has a pixel outside 0…16`);
  if (!Number.isInteger(v[64]) || v[64] < 0 || v[64] > 9) throw new Error(`${source}: row ${i} has label ${v[64]}, expected 0…9`);
});
mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
console.log(`copied ${source} → ${target} (${bytes.length} bytes, 1,797 × 64 + labels)`);
console.log(`sha256 ${createHash("sha256").update(bytes).digest("hex")}`);
