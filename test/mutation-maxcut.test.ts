// The max-cut tools (lib/src/certify/maxCut.ts) against closed forms and independent
// enumeration: the cut of every labelling enumerated here, the SDP certificate S = C − Diag(μ)
// worked out by hand on the triangle (optimal at 120°: λ_min = 0; the cut (+, +, −) with p = 1:
// λ_min = −¼, gap bound ¾), the hyperplane rounding replayed from the same seed.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certify, exhaustiveMaxCut, goemansWilliamson, maxCutCertificate, maxCutSDP, rng } from "landscape";

const K3 = [[0, 1, 1], [1, 0, 1], [1, 1, 0]];
const W5 = [[0, 1, 0, 2, 0.5], [1, 0, 3, 0, 0], [0, 3, 0, 1, 0.7], [2, 0, 1, 0, 1.5], [0.5, 0, 0.7, 1.5, 0]];
const cutByHand = (w: number[][], s: number[]) => { let c = 0; for (let i = 0; i < w.length; i++) for (let j = i + 1; j < w.length; j++) if (s[i] !== s[j]) c += w[i][j]; return c; };
const at120 = Float64Array.from([0, 1, 2].flatMap((i) => [Math.cos((2 * Math.PI * i) / 3), Math.sin((2 * Math.PI * i) / 3)]));

describe("cutValue and exhaustiveMaxCut", () => {
  it("the cut of a labelling; the best over all 2⁵ labellings, enumerated here", () => {
    assert.equal(certify.cutValue(W5, [1, -1, 1, -1, 1]), cutByHand(W5, [1, -1, 1, -1, 1]));
    assert.equal(certify.cutValue(W5, [1, 1, 1, 1, 1]), 0);
    let best = 0;
    for (let m = 0; m < 32; m++) best = Math.max(best, cutByHand(W5, [0, 1, 2, 3, 4].map((i) => ((m >> i) & 1 ? 1 : -1))));
    const r = exhaustiveMaxCut(W5);
    assert.equal(r.value, best);
    assert.equal(cutByHand(W5, r.sides), best);
    assert.equal(r.sides[0], 1);
    assert.deepEqual(exhaustiveMaxCut([[0]]), { value: 0, sides: [1] });
    assert.equal(exhaustiveMaxCut(K3).value, 2);
    assert.throws(() => certify.cutValue(K3, [1, 1]), /^Error: sides must be 3 labels ±1$/);
    assert.throws(() => certify.cutValue(K3, [1, 0, 1]), /^Error: sides\[1\] must be \+1 or −1, got 0$/);
    assert.throws(() => exhaustiveMaxCut(Array.from({ length: 25 }, (_, i) => Array.from({ length: 25 }, (_, j) => (i === j ? 0 : 1)))), /^Error: w must have at most 24 vertices for an exhaustive search, got 25$/);
  });
});

describe("maxCutCertificate: S = C − Diag(diag(CYYᵀ)), C = −L/4", () => {
  it("certifies the triangle's optimum at 120° (λ_min(S) = 0, value 9/4)", () => {
    const c = maxCutCertificate(K3, at120);
    assert.ok(Math.abs(c.value - 9 / 4) < 1e-15);
    assert.ok(Math.abs(c.lambdaMin) < 1e-15);
    assert.ok(c.gapBound < 1e-14);
    assert.equal(c.certified, true);
  });

  it("fails the cut (+, +, −) as an SDP point: λ_min(S) = −¼, gap bound 3·¼, value 2", () => {
    const c = maxCutCertificate(K3, Float64Array.of(1, 1, -1));
    assert.ok(Math.abs(c.value - 2) < 1e-15);
    assert.ok(Math.abs(c.lambdaMin + 0.25) < 1e-15);
    assert.ok(Math.abs(c.gapBound - 0.75) < 1e-15);
    assert.equal(c.certified, false);
    // tolerance: λ_min = −¼ passes with tolerance ¼, not with 0.24.
    assert.equal(maxCutCertificate(K3, Float64Array.of(1, 1, -1), { tolerance: 0.25 }).certified, true);
    assert.equal(maxCutCertificate(K3, Float64Array.of(1, 1, -1), { tolerance: 0.24 }).certified, false);
  });

  it("rejects a bad y or options", () => {
    assert.throws(() => maxCutCertificate(K3, Float64Array.of(1, 1)), /^Error: y must be an n × p matrix \(row-major, n = 3\), got length 2$/);
    assert.throws(() => maxCutCertificate(K3, new Float64Array(0)), /^Error: y must be an n × p matrix \(row-major, n = 3\), got length 0$/);
    assert.throws(() => maxCutCertificate(K3, Float64Array.of(1, 1, 0.5)), /^Error: y must have unit-norm rows \(a point of the product of spheres\)$/);
    assert.throws(() => maxCutCertificate(K3, at120, null as never), /^Error: options must be an object \(\{ tolerance \}\)$/);
    assert.throws(() => maxCutCertificate(K3, at120, { tolerance: 0 }), /^Error: tolerance must be a finite number > 0, got 0$/);
  });
});

