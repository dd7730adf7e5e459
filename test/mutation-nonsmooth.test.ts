// The non-smooth objectives of lib/src/objectives/nonsmooth.ts against their formulas: values
// by the sums, subgradients against central differences where f is differentiable, the chosen
// element at the kinks (sign(0) = 0, relu′(0) = 0, the hinge's 0 at its kink), and each
// stochastic subgradient equal to the chosen term's own subgradient for the index the seeded
// generator draws. Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Matrix, objectives, rng } from "landscape";

function closeArrays(a: ArrayLike<number>, e: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, e.length, `${what}: length`);
  for (let i = 0; i < e.length; i++) assert.ok(Math.abs(a[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])), `${what}[${i}]: ${a[i]} vs ${e[i]}`);
}

/** Central differences of f (h = 1e-7; f is piecewise polynomial and x is 1e-3 away from every kink). */
function differences(f: (x: Float64Array) => number, x: Float64Array): Float64Array {
  return Float64Array.from(x, (_, j) => {
    const p = Float64Array.from(x), m = Float64Array.from(x);
    p[j] += 1e-7;
    m[j] -= 1e-7;
    return (f(p) - f(m)) / 2e-7;
  });
}

const A = [[1, -0.5, 2], [0.3, 1.2, -0.7], [-1, 0.4, 0.9], [2, 1, 0.5]];
const inner = (row: number[], x: ArrayLike<number>) => row.reduce((s, v, j) => s + v * x[j], 0);

describe("robustPhaseRetrieval: f = (1/m)Σ|⟨aᵢ,x⟩² − bᵢ|, subgradient (1/m)Σ 2 sign(rᵢ)⟨aᵢ,x⟩aᵢ", () => {
  const b = [1.2, 0.1, 2.5, 0.7];
  const x = Float64Array.of(0.4, -0.9, 0.6);
  it("value by the sum, subgradient by its formula and by differences, stored rows", () => {
    const f = objectives.robustPhaseRetrieval(A, b);
    assert.equal(f.dim, 3);
    assert.equal(f.terms, 4);
    closeArrays(f.rows, A.flat(), 0, "rows");
    assert.ok(Math.abs(f.value(x) - A.reduce((s, row, i) => s + Math.abs(inner(row, x) ** 2 - b[i]), 0) / 4) < 1e-15);
    const r = A.map((row, i) => inner(row, x) ** 2 - b[i]);
    assert.ok(r.some((v) => v > 0) && r.some((v) => v < 0)); // both signs present
    const g = [0, 1, 2].map((j) => A.reduce((s, row, i) => s + 2 * Math.sign(r[i]) * inner(row, x) * row[j], 0) / 4);
    const out = new Float64Array(3).fill(5);
    assert.equal(f.subgrad(x, out), out);
    closeArrays(out, g, 1e-14, "subgradient");
    closeArrays(f.grad(x), g, 1e-14, "grad = subgrad");
    closeArrays(f.subgrad(x), differences((v) => f.value(v), x), 1e-6, "subgradient vs differences");
  });

  it("at a kink rᵢ = 0 the term contributes 0 (sign(0) = 0)", () => {
    const bKink = A.map((row) => inner(row, x) ** 2); // every rᵢ = 0
    bKink[2] += 1; // except the third: r₂ = −1
    const f = objectives.robustPhaseRetrieval(A, bKink);
    const u = inner(A[2], x);
    closeArrays(f.subgrad(x), A[2].map((v) => (2 * -1 * u * v) / 4), 1e-14, "only the third term");
  });

  it("sampleSubgrad is the drawn term's own subgradient (unscaled), the index drawn by rng.integer(0, m − 1)", () => {
    const f = objectives.robustPhaseRetrieval(new Matrix(A), b);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const i = rng(seed).integer(0, 3);
      const own = objectives.robustPhaseRetrieval([A[i]], [b[i]]).subgrad(x);
      closeArrays(f.sampleSubgrad(x, rng(seed), new Float64Array(3).fill(9)), own, 1e-15, `seed ${seed} (term ${i})`);
    }
    assert.throws(() => f.sampleSubgrad(x, {} as never), /^Error: rng must be an Rng \(from rng\(seed\)\)$/);
    assert.throws(() => f.sampleSubgrad(x, null as never), /^Error: rng must be an Rng \(from rng\(seed\)\)$/);
    assert.throws(() => f.sampleSubgrad(Float64Array.of(1, 2), rng(1)), /^Error: x must have length 3, got length 2$/);
    assert.throws(() => f.value(Float64Array.of(1, 2)), /^Error: x must have length 3, got length 2$/);
    assert.throws(() => f.subgrad(Float64Array.of(1, NaN, 0)), /^Error: x\[1\] must be finite, got NaN$/);
  });

  it("rejects b of the wrong length or with non-finite entries, and ragged A", () => {
    assert.throws(() => objectives.robustPhaseRetrieval(A, [1, 2]), /^Error: b must have one entry per row of A \(4\), got 2$/);
    assert.throws(() => objectives.robustPhaseRetrieval(A, null as never), /^Error: b must have one entry per row of A \(4\), got undefined$/);
    assert.throws(() => objectives.robustPhaseRetrieval(A, [1, 2, NaN, 3]), /^Error: b\[2\] must be a finite number, got NaN$/);
    assert.throws(() => objectives.robustPhaseRetrieval([[1, 2], null as never], [1, 1]), /^Error: A\[1\] must have length 2, got 0$/);
    assert.throws(() => objectives.robustPhaseRetrieval("A" as never, [1]), /^Error: A must be a non-empty array of rows$/);
  });
});

