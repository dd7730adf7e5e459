// What the first Stryker run of lib/src/objectives/{reluTeacherStudent, softmaxNetwork, lowRank,
// designedObjective}.ts (2026-11-30, third session) left open: the teacher's own term and the
// fast path on a teacher that is neither orthogonal nor all axis-aligned, pairs past |cos θ| = 0.9
// checked against an independent closed form, the log-sum-exp's shift at logits ±400, a
// minibatch longer than one block of rows, the caches' key, and the names in error messages.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linalg, Matrix, objectives, rng } from "landscape";
// Required, not imported: `tsc -p test` then does not type-check lib/src under the tests' settings (the build checks it).
const { sameAs } = require("../lib/src/objectives/lowRank") as { sameAs(a: Float64Array, u: Float64Array): boolean };

const TWO_PI = 2 * Math.PI;

/** The angle between u and v from |u ∧ v| (Lagrange's identity) and uᵀv: no cosine is inverted, no unit vector formed. */
function angle(u: number[], v: number[]) {
  let dot = 0, wedge2 = 0;
  for (let a = 0; a < u.length; a++) {
    dot += u[a] * v[a];
    for (let b = a + 1; b < u.length; b++) wedge2 += (u[a] * v[b] - u[b] * v[a]) ** 2;
  }
  const norms = Math.hypot(...u) * Math.hypot(...v);
  return { theta: Math.atan2(Math.sqrt(wedge2), dot), sin: Math.sqrt(wedge2) / norms, cos: dot / norms };
}

/** κ(u, v) = ‖u‖‖v‖(sin θ + (π − θ) cos θ)/2π, 0 if either is 0. */
function kappa(u: number[], v: number[]) {
  const nu = Math.hypot(...u), nv = Math.hypot(...v);
  if (nu === 0 || nv === 0) return 0;
  const { theta, sin, cos } = angle(u, v);
  return (nu * nv * (sin + (Math.PI - theta) * cos)) / TWO_PI;
}

/** F(W) = ½ΣΣκ(wᵢ, w_{i'}) − ΣΣκ(wᵢ, vⱼ) + ½ΣΣκ(vⱼ, v_{j'}) and its gradient, written independently of the library. */
function reference(W: number[][], V: number[][]) {
  let f = 0;
  for (const a of W) for (const b of W) f += 0.5 * kappa(a, b);
  for (const a of W) for (const b of V) f -= kappa(a, b);
  for (const a of V) for (const b of V) f += 0.5 * kappa(a, b);
  const grad = W.map((w, i) => {
    const nw = Math.hypot(...w);
    if (nw === 0) return w.map(() => 0);
    const g = w.map(() => 0);
    let alpha = 0;
    for (const [others, sign] of [[W, 1], [V, -1]] as const) {
      others.forEach((o, l) => {
        const no = Math.hypot(...o);
        if (no === 0) return;
        if (others === W && l === i) {
          g.forEach((_, a) => (g[a] += Math.PI * o[a]));
          return;
        }
        const { theta, sin } = angle(w, o);
        alpha += sign * no * sin;
        g.forEach((_, a) => (g[a] += sign * (Math.PI - theta) * o[a]));
      });
    }
    return g.map((x, a) => (x + (alpha * w[a]) / nw) / TWO_PI);
  });
  return { f, grad: grad.flat() };
}

