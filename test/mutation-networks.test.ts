// The survivors of `npm run mutate` on lib/src/objectives/{networks, reluTeacherStudent}.ts (and
// the network objectives after them) that their unit tests left: the accepted input forms and
// every error with the argument it names, the overflow-safe branches (rows whose squared norm
// underflows or overflows, softplus and sigmoid far from 0), the remembered last point, and
// values and gradients against closed forms computed here.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kernels, linalg, Matrix, objectives, rng } from "landscape";

const { reluTeacherStudent } = objectives;

/** |a − b| ≤ tol·max(1, |b|). */
function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

describe("reluTeacherStudent: input forms, sizes and errors", () => {
  it("accepts Float64Array rows and a Matrix, exposes the sizes and a copy of the teacher", () => {
    const rows = reluTeacherStudent([Float64Array.of(1, 0), Float64Array.of(0, 2)] as unknown as number[][], 3);
    assert.deepEqual(rows.teacher.to2DArray(), [[1, 0], [0, 2]]);
    assert.deepEqual([rows.dim, rows.width, rows.inputDim, rows.teacherWidth], [6, 3, 2, 2]);
    const V = new Matrix([[1, 0], [0, 2]]);
    const f = reluTeacherStudent(V, 3);
    assert.notEqual(f.teacher, V);
    f.teacher.set(0, 0, 5);
    // F at W = 0 is the teacher's term ½E(Σⱼ relu(vⱼᵀx))² = ½(‖v₁‖² + ‖v₂‖²)/2 + ‖v₁‖‖v₂‖/(2π) (θ = π/2): unchanged
    close(f.value(new Float64Array(6)), 0.25 * (1 + 4) + 2 / (2 * Math.PI), 1e-15, "F(0)");
    assert.deepEqual(V.to2DArray(), [[1, 0], [0, 2]]);
  });

  it("the first point evaluated is computed even when it is W = 0 (the remembered point starts as NaN)", () => {
    // V = I₂: ½(½ + ½) + 2·½·(1/2π) = ½ + 1/(2π)
    close(reluTeacherStudent(Matrix.eye(2), 2).value(new Float64Array(4)), 0.5 + 1 / (2 * Math.PI), 1e-15, "F(0)");
    assert.deepEqual(Array.from(reluTeacherStudent(Matrix.eye(2), 2).grad(new Float64Array(4))), [0, 0, 0, 0]);
  });

  it("grad writes into `out` and returns it", () => {
    const f = reluTeacherStudent([[0, 2, 0]], 1);
    const out = new Float64Array(3);
    assert.equal(f.grad(Float64Array.of(0, 1, 0), out), out);
    // w = v/2: ∇F = ½w − ½v = −v/4
    assert.ok(Math.abs(out[1] + 0.5) < 1e-15 && out[0] === 0 && out[2] === 0, `${out}`);
  });

  it("names the teacher, its size and its overflow, width and W's length", () => {
    const form = /^Error: teacher must be a k × d Matrix or a non-empty array of rows \(one teacher neuron per row\)$/;
    assert.throws(() => reluTeacherStudent("x" as never, 1), form);
    assert.throws(() => reluTeacherStudent([[1, 2], 5 as never], 1), form);
    assert.throws(() => reluTeacherStudent([], 1), form);
    assert.throws(() => reluTeacherStudent([[1, 2], [3]], 1), /^Error: teacher\[1\] must have length 2, got 1$/);
    assert.throws(() => reluTeacherStudent(new Matrix(0, 0), 1), /^Error: teacher must have at least one row and one column, got 0×0$/);
    assert.throws(() => reluTeacherStudent(new Matrix(2, 0), 1), /^Error: teacher must have at least one row and one column, got 2×0$/);
    assert.throws(() => reluTeacherStudent(new Matrix([[1, NaN]]), 1), /^Error: teacher\[0\]\[1\] must be a finite number, got NaN$/);
    assert.throws(() => reluTeacherStudent(new Matrix([[1, 0], [0, Infinity]]), 1), /^Error: teacher\[1\]\[1\] must be a finite number, got Infinity$/);
    // ‖(1.7e308, 1.7e308)‖ = 2.4e308 overflows; ‖(1e200, 0)‖ does not, but ¼‖v‖² does
    assert.throws(() => reluTeacherStudent([[1.7e308, 1.7e308]], 1), /^Error: teacher's row 0 is too large: its norm overflows float64$/);
    assert.throws(() => reluTeacherStudent([[1, 0], [1.7e308, 1.7e308]], 1), /^Error: teacher's row 1 is too large/);
    assert.throws(() => reluTeacherStudent([[1e200, 0], [0, 1e200]], 1), /^Error: teacher's entries are too large: E\[\(Σⱼ relu\(vⱼᵀx\)\)²\] overflows float64$/);
    assert.throws(() => reluTeacherStudent([[1, 0]], 0), /^Error: width must be an integer ≥ 1, got 0$/);
    assert.throws(() => reluTeacherStudent([[1, 0]], 2).grad(new Float64Array(5)), /^Error: W must have length width·d = 4, got 5$/);
  });
});

describe("reluTeacherStudent: rows whose squared norm underflows (the scaled norm)", () => {
  // θ between w = (3, 4)·1e-170 and v = e₁: cos θ = 0.6, sin θ = 0.8; ‖w‖² = 2.5e-339 underflows to 0
  const rest = Math.PI - Math.acos(0.6);

  it("a tiny student neuron is not a zero neuron: ∇F = (1/2π)[−‖v‖ sin θ ū + π w − (π − θ) v]", () => {
    const f = reluTeacherStudent([[1, 0]], 1);
    const g = f.grad(Float64Array.of(3e-170, 4e-170));
    // π w is 1e-170 against O(1): the other two terms, computed here
    close(g[0], (-0.8 * 0.6 - rest) / (2 * Math.PI), 1e-14, "∂F/∂w₁");
    close(g[1], (-0.8 * 0.8) / (2 * Math.PI), 1e-14, "∂F/∂w₂");
  });

  it("a tiny teacher neuron is not ignored: its pull −(π − θ)v/(2π) on a unit student", () => {
    const f = reluTeacherStudent([[3e-170, 4e-170]], 1);
    const g = f.grad(Float64Array.of(1, 0));
    // row 2: ū₂ = 0 and w₂ = 0, so only −(π − θ)v₂/(2π) = −(π − θ)·4e-170/(2π)
    const want = (-rest * 4e-170) / (2 * Math.PI);
    assert.ok(Math.abs(g[1] - want) <= 1e-14 * Math.abs(want), `${g[1]} vs ${want}`);
    // row 1: ½w₁ = ½ plus O(1e-170)
    assert.equal(g[0], 0.5);
  });
});

describe("twoLayerNetwork: input forms, properties and errors", () => {
  const X = [[1, 2, -1], [0.5, -1, 2]];
  const base = { width: 2, activation: "relu", loss: "squared" } as const;

  it("takes X as rows, a Matrix or a dense matrix (copied), and exposes its shape and options", () => {
    const data = Float64Array.from(X.flat());
    const dense = { rows: 2, cols: 3, data };
    const C = [[1, 0.5, 0], [0.5, 2, 0], [0, 0, 1]];
    const theta = Float64Array.of(0.3, -0.2, 0.5, 1, 0.4, -0.6, 1.5, -0.5);
    const nets = [X, new Matrix(X), dense].map((x) => objectives.twoLayerNetwork(x, [1, -2], { ...base, weightDecay: 0.1, perturbation: C }));
    const values = nets.map((n) => n.value(theta));
    assert.equal(values[1], values[0]);
    assert.equal(values[2], values[0]);
    data[0] = 100; // the network keeps its own copy
    assert.equal(nets[2].value(theta), values[0]);
    const net = nets[2];
    assert.deepEqual([net.dim, net.width, net.inputDim, net.samples, net.activation, net.loss, net.weightDecay, net.trainsOutputWeights], [8, 2, 3, 2, "relu", "squared", 0.1, true]);
    assert.deepEqual(Array.from(net.inputs.data), X.flat());
    assert.deepEqual(Array.from(net.labels), [1, -2]);
    assert.deepEqual(Array.from(net.perturbation!.data), C.flat());
    assert.equal(objectives.twoLayerNetwork(X, [1, -2], base).perturbation, undefined);
    // C as a Matrix and as a dense matrix: the same objective
    for (const c of [new Matrix(C), { rows: 3, cols: 3, data: Float64Array.from(C.flat()) }]) {
      assert.equal(objectives.twoLayerNetwork(X, [1, -2], { ...base, weightDecay: 0.1, perturbation: c }).value(theta), values[0]);
    }
  });

  it("names X, y, options and each option", () => {
    assert.throws(() => objectives.twoLayerNetwork("X" as never, [1], base), /^Error: X must be an ml-matrix Matrix, a dense matrix \{ rows, cols, data \} or an array of rows, got string$/);
    assert.throws(() => objectives.twoLayerNetwork(null as never, [1], base), /^Error: X must be an ml-matrix Matrix, a dense matrix \{ rows, cols, data \} or an array of rows, got null$/);
    assert.throws(() => objectives.twoLayerNetwork({ rows: 1, cols: 2, data: Float64Array.of(1, NaN) }, [1], base), /^Error: X/);
    assert.throws(() => objectives.twoLayerNetwork(new Matrix(0, 0), [], base), /^Error: X must have at least one row and one column, got 0×0$/);
    assert.throws(() => objectives.twoLayerNetwork({ rows: 2, cols: 0, data: new Float64Array(0) }, [1, 2], base), /^Error: X must have at least one row and one column, got 2×0$/);
    assert.throws(() => objectives.twoLayerNetwork({ rows: 0, cols: 3, data: new Float64Array(0) }, [], base), /^Error: X must have at least one row and one column, got 0×3$/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], null as never), /^Error: options must be given: \{ width, activation, loss \}$/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], "relu" as never), /^Error: options must be given/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], { ...base, activation: "tanh" as never }), /^Error: options.activation must be "relu", "quadratic" or "softplus", got tanh$/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], { ...base, loss: "hinge" as never }), /^Error: options.loss must be "squared" or "logistic", got hinge$/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], { ...base, loss: "logistic" }), /^Error: y\[1\] must be −1 or \+1 for the logistic loss, got 2$/);
    assert.throws(() => objectives.twoLayerNetwork(X, [0, 1], { ...base, loss: "logistic" }), /^Error: y\[0\] must be −1 or \+1 for the logistic loss, got 0$/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], { ...base, weightDecay: NaN }), /^Error: options.weightDecay must be a finite number, got NaN$/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], { ...base, weightDecay: -0.5 }), /^Error: options.weightDecay must be ≥ 0, got -0.5$/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], { ...base, width: 1.5 }), /^Error: options.width must be an integer ≥ 1, got 1.5$/);
    const net = objectives.twoLayerNetwork(X, [1, 2], base);
    assert.throws(() => net.value(Array.from({ length: 8 }, () => 0) as never), /^Error: theta must be a Float64Array of length 8, got an array of length 8$/);
    assert.throws(() => net.grad(new Float64Array(7)), /^Error: theta must have length 8, got length 7$/);
    assert.throws(() => net.unpack(new Float64Array(7)), /^Error: theta must have length 8, got length 7$/);
    assert.throws(() => net.pack({ rows: 3, cols: 2, data: new Float64Array(6) }, [1, 1]), /^Error: W must be 2×3 \(width × inputDim\), got 3×2$/);
    assert.throws(() => net.pack({ rows: 2, cols: 2, data: new Float64Array(4) }, [1, 1]), /^Error: W must be 2×3 \(width × inputDim\), got 2×2$/);
    assert.throws(() => net.pack({ rows: 3, cols: 3, data: new Float64Array(9) }, [1, 1]), /^Error: W must be 2×3 \(width × inputDim\), got 3×3$/);
    assert.throws(() => net.pack({ rows: 2, cols: 3, data: new Float64Array(6) }, [1]), /^Error: a must have length 2/);
    assert.throws(() => net.predict(new Float64Array(7), X), /^Error: theta must have length 8, got length 7$/);
    assert.throws(() => net.predict(new Float64Array(8), [[1, 2]]), /^Error: X must have 3 columns \(the input dimension\), got 2$/);
    assert.throws(() => net.predict(new Float64Array(8), "X" as never), /^Error: X must be an ml-matrix Matrix, a dense matrix/);
    assert.throws(() => net.pack("W" as never, [1, 1]), /^Error: W must be a dense matrix/);
    // a function carrying a dense matrix's fields is not one: the form check, not the dense check, rejects it
    const fake = Object.assign(() => 0, { rows: 1, cols: 3, data: Float64Array.of(1, 2, 3) });
    assert.throws(() => objectives.twoLayerNetwork(fake as never, [1], base), /^Error: X must be an ml-matrix Matrix, a dense matrix \{ rows, cols, data \} or an array of rows, got function$/);
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], { ...base, perturbation: { rows: 3, cols: 3, data: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, NaN) } }), /^Error: options.perturbation/);
    // rows (and a Matrix) go to the matrix check itself, whose message says "a finite number"
    assert.throws(() => objectives.twoLayerNetwork(X, [1, 2], { ...base, perturbation: [[1, 0, 0], [0, 1, 0], [0, 0, NaN]] }), /^Error: options.perturbation\[2\]\[2\] must be a finite number, got NaN$/);
    assert.throws(() => net.init(undefined as never), /^Error: rng must be an Rng \(from rng\(seed\)\)$/);
    assert.throws(() => net.init({} as never), /^Error: rng must be an Rng/);
    assert.throws(() => net.init(rng(1), NaN), /^Error: scale must be a finite number, got NaN$/);
    assert.throws(() => net.init(rng(1), -1), /^Error: scale must be ≥ 0, got -1$/);
  });
});

