// The ground-truth distances of lib/src/certify/groundTruth.ts and the quadratic-network
// certificate (certify/quadraticNetwork.ts), written for their mutants: the exact assignment of
// permutationDistance against an enumeration of the permutations, its relative distance on the
// teacher's own scale, the numerical column space of projectorDistance at its 1e-10·σ_max
// threshold, ties and overflow in signDistance/componentDistance/procrustesDistance, and every
// error naming its argument; F, ∇F, the gap bound and three FISTA steps of the quadratic network
// written out. Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EigenvalueDecomposition } from "ml-matrix";
import { certify, componentDistance, Matrix, objectives, permutationDistance, procrustesDistance, projectorDistance, signDistance } from "landscape";

/** min over permutations π of Σⱼ min± ‖bⱼ ∓ b*_{π(j)}‖², by enumeration, with its π. */
function bruteForceAssignment(b: number[][], bStar: number[][]): { squared: number; assignment: number[] } {
  const m = b.length;
  let best = { squared: Infinity, assignment: [] as number[] };
  const visit = (prefix: number[]) => {
    if (prefix.length === m) {
      let s = 0;
      prefix.forEach((i, j) => {
        let minus = 0, plus = 0;
        b[j].forEach((v, k) => { minus += (v - bStar[i][k]) ** 2; plus += (v + bStar[i][k]) ** 2; });
        s += Math.min(minus, plus);
      });
      if (s < best.squared) best = { squared: s, assignment: [...prefix] };
      return;
    }
    for (let i = 0; i < m; i++) if (!prefix.includes(i)) visit([...prefix, i]);
  };
  visit([]);
  return best;
}

const frobenius = (rows: number[][]) => Math.sqrt(rows.flat().reduce((s, v) => s + v * v, 0));