describe("reluTeacherStudent on a teacher neither orthogonal nor all axis-aligned", () => {
  // rows 0 and 4 on an axis (one negative), 1, 2, 5 general, 3 zero; cos θ(1, 2) = 0.998 and cos θ(1, 5) = −0.9999 (the
  // sine past |cos θ| = 0.9 is taken from the orthogonal part), so the teacher's own term ½ΣΣκ(vⱼ, v_{j'}) is not ‖V‖²/4
  const V = [[1, 0, 0], [0.3, -0.5, 0.2], [0.3, -0.5, 0.25], [0, 0, 0], [0, -2, 0], [-0.3, 0.5, -0.21]];
  const nonzero = V.filter((row) => row.some((x) => x !== 0));

  it("F(V) = 0 and ∇F(V) = 0 with the student equal to the teacher (permuted, and a zero neuron)", () => {
    const order = [4, 2, 0, 3, 1];
    const W = [...order.map((j) => nonzero[j]), [0, 0, 0]];
    const f = objectives.reluTeacherStudent(V, W.length);
    const w = Float64Array.from(W.flat());
    // Sums of terms up to ‖v‖² = 4 cancel: |F| measured 9.7e-16, ‖∇F‖∞ 2.5e-16. A teacher term with cos θ negated moves F
    // by 0.46, with π + θ for π − θ by 1.14 (numpy); the fast path taken for this teacher reads other rows' entries.
    assert.ok(Math.abs(f.value(w)) < 1e-14, `F(V) = ${f.value(w)}`);
    assert.ok(Math.max(...f.grad(w).map(Math.abs)) < 1e-14, `∇F(V) = ${f.grad(w)}`);
    assert.ok(Math.abs(reference(W, V).f) < 1e-14, "the reference agrees: F(V) = 0");
  });

  it("F and ∇F at a point with parallel-ish and antiparallel-ish neurons equal the independent closed form", () => {
    const w0 = [0.5, 0.1, -0.2];
    const W = [w0, [w0[0] + 1e-3, w0[1], w0[2]], [-w0[0], -w0[1] + 1e-3, -w0[2]], [0.2, 0.7, -0.4]];
    const f = objectives.reluTeacherStudent(V, W.length);
    const w = Float64Array.from(W.flat());
    const ref = reference(W, V);
    // Two evaluations of the same closed form in different orders: measured 1.8e-16 relative for F, 2.6e-16 for ∇F.
    assert.ok(Math.abs(f.value(w) - ref.f) < 1e-13 * Math.abs(ref.f), `F = ${f.value(w)} vs ${ref.f}`);
    const g = f.grad(w);
    const scale = Math.max(...ref.grad.map(Math.abs));
    ref.grad.forEach((x, i) => assert.ok(Math.abs(g[i] - x) < 1e-13 * scale, `∂F/∂W[${i}] = ${g[i]} vs ${x}`));
  });

  it("a neuron with an infinite entry makes F NaN (descend then reports divergence), not F without that neuron", () => {
    const f = objectives.reluTeacherStudent(V, 2);
    const value = f.value(Float64Array.of(0.5, 0.1, -0.2, Infinity, 0, 0));
    assert.ok(Number.isNaN(value), `F = ${value}`);
  });

  it("a teacher with no rows is named", () => {
    assert.throws(() => objectives.reluTeacherStudent(new Matrix(0, 3), 1), /^Error: teacher must have at least one row and one column, got 0×3$/);
  });
});