describe("twoLayerNetwork: the overflow-safe branches, the cache after an overflow, init", () => {
  it("softplus far from 0 on both sides: log(1 + e^800) = 800, log(1 + e^−800) = 0, and σ′ = sigmoid(800) = 1", () => {
    // one sample x = 1, one unit: f = a·softplus(w), L = ½(f − y)²
    const net = objectives.twoLayerNetwork([[1]], [0], { width: 1, activation: "softplus", loss: "squared" });
    assert.equal(net.value(Float64Array.of(800, 1)), 0.5 * 800 * 800);
    assert.equal(net.value(Float64Array.of(-800, 1)), 0);
    // ∂L/∂w = (f − y)·a·sigmoid(w)·x = 800, ∂L/∂a = (f − y)·softplus(w) = 640000
    assert.deepEqual(Array.from(net.grad(Float64Array.of(800, 1))), [800, 640000]);
    assert.deepEqual(Array.from(net.predict(Float64Array.of(800, 2), [[1], [-1]])), [1600, 0]);
  });

  it("after a forward pass that overflows, the next point is computed afresh (the cache was invalidated)", () => {
    const X = [[1, 1], [0.5, -1]];
    const o = { width: 1, activation: "quadratic", loss: "squared" } as const;
    const net = objectives.twoLayerNetwork(X, [1, -1], o);
    const theta = Float64Array.of(0.7, -0.3, 1.2);
    const fresh = objectives.twoLayerNetwork(X, [1, -1], o);
    const want = Array.from(fresh.grad(theta));
    net.value(theta);
    assert.equal(net.value(Float64Array.of(1e160, 0, 1)), Infinity);
    assert.deepEqual(Array.from(net.grad(theta)), want);
    assert.equal(net.value(theta), fresh.value(theta));
  });

  it("a gradient that overflows (2λθ, or 2WC) is all NaN, not ±∞", () => {
    const huge = objectives.twoLayerNetwork([[1, 0]], [0], { width: 1, activation: "relu", loss: "squared", weightDecay: 1e308 });
    assert.equal(huge.value(Float64Array.of(10, 0, 0)), Infinity);
    assert.ok(huge.grad(Float64Array.of(10, 0, 0)).every(Number.isNaN));
    const C = [[1e308, 0], [0, 1]];
    const perturbed = objectives.twoLayerNetwork([[1, 0]], [0], { width: 1, activation: "relu", loss: "squared", perturbation: C });
    assert.equal(perturbed.value(Float64Array.of(10, 0, 0)), Infinity);
    assert.ok(perturbed.grad(Float64Array.of(10, 0, 0)).every(Number.isNaN));
    // and at a finite point the same objective is finite: 2WC = (2e308·w₁, 2w₂) with w₁ = 1e-10
    assert.ok(perturbed.grad(Float64Array.of(1e-10, 1, 0)).every(Number.isFinite));
  });

  it("without weight decay, ‖θ‖² is not formed: θ with |w| = 1e155 (‖θ‖² overflows) still has a finite loss", () => {
    // f = a·relu(w) = 1e155·1e-160 = 1e-5, L = ½(f − 1)²; a penalty 0·‖θ‖² = 0·∞ would be NaN (and the value +∞)
    const net = objectives.twoLayerNetwork([[1]], [1], { width: 1, activation: "relu", loss: "squared" });
    close(net.value(Float64Array.of(1e155, 1e-160)), 0.5 * (1e-5 - 1) ** 2, 1e-15, "L");
    assert.ok(net.grad(Float64Array.of(1e155, 1e-160)).every(Number.isFinite));
  });

  it("sigmoid far below 0 keeps its subnormal value: σ′(−710) = 4.4e-309, not 0 (1/(1 + e^710) would be 0)", () => {
    // softplus unit at z = −710: f = log(1 + e^−710) ≈ 4.4e-309, r = f − 1 ≈ −1, ∂L/∂w = r·a·sigmoid(−710)·x < 0
    const net = objectives.twoLayerNetwork([[1]], [1], { width: 1, activation: "softplus", loss: "squared" });
    const g = net.grad(Float64Array.of(-710, 1));
    assert.ok(g[0] < 0 && g[0] > -1e-300, `∂L/∂w = ${g[0]}`);
  });

  it("the first point evaluated is computed even when it is θ = 0 (no forward pass is remembered at construction)", () => {
    // softplus: H = σ(0) = log 2, so ∇_a = Hᵀr ≠ 0 at θ = 0, and with fixed a the output a·log 2 ≠ 0
    const X = [[1, 2], [-1, 0.5]];
    const trained = objectives.twoLayerNetwork(X, [1, -2], { width: 2, activation: "softplus", loss: "squared" });
    const g = trained.grad(new Float64Array(6));
    // r = (0 − y)/n = (−0.5, 1), ∇a_j = Σᵢ rᵢ log 2 = 0.5 log 2
    close(g[4], 0.5 * Math.log(2), 1e-15, "∂L/∂a₀");
    close(g[5], 0.5 * Math.log(2), 1e-15, "∂L/∂a₁");
    const fixed = objectives.twoLayerNetwork(X, [1, -2], { width: 2, activation: "softplus", loss: "squared", outputWeights: [1, 2] });
    // f = 3 log 2 at both samples: L = ½[(3 log 2 − 1)² + (3 log 2 + 2)²]/2
    close(fixed.value(new Float64Array(4)), 0.25 * ((3 * Math.log(2) - 1) ** 2 + (3 * Math.log(2) + 2) ** 2), 1e-15, "L(0)");
  });

  it("init draws exactly m·d (+ m) normals from the caller's generator", () => {
    for (const outputWeights of ["trained", [1, -1]] as const) {
      const net = objectives.twoLayerNetwork([[1, 2, 3]], [0], { width: 2, activation: "relu", loss: "squared", outputWeights });
      const r = rng(9);
      net.init(r);
      const reference = rng(9);
      for (let i = 0; i < (outputWeights === "trained" ? 8 : 6); i++) reference.normal();
      assert.equal(r.normal(), reference.normal(), `${outputWeights}`);
    }
  });

  it("predict names the overflow", () => {
    const net = objectives.twoLayerNetwork([[1, 1]], [1], { width: 1, activation: "quadratic", loss: "squared" });
    assert.throws(() => net.predict(Float64Array.of(1e160, 0, 1), [[1, 1]]), /^Error: theta: the network's output overflows the float64 range at theta on X$/);
  });

  it("init: scale 1 by default, W drawn first and a (when trained) after it; fixed a draws nothing more", () => {
    const X = [[1, 2, 3]];
    const trained = objectives.twoLayerNetwork(X, [0], { width: 2, activation: "relu", loss: "squared" });
    const fixed = objectives.twoLayerNetwork(X, [0], { width: 2, activation: "relu", loss: "squared", outputWeights: [1, -1] });
    assert.deepEqual(trained.init(rng(3)), trained.init(rng(3), 1));
    const t = trained.init(rng(4), 0.5);
    const f = fixed.init(rng(4), 0.5);
    assert.equal(f.length, 6);
    assert.deepEqual(Array.from(f), Array.from(t.subarray(0, 6)));
    // wⱼ ~ N(0, scale²/d): the same standard normals scaled by 0.5/√3, and aⱼ ~ N(0, 1/m)
    const r = rng(4);
    const z = Array.from({ length: 8 }, () => r.normal());
    z.slice(0, 6).forEach((zi, i) => close(t[i], (zi * 0.5) / Math.sqrt(3), 1e-15, `w[${i}]`));
    z.slice(6).forEach((zi, j) => close(t[6 + j], zi / Math.sqrt(2), 1e-15, `a[${j}]`));
    assert.deepEqual(Array.from(trained.init(rng(4), 0).subarray(0, 6)), [0, 0, 0, 0, 0, 0]);
  });
});

describe("reluNtk: each layer's kernel in closed form, and its errors", () => {
  // Θ₁ = xᵀz(π − θ)/(2π), Θ₂ = ‖x‖‖z‖(sin θ + (π − θ)cos θ)/(2π), θ from atan2 (not the acos the code uses)
  const theta = (x: number[], z: number[]) => Math.atan2(Math.abs(x[0] * z[1] - x[1] * z[0]), x[0] * z[0] + x[1] * z[1]);
  const first = (x: number[], z: number[]) => ((x[0] * z[0] + x[1] * z[1]) * (Math.PI - theta(x, z))) / (2 * Math.PI);
  const second = (x: number[], z: number[]) => (Math.hypot(...x) * Math.hypot(...z) * (Math.sin(theta(x, z)) + (Math.PI - theta(x, z)) * Math.cos(theta(x, z)))) / (2 * Math.PI);
  const X = [[1, 0], [0.5, 2], [-1, 0.3]];
  const Z = [[1, 1], [-2, 0.5]];
  const dense = (rows: number[][]) => linalg.dense(rows.length, 2, Float64Array.from(rows.flat()));

  it("first, second and both layers on a cross kernel K(X, Z) with rows of different norms", () => {
    for (const [layers, k] of [["first", first], ["second", second], ["both", (x: number[], z: number[]) => first(x, z) + second(x, z)]] as const) {
      const K = kernels.reluNtk(dense(X), dense(Z), { layers });
      assert.deepEqual([K.rows, K.cols], [3, 2]);
      // acos keeps about half the digits near θ = 0, π only; here θ is far from both: rounding, ≤ 1e-15 observed
      X.forEach((x, i) => Z.forEach((z, j) => close(K.data[i * 2 + j], k(x, z), 1e-14, `${layers} K[${i}][${j}]`)));
    }
    // the default is "both"
    assert.deepEqual(Array.from(kernels.reluNtk(dense(X), dense(Z)).data), Array.from(kernels.reluNtk(dense(X), dense(Z), { layers: "both" }).data));
    // a zero row of Z gives a zero column
    const zero = kernels.reluNtk(dense(X), dense([[0, 0], [1, 1]]));
    assert.deepEqual([zero.data[0], zero.data[2], zero.data[4]], [0, 0, 0]);
  });

  it("the diagonal K(x, x) = ‖x‖² at random rows (the cosine clamped to 1 where rounding exceeds it)", () => {
    const A = linalg.dense(40, 3, rng(8).normalVector(120));
    const K = kernels.reluNtk(A);
    for (let i = 0; i < 40; i++) {
      const n2 = A.data[3 * i] ** 2 + A.data[3 * i + 1] ** 2 + A.data[3 * i + 2] ** 2;
      // θ = acos(1 − O(ε)) = O(1e-8): the documented ~1e-8 relative error, not NaN
      assert.ok(Math.abs(K.data[i * 40 + i] - n2) <= 1e-7 * n2, `K[${i}][${i}] = ${K.data[i * 40 + i]} vs ${n2}`);
    }
    // and K(x, −x) = 0 with the cosine clamped to −1
    const B = linalg.dense(2, 3, Float64Array.from([...A.data.subarray(0, 3), ...A.data.subarray(0, 3).map((v) => -v)]));
    assert.ok(Math.abs(kernels.reluNtk(B).data[1]) <= 1e-7, `K(x, −x) = ${kernels.reluNtk(B).data[1]}`);
  });

  it("names Z's columns, options, layers and the overflow (of X, or of X and Z)", () => {
    assert.throws(() => kernels.reluNtk(dense(X), linalg.dense(1, 3)), /^Error: Z must have X's 2 columns, got 3$/);
    assert.throws(() => kernels.reluNtk(dense(X), undefined, null as never), /^Error: options must be an object of options, got null$/);
    assert.throws(() => kernels.reluNtk(dense(X), undefined, { layers: "third" as never }), /^Error: layers must be "both", "first" or "second", got third$/);
    assert.throws(() => kernels.reluNtk("X" as never), /^Error: X must be a dense matrix/);
    const huge = linalg.dense(1, 2, Float64Array.of(1e200, 0));
    assert.throws(() => kernels.reluNtk(huge), /^Error: the entries of X are too large: the kernel overflows the float64 range$/);
    assert.throws(() => kernels.reluNtk(huge, huge), /^Error: the entries of X and Z are too large: the kernel overflows the float64 range$/);
  });
});

describe("kernelRegression: the conjugate-gradient iterations, the ridge, and the errors", () => {
  const K = linalg.dense(2, 2, Float64Array.of(2, 1, 1, 2));

  it("(K + λI)α = y in closed form; n steps on an n × n system; the residual it reports is the point's", () => {
    for (const ridge of [0, 0.5]) {
      // [[2 + λ, 1], [1, 2 + λ]]⁻¹ (1, 0.3) = ((2 + λ) − 0.3, 0.3(2 + λ) − 1)/((2 + λ)² − 1)
      const a = 2 + ridge, det = a * a - 1;
      const { alpha, iterations, relativeResidual } = kernels.kernelRegression(K, [1, 0.3], { ridge });
      close(alpha[0], (a - 0.3) / det, 1e-14, `α₀ (λ = ${ridge})`);
      close(alpha[1], (0.3 * a - 1) / det, 1e-14, `α₁ (λ = ${ridge})`);
      assert.equal(iterations, 2);
      const r = [a * alpha[0] + alpha[1] - 1, alpha[0] + a * alpha[1] - 0.3];
      // the recursive residual and the true one agree to rounding (1e-16 observed)
      assert.ok(Math.abs(relativeResidual - Math.hypot(...r) / Math.hypot(1, 0.3)) < 1e-15, `${relativeResidual}`);
      assert.ok(relativeResidual <= 1e-10);
    }
    // K = I: one step
    assert.equal(kernels.kernelRegression(linalg.dense(2, 2, Float64Array.of(1, 0, 0, 1)), [3, -1]).iterations, 1);
    // y = 0: α = 0 without an iteration
    assert.deepEqual(kernels.kernelRegression(K, [0, 0]), { alpha: new Float64Array(2), iterations: 0, relativeResidual: 0 });
  });

  it("stops at the tolerance: a loose one takes fewer steps on a 3 × 3 system", () => {
    const A = linalg.dense(3, 3, Float64Array.of(4, 1, 0, 1, 3, 1, 0, 1, 2));
    const loose = kernels.kernelRegression(A, [1, 2, 3], { tolerance: 0.5 });
    assert.ok(loose.iterations < 3 && loose.relativeResidual <= 0.5 && loose.relativeResidual > 1e-10, `${loose.iterations}, ${loose.relativeResidual}`);
    assert.equal(kernels.kernelRegression(A, [1, 2, 3]).iterations, 3);
  });

  it("names K, y, ridge, tolerance and maxIterations, and says when it did not converge or y overflows", () => {
    assert.throws(() => kernels.kernelRegression(linalg.dense(2, 3), [1, 2]), /^Error: K must be square, got 2×3$/);
    assert.throws(() => kernels.kernelRegression(K, [1, 2], { ridge: NaN }), /^Error: ridge must be a finite number, got NaN$/);
    assert.throws(() => kernels.kernelRegression(K, [1, 2], { ridge: -1 }), /^Error: ridge must be ≥ 0, got -1$/);
    assert.throws(() => kernels.kernelRegression(K, [1, 2], { tolerance: Infinity }), /^Error: tolerance must be a finite number, got Infinity$/);
    assert.throws(() => kernels.kernelRegression(K, [1, 2], { tolerance: 0 }), /^Error: tolerance must be > 0, got 0$/);
    assert.throws(() => kernels.kernelRegression(K, [1, 2], { maxIterations: 1.5 }), /^Error: maxIterations must be an integer ≥ 0, got 1.5$/);
    assert.throws(() => kernels.kernelRegression(K, [1, 2], null as never), /^Error: options must be an object of options, got null$/);
    assert.throws(() => kernels.kernelRegression(K, [1, 0.3], { maxIterations: 1 }), /^Error: kernelRegression: conjugate gradients did not reach the tolerance 1e-10 in 1 iterations \(relative residual \d/);
    assert.throws(() => kernels.kernelRegression(K, [1, 0.3], { maxIterations: 0 }), /^Error: kernelRegression: conjugate gradients did not reach the tolerance 1e-10 in 0 iterations \(relative residual 1\); is K positive semidefinite, or is a ridge needed\?$/);
    assert.throws(() => kernels.kernelRegression(linalg.dense(2, 2, Float64Array.of(1, 0, 0, -1)), [0, 1]), /^Error: kernelRegression: K \+ λI is not positive definite \(pᵀ\(K \+ λI\)p = -1\); add a ridge$/);
    // ‖y‖ overflows: an error, not α = 0 with a NaN residual (the bug this test was written for)
    assert.throws(() => kernels.kernelRegression(linalg.dense(2, 2, Float64Array.of(1, 0, 0, 1)), [1e200, 1e200]), /^Error: y has entries too large: ‖y‖₂ overflows float64$/);
    assert.throws(() => kernels.kernelRegression("K" as never, [1]), /^Error: K must be a dense matrix/);
    // pᵀKp = 0 exactly (K = 0) is not positive either: named, not a step of rr/0
    assert.throws(() => kernels.kernelRegression(linalg.dense(1, 1, Float64Array.of(0)), [1]), /^Error: kernelRegression: K \+ λI is not positive definite \(pᵀ\(K \+ λI\)p = 0\); add a ridge$/);
  });

  it("reluNtk: a kernel entry that overflows although XZᵀ does not is named", () => {
    // x ⟂ z: ⟨x, z⟩ = 0, but ‖x‖‖z‖ = 1e400 overflows, and with it the second layer's term
    const X = linalg.dense(1, 2, Float64Array.of(1e200, 0)), Z = linalg.dense(1, 2, Float64Array.of(0, 1e200));
    assert.throws(() => kernels.reluNtk(X, Z), /^Error: the entries of X and Z are too large: the kernel overflows the float64 range$/);
  });
});

describe("softmaxNetwork: the checks, the caches, ties, the batches of each epoch, init", () => {
  /** n = 12 rows in ℝ⁴, K = 3 classes, m = 5. */
  const r0 = rng(21);
  const X = linalg.dense(12, 4, r0.normalVector(48));
  const y = Array.from({ length: 12 }, (_, i) => (i * 7) % 3);
  const options = { width: 5, classes: 3 };
  const net = () => objectives.softmaxNetwork(X, y, options);
  const theta = r0.normalVector(net().dim);
  /** The network on the given rows of X (an independent objective on a copy of those rows). */
  const on = (rows: number[]) => objectives.softmaxNetwork(linalg.dense(rows.length, 4, Float64Array.from(rows.flatMap((i) => Array.from(X.data.subarray(4 * i, 4 * i + 4))))), rows.map((i) => y[i]), options);

  it("value and grad at a new θ after another one, and at θ changed in place, are computed afresh", () => {
    const f = net();
    const other = theta.map((t) => t + 0.1);
    f.value(other);
    assert.deepEqual(Array.from(f.grad(theta)), Array.from(net().grad(theta)));
    const t = Float64Array.from(theta);
    f.value(t);
    t[3] += 0.5;
    assert.equal(f.value(t), net().value(t));
    assert.deepEqual(Array.from(f.grad(t)), Array.from(net().grad(t)));
    const out = new Float64Array(f.dim);
    assert.equal(f.grad(t, out), out);
  });

  it("predicts ties to the lowest class; errorRate counts the misclassified rows", () => {
    const f = net();
    assert.deepEqual(Array.from(f.predict(new Float64Array(f.dim), X)), new Array(12).fill(0));
    // b₂ = (0, 1, 1): classes 1 and 2 tie above 0, so every row is predicted 1
    const t = new Float64Array(f.dim);
    f.unpack(t).b2.set([0, 1, 1]);
    assert.deepEqual(Array.from(f.predict(t, X)), new Array(12).fill(1));
    assert.equal(f.errorRate(t, X, y), y.filter((c) => c !== 1).length / 12);
    assert.throws(() => f.errorRate(t, X, [1, 2]), /^Error: labels must have one entry per row of X \(12\), got 2$/);
  });

  it("minibatches: the batches of an epoch are consecutive slices of one permutation, the incomplete one skipped", () => {
    // n = 12, B = 5: two batches per epoch (rows 10, 11 of each permutation skipped), then a new permutation
    const r = rng(31);
    const first = r.permutation(12), second = r.permutation(12);
    const expected = [first.slice(0, 5), first.slice(5, 10), second.slice(0, 5)];
    const batches = net().minibatches(5, rng(31));
    for (const rows of expected) {
      const want = on(rows);
      close(batches.value(theta), want.value(theta), 1e-14, `batch ${rows}`);
      assert.ok(Math.max(...batches.grad(theta).map((g, i) => Math.abs(g - want.grad(theta)[i]))) < 1e-14);
    }
    // grad at another θ: the same batch, recomputed at that θ (no new batch drawn)
    const moved = theta.map((t) => t * 0.9);
    const want = on(second.slice(0, 5)).grad(moved);
    const out = new Float64Array(theta.length);
    assert.equal(batches.grad(moved, out), out);
    assert.ok(Math.max(...out.map((g, i) => Math.abs(g - want[i]))) < 1e-14);
    // at the end of an epoch (both batches drawn), grad at another θ still uses the last batch
    const again = net().minibatches(5, rng(31));
    again.value(theta);
    again.value(theta);
    const last = on(first.slice(5, 10)).grad(moved);
    assert.ok(Math.max(...again.grad(moved).map((g, i) => Math.abs(g - last[i]))) < 1e-14);
    // B = n: one batch per epoch, all rows
    const all = net().minibatches(12, rng(2));
    close(all.value(theta), net().value(theta), 1e-14, "B = n");
    close(all.value(theta), net().value(theta), 1e-14, "B = n, second epoch");
  });

  it("init draws W1 then W2 with standard deviations √(2/d) and √(1/m), biases 0; unpack gives views", () => {
    const f = net();
    const t = f.init(rng(41));
    const r = rng(41);
    const w1 = r.normalVector(20, Math.sqrt(2 / 4)), w2 = r.normalVector(15, Math.sqrt(1 / 5));
    const p = f.unpack(t);
    assert.deepEqual(Array.from(p.W1.data), Array.from(w1));
    assert.deepEqual(Array.from(p.W2.data), Array.from(w2));
    assert.deepEqual([p.W1.rows, p.W1.cols, p.W2.rows, p.W2.cols, p.b1.length, p.b2.length], [4, 5, 5, 3, 5, 3]);
    assert.ok(p.b1.every((v) => v === 0) && p.b2.every((v) => v === 0));
    p.b2[2] = 7;
    assert.equal(t[t.length - 1], 7);
    assert.deepEqual([f.dim, f.width, f.inputDim, f.classes], [4 * 5 + 5 + 5 * 3 + 3, 5, 4, 3]);
  });

  it("names X, options, width, classes, threads, labels, theta, rng and batchSize", () => {
    assert.throws(() => objectives.softmaxNetwork("X" as never, y, options), /^Error: X must be a dense matrix/);
    assert.throws(() => objectives.softmaxNetwork(X, y, null as never), /^Error: options must be an object of options, got null$/);
    assert.throws(() => objectives.softmaxNetwork(X, y, { width: 5, classes: 1 }), /^Error: classes must be an integer ≥ 2, got 1$/);
    assert.throws(() => objectives.softmaxNetwork(X, y, { ...options, threads: 0 }), /^Error: threads must be an integer ≥ 1, got 0$/);
    assert.throws(() => objectives.softmaxNetwork(X, null as never, options), /^Error: labels must be an array of 12 class indices, got null$/);
    assert.throws(() => objectives.softmaxNetwork(X, 3 as never, options), /^Error: labels must be an array of 12 class indices, got number$/);
    assert.throws(() => objectives.softmaxNetwork(X, y.slice(1), options), /^Error: labels must have one entry per row of X \(12\), got 11$/);
    assert.throws(() => objectives.softmaxNetwork(X, y.map((v, i) => (i === 4 ? -1 : v)), options), /^Error: labels\[4\] must be an integer class in 0…2, got -1$/);
    assert.throws(() => objectives.softmaxNetwork(X, y.map((v, i) => (i === 4 ? 3 : v)), options), /^Error: labels\[4\] must be an integer class in 0…2, got 3$/);
    assert.throws(() => objectives.softmaxNetwork(X, y.map((v, i) => (i === 4 ? 0.5 : v)), options), /^Error: labels\[4\] must be an integer class in 0…2, got 0.5$/);
    const f = net();
    assert.throws(() => f.value(Array.from(theta) as never), /^Error: theta must be a Float64Array of length 43 \(the network's parameters\), got object$/);
    assert.throws(() => f.grad(new Float64Array(3)), /^Error: theta must be a Float64Array of length 43 \(the network's parameters\), got length 3$/);
    assert.throws(() => f.unpack(new Float64Array(3)), /^Error: theta must have length 43, got length 3$/);
    assert.throws(() => f.predict(new Float64Array(3), X), /^Error: theta must have length 43, got length 3$/);
    assert.throws(() => f.predict(theta, "X" as never), /^Error: X must be a dense matrix/);
    assert.throws(() => f.init(undefined as never), /^Error: rng must be an Rng \(the initialization is random\)$/);
    assert.throws(() => f.minibatches(0, rng(1)), /^Error: batchSize must be an integer ≥ 1, got 0$/);
    assert.throws(() => f.minibatches(13, rng(1)), /^Error: batchSize must be ≤ n = 12 \(the samples\), got 13$/);
    assert.throws(() => f.minibatches(4, {} as never), /^Error: rng must be an Rng \(the batches are random\)$/);
    assert.throws(() => f.minibatches(4, rng(1)).grad(new Float64Array(3)), /^Error: theta must be a Float64Array of length 43/);
    // an overflowing product gives NaN, not an exception
    const big = new Float64Array(f.dim).fill(1e200);
    assert.ok(Number.isNaN(f.value(big)) && f.grad(big).every(Number.isNaN));
  });
});

describe("designed objective: relu's Hermite coefficients, the closed form at a coupled point, the caches and the errors", () => {
  it("σ̂_k = φ(0)He_{k−2}(0)/√(k!) for k = 2…20 (He by its recursion at 0) and for k = 200, 10000 in logarithms", () => {
    const phi0 = 1 / Math.sqrt(2 * Math.PI);
    // He_{n+1}(0) = −n·He_{n−1}(0), He₀ = 1, He₁(0) = 0
    const he = [1, 0];
    for (let n = 1; n < 20; n++) he.push(-n * he[n - 1]);
    let factorial = 1;
    for (let k = 1; k <= 20; k++) {
      factorial *= k;
      if (k < 2) continue;
      // the product of k/2 ratios against k! directly: ≤ 20 roundings
      close(objectives.reluHermiteCoefficient(k), (phi0 * he[k - 2]) / Math.sqrt(factorial), 1e-14, `σ̂_${k}`);
    }
    for (const k of [200, 202, 10000]) {
      // log|σ̂_k| = log φ(0) + log (k − 3)!! − ½ log k!, sign (−1)^{(k−2)/2}
      let logDouble = 0, logFactorial = 0;
      for (let i = k - 3; i >= 1; i -= 2) logDouble += Math.log(i);
      for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
      const value = objectives.reluHermiteCoefficient(k);
      assert.equal(Math.sign(value), ((k - 2) / 2) % 2 === 0 ? 1 : -1, `sign of σ̂_${k}`);
      // the reference is a difference of two sums of ~k logarithms (4e4 and 8e4 at k = 10000): it loses ~1e-10 to cancellation
      // (2.7e-10 observed at k = 10000); a factor dropped or doubled in the product moves the logarithm by ≥ 0.3
      close(Math.log(Math.abs(value)), Math.log(phi0) + logDouble - 0.5 * logFactorial, 1e-9, `log|σ̂_${k}|`);
    }
    assert.equal(objectives.reluHermiteCoefficient(199), 0);
    assert.throws(() => objectives.reluHermiteCoefficient(10001), /^Error: k must be ≤ 10000 \(the coefficient is an O\(k\) product\), got 10001$/);
    assert.throws(() => objectives.reluHermiteCoefficient(1.5), /^Error: k must be an integer ≥ 0, got 1.5$/);
  });

  it("the closed form at a point where every P entry and both a* weights count", () => {
    // B* = I₂, a* = (1, 2), B = [[1, 0.5], [0.2, 1]]: P = B, column sums Sᵢ = Σⱼ Pⱼᵢ², fourth powers Σⱼ Pⱼᵢ⁴
    const mu = 0.3, lambda = 0.7, sigma4 = -0.25;
    const G = objectives.designedObjective(new Matrix([[1, 0], [0, 1]]), [1, 2], { sigma4, mu, lambda });
    const S = [1 + 0.04, 0.25 + 1], F = [1 + 0.2 ** 4, 0.5 ** 4 + 1], norms = [1.25, 1.04];
    const want = 0.25 * (1 * (S[0] ** 2 - (1 + mu) * F[0]) + 2 * (S[1] ** 2 - (1 + mu) * F[1])) + lambda * ((norms[0] - 1) ** 2 + (norms[1] - 1) ** 2);
    close(G.value(Float64Array.of(1, 0.5, 0.2, 1)), want, 1e-15, "G(B)");
    // the gradient R B* + 4λ diag(‖b_j‖² − 1) B with Rⱼᵢ = 4|σ̂₄|a*ᵢPⱼᵢ(Sᵢ − (1 + μ)Pⱼᵢ²)
    const P = [[1, 0.5], [0.2, 1]], a = [1, 2];
    const out = new Float64Array(4);
    assert.equal(G.grad(Float64Array.of(1, 0.5, 0.2, 1), out), out);
    for (let j = 0; j < 2; j++) {
      for (let i = 0; i < 2; i++) {
        const grad = 4 * 0.25 * a[i] * P[j][i] * (S[i] - (1 + mu) * P[j][i] ** 2) + 4 * lambda * (norms[j] - 1) * P[j][i];
        close(out[j * 2 + i], grad, 1e-15, `∂G/∂B[${j}][${i}]`);
      }
    }
    assert.deepEqual([G.dim, G.neurons, G.inputDim], [4, 2, 2]);
    // a* = 0 is allowed, and a Matrix B* gives what the rows give
    const rows = objectives.designedObjective([[0.6, 0.8, 0]], [0], { sigma4, mu, lambda });
    assert.equal(rows.value(Float64Array.of(1, 1, 1)), lambda * (3 - 1) ** 2);
  });

  it("names options, σ̂₄, μ, λ, B*, a* and the length of B", () => {
    const ok = { sigma4: -0.1, mu: 0.1, lambda: 1 };
    const D = objectives.designedObjective;
    assert.throws(() => D([[1, 0]], [1], null as never), /^Error: options must be an object of options, got null$/);
    assert.throws(() => D([[1, 0]], [1], { ...ok, sigma4: NaN }), /^Error: options.sigma4 must be a finite number, got NaN$/);
    assert.throws(() => D([[1, 0]], [1], { ...ok, sigma4: 0 }), /^Error: options.sigma4 must be non-zero \(the objective uses the sign and size of σ̂₄\)$/);
    assert.throws(() => D([[1, 0]], [1], { ...ok, mu: NaN }), /^Error: options.mu must be a finite number, got NaN$/);
    assert.throws(() => D([[1, 0]], [1], { ...ok, mu: -0.5 }), /^Error: options.mu must be ≥ 0, got -0.5$/);
    assert.throws(() => D([[1, 0]], [1], { ...ok, lambda: 0 }), /^Error: options.lambda must be a finite number > 0, got 0$/);
    assert.throws(() => D("B" as never, [1], ok), /^Error: bStar must be a Matrix or an array of rows \(m × d\)$/);
    assert.throws(() => D(null as never, [1], ok), /^Error: bStar must be a Matrix or an array of rows/);
    assert.throws(() => D([], [], ok), /^Error: bStar must have at least one row$/);
    assert.throws(() => D([[1, 0], [0]], [1, 1], ok), /^Error: bStar\[1\] must have length 2/);
    assert.throws(() => D([[1], [1]], [1, 1], ok), /^Error: bStar must have m ≤ d \(rows no more than columns\), got 2×1$/);
    assert.throws(() => D([[1 - 2e-8, 0]], [1], ok), /^Error: bStar's rows must have unit norm \(the closed form needs ‖b\*ᵢ‖ = 1\), row 0 has norm 0.99999998$/);
    assert.throws(() => D([[1, 0], [0, 1 + 2e-8]], [1, 1], ok), /row 1 has norm 1.00000002$/);
    assert.equal(D([[1 - 5e-9, 0]], [1], ok).dim, 2);
    assert.throws(() => D([[1, 0]], [1, 2], ok), /^Error: aStar must have length 1/);
    assert.throws(() => D([[1, 0], [0, 1]], [1, -1], ok), /^Error: aStar\[1\] must be ≥ 0 \(the paper's a\* is non-negative\), got -1$/);
    const G = D(new Matrix([[1, 0]]), [1], ok);
    assert.throws(() => G.value(new Float64Array(3)), /^Error: x must have length 2 \(B is 1 × 2, row-major\), got 3$/);
    assert.throws(() => G.grad(new Float64Array(3)), /^Error: x must have length 2 \(B is 1 × 2, row-major\), got 3$/);
  });
});

describe("designedObjectiveFromSamples: the sign, the remembered B, and the errors", () => {
  const r = rng(51);
  const X = Array.from({ length: 6 }, () => Array.from(r.normalVector(3)));
  const y = X.map((x) => Math.max(0, x[0]) + 0.5 * Math.max(0, x[1]));
  const b = r.normalVector(6);

  it("sign +1 and −1 give opposite moment terms around the same penalty; props; grad into out", () => {
    const plus = objectives.designedObjectiveFromSamples(X, y, 2, { sign: 1, mu: 0.2, lambda: 0.5 });
    const minus = objectives.designedObjectiveFromSamples(new Matrix(X), y, 2, { sign: -1, mu: 0.2, lambda: 0.5 });
    let penalty = 0;
    for (let j = 0; j < 2; j++) penalty += (b[3 * j] ** 2 + b[3 * j + 1] ** 2 + b[3 * j + 2] ** 2 - 1) ** 2;
    close(plus.value(b) - 0.5 * penalty, -(minus.value(b) - 0.5 * penalty), 1e-13, "moment(+1) = −moment(−1)");
    assert.ok(Math.abs(plus.value(b) - 0.5 * penalty) > 1e-3, "the moment term is not 0 here");
    const out = new Float64Array(6);
    assert.equal(plus.grad(b, out), out);
    assert.deepEqual([plus.dim, plus.neurons, plus.inputDim], [6, 2, 3]);
  });

  it("a point changed in place after value is computed afresh by value and grad", () => {
    const f = objectives.designedObjectiveFromSamples(X, y, 2, { sign: -1, mu: 0.2, lambda: 0.5 });
    const fresh = () => objectives.designedObjectiveFromSamples(X, y, 2, { sign: -1, mu: 0.2, lambda: 0.5 });
    const t = Float64Array.from(b);
    f.value(t);
    t[4] += 0.3;
    assert.equal(f.value(t), fresh().value(t));
    t[0] -= 0.2;
    assert.deepEqual(Array.from(f.grad(t)), Array.from(fresh().grad(t)));
    // the first point is computed even if it is B = 0 (the remembered point starts as NaN)
    assert.equal(fresh().value(new Float64Array(6)), 0.5 * 2);
  });

  it("names x, y, neurons, options, sign, μ, λ and b's length", () => {
    const F = objectives.designedObjectiveFromSamples;
    const ok = { sign: 1 as const, mu: 0.1, lambda: 1 };
    assert.throws(() => F("x" as never, y, 2, ok), /^Error: x/);
    assert.throws(() => F(X, y.slice(1), 2, ok), /^Error: y must have length 6/);
    assert.throws(() => F(X, y, 0, ok), /^Error: neurons must be an integer ≥ 1, got 0$/);
    assert.throws(() => F(X, y, 2, null as never), /^Error: options must be an object of options, got null$/);
    assert.throws(() => F(X, y, 2, { ...ok, sign: 2 as never }), /^Error: options.sign must be 1 or −1 \(the sign of σ̂₄\), got 2$/);
    assert.throws(() => F(X, y, 2, { ...ok, mu: -1 }), /^Error: options.mu must be ≥ 0, got -1$/);
    assert.throws(() => F(X, y, 2, { ...ok, lambda: -1 }), /^Error: options.lambda must be a finite number > 0, got -1$/);
    const f = F(X, y, 2, ok);
    assert.throws(() => f.value(new Float64Array(5)), /^Error: b must have length 6 \(B is 2 × 3, row-major\), got 5$/);
    assert.throws(() => f.grad(new Float64Array(5)), /^Error: b must have length 6 \(B is 2 × 3, row-major\), got 5$/);
  });
});
