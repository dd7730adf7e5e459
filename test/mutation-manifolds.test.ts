// The product of spheres (lib/src/optimizers/productOfSpheres.ts) and the unchecked vector
// kernels (lib/src/vector.ts, through linalg's public norm2/normP/dot): projection, retraction,
// membership, tangent basis and Hessian shift row by row against their formulas on a point with
// three rows in ℝ³; the norms at the scales where the plain formulas over- or underflow.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dot, norm2, normP, productOfSpheres, optimizers } from "landscape";

const n = 3, p = 3;
const rows = [[0.6, 0, 0.8], [0, -1, 0], [2 / 3, -2 / 3, 1 / 3]];
const Y = Float64Array.from(rows.flat());
const V = Float64Array.of(0.3, -0.2, 0.5, 1, 0.4, -0.7, -0.1, 0.2, 0.9);

describe("productOfSpheres(n, p): row by row", () => {
  const M = productOfSpheres(n, p);
  it("name, sizes, projection vᵢ − ⟨yᵢ, vᵢ⟩yᵢ and retraction (yᵢ + vᵢ)/‖yᵢ + vᵢ‖", () => {
    assert.equal(M.name, "product of 3 unit spheres in ℝ^3");
    assert.equal(M.n, 3);
    assert.equal(M.p, 3);
    const out = new Float64Array(9).fill(5);
    M.project(Y, V, out);
    for (let i = 0; i < n; i++) {
      const s = [0, 1, 2].reduce((t, a) => t + Y[i * p + a] * V[i * p + a], 0);
      for (let a = 0; a < p; a++) assert.ok(Math.abs(out[i * p + a] - (V[i * p + a] - s * Y[i * p + a])) < 1e-15);
    }
    const r = new Float64Array(9).fill(5);
    M.retract(Y, V, r);
    for (let i = 0; i < n; i++) {
      const z = [0, 1, 2].map((a) => Y[i * p + a] + V[i * p + a]);
      const norm = Math.hypot(...z);
      for (let a = 0; a < p; a++) assert.ok(Math.abs(r[i * p + a] - z[a] / norm) < 1e-15);
    }
    assert.ok(M.contains(r));
  });

  it("contains: a Float64Array of length np with every row of norm 1 within 1e-9", () => {
    assert.ok(M.contains(Y));
    assert.ok(!M.contains(Array.from(Y) as never));
    assert.ok(!M.contains(Y.subarray(0, 6)));
    const off = Float64Array.from(Y);
    off[8] *= 1 + 3e-9; // the last row's norm moves by about 1e-9 · ⅓
    assert.ok(M.contains(off));
    off[8] = Y[8] * 1.01;
    assert.ok(!M.contains(off));
    const mid = Float64Array.from(Y);
    mid[4] = -1.001;
    assert.ok(!M.contains(mid));
  });

  it("tangentBasis: block-diagonal orthonormal bases of each yᵢ⊥; hessianShift: ⟨yᵢ, gᵢ⟩ on row i", () => {
    const B = M.tangentBasis!(Y);
    assert.equal(B.rows, 9);
    assert.equal(B.columns, 6);
    const G = B.transpose().mmul(B);
    for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) assert.ok(Math.abs(G.get(a, b) - (a === b ? 1 : 0)) < 1e-14);
    for (let c = 0; c < 6; c++) {
      const col = B.getColumn(c);
      const i = Math.floor(c / 2);
      for (let k = 0; k < 9; k++) if (Math.floor(k / 3) !== i) assert.equal(col[k], 0);
      assert.ok(Math.abs([0, 1, 2].reduce((t, a) => t + col[i * 3 + a] * Y[i * 3 + a], 0)) < 1e-15);
    }
    const s = M.hessianShift!(Y, V);
    for (let i = 0; i < n; i++) {
      const d = [0, 1, 2].reduce((t, a) => t + Y[i * p + a] * V[i * p + a], 0);
      for (let a = 0; a < p; a++) assert.ok(Math.abs(s[i * p + a] - d) < 1e-15);
    }
    assert.throws(() => M.tangentBasis!(Float64Array.of(1, 0)), /^Error: x must have length 9, got length 2$/);
    assert.throws(() => productOfSpheres(0, 2), /^Error: n must be an integer ≥ 1, got 0$/);
    assert.throws(() => productOfSpheres(2, 0), /^Error: p must be an integer ≥ 1, got 0$/);
  });

  it("orthogonalComplementBasis: orthonormal, orthogonal to v, for v with its largest entry negative, positive, or tiny", () => {
    for (const v of [[0.3, -2, 0.5, 1], [3, 1, -1, 0.5], [1e-300, -3e-300, 2e-300, 0], [0, 0, 5, 0], [1e300, 1e300, -1e300, 1e300]]) {
      const B = optimizers.orthogonalComplementBasis(v);
      assert.equal(B.rows, 4);
      assert.equal(B.columns, 3);
      const G = B.transpose().mmul(B);
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) assert.ok(Math.abs(G.get(a, b) - (a === b ? 1 : 0)) < 1e-14, `${v}`);
      const m = Math.max(...v.map(Math.abs));
      for (let c = 0; c < 3; c++) assert.ok(Math.abs(B.getColumn(c).reduce((t, x, i) => t + x * v[i] / m, 0)) < 1e-14, `${v}`);
    }
    assert.throws(() => optimizers.orthogonalComplementBasis([]), /^Error: v must be a non-empty array of numbers$/);
    assert.throws(() => optimizers.orthogonalComplementBasis([0, 0]), /^Error: v must be non-zero \(v⊥ is then all of ℝᵖ\)$/);
  });

  it("normalizeRows: each row over its norm, for rows near 1e±300 too", () => {
    const y = Float64Array.of(3, 4, 0, 1e300, -1e300, 1e300, 0, 2e-300, 0);
    const out = optimizers.normalizeRows(y, 3, 3);
    const expected = [0.6, 0.8, 0, 1 / Math.sqrt(3), -1 / Math.sqrt(3), 1 / Math.sqrt(3), 0, 1, 0];
    expected.forEach((e, k) => assert.ok(Math.abs(out[k] - e) < 1e-15, `${k}: ${out[k]}`));
    assert.equal(y[0], 3); // a copy
    assert.throws(() => optimizers.normalizeRows(Float64Array.of(1, 0, 0, 0), 2, 2), /^Error: y's row 1 must be non-zero$/);
    assert.throws(() => optimizers.normalizeRows(Float64Array.of(1, 0), 2, 2), /^Error: y must have length 4, got length 2$/);
  });
});