describe("goemansWilliamson: E[cut] = Σ_{i<j} Wᵢⱼ arccos⟨yᵢ, yⱼ⟩/π, hyperplanes from the generator", () => {
  it("the expectation exactly, and the rounds replayed from the same seed", () => {
    const t = [0.3, 2.1, -1.4, 0.9, -2.7];
    const Y = Float64Array.from(t.flatMap((a) => [Math.cos(a), Math.sin(a)]));
    let expected = 0;
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) expected += (W5[i][j] * Math.acos(Math.cos(t[i] - t[j]))) / Math.PI;
    const r = goemansWilliamson(W5, Y, { rng: rng(7), rounds: 9 });
    assert.ok(Math.abs(r.expected - expected) < 1e-14);
    assert.equal(r.rounds, 9);
    const replay = rng(7);
    let best = -Infinity, sum = 0, bestSides: number[] = [];
    for (let k = 0; k < 9; k++) {
      const g = replay.normalVector(2);
      const s = t.map((a) => (Math.cos(a) * g[0] + Math.sin(a) * g[1] >= 0 ? 1 : -1));
      const c = cutByHand(W5, s);
      sum += c;
      if (c > best) { best = c; bestSides = s; }
    }
    assert.equal(r.value, best);
    assert.deepEqual(r.sides, bestSides);
    assert.ok(Math.abs(r.mean - sum / 9) < 1e-15);
    assert.equal(goemansWilliamson(W5, Y, { rng: rng(7) }).rounds, 100);
    // ⟨yᵢ, g⟩ = 0 exactly goes to side +1: p = 1 rows ±1 and any g give the cut itself.
    const s1 = goemansWilliamson(K3, Float64Array.of(1, -1, -1), { rng: rng(3), rounds: 4 });
    assert.equal(s1.value, 2);
    assert.equal(s1.expected, 2);
    assert.throws(() => goemansWilliamson(K3, at120, { rng: {} as never }), /^Error: rng must be a seeded Rng \(rng\(seed\)\)$/);
    assert.throws(() => goemansWilliamson(K3, at120, { rng: rng(1), rounds: 0 }), /^Error: rounds must be an integer ≥ 1, got 0$/);
    assert.throws(() => goemansWilliamson(K3, at120, null as never), /^Error: options must be an object \(\{ rng, rounds \}\)$/);
    assert.throws(() => goemansWilliamson(K3, Float64Array.of(1, 2), { rng: rng(1) }), /^Error: y must be an n × p matrix/);
    assert.throws(() => goemansWilliamson(K3, Float64Array.of(1, 2, 1), { rng: rng(1) }), /^Error: y must have unit-norm rows/);
  });
});

describe("maxCutSDP", () => {
  it("on the triangle with p = 2: value 9/4, certified, rounding cut 2 with ratio 8/9", () => {
    const r = maxCutSDP(K3, { rank: 2, rng: rng(4) });
    assert.ok(Math.abs(r.value - 9 / 4) < 1e-9);
    assert.equal(r.certificate.certified, true);
    assert.equal(r.cut.value, 2);
    assert.ok(Math.abs(r.cut.ratio - 2 / r.value) < 1e-15);
    assert.equal(r.status, "converged");
    assert.ok(r.gradNorm <= 1e-9);
    assert.equal(r.cut.rounds, 100);
    // A start and a step: the same end point (up to the tolerance) and the given step used.
    const s = maxCutSDP(K3, { rank: 2, rng: rng(4), start: Float64Array.of(1, 0, 0.2, 1, -1, -0.3), stepSize: 0.2, rounds: 5, maxIterations: 3 });
    assert.equal(s.iterations, 3);
    assert.equal(s.status, "max-iterations");
    assert.equal(s.cut.rounds, 5);
    // With p = 1 from (+, +, −): a fixed point (all rows ±1), not certified.
    const one = maxCutSDP(K3, { rank: 1, rng: rng(1), start: Float64Array.of(1, 1, -1) });
    assert.equal(one.certificate.certified, false);
    assert.ok(Math.abs(one.certificate.lambdaMin + 0.25) < 1e-15);
    // An empty graph: value 0, ratio 1.
    const empty = maxCutSDP([[0, 0], [0, 0]], { rank: 1, rng: rng(1) });
    assert.equal(Math.abs(empty.value), 0); // −0: −Σμ with every μ = 0
    assert.equal(empty.cut.ratio, 1);
  });

  it("rejects bad options by name", () => {
    assert.throws(() => maxCutSDP(K3, null as never), /^Error: options must be given: \{ rank, rng \}$/);
    assert.throws(() => maxCutSDP(K3, { rank: 4, rng: rng(1) }), /^Error: options\.rank must be ≤ n = 3 \(the number of vertices of w\), got 4$/);
    assert.throws(() => maxCutSDP(K3, { rank: 0, rng: rng(1) }), /^Error: options\.rank must be an integer ≥ 1, got 0$/);
    assert.throws(() => maxCutSDP(K3, { rank: 2, rng: {} as never }), /^Error: options\.rng must be a seeded Rng \(rng\(seed\)\)$/);
    assert.throws(() => maxCutSDP(K3, { rank: 2, rng: rng(1), stepSize: 0 }), /^Error: options\.stepSize must be a finite number > 0, got 0$/);
    assert.throws(() => maxCutSDP(K3, { rank: 2, rng: rng(1), certificateTolerance: -1 }), /^Error: options\.certificateTolerance must be a finite number > 0, got -1$/);
    assert.throws(() => maxCutSDP(K3, { rank: 2, rng: rng(1), rounds: 0 }), /^Error: options\.rounds must be an integer ≥ 1, got 0$/);
    assert.throws(() => maxCutSDP(K3, { rank: 2, rng: rng(1), start: Float64Array.of(1, 0) }), /^Error: options\.start must have length 6, got length 2$/);
  });
});
