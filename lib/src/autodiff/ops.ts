/**
 * The primitives of an ad program. Each takes nodes or numbers and returns a node; its
 * local derivatives are written next to its value. The smooth ones have one derivative; the
 * non-smooth ones (relu, abs, max, min) choose a piece at their kink:
 *
 * | primitive | kink | "framework" (what tfjs 3.21.0 computes, measured) | "clarke" |
 * |---|---|---|---|
 * | relu(a) | a = 0 | relu′ = 0 | 1 if ȧ > 0, else 0 |
 * | abs(a) | a = 0 | abs′ = −1 (tfjs's `step(x, −1)`; PyTorch takes sign(0) = 0) | sign(ȧ), −1 if ȧ = 0 |
 * | max(a, b) | a = b | the first argument: (1, 0) | the one with the larger tangent; (1, 0) if ȧ = ḃ |
 * | min(a, b) | a = b | the first argument: (1, 0) | the one with the smaller tangent; (1, 0) if ȧ = ḃ |
 *
 * ȧ is the directional derivative of a along the run's direction v, so "clarke" takes the
 * piece active on x + t·v for small t > 0. When the tangents also tie (ȧ = 0 at a relu kink),
 * the framework's piece is taken: for a random v that happens with probability 0 unless the
 * gradient of the argument's active piece is 0, and then both pieces give the same result.
 *
 * Operation counts (see {@link OperationCount}): one per arithmetic operation or comparison;
 * `sum` of n terms n − 1; the local derivatives of add, sub, neg, mul, sum, exp cost nothing
 * (they are ±1, the other factor, or the value), div 2, log 1, square 1; a kink costs one
 * comparison of tangents under "clarke".
 * @module
 */
import { lift, record, type Input, type Node, type Tape } from "./node";

const ONE_ONE = [1, 1] as const;
const ONE_MINUS_ONE = [1, -1] as const;
const MINUS_ONE = [-1] as const;
const ONE = [1] as const;
const ZERO = [0] as const;
const FIRST = [1, 0] as const;
const SECOND = [0, 1] as const;

/** a + b. */
export function add(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  return record(x.value + y.value, [x, y], 1, () => ONE_ONE);
}

/** a − b. */
export function sub(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  return record(x.value - y.value, [x, y], 1, () => ONE_MINUS_ONE);
}

/** a·b; ∂/∂a = b, ∂/∂b = a. */
export function mul(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  return record(x.value * y.value, [x, y], 1, () => [y.value, x.value]);
}

/** a/b; ∂/∂a = 1/b, ∂/∂b = −a/b² = −(a/b)/b. Throws when b = 0. */
export function div(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  if (y.value === 0) throw new Error("div: the divisor b is 0");
  const q = x.value / y.value;
  return record(q, [x, y], 1, () => [1 / y.value, -q / y.value], 2);
}

/** −a. */
export function neg(a: Input): Node {
  const x = lift(a, "a");
  return record(-x.value, [x], 1, () => MINUS_ONE);
}

/** eᵃ; its derivative is its value. */
export function exp(a: Input): Node {
  const x = lift(a, "a");
  const y = Math.exp(x.value);
  return record(y, [x], 1, () => [y]);
}

/** ln a for a > 0; derivative 1/a. Throws when a ≤ 0. */
export function log(a: Input): Node {
  const x = lift(a, "a");
  if (!(x.value > 0)) throw new Error(`log: the argument a must be > 0, got ${x.value}`);
  return record(Math.log(x.value), [x], 1, () => [1 / x.value], 1);
}

/** a²; derivative 2a. */
export function square(a: Input): Node {
  const x = lift(a, "a");
  return record(x.value * x.value, [x], 1, () => [2 * x.value], 1);
}

/** Σᵢ termsᵢ (n − 1 additions; every local derivative is 1). */
export function sum(terms: readonly Input[]): Node {
  if (!Array.isArray(terms) || terms.length === 0) throw new Error("sum: terms must be a non-empty array of ad nodes or numbers");
  const nodes = terms.map((t, i) => lift(t, `terms[${i}]`));
  let value = 0;
  for (const node of nodes) value += node.value;
  return record(value, nodes, nodes.length - 1, () => new Array<number>(nodes.length).fill(1));
}

/** Whether the run differentiates by the Clarke rule (and so may compare tangents at a kink). */
function clarke(tape: Tape): boolean {
  if (tape.mode !== "clarke") return false;
  tape.counts.tangent += 1;
  return true;
}

/** max(a, 0); relu′(0) by the rule (table above). */
export function relu(a: Input): Node {
  const x = lift(a, "a");
  const v = x.value;
  return record(v > 0 ? v : 0, [x], 1, (tape) => (v > 0 ? ONE : v < 0 ? ZERO : clarke(tape) && x.tangent > 0 ? ONE : ZERO));
}

/** |a|; abs′(0) by the rule (table above). */
export function abs(a: Input): Node {
  const x = lift(a, "a");
  const v = x.value;
  const atKink = (tape: Tape) => (clarke(tape) && x.tangent > 0 ? ONE : MINUS_ONE);
  return record(Math.abs(v), [x], 1, (tape) => (v > 0 ? ONE : v < 0 ? MINUS_ONE : atKink(tape)));
}

/** max(a, b); the piece at a tie by the rule (table above). */
export function max(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  const atTie = (tape: Tape) => (clarke(tape) && y.tangent > x.tangent ? SECOND : FIRST);
  return record(Math.max(x.value, y.value), [x, y], 1, (tape) => (x.value > y.value ? FIRST : x.value < y.value ? SECOND : atTie(tape)));
}

/** min(a, b); the piece at a tie by the rule (table above). */
export function min(a: Input, b: Input): Node {
  const x = lift(a, "a"), y = lift(b, "b");
  const atTie = (tape: Tape) => (clarke(tape) && y.tangent < x.tangent ? SECOND : FIRST);
  return record(Math.min(x.value, y.value), [x, y], 1, (tape) => (x.value < y.value ? FIRST : x.value > y.value ? SECOND : atTie(tape)));
}
