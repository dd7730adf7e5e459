// The survivors of `npm run mutate` on lib/src/autodiff/{ops, node, grad, networks}.ts that
// test/autodiff.test.ts and test/nonsmooth.test.ts left: every primitive's value, local
// derivatives and forward-mode tangent against its closed form (ẏ = ∂ₐy·ȧ + ∂_by·ḃ along a
// direction with non-trivial entries), the operation counts of each primitive as the module
// documents them, the kink rules where the tangents tie or an operand is a constant, the tape's
// growth past its first 64 entries and terms, and every error with the argument it names.
// Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ad, Matrix, objectives, rng } from "landscape";

type P = (x: ad.Node[]) => ad.Node | number;

/** Runs `op` on the inputs (a, b) under clarke along v, returning the result node, ∇ and the counts. */
function run(op: (x: ad.Node[]) => ad.Node, at: number[], v: number[], rule: ad.Rule = "clarke") {
  let node: ad.Node | undefined;
  const r = ad.grad((x) => (node = op(x)), at, rule === "clarke" ? { direction: Float64Array.from(v) } : { rule });
  return { node: node!, grad: Array.from(r.grad), operations: r.operations, value: r.value };
}

describe("ad primitives: value, local derivatives, tangent and counts against their formulas", () => {
  // a smooth point with both operands non-trivial, and a direction with unequal entries
  const a = 1.5, b = -0.4, v = [0.3, -0.7];
  const binary: [string, (x: ad.Input, y: ad.Input) => ad.Node, number, [number, number], number][] = [
    // name, op, value, (∂/∂a, ∂/∂b), local-derivative operations (module doc)
    ["add", ad.add, a + b, [1, 1], 0],
    ["sub", ad.sub, a - b, [1, -1], 0],
    ["mul", ad.mul, a * b, [b, a], 0],
    ["div", ad.div, a / b, [1 / b, -a / (b * b)], 2],
    ["max", ad.max, a, [1, 0], 0],
    ["min", ad.min, b, [0, 1], 0],
  ];
  for (const [name, op, value, partials, local] of binary) {
    it(`${name}(a, b): value, ∇, ẏ = ∇·v, and the counts (function 1, local ${local}, tangent 3, reverse 4)`, () => {
      const r = run(([x, y]) => op(x, y), [a, b], v);
      assert.equal(r.value, value);
      // the same arithmetic as the formula: exact, up to one rounding of −a/b²
      partials.forEach((p, i) => assert.ok(Math.abs(r.grad[i] - p) <= 1e-15 * Math.abs(p), `${name} ∂${i}: ${r.grad[i]} vs ${p}`));
      const tangent = partials[0] * v[0] + partials[1] * v[1];
      assert.ok(Math.abs(r.node.tangent - tangent) <= 1e-15 * (1 + Math.abs(tangent)), `${name} ẏ: ${r.node.tangent} vs ${tangent}`);
      assert.deepEqual(r.operations, { function: 1, local, tangent: 3, reverse: 4, total: 1 + local + 7 });
      // with a constant second operand: one variable parent, tangent ∂ₐy·ȧ in 1 operation, 2 reverse
      const c = run(([x]) => op(x, b), [a], [v[0]]);
      assert.equal(c.value, value);
      assert.ok(Math.abs(c.node.tangent - partials[0] * v[0]) <= 1e-15, `${name} ẏ with b constant`);
      assert.deepEqual(c.operations, { function: 1, local, tangent: 1, reverse: 2, total: 1 + local + 3 });
      // and a constant first operand
      const d = run(([y]) => op(a, y), [b], [v[1]]);
      assert.ok(Math.abs(d.grad[0] - partials[1]) <= 1e-15 * Math.abs(partials[1]), `${name} ∂b with a constant`);
      assert.ok(Math.abs(d.node.tangent - partials[1] * v[1]) <= 1e-15 * Math.abs(partials[1]), `${name} ẏ with a constant`);
      // framework: no tangents, the same ∇
      const f = run(([x, y]) => op(x, y), [a, b], v, "framework");
      assert.deepEqual(f.grad, r.grad);
      assert.equal(f.node.tangent, 0);
      assert.deepEqual(f.operations, { function: 1, local, tangent: 0, reverse: 4, total: 1 + local + 4 });
      // value only: nothing recorded, no local derivatives
      assert.deepEqual(ad.evaluate(([x, y]) => op(x, y), [a, b]).operations, { function: 1, local: 0, tangent: 0, reverse: 0, total: 1 });
    });
  }

  const unary: [string, (x: ad.Node) => ad.Node, number, number, number][] = [
    ["neg", ad.neg, -a, -1, 0],
    ["exp", ad.exp, Math.exp(a), Math.exp(a), 0],
    ["log", ad.log, Math.log(a), 1 / a, 1],
    ["square", ad.square, a * a, 2 * a, 1],
    ["relu", ad.relu, a, 1, 0],
    ["abs", ad.abs, a, 1, 0],
  ];
  for (const [name, op, value, derivative, local] of unary) {
    it(`${name}(a): value, derivative, ẏ and the counts (function 1, local ${local}, tangent 1, reverse 2)`, () => {
      const r = run(([x]) => op(x), [a], [v[0]]);
      assert.equal(r.value, value);
      assert.equal(r.grad[0], derivative);
      assert.ok(Math.abs(r.node.tangent - derivative * v[0]) <= 1e-15 * Math.abs(derivative), `${name} ẏ`);
      assert.deepEqual(r.operations, { function: 1, local, tangent: 1, reverse: 2, total: 1 + local + 3 });
    });
  }

  it("relu and abs on the negative side: value, slope 0 and −1", () => {
    assert.deepEqual([run(([x]) => ad.relu(x), [b], [1]).value, run(([x]) => ad.relu(x), [b], [1]).grad[0]], [0, 0]);
    assert.deepEqual([run(([x]) => ad.abs(x), [b], [1]).value, run(([x]) => ad.abs(x), [b], [1]).grad[0]], [-b, -1]);
    // max and min with the first operand on the other side
    assert.deepEqual(run(([x, y]) => ad.max(x, y), [b, a], v).grad, [0, 1]);
    assert.deepEqual(run(([x, y]) => ad.min(x, y), [b, a], v).grad, [1, 0]);
  });

  it("sum of terms: n − 1 additions, ∇ = multiplicities, ẏ = Σ of the variables' tangents, constants skipped", () => {
    const r = run(([x, y]) => ad.sum([x, y, 2, x]), [a, b], v);
    assert.equal(r.value, a + b + 2 + a);
    assert.deepEqual(r.grad, [2, 1]);
    assert.ok(Math.abs(r.node.tangent - (2 * v[0] + v[1])) <= 1e-15);
    // function 3 additions; tangent: 3 variable terms → 2 additions; reverse: one per variable term
    assert.deepEqual(r.operations, { function: 3, local: 0, tangent: 2, reverse: 3, total: 8 });
    assert.deepEqual(run(([x, y]) => ad.sum([x, y, 2, x]), [a, b], v, "framework").operations, { function: 3, local: 0, tangent: 0, reverse: 3, total: 6 });
    assert.deepEqual(ad.evaluate(([x, y]) => ad.sum([x, y, 2, x]), [a, b]).operations, { function: 3, local: 0, tangent: 0, reverse: 0, total: 3 });
    // a sum of constants only is a constant: no tape, nothing counted
    const constants = ad.sum([1, 2, 3]);
    assert.equal(constants.value, 6);
    assert.equal(constants.tape, undefined);
    assert.equal(constants.index, -1);
  });

  it("operations on constants only give a constant node (no tape, no counts)", () => {
    for (const node of [ad.add(1, 2), ad.mul(2, 3), ad.relu(0), ad.abs(0), ad.max(1, 1), ad.min(1, 1), ad.exp(0)]) {
      assert.equal(node.tape, undefined);
      assert.equal(node.tangent, 0);
    }
    assert.equal(ad.constant(2.5).value, 2.5);
    const r = ad.grad(([x]) => ad.add(x, ad.mul(ad.constant(2), 3)), [1]);
    assert.deepEqual(r.operations, { function: 1, local: 0, tangent: 1, reverse: 2, total: 4 });
  });
});

