// What the first Stryker run of lib/src/margin/maxMargin.ts left open: the support's threshold
// m ≤ γ(1 + tol) + 10⁻³·tol pinned on one-dimensional data, where the direction is exactly ±1 and the margins are the data
// themselves, so the threshold's two terms are seen to the bit; supportTolerance = 0; the
// options' name in its error.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logSpaced, maxMarginL1, maxMarginL2, maxMarginLinf, norm2 } from "landscape";

const solvers = [["ℓ1", maxMarginL1], ["ℓ2", maxMarginL2], ["ℓ∞", maxMarginLinf]] as const;

describe("maxMargin's support: the samples with yᵢ⟨xᵢ, u⟩ ≤ γ(1 + tol) + 10⁻³·tol", () => {
  it("γ = 1: 1 + 5e-7 is on the margin (≤ 1 + 1e-6), 1 + 2e-6 is not; with supportTolerance = 0 only the minimizer", async () => {
    // d = 1: the direction is w/|w| = 1 exactly and the margins are the data.
    const X = [[1], [1 + 5e-7], [-(1 + 2e-6)], [3]], y = [1, 1, -1, 1];
    for (const [name, solve] of solvers) {
      const r = await solve(X, y);
      assert.deepEqual(Array.from(r.direction), [1], name);
      assert.equal(r.margin, 1, name);
      assert.deepEqual(r.support, [0, 1], name);
    }
    // The threshold is computed after the solve, the same for every norm: ℓ2 alone (each solve
    // instantiates HiGHS, the test's main cost).
    const exact = await maxMarginL2(X, y, { supportTolerance: 0 });
    assert.deepEqual(exact.support, [0], "tolerance 0");
    const wide = await maxMarginL2(X, y, { supportTolerance: 1e-5 });
    assert.deepEqual(wide.support, [0, 1, 2], "tolerance 1e-5");
  });

  it("options that are not an object are named", async () => {
    await assert.rejects(maxMarginL2([[1]], [1], 5 as never), /^Error: options must be an object of options, got 5$/);
  });

  it("γ = 1e-4: the additive 10⁻³·tol = 1e-9 decides (γ·tol = 1e-10 alone would not include 1e-4 + 5e-10)", async () => {
    const X = [[1e-4], [1e-4 + 5e-10], [1e-4 + 2e-9], [-5e-4]], y = [1, 1, 1, -1];
    const r = await maxMarginLinf(X, y);
    assert.equal(r.margin, 1e-4);
    assert.deepEqual(r.support, [0, 1]);
  });
});

describe("the kernels behind normP/norm2 and logSpaced (lib/src/vector.ts, optimizers/logSpaced.ts)", () => {
  it("an infinite entry is named, not returned as norm 0; logSpaced names perDecade", () => {
    // Σxᵢ² = ∞ leaves the plain branch; max|xᵢ| = ∞ must come back as ∞ so that the public norm2 checks x.
    assert.throws(() => norm2(Float64Array.of(1, Infinity)), /^Error: x\[1\] must be finite, got Infinity$/);
    assert.equal(norm2(new Float64Array(3)), 0);
    assert.throws(() => logSpaced(0), /^Error: perDecade must be an integer ≥ 1, got 0$/);
  });
});