describe("reluNetworkLoss: L(θ) = (1/n)Σ ℓ(Σⱼ aⱼ relu(⟨wⱼ, zᵢ⟩), yᵢ), θ = (W row by row, a)", () => {
  const Z = [[1, 0.5], [-0.7, 1.2], [0.4, -1.1], [1.5, 0.3], [-0.2, -0.8]];
  const k = 3, d = 2;
  const theta = Float64Array.of(0.8, -0.3, -0.5, 0.9, 0.6, 0.7, 1.1, -0.6, 0.45);
  const N = (t: ArrayLike<number>, z: number[]) => [0, 1, 2].reduce((s, j) => s + t[k * d + j] * Math.max(0, t[j * d] * z[0] + t[j * d + 1] * z[1]), 0);
  for (const loss of ["l1", "hinge"] as const) {
    const y = loss === "l1" ? [0.3, -0.2, 0.9, 1.4, -0.5] : [1, -1, 1, 1, -1];
    const ell = (v: number, yi: number) => (loss === "l1" ? Math.abs(v - yi) : Math.max(0, 1 - yi * v));
    it(`${loss}: value by the sum, subgradient by differences where L is differentiable`, () => {
      const f = objectives.reluNetworkLoss(Z, y, loss === "l1" ? { hidden: k } : { hidden: k, loss });
      assert.equal(f.dim, k * d + k);
      assert.equal(f.terms, 5);
      assert.equal(f.hidden, k);
      assert.equal(f.inputs, d);
      assert.ok(Math.abs(f.value(theta) - Z.reduce((s, z, i) => s + ell(N(theta, z), y[i]), 0) / 5) < 1e-15);
      assert.equal(f.output(theta, Z[1]), N(theta, Z[1]));
      const g = f.subgrad(theta, new Float64Array(9).fill(1));
      assert.ok(g.some((v) => v !== 0));
      closeArrays(g, differences((t) => f.value(t), theta), 1e-6, `${loss} subgradient vs differences`);
      for (const seed of [3, 8, 13]) {
        const i = rng(seed).integer(0, 4);
        const own = objectives.reluNetworkLoss([Z[i]], [y[i]], { hidden: k, loss }).subgrad(theta);
        closeArrays(f.sampleSubgrad(theta, rng(seed)), own, 1e-15, `${loss} sample, seed ${seed}`);
      }
    });
  }

  it("at the kinks: relu′(0) = 0, sign(0) = 0 for l1, 0 at the hinge's kink yN = 1", () => {
    // One unit, z = (1, 0), w = (1, 0), a = 1: N = 1.
    const one = Float64Array.of(1, 0, 1);
    const l1 = objectives.reluNetworkLoss([[1, 0]], [1], { hidden: 1 });
    closeArrays(l1.subgrad(one), [0, 0, 0], 0, "l1 at N = y");
    const hinge = objectives.reluNetworkLoss([[1, 0]], [1], { hidden: 1, loss: "hinge" });
    closeArrays(hinge.subgrad(one), [0, 0, 0], 0, "hinge at yN = 1");
    // Just inside the hinge (N = 0.5 < 1): slope −y through a = 2 and relu = 0.25.
    closeArrays(hinge.subgrad(Float64Array.of(0.25, 0, 2)), [-2, 0, -0.25], 1e-15, "hinge inside");
    // ⟨w, z⟩ = 0 exactly: the unit is off (relu′(0) = 0), though a ≠ 0.
    const flat = objectives.reluNetworkLoss([[1, 0]], [1], { hidden: 1 });
    closeArrays(flat.subgrad(Float64Array.of(0, 3, 2)), [0, 0, 0], 0, "relu′(0) = 0");
    assert.equal(flat.value(Float64Array.of(0, 3, 2)), 1);
    // Negative pre-activation: off as well.
    closeArrays(flat.subgrad(Float64Array.of(-1, 3, 2)), [0, 0, 0], 0, "relu off");
  });

  it("rejects bad labels, options and inputs", () => {
    assert.throws(() => objectives.reluNetworkLoss(Z, [1, 2], { hidden: 2 }), /^Error: y must have one entry per row of Z \(5\), got 2$/);
    assert.throws(() => objectives.reluNetworkLoss(Z, null as never, { hidden: 2 }), /^Error: y must have one entry per row of Z \(5\), got undefined$/);
    assert.throws(() => objectives.reluNetworkLoss(Z, [1, 1, NaN, 1, 1], { hidden: 2 }), /^Error: y\[2\] must be a finite number, got NaN$/);
    assert.throws(() => objectives.reluNetworkLoss(Z, [1, 1, 1, 1, 1], null as never), /^Error: options must be given: \{ hidden, loss \}$/);
    assert.throws(() => objectives.reluNetworkLoss(Z, [1, 1, 1, 1, 1], 2 as never), /^Error: options must be given: \{ hidden, loss \}$/);
    assert.throws(() => objectives.reluNetworkLoss(Z, [1, 1, 1, 1, 1], { hidden: 0 }), /^Error: options\.hidden must be an integer ≥ 1, got 0$/);
    assert.throws(() => objectives.reluNetworkLoss(Z, [1, 1, 1, 1, 1], { hidden: 1, loss: "l2" as never }), /^Error: options\.loss must be "l1" or "hinge", got l2$/);
    assert.throws(() => objectives.reluNetworkLoss(Z, [1, 1, 0.5, 1, 1], { hidden: 1, loss: "hinge" }), /^Error: y\[2\] must be −1 or \+1 for the hinge loss, got 0\.5$/);
    assert.equal(objectives.reluNetworkLoss(Z, [1, 1, 0.5, 1, 1], { hidden: 1, loss: "l1" }).dim, 3);
    const f = objectives.reluNetworkLoss(Z, [1, 1, 1, 1, 1], { hidden: 1 });
    assert.throws(() => f.output(Float64Array.of(1, 2, 3), [1]), /^Error: z must have length 2, got 1$/);
    assert.throws(() => f.output(Float64Array.of(1, 2, 3), null as never), /^Error: z must have length 2, got undefined$/);
    assert.throws(() => f.output(Float64Array.of(1, 2), [1, 2]), /^Error: theta must have length 3, got length 2$/);
    assert.throws(() => objectives.reluNetworkLoss([[1, 2], [3]], [1, 1], { hidden: 1 }), /^Error: Z\[1\] must have length 2, got 1$/);
  });
});