describe("ad kinks: the tie rules, tangents that tie, constants", () => {
  it("relu and abs at 0 under clarke with a zero tangent take the framework's piece (0 and −1)", () => {
    // direction (1, 0): the second input's tangent is 0, so the tangents tie at its kink
    const dir = { direction: Float64Array.of(1, 0) };
    assert.deepEqual(Array.from(ad.grad(([, y]) => ad.relu(y), [1, 0], dir).grad), [0, 0]);
    assert.deepEqual(Array.from(ad.grad(([, y]) => ad.abs(y), [1, 0], dir).grad), [0, -1]);
    // and the positive tangent picks the right piece
    assert.deepEqual(Array.from(ad.grad(([y]) => ad.relu(y), [0], { direction: Float64Array.of(2) }).grad), [1]);
    assert.deepEqual(Array.from(ad.grad(([y]) => ad.relu(y), [0], { direction: Float64Array.of(-2) }).grad), [0]);
  });

  it("max and min at a tie with equal tangents pass to the first argument; a kink costs one local operation", () => {
    const dir = { direction: Float64Array.of(0, 0, 1) };
    const mx = ad.grad(([x, y]) => ad.max(x, y), [1, 1, 5], dir);
    assert.deepEqual(Array.from(mx.grad), [1, 0, 0]);
    assert.equal(mx.operations.local, 1);
    assert.deepEqual(Array.from(ad.grad(([x, y]) => ad.min(x, y), [1, 1, 5], dir).grad), [1, 0, 0]);
    // the larger (smaller) tangent wins at a tie: along v = (2, 1), x grows faster
    assert.deepEqual(Array.from(ad.grad(([x, y]) => ad.max(x, y), [1, 1], { direction: Float64Array.of(2, 1) }).grad), [1, 0]);
    assert.deepEqual(Array.from(ad.grad(([x, y]) => ad.min(x, y), [1, 1], { direction: Float64Array.of(2, 1) }).grad), [0, 1]);
    assert.equal(ad.grad(([x, y]) => ad.max(x, y), [1, 1], { rule: "framework" }).operations.local, 0);
    assert.equal(ad.grad(([x]) => ad.abs(x), [0]).operations.local, 1);
  });

  it("max and min at a tie with a constant first operand take the tape from the second", () => {
    // max(2, x) at x = 2 along +1: x grows, so the derivative is 1 (the framework gives 0)
    assert.equal(ad.grad(([x]) => ad.max(2, x), [2], { direction: Float64Array.of(1) }).grad[0], 1);
    assert.equal(ad.grad(([x]) => ad.max(2, x), [2], { direction: Float64Array.of(-1) }).grad[0], 0);
    assert.equal(ad.grad(([x]) => ad.max(2, x), [2], { rule: "framework" }).grad[0], 0);
    // min(2, x) at x = 2 along −1: x falls below, so the derivative is 1
    assert.equal(ad.grad(([x]) => ad.min(2, x), [2], { direction: Float64Array.of(-1) }).grad[0], 1);
    assert.equal(ad.grad(([x]) => ad.min(2, x), [2], { direction: Float64Array.of(1) }).grad[0], 0);
    // and with a constant second operand, from the first
    assert.equal(ad.grad(([x]) => ad.max(x, 2), [2], { direction: Float64Array.of(-1) }).grad[0], 0);
    assert.equal(ad.grad(([x]) => ad.min(x, 2), [2], { direction: Float64Array.of(1) }).grad[0], 0);
  });
});

