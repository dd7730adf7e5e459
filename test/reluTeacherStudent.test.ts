import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certify, Matrix, objectives, rng, secondOrderReport, type Objective } from "landscape";

const { finiteDifferenceGradient, finiteDifferenceHessian, relativeError } = certify;
const { reluTeacherStudent } = objectives;

/** ∇F against central differences of F, and ∇²F against central differences of ∇F. */
function checkDerivatives(f: Objective & { hessian(x: Float64Array): Matrix }, x: Float64Array) {
  const gradError = relativeError(f.grad(x), finiteDifferenceGradient(f, x));
  // central differences with h = 1e-5: O(h²) relative error, measured ≤ 2.6e-10; a wrong sign, factor or missing term is O(1)
  assert.ok(gradError < 1e-7, `gradient differs from central differences by ${gradError}`);
  const hessError = relativeError(f.hessian(x).to1DArray(), finiteDifferenceHessian(f, x).to1DArray());
  assert.ok(hessError < 1e-7, `Hessian differs from differences of the gradient by ${hessError}`);
}

/**
 * Monte Carlo over x ∼ N(0, I_d) of ℓ(x) = ½(Σᵢ relu(wᵢᵀx) − Σⱼ relu(vⱼᵀx))² and of its gradient
 * r(x)·1{wᵢᵀx > 0}·x (row i), r the residual: means and standard errors.
 */
function monteCarlo(v: number[][], w: Float64Array, n: number, samples: number, seed: number) {
  const d = v[0].length, k = v.length, dim = n * d;
  const g = rng(seed);
  const x = new Float64Array(d), active = new Uint8Array(n);
  let s = 0, s2 = 0;
  const gs = new Float64Array(dim), gs2 = new Float64Array(dim);
  for (let t = 0; t < samples; t++) {
    g.normalVector(d, 1, x);
    let r = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let a = 0; a < d; a++) z += w[i * d + a] * x[a];
      active[i] = z > 0 ? 1 : 0;
      if (z > 0) r += z;
    }
    for (let j = 0; j < k; j++) {
      let z = 0;
      for (let a = 0; a < d; a++) z += v[j][a] * x[a];
      if (z > 0) r -= z;
    }
    const l = 0.5 * r * r;
    s += l;
    s2 += l * l;
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      for (let a = 0; a < d; a++) {
        const gi = r * x[a];
        gs[i * d + a] += gi;
        gs2[i * d + a] += gi * gi;
      }
    }
  }
  const se = (sum: number, sum2: number) => Math.sqrt(Math.max(sum2 / samples - (sum / samples) ** 2, 0) / samples);
  return {
    value: s / samples,
    valueSe: se(s, s2),
    grad: Array.from(gs, (v) => v / samples),
    gradSe: Array.from(gs, (v, i) => se(v, gs2[i])),
  };
}