describe("permutationDistance: the exact assignment, the relative distance, the errors", () => {
  // b = the rows of B* permuted (row j of b is row π(j) of B*), with signs, plus a small noise.
  const bStar = [[1, -0.5, 0.3], [0.2, 0.9, -1.1], [-0.7, 0.4, 0.8], [0.6, 0.6, 0.1]];
  const pi = [2, 0, 3, 1], signs = [-1, 1, -1, 1];
  const noise = [[0.05, -0.02, 0.01], [-0.03, 0.04, 0.02], [0.01, 0.01, -0.06], [0.02, -0.05, 0.03]];
  const b = pi.map((i, j) => bStar[i].map((v, k) => signs[j] * v + noise[j][k]));

  it("assignment π and distance √Σ min±‖bⱼ ∓ b*_π(j)‖² equal the enumeration's; relative = distance/‖B*‖_F", () => {
    const exact = bruteForceAssignment(b, bStar);
    assert.deepEqual(exact.assignment, pi); // the noise is small: the planted permutation is the optimum
    for (const input of [b, new Matrix(b), Float64Array.from(b.flat())]) {
      const r = permutationDistance(input, bStar, input instanceof Float64Array ? 4 : undefined);
      assert.deepEqual(r.assignment, pi);
      // the DP adds the same costs in another order: rounding only (measured 0 to 1e-16)
      assert.ok(Math.abs(r.distance - Math.sqrt(exact.squared)) < 1e-14, `${r.distance} vs ${Math.sqrt(exact.squared)}`);
      assert.ok(Math.abs(r.relative - r.distance / frobenius(bStar)) < 1e-15);
    }
    // distance = ‖noise‖_F when every row is matched with its planted sign
    assert.ok(Math.abs(permutationDistance(b, bStar).distance - frobenius(noise)) < 1e-14);
  });

  it("a huge b beside a tiny B*: relative from ‖B*‖ on its own scale (on the common scale B*² underflows to 0)", () => {
    const big = b.map((row) => row.map((v) => v * 1e150));
    const tiny = bStar.map((row) => row.map((v) => v * 1e-150));
    const r = permutationDistance(big, tiny);
    // the rows of B* are 1e-300 times smaller: the distance is ‖b‖_F·1e150 to 1e-15 relative
    const expected = (frobenius(b) / frobenius(bStar)) * 1e300;
    assert.ok(Math.abs(r.relative / expected - 1) < 1e-13, `${r.relative} vs ${expected}`);
    assert.ok(Math.abs(r.distance / (frobenius(b) * 1e150) - 1) < 1e-13);
  });

  it("names what is wrong: shapes, the row count, non-finite entries, a zero or empty B*", () => {
    assert.throws(() => permutationDistance(Float64Array.of(1, 2), [[1, 0]], 2), /^Error: rows must equal bStar's 1 rows, got 2$/);
    assert.equal(permutationDistance(Float64Array.of(1, 2), [[1, 0]], 1).assignment[0], 0);
    assert.throws(() => permutationDistance(Float64Array.of(1, 2, 3), [[1, 0]]), /^Error: b must have length 2 \(m × d = 1 × 2, row-major\), got 3$/);
    assert.throws(() => permutationDistance(Float64Array.of(1, 2, 3, NaN), [[1, 0], [0, 1]]), /^Error: b\[1\]\[1\] must be a finite number, got NaN$/);
    assert.throws(() => permutationDistance([[1, 0], [1, 1]], [[1, 0]]), /^Error: b must be 1 × 2 like bStar, got 2 × 2$/);
    assert.throws(() => permutationDistance([[1, 0, 1]], [[1, 0]]), /^Error: b must be 1 × 2 like bStar, got 1 × 3$/);
    assert.throws(() => permutationDistance("b" as never, [[1, 0]]), /^Error: b must be a Matrix or an array of rows$/);
    assert.throws(() => permutationDistance([[1, 0]], "x" as never), /^Error: bStar must be a Matrix or an array of rows$/);
    assert.throws(() => permutationDistance([[1, 0]], null as never), /^Error: bStar must be a Matrix or an array of rows$/);
    assert.throws(() => permutationDistance([[1, 0]], []), /^Error: bStar must be non-empty$/);
    assert.throws(() => permutationDistance([[1, 0]], [[]]), /^Error: bStar must be non-empty$/);
    assert.throws(() => permutationDistance([[1, 0]], [[1, 0], [1]]), /^Error: bStar\[1\] must have length 2, got length 1$/);
    assert.throws(() => permutationDistance([[1, 0]], [[1, Infinity]]), /^Error: bStar\[0\]\[1\] must be a finite number, got Infinity$/);
    const rows21 = Array.from({ length: 21 }, (_, i) => [i + 1]);
    assert.throws(() => permutationDistance(rows21, rows21), /^Error: bStar must have at most 20 rows \(the exact assignment costs m²2\^m\), got 21$/);
    // B* = 0 is named whether b is 0 or not (b ≠ 0 used to end in "relative = NaN is beyond float64's range").
    for (const bb of [[[0, 0]], [[1, 0]]]) {
      assert.throws(() => permutationDistance(bb, [[0, 0]]), /^Error: bStar must be non-zero \(the relative distance divides by ‖bStar‖\)$/);
    }
    // A Matrix B* is read as its rows.
    assert.deepEqual(permutationDistance([[1, 0]], new Matrix([[2, 0]])), { distance: 1, relative: 0.5, assignment: [0] });
  });
});

describe("projectorDistance: the numerical column space at singular values > 1e-10·σ_max", () => {
  it("a column at 1e-10 of σ_max = √2 is dropped (1e-10·√2 threshold), at 1e-8 kept; a 1e-13 column dropped", () => {
    const plane = [[1, 0], [0, 1], [0, 0]];
    // σ = √2, √2 and 1e-10 (block diagonal, exact): 1e-10 < 1e-10·√2, so the span is the plane.
    const dropped = [[1, 1, 0], [1, -1, 0], [0, 0, 1e-10]];
    assert.ok(projectorDistance(dropped, plane) < 1e-14);
    // σ = 1e-8·√2 ≫ 1e-10·σ_max: a third direction, and ‖P_U − P_V‖_F = 1 (the projector on e₃).
    const kept = [[1, 1, 0], [1, -1, 0], [0, 0, 1e-8]];
    assert.ok(Math.abs(projectorDistance(kept, plane) - 1) < 1e-14);
    assert.ok(projectorDistance([[1, 0], [0, 1e-13], [0, 0]], [[1], [0], [0]]) < 1e-14);
    // V's own scale: a V with entries 1e-200 spans the same line as one with entries 1.
    assert.ok(projectorDistance([[1], [1], [0]], [[1e-200], [1e-200], [0]]) < 1e-14);
  });

  it("u as a row-major Float64Array with rank; errors name u or v", () => {
    assert.ok(Math.abs(projectorDistance(Float64Array.of(1, 0, 0, 1, 0, 0), [[1], [0], [0]], 2) - 1) < 1e-14);
    assert.throws(() => projectorDistance([[1], [0]], [[1], [0], [0]]), /^Error: u and v must have the same number of rows, got 2 and 3$/);
    assert.throws(() => projectorDistance([[1], [0]], [[0], [0]]), /^Error: v must be non-zero \(the zero matrix spans no subspace to compare\)$/);
    assert.throws(() => projectorDistance([[0], [0]], [[1], [0]]), /^Error: u must be non-zero \(the zero matrix spans no subspace to compare\)$/);
    assert.throws(() => projectorDistance([[1], [0]], [[1], [NaN]]), /^Error: v\[1\]\[0\] must be finite, got NaN$/);
  });
});

describe("signDistance, componentDistance, procrustesDistance: ties, zero, overflow, arguments", () => {
  it("signDistance: x ⟂ x* is a tie, reported as sign +1; an overflowing distance is named", () => {
    const r = signDistance(Float64Array.of(1, 0), Float64Array.of(0, 2));
    assert.equal(r.sign, 1);
    assert.ok(Math.abs(r.distance - Math.sqrt(5)) < 1e-15);
    assert.throws(() => signDistance(Float64Array.of(1.5e308, 0), Float64Array.of(0, 1.5e308)), /^Error: signDistance\(x, xStar\): distance = Infinity is beyond float64's range/);
    assert.throws(() => signDistance(Float64Array.of(1, 0), Float64Array.of(1e-320, 0)), /^Error: signDistance\(x, xStar\): relative = Infinity is beyond float64's range/);
  });

  it("componentDistance: the first of two equally near columns; 0 against a zero column; overflow named", () => {
    const tie = componentDistance(Float64Array.of(0, 1), [[1, -1], [0, 0]]);
    assert.deepEqual(tie, { distance: Math.SQRT2, index: 0, sign: 1 });
    const zero = componentDistance(new Float64Array(2), [[3, 0], [4, 0]]);
    assert.deepEqual(zero, { distance: 0, index: 1, sign: 1 });
    const flipped = componentDistance(Float64Array.of(-1e300, -2e300), [[0, 1e300], [1, 2e300]]);
    assert.equal(flipped.index, 1);
    assert.equal(flipped.sign, -1);
    assert.ok(flipped.distance < 1e285);
    assert.throws(() => componentDistance(Float64Array.of(1.5e308, 0), [[0], [1.5e308]]), /^Error: componentDistance\(u, a\): distance = Infinity is beyond float64's range/);
    assert.throws(() => componentDistance(Float64Array.of(1, 0), [[1], [NaN]]), /^Error: a\[1\]\[0\] must be finite, got NaN$/);
  });

  it("procrustesDistance: U* as a Float64Array needs the rank; its overflow and bad entries are named", () => {
    assert.throws(() => procrustesDistance([[1, 2]], Float64Array.of(1, 2)), /^Error: rank must be given when uStar is a row-major Float64Array$/);
    assert.throws(() => procrustesDistance(Float64Array.of(1, 2), Float64Array.of(1, NaN), 2), /^Error: uStar\[1\] must be finite, got NaN$/);
    assert.throws(() => procrustesDistance([[1, 2], [3]], [[1, 2], [3, 4]]), /^Error: u\[1\] must have length 2, got 1$/);
    assert.throws(() => procrustesDistance([[1, 2]], new Matrix([[1, Infinity]])), /^Error: uStar\[0\]\[1\] must be finite$/);
    // u ⟂ u* (r = 1): min_R ‖UR − U*‖ = √2·1.5e308 overflows.
    assert.throws(() => procrustesDistance([[1.5e308], [0]], [[0], [1.5e308]]), /^Error: procrustesDistance\(u, uStar\): distance = Infinity is beyond float64's range/);
    const ok = procrustesDistance(Float64Array.of(3, 0, 0, 4), Float64Array.of(0, 3, 4, 0), 2);
    // U = diag(3, 4) against U* = [[0, 3], [4, 0]]: UᵀU* = [[0, 9], [16, 0]], σ = 16, 9: distance² = 25 + 25 − 50 = 0.
    assert.ok(ok.distance < 1e-14 && ok.matrixError < 1e-15);
  });
});

describe("quadraticNetworkCertificate and quadraticNetworkConvexOptimum: F, ∇F and FISTA recomputed", () => {
  const { quadraticNetworkCertificate, quadraticNetworkConvexOptimum } = certify;
  // n = 5 inputs in ℝ³ (not orthogonal: the kernel (xᵢᵀxⱼ)² is not diagonal), labels ±1, λ = 0.07, C symmetric.
  const X = [[1, 0.2, -0.5], [0.3, -1, 0.4], [-0.6, 0.5, 0.9], [0.8, 0.7, 0.1], [-0.2, -0.4, -1.2]];
  const y = [1, -1, 1, -1, 1];
  const Cmat = [[0.05, 0.02, -0.01], [0.02, -0.03, 0.04], [-0.01, 0.04, 0.06]];
  const lambda = 0.07;
  const n = 5, d = 3;
  const ones = (k: number) => new Array<number>(k).fill(1);
  const make = (loss: "logistic" | "squared", C: number[][] | undefined, labels = y) =>
    objectives.twoLayerNetwork(X, labels, { width: 2, activation: "quadratic", loss, outputWeights: ones(2), weightDecay: lambda, ...(C ? { perturbation: C } : {}) });
  /** ℓ and ℓ′: log(1 + e^{−yf}) and −y/(1 + e^{yf}), or ½(f − y)² and f − y. */
  const ell = (loss: string, yi: number, f: number) => (loss === "squared" ? 0.5 * (f - yi) ** 2 : Math.log1p(Math.exp(-yi * f)));
  const dell = (loss: string, yi: number, f: number) => (loss === "squared" ? f - yi : -yi / (1 + Math.exp(yi * f)));
  /** F(M) = (1/n)Σℓ(yᵢ, xᵢᵀMxᵢ) + λ tr M + ⟨C, M⟩ and ∇F(M) = (1/n)Σℓ′ xᵢxᵢᵀ + λI + C, written out. */
  const FG = (loss: string, M: Matrix, C: number[][] | undefined, labels = y) => {
    let F = 0;
    const G = Matrix.eye(d, d).mul(lambda);
    if (C) G.add(new Matrix(C));
    X.forEach((x, i) => {
      const xv = Matrix.columnVector(x);
      const f = xv.transpose().mmul(M).mmul(xv).get(0, 0);
      F += ell(loss, labels[i], f) / n;
      G.add(xv.mmul(xv.transpose()).mul(dell(loss, labels[i], f) / n));
    });
    F += lambda * M.trace() + (C ? Matrix.mul(new Matrix(C), M).sum() : 0);
    return { F, G };
  };
  const lambdaMin = (A: Matrix) => Math.min(...new EigenvalueDecomposition(A, { assumeSymmetric: true }).realEigenvalues);
  const theta = Float64Array.of(0.5, 0, -0.3, 0, 0, 0.7);
  const W = new Matrix([[0.5, 0, -0.3], [0, 0, 0.7]]);
  const M = W.transpose().mmul(W);

  it("logistic loss with C: value, G, λ_min(G), ⟨G, M⟩ and the gap bound ⟨G, M⟩ + min(F₀, F)/μ·max(0, −λ_min)", () => {
    const c = quadraticNetworkCertificate(make("logistic", Cmat), theta);
    const { F, G } = FG("logistic", M, Cmat);
    assert.ok(Math.abs(c.value - F) < 1e-14, `F ${c.value} vs ${F}`);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      assert.ok(Math.abs(c.G.get(i, j) - G.get(i, j)) < 1e-15, `G[${i}][${j}]`);
      assert.ok(Math.abs(c.M.get(i, j) - M.get(i, j)) < 1e-15);
    }
    const lmin = lambdaMin(G);
    assert.ok(lmin < -0.01, "a point that is not optimal");
    assert.ok(Math.abs(c.lambdaMin - lmin) < 1e-14);
    const ip = Matrix.mul(G, M).sum();
    assert.ok(Math.abs(c.innerProduct - ip) < 1e-15);
    // F₀ = log 2 (ℓ(y, 0) for every i), μ = λ + λ_min(C) > 0
    const mu = lambda + lambdaMin(new Matrix(Cmat));
    assert.ok(mu > 0 && F < Math.LN2);
    const bound = ip + (Math.min(Math.LN2, F) / mu) * -lmin;
    assert.ok(Math.abs(c.gapBound! - bound) < 1e-12 * bound, `gap bound ${c.gapBound} vs ${bound}`);
    assert.equal(c.certified, false);
    // certified iff λ_min ≥ −tol and |⟨G, M⟩| ≤ tol: a tolerance between the two decides.
    const both = Math.max(-lmin, Math.abs(ip));
    assert.equal(quadraticNetworkCertificate(make("logistic", Cmat), theta, { tolerance: both * 1.001 }).certified, true);
    assert.equal(quadraticNetworkCertificate(make("logistic", Cmat), theta, { tolerance: both * 0.999 }).certified, false);
  });

  it("F₀ < F(M) bounds tr M* by F₀/μ; without C, μ = λ; with λ_min(λI + C) ≤ 0 no bound", () => {
    // a large W: F(M) > F₀ = (1/n)Σ½yᵢ² for the squared loss
    const big = theta.map((v) => 3 * v);
    const Mb = Matrix.mul(M, 9);
    const c = quadraticNetworkCertificate(make("squared", undefined), big);
    const { F, G } = FG("squared", Mb, undefined);
    const F0 = 0.5;
    assert.ok(F > F0 && Math.abs(c.value - F) < 1e-13);
    const lmin = lambdaMin(G);
    const ip = Matrix.mul(G, Mb).sum();
    const bound = Math.max(0, ip + (F0 / lambda) * Math.max(0, -lmin));
    assert.ok(Math.abs(c.gapBound! - bound) < 1e-12 * Math.max(1, bound), `gap bound ${c.gapBound} vs ${bound}`);
    const negative = [[-0.1, 0, 0], [0, 0.2, 0], [0, 0, 0.3]]; // μ = 0.07 − 0.1 < 0
    assert.equal(quadraticNetworkCertificate(make("squared", negative), theta).gapBound, undefined);
  });

  it("theta whose M = WᵀW overflows is named; options.tolerance is checked", () => {
    const net = make("squared", undefined);
    assert.throws(() => quadraticNetworkCertificate(net, theta.map(() => 1e160)), /^Error: theta: M = WᵀW, F\(M\) or ∇F\(M\) overflows the float64 range at theta$/);
    assert.throws(() => quadraticNetworkCertificate(net, theta, { tolerance: 0 }), /^Error: options\.tolerance must be a finite number > 0, got 0$/);
    assert.throws(() => quadraticNetworkConvexOptimum(net, { tolerance: -1 }), /^Error: options\.tolerance must be a finite number > 0, got -1$/);
    assert.throws(() => quadraticNetworkConvexOptimum(net, { maxIterations: 0 }), /^Error: options\.maxIterations must be an integer ≥ 1, got 0$/);
    assert.throws(() => quadraticNetworkConvexOptimum(null as never), /^Error: network must be a TwoLayerNetwork \(objectives\.twoLayerNetwork\)$/);
  });

  it("three FISTA steps replayed: M_{k+1} = Π_PSD(Y_k − ∇F(Y_k)/L), L = ℓ″max·λ_max((xᵢᵀxⱼ)²/n), momentum with restart", () => {
    for (const loss of ["logistic", "squared"] as const) {
      const net = make(loss, Cmat);
      const K = new Matrix(n, n);
      X.forEach((a, i) => X.forEach((b, j) => K.set(i, j, (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) ** 2 / n)));
      const L = (loss === "squared" ? 1 : 0.25) * Math.max(...new EigenvalueDecomposition(K, { assumeSymmetric: true }).realEigenvalues);
      const project = (B: Matrix) => {
        const e = new EigenvalueDecomposition(B, { assumeSymmetric: true });
        const V = e.eigenvectorMatrix;
        const D = Matrix.diag(e.realEigenvalues.map((v) => Math.max(v, 0)));
        return V.mmul(D).mmul(V.transpose());
      };
      let Mk = Matrix.zeros(d, d), prev = Matrix.zeros(d, d), Y = Matrix.zeros(d, d), t = 1;
      let fM = FG(loss, Mk, Cmat).F;
      const restarts: boolean[] = [];
      for (let k = 0; k < 3; k++) {
        const next = project(Matrix.sub(Y, Matrix.mul(FG(loss, Y, Cmat).G, 1 / L)));
        const fNext = FG(loss, next, Cmat).F;
        prev = Mk;
        Mk = next;
        restarts.push(fNext > fM);
        if (fNext > fM) {
          t = 1;
          Y = Mk.clone();
        } else {
          const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
          Y = Matrix.add(Mk, Matrix.mul(Matrix.sub(Mk, prev), (t - 1) / tNext));
          t = tNext;
        }
        fM = fNext;
      }
      const opt = quadraticNetworkConvexOptimum(net, { maxIterations: 3 });
      assert.equal(opt.iterations, 3);
      assert.equal(opt.converged, false);
      // the third iterate uses momentum β = (t − 1)/t′ ≠ 0 (t = (1 + √5)/2 after the first step)
      assert.ok(restarts.every((r) => !r), `${loss}: no restart in the first three steps`);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) assert.ok(Math.abs(opt.M.get(i, j) - Mk.get(i, j)) < 1e-13, `${loss}: M[${i}][${j}] ${opt.M.get(i, j)} vs ${Mk.get(i, j)}`);
      const { F, G } = FG(loss, Mk, Cmat);
      assert.ok(Math.abs(opt.value - F) < 1e-14);
      // the conditions are those at the last iterate (checked at k = maxIterations)
      assert.ok(Math.abs(opt.lambdaMin - lambdaMin(G)) < 1e-13);
      assert.ok(Math.abs(opt.innerProduct - Matrix.mul(G, Mk).sum()) < 1e-14);
      const ev = new EigenvalueDecomposition(Mk, { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
      ev.forEach((v, i) => assert.ok(Math.abs(opt.eigenvalues[i] - v) < 1e-13));
      assert.equal(opt.rank, ev.filter((v) => v > 1e-6 * ev[d - 1] && v > 0).length);
    }
  });
});