describe("ad tape: growth past the first 64 entries and terms", () => {
  it("a program of several hundred entries and sums of 50 to 150 terms has the exact gradient", () => {
    const n = 150;
    const x = Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    // f = Σ_{s=0..2} (Σ_{i in block s} xᵢ²)·(s + 1) + Σᵢ xᵢ (several sums, the terms array regrown while in use)
    const program: P = (t) => {
      const blocks = [0, 1, 2].map((s) => ad.mul(s + 1, ad.sum(t.slice(50 * s, 50 * s + 50).map((ti) => ad.square(ti)))));
      return ad.add(ad.sum(blocks), ad.sum(t));
    };
    const r = ad.grad(program, x);
    x.forEach((xi, i) => assert.equal(r.grad[i], 2 * xi * (Math.floor(i / 50) + 1) + 1, `∂f/∂x${i}`));
    const value = x.reduce((s, xi, i) => s + (Math.floor(i / 50) + 1) * xi * xi, 0) + x.reduce((s, xi) => s + xi, 0);
    assert.ok(Math.abs(r.value - value) < 1e-12 * Math.abs(value));
  });
});

describe("ad: the errors, each naming its argument", () => {
  it("lift and constant", () => {
    assert.throws(() => ad.add(null as never, 1), /^Error: a must be an ad node or a finite number, got null$/);
    assert.throws(() => ad.add(1, Number.NaN), /^Error: b must be an ad node or a finite number, got NaN$/);
    assert.throws(() => ad.mul("s" as never, 1), /^Error: a must be an ad node or a finite number, got string$/);
    assert.throws(() => ad.constant(Infinity), /^Error: value must be an ad node or a finite number, got Infinity$/);
    assert.throws(() => ad.sum([1, undefined as never]), /^Error: terms\[1\] must be an ad node or a finite number, got undefined$/);
    assert.throws(() => ad.sum("ab" as never), /^Error: sum: terms must be a non-empty array of ad nodes or numbers$/);
    assert.throws(() => ad.sum([]), /^Error: sum: terms must be a non-empty array/);
  });

  it("every primitive names the operand that is not a number: a, or b", () => {
    const binary = { add: ad.add, sub: ad.sub, mul: ad.mul, div: ad.div, max: ad.max, min: ad.min };
    for (const [name, op] of Object.entries(binary)) {
      assert.throws(() => op(Number.NaN, 1), /^Error: a must be an ad node or a finite number, got NaN$/, `${name}(NaN, 1)`);
      assert.throws(() => op(1, Infinity), /^Error: b must be an ad node or a finite number, got Infinity$/, `${name}(1, Infinity)`);
    }
    const unary = { neg: ad.neg, exp: ad.exp, log: ad.log, square: ad.square, relu: ad.relu, abs: ad.abs };
    for (const [name, op] of Object.entries(unary)) assert.throws(() => op(Number.NaN), /^Error: a must be an ad node or a finite number, got NaN$/, `${name}(NaN)`);
  });

  it("overflows name the primitive, its operands and the non-finite value or derivative", () => {
    assert.throws(() => ad.add(1e308, 1e308), /^Error: add overflows for a = 1e\+308, b = 1e\+308: value Infinity, derivative 0$/);
    assert.throws(() => ad.sub(1e308, -1e308), /^Error: sub overflows for a = 1e\+308, b = -1e\+308: value Infinity, derivative 0$/);
    assert.throws(() => ad.mul(1e200, -1e200), /^Error: mul overflows for a = 1e\+200, b = -1e\+200: value -Infinity, derivative 0$/);
    assert.throws(() => ad.exp(800), /^Error: exp overflows for a = 800: value Infinity, derivative 0$/);
    assert.throws(() => ad.square(1e160), /^Error: square overflows for a = 1e\+160: value Infinity, derivative 2e\+160$/);
    // a finite quotient whose derivative −q/b overflows
    assert.throws(() => ad.div(1, 1e-200), /^Error: div overflows for a = 1, b = 1e-200: value 1e\+200, derivative Infinity$/);
    // log of a subnormal: finite value, derivative 1/a = ∞
    assert.throws(() => ad.log(1e-320), /^Error: log overflows for a = 1e-320: value -736\.8\d*, derivative Infinity$/);
    assert.throws(() => ad.sum([1e308, 1e308]), /^Error: sum of the terms overflows: Infinity$/);
    // the operands as they are: no overflow at the largest finite results
    assert.equal(ad.add(1e308, 7e307).value, 1.7e308);
    assert.equal(ad.neg(-1e308).value, 1e308);
  });

  it("the domain errors of div and log", () => {
    assert.throws(() => ad.div(1, 0), /^Error: div: the divisor b is 0$/);
    assert.throws(() => ad.log(0), /^Error: log: the argument a must be > 0, got 0$/);
    assert.throws(() => ad.log(-2), /^Error: log: the argument a must be > 0, got -2$/);
    assert.equal(ad.log(Number.MIN_VALUE * 2 ** 60).value, Math.log(Number.MIN_VALUE * 2 ** 60));
  });

  it("nodes of two runs are refused in binary operations and in sums, in either position", () => {
    let leaked: ad.Node | undefined;
    ad.grad(([x]) => (leaked = x), [1]);
    const mixed = /^Error: program failed at x: an ad program mixes nodes of two different runs: build each program from the inputs it receives$/;
    assert.throws(() => ad.grad(([x]) => ad.mul(leaked!, x), [1]), mixed);
    assert.throws(() => ad.grad(([x]) => ad.mul(x, leaked!), [1]), mixed);
    assert.throws(() => ad.grad(([x]) => ad.sum([x, 1, leaked!]), [1]), mixed);
    assert.throws(() => ad.grad(([x]) => ad.sum([leaked!, x]), [1]), mixed);
    // a constant with a node of another run is that run's node: the program returned a foreign node
    assert.throws(() => ad.grad(() => ad.add(1, leaked!), [1]), /^Error: program returned a node of another run$/);
  });

  it("grad and evaluate: the program, x, the options, and the program's result", () => {
    const id: P = ([x]) => x;
    assert.throws(() => ad.grad(undefined as never, [1]), /^Error: program must be a function \(x: Node\[\]\) => Node, got undefined$/);
    assert.throws(() => ad.evaluate(3 as never, [1]), /^Error: program must be a function \(x: Node\[\]\) => Node, got number$/);
    assert.throws(() => ad.grad(id, []), /^Error: x must have at least one entry$/);
    assert.throws(() => ad.evaluate(id, new Float64Array(0)), /^Error: x must have at least one entry$/);
    assert.throws(() => ad.grad(id, [1], null as never), /^Error: options must be an object \{ rule, direction, seed \}$/);
    assert.throws(() => ad.grad(id, [1], 3 as never), /^Error: options must be an object/);
    assert.throws(() => ad.grad(id, [1], { rule: "torch" as never }), /^Error: rule must be "clarke" or "framework", got torch$/);
    assert.throws(() => ad.grad(id, [1, 2], { direction: Float64Array.of(0, 0) }), /^Error: direction must not be the zero vector$/);
    assert.throws(() => ad.grad(id, [1, 2], { direction: Float64Array.of(1.5e308, 1.5e308) }), /^Error: direction is too large \(its norm overflows\)$/);
    assert.throws(() => ad.grad(id, [1], { seed: -1 }), /^Error: seed must be an integer ≥ 0, got -1$/);
    assert.throws(() => ad.grad(() => { throw new Error("boom"); }, [1]), /^Error: program failed at x: boom$/);
    assert.throws(() => ad.grad(() => { throw "plain"; }, [1]), /^Error: program failed at x: plain$/);
    assert.throws(() => ad.grad(() => { throw null; }, [1]), /^Error: program failed at x: null$/);
    assert.throws(() => ad.grad(() => null as never, [1]), /^Error: program must return an ad node or a number, got null$/);
    assert.throws(() => ad.grad(() => "x" as never, [1]), /^Error: program must return an ad node or a number, got string$/);
    assert.throws(() => ad.evaluate(() => Number.NaN, [1]), /^Error: the program's result must be an ad node or a finite number, got NaN$/);
    assert.throws(() => ad.grad(() => new ad.Node(Number.NaN, 0, undefined), [1]), /^Error: program's value is not finite at x: NaN$/);
    // ∂/∂x of x·1e308 + x·1e308 at x = 1e-10 is 2e308: the value is finite, the derivative is not
    assert.throws(() => ad.grad(([x]) => ad.add(ad.mul(x, 1e308), ad.mul(x, 1e308)), [1e-10]), /^Error: the derivative of program at x overflows$/);
    // one overflowing entry among finite ones is enough (`some`, not `every`, of them non-finite)
    assert.throws(() => ad.grad(([x, y]) => ad.add(ad.add(ad.mul(x, 1e308), ad.mul(x, 1e308)), y), [1e-10, 1]), /^Error: the derivative of program at x overflows$/);
    // a typed array is checked as x, as an array is
    assert.throws(() => ad.evaluate(id, Float64Array.of(1, Number.NaN)), /^Error: x\[1\] must be finite, got NaN$/);
    assert.throws(() => ad.grad(id, Float64Array.of(Infinity)), /^Error: x\[0\] must be finite, got Infinity$/);
    // the framework rule needs no direction: a zero or oversized one is not looked at
    assert.equal(ad.grad(id, [1], { rule: "framework", direction: Float64Array.of(0) }).grad[0], 1);
  });

  it("a program returning a number: its value, a zero gradient and no operations", () => {
    const r = ad.grad(() => 4, [1, 2]);
    assert.equal(r.value, 4);
    assert.deepEqual(Array.from(r.grad), [0, 0]);
    assert.deepEqual(r.operations, { function: 0, local: 0, tangent: 0, reverse: 0, total: 0 });
    assert.equal(ad.evaluate(() => 4, Float64Array.of(1)).value, 4);
  });

  it("the direction: the seeded uniform unit vector (length n) by default, the given one otherwise, none for framework", () => {
    const r = ad.grad(([x, , z]) => ad.add(ad.relu(x), ad.abs(z)), [0, 1, 0], { seed: 3 });
    assert.deepEqual(Array.from(r.direction!), Array.from(rng(3).sphere(3)));
    // the kinks take the pieces of that direction's signs
    assert.deepEqual(Array.from(r.grad), [r.direction![0] > 0 ? 1 : 0, 0, r.direction![2] > 0 ? 1 : -1]);
    assert.deepEqual(Array.from(ad.grad(([x]) => x, [1]).direction!), Array.from(rng(0).sphere(1)));
    const given = Float64Array.of(-1, 2, 3);
    assert.equal(ad.grad(([x]) => ad.relu(x), [0, 0, 0], { direction: given }).direction, given);
    assert.equal("direction" in ad.grad(([x]) => x, [1], { rule: "framework" }), false);
  });
});

describe("ad.objective: value, gradient and subgradient of a program, with its options", () => {
  const identity: P = ([x, y]) => ad.add(ad.sub(ad.relu(x), ad.relu(ad.neg(x))), ad.abs(y));

  it("clarke (default, or null options) along the seeded or given direction; framework", () => {
    const at = Float64Array.of(0, 0);
    const dflt = ad.objective(identity, 2);
    const g0 = ad.grad(identity, at, { seed: 0 }).grad;
    assert.deepEqual(Array.from(dflt.grad(at)), Array.from(g0));
    assert.deepEqual(Array.from(ad.objective(identity, 2, null as never).grad(at)), Array.from(g0));
    assert.equal(dflt.grad(at)[0], 1);
    const s5 = ad.objective(identity, 2, { seed: 5 }).grad(at);
    assert.deepEqual(Array.from(s5), Array.from(ad.grad(identity, at, { seed: 5 }).grad));
    assert.deepEqual(Array.from(ad.objective(identity, 2, { direction: Float64Array.of(1, 1) }).grad(at)), [1, 1]);
    assert.deepEqual(Array.from(ad.objective(identity, 2, { direction: Float64Array.of(1, -1) }).subgrad(at)), [1, -1]);
    assert.deepEqual(Array.from(ad.objective(identity, 2, { rule: "framework" }).grad(at)), [0, -1]);
    // into `out`, and the value
    const out = new Float64Array(2);
    const f = ad.objective(identity, 2, { direction: Float64Array.of(1, 1) });
    assert.equal(f.grad(Float64Array.of(0.5, -2), out), out);
    assert.deepEqual(Array.from(out), [1, -1]);
    assert.equal(f.value(Float64Array.of(0.5, -2)), 2.5);
    assert.equal(f.dim, 2);
  });

  it("names dim, options.rule, options.seed, options.direction and x", () => {
    assert.throws(() => ad.objective(identity, 0), /^Error: dim must be an integer ≥ 1, got 0$/);
    assert.throws(() => ad.objective(3 as never, 2), /^Error: program must be a function/);
    assert.throws(() => ad.objective(identity, 2, { rule: "torch" as never }), /^Error: options.rule must be "clarke" or "framework", got torch$/);
    assert.throws(() => ad.objective(identity, 2, { seed: 0.5 }), /^Error: options.seed must be an integer ≥ 0, got 0.5$/);
    assert.throws(() => ad.objective(identity, 2, { direction: Float64Array.of(1) }), /^Error: options.direction must have length 2, got length 1$/);
    const f = ad.objective(identity, 2);
    assert.throws(() => f.value(Float64Array.of(1)), /^Error: x must have length 2, got length 1$/);
    assert.throws(() => f.grad(Float64Array.of(1)), /^Error: x must have length 2, got length 1$/);
  });
});

describe("ad.reluNetworkProgram: the loss by hand, and its errors", () => {
  // Z = [[1, 2], [−1, 0.5]], k = 2, W = [[1, −1], [0.5, 1]], a = [2, −1]:
  // unit pre-activations z₁: [−1, 2.5] → relu [0, 2.5], N = 0·2 − 2.5 = −2.5;
  // z₂: [−1.5, 0] → relu [0, 0], N = 0.
  const Z = [[1, 2], [-1, 0.5]];
  const theta = [1, -1, 0.5, 1, 2, -1];

  it("l1 (default) (1/n) Σ|N − y| and hinge (1/n) Σ max(0, 1 − yN)", () => {
    const y = [1, -3];
    // l1: (|−2.5 − 1| + |0 + 3|)/2 = 3.25
    assert.equal(ad.evaluate(ad.reluNetworkProgram(Z, y, { hidden: 2 }), theta).value, 3.25);
    assert.equal(ad.evaluate(ad.reluNetworkProgram(new Matrix(Z), y, { hidden: 2, loss: "l1" }), theta).value, 3.25);
    // hinge with y = [−1, 1]: (max(0, 1 − 2.5) + max(0, 1 − 0))/2 = 0.5
    const hinge = ad.reluNetworkProgram(Z, [-1, 1], { hidden: 2, loss: "hinge" });
    assert.equal(ad.evaluate(hinge, theta).value, 0.5);
    // and equal to the hand-written objective at a random point (both losses)
    const r = rng(2);
    const t = r.normalVector(6);
    assert.ok(Math.abs(ad.evaluate(hinge, t).value - objectives.reluNetworkLoss(Z, [-1, 1], { hidden: 2, loss: "hinge" }).value(t)) < 1e-15);
  });

  it("names options, Z, y, options.hidden, options.loss and theta's length", () => {
    assert.throws(() => ad.reluNetworkProgram(Z, [1, 1], undefined as never), /^Error: options must be given: \{ hidden, loss \}$/);
    assert.throws(() => ad.reluNetworkProgram(Z, [1, 1], 3 as never), /^Error: options must be given/);
    assert.throws(() => ad.reluNetworkProgram(undefined as never, [1], { hidden: 1 }), /^Error: Z must be a non-empty array of rows$/);
    assert.throws(() => ad.reluNetworkProgram([[1, 2], undefined as never], [1, 1], { hidden: 1 }), /^Error: Z\[1\] must have length 2, got 0$/);
    assert.throws(() => ad.reluNetworkProgram(Z, [1], { hidden: 1 }), /^Error: y must have one entry per row of Z \(2\), got 1$/);
    assert.throws(() => ad.reluNetworkProgram(Z, undefined as never, { hidden: 1 }), /^Error: y must have one entry per row of Z \(2\), got undefined$/);
    assert.throws(() => ad.reluNetworkProgram(Z, [1, Infinity], { hidden: 1 }), /^Error: y\[1\] must be a finite number, got Infinity$/);
    assert.throws(() => ad.reluNetworkProgram(Z, [1, 1], { hidden: 0 }), /^Error: options.hidden must be an integer ≥ 1, got 0$/);
    assert.throws(() => ad.reluNetworkProgram(Z, [1, 1], { hidden: 1, loss: "l2" as never }), /^Error: options.loss must be "l1" or "hinge", got l2$/);
    assert.throws(() => ad.evaluate(ad.reluNetworkProgram(Z, [1, 1], { hidden: 2 }), [1, 2, 3]), /^Error: program failed at x: theta must have length 6 \(k·d \+ k\), got 3$/);
  });
});