describe("reluTeacherStudent: the closed form", () => {
  // a general teacher (not orthonormal, so the arc-cosine kernel's norms and angles all matter) and V = I (the fast path)
  const general = [[1, 0.5, -0.3, 0.2], [-0.4, 1.2, 0.1, 0], [0.3, -0.2, 0.8, 0.9]];
  const identity = Matrix.eye(4).to2DArray();
  for (const [name, v] of [["a general teacher", general], ["V = I (axis-aligned teacher)", identity]] as const) {
    it(`${name}: value and gradient agree with Monte Carlo over 10⁶ Gaussian inputs`, () => {
      const n = 4;
      const f = reluTeacherStudent(v, n);
      const w = rng(7).normalVector(f.dim, 0.6);
      const mc = monteCarlo(v, w, n, 1_000_000, 11);
      const value = f.value(w), grad = f.grad(w);
      // 4.5 standard errors: P(|Z| > 4.5) ≈ 7e-6 for each of the 17 numbers (measured ≤ 1.9 SE). The SE is ≈ 0.2 % of F, so
      // a wrong normalization (no ½, or the kernel over π instead of 2π: a factor 2) is hundreds of SEs off, rejected below too.
      const z = Math.abs(value - mc.value) / mc.valueSe;
      assert.ok(z < 4.5, `F = ${value} vs Monte Carlo ${mc.value} ± ${mc.valueSe} (${z.toFixed(1)} SE)`);
      assert.ok(Math.abs(2 * value - mc.value) / mc.valueSe > 50, "Monte Carlo rejects the loss without the ½");
      grad.forEach((gi, i) => {
        const zi = Math.abs(gi - mc.grad[i]) / mc.gradSe[i];
        assert.ok(zi < 4.5, `∂F/∂W[${i}] = ${gi} vs Monte Carlo ${mc.grad[i]} ± ${mc.gradSe[i]} (${zi.toFixed(1)} SE)`);
      });
    });
    it(`${name}: gradient and Hessian agree with finite differences at random points`, () => {
      for (const [n, seed] of [[3, 1], [4, 2], [6, 3]]) {
        const f = reluTeacherStudent(v, n);
        checkDerivatives(f, rng(seed).normalVector(f.dim, 0.5));
      }
    });
  }

  it("the Hessian is symmetric and matches differences near a spurious minimum (V = I₇, the published point)", () => {
    const f = reluTeacherStudent(Matrix.eye(7), 7);
    const h = f.hessian(publishedMinimum());
    assert.equal(Matrix.sub(h, h.transpose()).abs().max(), 0);
    checkDerivatives(f, publishedMinimum());
  });

  it("the fast path for an axis-aligned teacher computes the general formula: rotating inputs, teacher and student leaves F unchanged", () => {
    // F(WQᵀ; VQᵀ) = F(W; V) for orthogonal Q (x and Qx have the same law); VQᵀ is no longer axis-aligned
    const k = 5, n = 6;
    const q = rng(5).orthogonal(k);
    const axis = reluTeacherStudent(Matrix.eye(k).mul(1.5).neg(), n); // rows −1.5eⱼ: signs and norms on the fast path
    const rotated = reluTeacherStudent(Matrix.eye(k).mul(-1.5).mmul(q.transpose()), n);
    const w = rng(6).normalVector(n * k, 0.5);
    const wq = Float64Array.from(new Matrix(Array.from({ length: n }, (_, i) => Array.from(w.subarray(i * k, (i + 1) * k)))).mmul(q.transpose()).to1DArray());
    assert.ok(Math.abs(axis.value(w) - rotated.value(wq)) < 1e-13, `${axis.value(w)} vs ${rotated.value(wq)}`);
    // the gradients rotate the same way: ∇_{WQᵀ} = (∇_W) Qᵀ
    const g = new Matrix(Array.from({ length: n }, (_, i) => Array.from(axis.grad(w).subarray(i * k, (i + 1) * k)))).mmul(q.transpose());
    assert.ok(relativeError(g.to1DArray(), rotated.grad(wq)) < 1e-12);
  });

  it("known values: one neuron against one (θ = π, π/2, 0) and the student equal to the teacher", () => {
    const v = [[0, 2, 0]];
    const f = reluTeacherStudent(v, 1);
    // w = −v: relu(wᵀx)relu(vᵀx) = 0, F = ½(‖w‖²/2 + ‖v‖²/2) = ‖v‖²/2 = 2
    assert.ok(Math.abs(f.value(Float64Array.of(0, -2, 0)) - 2) < 1e-15);
    // w ⟂ v, ‖w‖ = 1: κ = ‖w‖‖v‖/(2π), F = ½(½ − 2·2/(2π) + 2)
    assert.ok(Math.abs(f.value(Float64Array.of(1, 0, 0)) - 0.5 * (0.5 - 2 / Math.PI + 2)) < 1e-15);
    // w = v/2: κ = ‖w‖‖v‖/2 = 1, F = ½(½ − 2 + 2) = ¼ and ∇F = ½w − ½v = −v/4
    assert.ok(Math.abs(f.value(Float64Array.of(0, 1, 0)) - 0.25) < 1e-15);
    assert.ok(relativeError(f.grad(Float64Array.of(0, 1, 0)), Float64Array.of(0, -0.5, 0)) < 1e-15);
    // a student equal to the teacher, neurons permuted: F = 0, ∇F = 0 (to rounding)
    const teacher = rng(9).orthogonal(5).to2DArray();
    const g = reluTeacherStudent(teacher, 5);
    const w = Float64Array.from([3, 1, 4, 0, 2].flatMap((j) => teacher[j]));
    assert.ok(Math.abs(g.value(w)) < 1e-15, `F(V) = ${g.value(w)}`);
    assert.ok(Math.max(...g.grad(w).map(Math.abs)) < 1e-15);
  });

  it("zero neurons: no contribution to F, gradient 0 in their rows (relu′(0) = 0), Hessian blocks 0", () => {
    const v = Matrix.eye(3).to2DArray();
    const wide = reluTeacherStudent(v, 3), narrow = reluTeacherStudent(v, 2);
    const w = Float64Array.of(0.3, -0.2, 0.9, 0, 0, 0, 0.5, 0.4, -0.1);
    const without = Float64Array.of(0.3, -0.2, 0.9, 0.5, 0.4, -0.1);
    assert.ok(Math.abs(wide.value(w) - narrow.value(without)) < 1e-15);
    const g = wide.grad(w), gn = narrow.grad(without);
    assert.deepEqual(Array.from(g.subarray(3, 6)), [0, 0, 0]);
    assert.ok(relativeError(Float64Array.of(...g.subarray(0, 3), ...g.subarray(6)), gn) < 1e-14);
    const h = wide.hessian(w);
    for (let a = 3; a < 6; a++) for (let b = 0; b < 9; b++) assert.equal(h.get(a, b), 0);
    // a student equal to the teacher plus a zero neuron is a global minimum: F = 0, ∇F = 0
    const extra = reluTeacherStudent(v, 4);
    const w4 = Float64Array.from([...v.flat(), 0, 0, 0]);
    assert.ok(Math.abs(extra.value(w4)) < 1e-15 && Math.max(...extra.grad(w4).map(Math.abs)) < 1e-15);
  });

  it("value and grad at points changed in place (the shared pass remembers the last point by its entries)", () => {
    const f = reluTeacherStudent(Matrix.eye(4), 5), fresh = () => reluTeacherStudent(Matrix.eye(4), 5);
    const w = rng(4).normalVector(20, 0.5);
    f.value(w);
    w[7] += 1e-3;
    assert.deepEqual(Array.from(f.grad(w)), Array.from(fresh().grad(w)));
    assert.equal(f.value(w), fresh().value(w));
    w[0] = -w[0];
    assert.equal(f.value(w), fresh().value(w));
  });
});

