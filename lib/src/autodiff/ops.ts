/**
 * The primitives of an ad program. Each takes nodes or numbers and returns a node; its
 * local derivatives are written next to its value. The smooth ones have one derivative; the
 * non-smooth ones (relu, abs, max, min) choose a piece at their kink:
 *
 * | primitive | kink | "framework" (what tfjs 3.21.0 computes, measured) | "clarke" |
 * |---|---|---|---|
 * | relu(a) | a = 0 | relu′ = 0 | 1 if ȧ > 0, else 0 |
 * | abs(a) | a = 0 | abs′ = −1 (tfjs's `step(x, −1)`; PyTorch takes sign(0) = 0) | 1 if ȧ > 0, else −1 |
 * | max(a, b) | a = b | the first argument: (1, 0) | the one with the larger tangent; (1, 0) if ȧ = ḃ |
 * | min(a, b) | a = b | the first argument: (1, 0) | the one with the smaller tangent; (1, 0) if ȧ = ḃ |
 *
 * ȧ is the directional derivative of a along the run's direction v, so "clarke" takes the
 * piece active on x + t·v for small t > 0. When the tangents also tie (ȧ = 0 at a relu kink),
 * the framework's piece is taken: for a random v that happens with probability 0 unless the
 * gradient of the argument's active piece is 0, and then both pieces give the same result.
 *
 * Operation counts (see {@link OperationCount}): one per arithmetic operation or comparison
 * the code performs; `sum` of n terms n − 1; the local derivatives of add, sub, neg, mul, sum,
 * exp and of the pieces of relu, abs, max, min cost nothing (±1, 0, the other factor, the
 * value), div 2, log 1, square 1; under "clarke" a kink costs one comparison of tangents.
 * @module
 */
import { assertFiniteNode, lift, record, recordSum, type Input, type Node, type Tape } from "./node";

/** The operands of an error message: "a = 1e308, b = 2". */
const show = (x: Node, y?: Node) => (y === undefined ? `a = ${x.value}` : `a = ${x.value}, b = ${y.value}`);

/** a + b. */
export function add(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  assertFiniteNode("add", x.value + y.value, 0, show(x, y));
  return record(x.value + y.value, 1, 0, x, 1, y, 1);
}

/** a − b. */
export function sub(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  assertFiniteNode("sub", x.value - y.value, 0, show(x, y));
  return record(x.value - y.value, 1, 0, x, 1, y, -1);
}

/** a·b; ∂/∂a = b, ∂/∂b = a. */
export function mul(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  assertFiniteNode("mul", x.value * y.value, 0, show(x, y));
  return record(x.value * y.value, 1, 0, x, y.value, y, x.value);
}

/** a/b; ∂/∂a = 1/b, ∂/∂b = −a/b² = −(a/b)/b. Throws when b = 0. */
export function div(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  if (y.value === 0) throw new Error("div: the divisor b is 0");
  const q = x.value / y.value;
  assertFiniteNode("div", q, q / y.value, show(x, y));
  return record(q, 1, 2, x, 1 / y.value, y, -q / y.value);
}

/** −a. */
export function neg(a: Input): Node {
  const x = lift(a, "a");
  assertFiniteNode("neg", -x.value, 0, show(x));
  return record(-x.value, 1, 0, x, -1);
}

/** eᵃ; its derivative is its value. */
export function exp(a: Input): Node {
  const x = lift(a, "a");
  const y = Math.exp(x.value);
  assertFiniteNode("exp", y, 0, show(x));
  return record(y, 1, 0, x, y);
}

/** ln a for a > 0; derivative 1/a. Throws when a ≤ 0. */
export function log(a: Input): Node {
  const x = lift(a, "a");
  if (!(x.value > 0)) throw new Error(`log: the argument a must be > 0, got ${x.value}`);
  assertFiniteNode("log", Math.log(x.value), 1 / x.value, show(x));
  return record(Math.log(x.value), 1, 1, x, 1 / x.value);
}

/** a²; derivative 2a. */
export function square(a: Input): Node {
  const x = lift(a, "a");
  assertFiniteNode("square", x.value * x.value, 2 * x.value, show(x));
  return record(x.value * x.value, 1, 1, x, 2 * x.value);
}

/** Σᵢ termsᵢ (n − 1 additions; every local derivative is 1). */
export function sum(terms: readonly Input[]): Node {
  if (!Array.isArray(terms) || terms.length === 0) throw new Error("sum: terms must be a non-empty array of ad nodes or numbers");
  const nodes = terms.map((t, i) => lift(t, `terms[${i}]`));
  let value = 0;
  for (const node of nodes) value += node.value;
  if (!Number.isFinite(value)) throw new Error(`sum of the terms overflows: ${value}`);
  return recordSum(value, nodes);
}

/**
 * The piece taken at a kink: `clarke` under the clarke rule (one comparison of tangents,
 * counted), `framework` otherwise.
 */
function atKink<T>(tape: Tape | undefined, clarke: () => T, framework: T): T {
  if (tape === undefined || tape.mode !== "clarke") return framework;
  tape.counts.local += 1;
  return clarke();
}

/** max(a, 0); relu′(0) by the rule (table above). */
export function relu(a: Input): Node {
  const x = lift(a, "a");
  const v = x.value;
  const slope = v > 0 ? 1 : v < 0 ? 0 : atKink(x.tape, () => (x.tangent > 0 ? 1 : 0), 0);
  return record(v > 0 ? v : 0, 1, 0, x, slope);
}

/** |a|; abs′(0) by the rule (table above). */
export function abs(a: Input): Node {
  const x = lift(a, "a");
  const v = x.value;
  const slope = v > 0 ? 1 : v < 0 ? -1 : atKink(x.tape, () => (x.tangent > 0 ? 1 : -1), -1);
  return record(Math.abs(v), 1, 0, x, slope);
}

/** max(a, b); the piece at a tie by the rule (table above). */
export function max(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  const firstWins = x.value > y.value ? true : x.value < y.value ? false : atKink(x.tape ?? y.tape, () => !(y.tangent > x.tangent), true);
  return record(Math.max(x.value, y.value), 1, 0, x, firstWins ? 1 : 0, y, firstWins ? 0 : 1);
}

/** min(a, b); the piece at a tie by the rule (table above). */
export function min(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  const firstWins = x.value < y.value ? true : x.value > y.value ? false : atKink(x.tape ?? y.tape, () => !(y.tangent < x.tangent), true);
  return record(Math.min(x.value, y.value), 1, 0, x, firstWins ? 1 : 0, y, firstWins ? 0 : 1);
}
