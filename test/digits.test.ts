import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { datasets } from "landscape";

describe("datasets.digits", () => {
  it("reads the 1,797 vendored 8 × 8 digits with labels 0…9 and filters classes", () => {
    const { X, labels } = datasets.digits();
    assert.equal(X.rows, 1797);
    assert.equal(X.cols, 64);
    assert.equal(labels.length, 1797);
    // the first image of the file (scikit-learn's digits[0], a 0); the class counts as counted by Python's gzip + csv
    assert.deepEqual(Array.from(X.data.subarray(0, 8)), [0, 0, 5, 13, 9, 1, 0, 0]);
    assert.equal(labels[0], 0);
    const counts = Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length);
    assert.deepEqual(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    assert.ok(X.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 16));
    const two = datasets.digits({ classes: [3, 8] });
    assert.equal(two.X.rows, 183 + 174);
    assert.ok(two.labels.every((l) => l === 3 || l === 8));
    assert.throws(() => datasets.digits({ classes: [10] }), /options.classes\[0\] must be a digit/);
  });
});