/**
 * The spurious minimum for k = n = 7 published with Safran & Shamir's reference code (GitHub
 * ItaySafran/Overparameterization, README, to 10 decimals), in our layout: neurons as rows.
 * Their W has the neurons as columns; its values: one neuron (−0.6327…, 0.1859… × 6) and six
 * neurons with 0.2616… on the first coordinate, 0.9969… on their own and −0.0350… elsewhere.
 */
function publishedMinimum(): Float64Array {
  const k = 7, a = -0.6327039049, b = 0.2616910758, e = 0.1859910463, c = 0.9969227988, off = -0.0350801559;
  const w = new Float64Array(k * k);
  w[0] = a;
  for (let j = 1; j < k; j++) {
    w[j] = e; // neuron 0, coordinate j
    w[j * k] = b; // neuron j, coordinate 0
    for (let i = 1; i < k; i++) w[j * k + i] = i === j ? c : off;
  }
  return w;
}

describe("reluTeacherStudent: Safran & Shamir's published spurious minimum (k = n = 7)", () => {
  it("is a critical point of the closed form with a positive definite Hessian and F ≈ 0.0232", () => {
    const f = reluTeacherStudent(Matrix.eye(7), 7);
    const report = secondOrderReport(f, publishedMinimum(), { tolerance: 1e-6 });
    // their values are rounded to 1e-10, so ‖∇F‖ is of that order (measured 2.6e-10); at a random point it is O(1), and their
    // point with rows and columns swapped (W instead of Wᵀ) has ‖∇F‖ = 0.37
    assert.ok(report.gradNorm < 1e-8, `‖∇F‖ = ${report.gradNorm}`);
    // λ_min measured 0.01406: strictly positive, a strict local minimum (their README: always positive)
    assert.ok(report.lambdaMin > 0.01, `λ_min = ${report.lambdaMin}`);
    const value = f.value(publishedMinimum());
    assert.ok(value > 0.0232 && value < 0.02321, `F = ${value}`);
    const transposed = Float64Array.from(new Matrix(Array.from({ length: 7 }, (_, i) => Array.from(publishedMinimum().subarray(i * 7, (i + 1) * 7)))).transpose().to1DArray());
    assert.ok(secondOrderReport(f, transposed).gradNorm > 0.1, "the layout matters: Wᵀ is not critical");
  });
});

describe("reluTeacherStudent: input checks", () => {
  it("names the bad argument", () => {
    assert.throws(() => reluTeacherStudent([] as number[][], 2), /teacher/);
    assert.throws(() => reluTeacherStudent([[1, NaN]], 2), /teacher\[0\]\[1\]/);
    assert.throws(() => reluTeacherStudent([[1e308, 1e308]], 2), /teacher/);
    assert.throws(() => reluTeacherStudent([[1, 0]], 0), /width/);
    assert.throws(() => reluTeacherStudent([[1, 0]], 1.5), /width/);
    assert.throws(() => reluTeacherStudent([[1, 0]], 2).value(new Float64Array(3)), /W must have length width·d = 4/);
  });
});