describe("norms and dot at every scale", () => {
  it("norm2 plainly, and rescaled where Σxᵢ² over- or underflows", () => {
    assert.equal(norm2(Float64Array.of(3, 4)), 5);
    assert.equal(norm2(Float64Array.of(0, 0)), 0);
    assert.ok(Math.abs(norm2(Float64Array.of(3e200, 4e200)) / 5e200 - 1) < 1e-15);
    assert.ok(Math.abs(norm2(Float64Array.of(3e-200, -4e-200)) / 5e-200 - 1) < 1e-15);
    assert.equal(norm2(Float64Array.of(5e-324)), 5e-324);
    // Σxᵢ² = 2e-290 is just above the rescaling threshold: √ taken directly.
    assert.ok(Math.abs(norm2(Float64Array.of(1e-145, 1e-145)) / (Math.SQRT2 * 1e-145) - 1) < 1e-15);
    assert.ok(Math.abs(norm2(Float64Array.of(1e-146, 1e-146)) / (Math.SQRT2 * 1e-146) - 1) < 1e-15);
    assert.equal(dot(Float64Array.of(1, 2, 3), Float64Array.of(4, -5, 6)), 12);
  });

  it("normP: p = 1, 3, ∞ and large or small entries", () => {
    const x = Float64Array.of(1, -2, 2);
    assert.equal(normP(x, 1), 5);
    assert.equal(normP(x, Infinity), 2);
    assert.ok(Math.abs(normP(x, 3) - Math.cbrt(17)) < 1e-15);
    assert.equal(normP(x, 2), 3);
    assert.ok(Math.abs(normP(Float64Array.of(1e300, -2e300, 2e300), 3) / (Math.cbrt(17) * 1e300) - 1) < 1e-15);
    assert.ok(Math.abs(normP(Float64Array.of(1e-300, -2e-300, 2e-300), 1.5) / (Math.pow(1 + 2 * 2 ** 1.5, 1 / 1.5) * 1e-300) - 1) < 1e-14);
    assert.equal(normP(new Float64Array(3), 1), 0);
    assert.equal(normP(Float64Array.of(-7), Infinity), 7);
    assert.throws(() => normP(x, 0.5), /^Error: p must be a number ≥ 1 \(or Infinity\), got 0\.5$/);
  });
});