describe("softmaxNetwork: the shift of the log-sum-exp, long minibatches, the caches' key, the checks", () => {
  // d = 1, m = 1, K = 2; θ = [W1, b1, W2 (1 × 2), b2]: h = relu(x), logits (−800h + 400, 800h − 400) = (∓400, ±400) for x = ±1
  const X = linalg.dense(2, 1, Float64Array.of(1, -1));
  const theta = Float64Array.of(1, 0, -800, 800, 400, -400);

  it("logits ±400 in each row: the loss is 0 (or 800) exactly, shifted by each row's own maximum", () => {
    const right = objectives.softmaxNetwork(X, [1, 0], { width: 1, classes: 2 });
    // log(1 + e⁻⁸⁰⁰) = 0 in float64; a shift by another entry or another row's maximum overflows exp(800) to ∞
    assert.equal(right.value(theta), 0);
    assert.deepEqual(Array.from(right.grad(theta)), [0, 0, 0, 0, 0, 0]);
    const wrong = objectives.softmaxNetwork(X, [0, 1], { width: 1, classes: 2 });
    assert.equal(wrong.value(theta), 800);
    assert.ok(wrong.grad(theta).every(Number.isFinite));
  });

  it("a minibatch of more rows than one block (512) is the full loss when B = n", () => {
    const r = rng(3), n = 600, d = 2;
    const Xl = linalg.dense(n, d, r.normalVector(n * d));
    const labels = Array.from({ length: n }, (_, i) => (i * 5) % 3);
    const net = objectives.softmaxNetwork(Xl, labels, { width: 3, classes: 3 });
    const t = net.init(rng(4));
    const batch = net.minibatches(n, rng(5));
    // the same rows in another order: rounding only (measured 1.7e-16 relative); rows read from the wrong place are O(1) off
    assert.ok(Math.abs(batch.value(t) - net.value(t)) < 1e-13 * net.value(t), `${batch.value(t)} vs ${net.value(t)}`);
  });

  it("a θ one entry longer than the cached one, or undefined, is refused by name, not served from the cache", () => {
    const f = objectives.softmaxNetwork(X, [1, 0], { width: 1, classes: 2 });
    f.value(theta);
    assert.throws(() => f.value(Float64Array.of(...theta, 0)), /^Error: theta must be a Float64Array of length 6 \(the network's parameters\), got length 7$/);
    assert.throws(() => f.value(undefined as never), /^Error: theta must be a Float64Array of length 6 \(the network's parameters\), got undefined$/);
    const batches = f.minibatches(2, rng(1));
    batches.value(theta);
    assert.throws(() => batches.grad(undefined as never), /^Error: theta must be a Float64Array of length 6/);
  });

  it("labels that are not an array, and an rng without normalVector, are named", () => {
    const options = { width: 1, classes: 2 };
    assert.throws(() => objectives.softmaxNetwork(X, "10" as never, options), /^Error: labels must be an array of 2 class indices, got string$/);
    assert.throws(() => objectives.softmaxNetwork(X, {} as never, options), /^Error: labels must be an array of 2 class indices, got object$/);
    const f = objectives.softmaxNetwork(X, [1, 0], options);
    assert.throws(() => f.init({} as never), /^Error: rng must be an Rng \(the initialization is random\)$/);
  });
});

describe("lowRank: the cache's key and the names", () => {
  it("sameAs: equal entries and equal lengths; NaN (the empty cache) never matches", () => {
    const a = Float64Array.of(1, 2, 3);
    assert.equal(sameAs(a, Float64Array.of(1, 2, 3)), true);
    assert.equal(sameAs(a, Float64Array.of(1, 2, 4)), false);
    assert.equal(sameAs(Float64Array.of(1, 2), a), false, "a shorter cached point with the same first entries");
    assert.equal(sameAs(a, Float64Array.of(1, 2)), false, "a longer one");
    assert.equal(sameAs(Float64Array.of(NaN), Float64Array.of(NaN)), false);
    assert.equal(sameAs(new Float64Array(0), new Float64Array(0)), true);
  });

  it("matrixCompletion's options and matrixSensing's first matrix are named", () => {
    const m = [[1, 0], [0, 1]];
    assert.throws(() => objectives.matrixCompletion(m, [[1, 1], [1, 1]], 1, "x" as never), /^Error: options must be an object \(\{ regularizer \}\)$/);
    assert.throws(() => objectives.matrixSensing([[[1, 2]]], [1], 1), /^Error: a\[0\] must be square, got 1×2$/);
  });
});

describe("designedObjective: μ = 0, a missing row, the samples' shape", () => {
  it("accepts μ = 0 (the paper's μ ≥ 0), names a null row of B* and a bad X", () => {
    const f = objectives.designedObjective([[1, 0], [0, 1]], [1, 2], { sigma4: 1, mu: 0, lambda: 1 });
    assert.ok(Number.isFinite(f.value(Float64Array.of(1, 0, 0, 1))));
    assert.throws(() => objectives.designedObjective([[1, 0]], [1], { sigma4: 1, mu: -1e-300, lambda: 1 }), /^Error: options\.mu must be ≥ 0, got -1e-300$/);
    assert.throws(() => objectives.designedObjective([null as never], [1], { sigma4: 1, mu: 0, lambda: 1 }), /^Error: bStar\[0\] must be an array of numbers, got null$/);
    assert.throws(() => objectives.designedObjectiveFromSamples("x" as never, [1], 1, { sign: 1, mu: 0, lambda: 1 }), /^Error: x must be an n × d Matrix, array of rows or Dense \(one sample per row\)$/);
  });
});
