// What the first Stryker run of lib/src/margin/reluMargin.ts (2026-11-30, third session) left
// open: a row on an axis (x₁ = 0) among the breakpoints of the sup over the circle, the checks
// and names of every function, the logistic weights at margins ±1000 (s = 0 or 1, where the
// entropy's terms are 0, not 0·∞), and the a-priori bound's formula.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { margin } from "landscape";

const { networkMargin, reluFeatureSup, reluMaxMargin, reluRegularizedLowerBound } = margin;

describe("reluFeatureSup: rows on an axis, the checks", () => {
  it("one row x̃: the sup is |c|·‖x̃‖, at u = x̃/‖x̃‖, for rows on either axis", () => {
    // the row's breakpoints are the only ones besides angle 0; dropping those of a row with x₁ = 0 leaves sup 0
    for (const [row, c] of [[[0, 2], 1.5], [[0, -2], -1.5], [[-2, 0], 1.5], [[3, 4], 2]] as const) {
      const s = reluFeatureSup([row as unknown as number[]], [c]);
      assert.ok(Math.abs(s.value - Math.abs(c) * Math.hypot(...row)) < 1e-15, `${row}: ${s.value}`);
      assert.ok(Math.abs(s.direction[0] - row[0] / Math.hypot(...row)) < 1e-15 && Math.abs(s.direction[1] - row[1] / Math.hypot(...row)) < 1e-15, `${row}: u = ${s.direction}`);
    }
  });

  it("names c and its entries, and says how large the data are when the sum overflows", () => {
    assert.throws(() => reluFeatureSup([[1, 2]], undefined as never), /^Error: c must have one coefficient per row of X \(1\), got undefined$/);
    assert.throws(() => reluFeatureSup([[1, 2], [3, 4]], [1, NaN]), /^Error: c\[1\] must be a finite number, got NaN$/);
    assert.throws(() => reluFeatureSup([[1e300, 2], [1, 1e299]], [3, 1e300]), /^Error: sup \|Σᵢ cᵢ relu\(uᵀx̃ᵢ\)\| overflows the float64 range: c and X are too large \(entries up to 1e\+300 and 1e\+300\)$/);
  });
});

describe("reluMaxMargin: the a-priori bound, the options", () => {
  it("aPrioriUpper = (M_K + 2 sin(π/2K)·maxᵢ‖x̃ᵢ‖)/2; the sample weights sum to 1", async () => {
    const X = [[1, 1], [-1, 1], [0.5, 1], [2, 0.5]], y = [1, 1, -1, 1];
    const r = await reluMaxMargin(X, y, { features: 40 });
    const radius = Math.max(...X.map(([a, b]) => Math.hypot(a, b)));
    const expected = (2 * r.lower + 2 * Math.sin(Math.PI / 80) * radius) / 2;
    assert.ok(Math.abs(r.aPrioriUpper - expected) < 1e-15 * expected, `${r.aPrioriUpper} vs ${expected}`);
    assert.ok(Math.abs(r.sampleWeights.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  });

  it("names null options and negative refinements", async () => {
    await assert.rejects(reluMaxMargin([[1, 1]], [1], null as never), /^Error: options must be an object of options, got null$/);
    await assert.rejects(reluMaxMargin([[1, 1]], [1], { refinements: -1 }), /^Error: refinements must be an integer ≥ 0, got -1$/);
  });
});

describe("networkMargin and reluRegularizedLowerBound: checks, names and extreme margins", () => {
  it("networkMargin names what is wrong", () => {
    const empty = /^Error: outputs must be a non-empty array of network outputs f\(xᵢ\)$/;
    assert.throws(() => networkMargin(null as never, [1], [1]), empty);
    assert.throws(() => networkMargin([], [], [1]), empty);
    assert.throws(() => networkMargin({ length: "1" } as never, [1], [1]), empty);
    const noTheta = /^Error: theta must be a non-empty parameter vector$/;
    assert.throws(() => networkMargin([1], [1], null as never), noTheta);
    assert.throws(() => networkMargin([1], [1], []), noTheta);
    assert.throws(() => networkMargin([1], [1], { length: "1" } as never), noTheta);
    assert.throws(() => networkMargin([1], undefined as never, [1]), /^Error: y must have one label per output \(1\), got undefined$/);
    assert.throws(() => networkMargin([1], [1], [1, NaN]), /^Error: theta\[1\] must be a finite number, got NaN$/);
    assert.throws(() => networkMargin([1, NaN], [1, 1], [1]), /^Error: outputs\[1\] must be a finite number, got NaN$/);
    assert.throws(() => networkMargin([1, 2], [1, 0], [1]), /^Error: y\[1\] must be −1 or \+1, got 0$/);
    assert.throws(() => networkMargin([1e300], [1], [1e-150]), /^Error: minᵢ yᵢ outputsᵢ\/‖theta‖² overflows the float64 range/);
  });

  it("reluRegularizedLowerBound at margins ±1000: the weights are 0 or 1 and their entropy terms 0 (no 0·∞)", () => {
    const X = [[1, 1], [-1, 1], [0.5, 1]], y = [1, 1, -1];
    // yᵢfᵢ = +1000: sᵢ = 1/(1 + e¹⁰⁰⁰) = 0; −1000: sᵢ = 1 and, with λ large, tᵢ = 1; H(0) = H(1) = 0
    assert.equal(reluRegularizedLowerBound(X, y, [1000, 1000, -1000], 10), 0);
    assert.equal(reluRegularizedLowerBound(X, y, [-1000, -1000, 1000], 10), 0);
    assert.throws(() => reluRegularizedLowerBound(X, y, [1, 1, 1], NaN), /^Error: lambda must be a finite number, got NaN$/);
    assert.throws(() => reluRegularizedLowerBound(X, y, undefined as never, 1), /^Error: outputs must have one value per row of X \(3\), got undefined$/);
    assert.throws(() => reluRegularizedLowerBound(X, y, [1, NaN, 1], 1), /^Error: outputs\[1\] must be a finite number, got NaN$/);
  });
});
