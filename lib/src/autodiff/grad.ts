/**
 * Running an ad program: its value alone, or its value and a (generalized) gradient.
 * @module
 */
import type { Objective } from "../objectives/objective";
import { output } from "../objectives/objective";
import { rng } from "../random";
import { assertInteger, assertVector } from "../validate";
import { backward, lift, Node, Tape, variable, type OperationCount, type Rule } from "./node";

/** A program: receives the input variables as nodes and returns one node (or a number). */
export type Program = (x: Node[]) => Node | number;

/** Options of {@link grad}. */
export interface GradOptions {
  /** "clarke" (default) or "framework": the choice at kinks, see the table in `ops`. */
  rule?: Rule;
  /** The direction v of the clarke rule's tangents; default a uniform unit vector drawn with `seed`. */
  direction?: Float64Array;
  /** Seed of the random direction (default 0). */
  seed?: number;
}

/** What {@link grad} returns. */
export interface GradResult {
  value: number;
  /** ∂program/∂xᵢ through the pieces chosen at the kinks. */
  grad: Float64Array;
  /** The primitive operations of this run (deterministic). */
  operations: OperationCount;
  /** The direction v used by the clarke rule (undefined for "framework"). */
  direction?: Float64Array;
}

function checkProgram(program: unknown): asserts program is Program {
  if (typeof program !== "function") throw new Error(`program must be a function (x: Node[]) => Node, got ${typeof program}`);
}

function toVector(x: unknown): Float64Array {
  if (Array.isArray(x)) return assertVector("x", Float64Array.from(x as number[]));
  return assertVector("x", x);
}

function totals(tape: Tape): OperationCount {
  const { function: f, local, tangent, reverse } = tape.counts;
  return { function: f, local, tangent, reverse, total: f + local + tangent + reverse };
}

function run(program: Program, x: Float64Array, tape: Tape, direction?: Float64Array) {
  if (x.length === 0) throw new Error("x must have at least one entry");
  const inputs = Array.from(x, (xi, i) => variable(tape, xi, direction ? direction[i] : 0));
  let out: Node | number;
  try {
    out = program(inputs);
  } catch (e) {
    throw new Error(`program failed at x: ${(e as Error)?.message ?? String(e)}`);
  }
  if (!(out instanceof Node) && typeof out !== "number") throw new Error(`program must return an ad node or a number, got ${out === null ? "null" : typeof out}`);
  const node = lift(out, "the program's result");
  if (node.tape !== undefined && node.tape !== tape) throw new Error("program returned a node of another run");
  if (!Number.isFinite(node.value)) throw new Error(`program's value is not finite at x: ${node.value}`);
  return { inputs, node };
}

/**
 * The value of `program` at `x` and the operations it took: the cost of the function alone
 * (the denominator of the cheap-(sub)gradient ratio).
 */
export function evaluate(program: Program, x: Float64Array | number[]): { value: number; operations: OperationCount } {
  checkProgram(program);
  const tape = new Tape("value");
  const { node } = run(program, toVector(x), tape);
  return { value: node.value, operations: totals(tape) };
}

/**
 * The value of `program` at `x` and the derivative of the composition of the smooth pieces
 * chosen at the kinks, by one forward pass and one reverse pass over the tape.
 *
 * - `rule: "framework"`: fixed choices at kinks (relu′(0) = 0, abs′(0) = −1, max and min pass
 *   the derivative to their first argument at a tie), as tfjs 3.21.0 does; PyTorch and JAX
 *   make the same kind of fixed choice. The result can lie outside the Clarke
 *   subdifferential: relu(x) − relu(−x) = x gets derivative 0 at 0.
 * - `rule: "clarke"` (default; Kakade & Lee 2018): the forward pass also carries the
 *   directional derivative ẏ along a direction v (seeded random unit vector unless given),
 *   and each kink takes the piece active on x + t·v for small t > 0. The result is the
 *   gradient at x of one smooth piece of f that is active on that ray, so it is lim ∇f(x + t·v)
 *   — a Clarke subgradient, and the gradient wherever f is differentiable — for programs made
 *   of these primitives whenever no tangent ties at a kink (probability 1 for random v, up to
 *   the ties discussed in `ops`).
 *
 * Costs (counted in `operations`): the clarke rule's total is a constant multiple of the
 * function's cost, independent of the dimension (Kakade & Lee bound it by 6 in their cost model).
 */
export function grad(program: Program, x: Float64Array | number[], options: GradOptions = {}): GradResult {
  checkProgram(program);
  const point = toVector(x);
  if (options === null || typeof options !== "object") throw new Error("options must be an object { rule, direction, seed }");
  const { rule = "clarke", seed = 0 } = options;
  if (rule !== "clarke" && rule !== "framework") throw new Error(`rule must be "clarke" or "framework", got ${String(rule)}`);
  let direction: Float64Array | undefined;
  if (rule === "clarke") {
    if (options.direction !== undefined) {
      direction = assertVector("direction", options.direction, point.length);
      if (direction.every((v) => v === 0)) throw new Error("direction must not be the zero vector");
      if (!Number.isFinite(Math.hypot(...direction))) throw new Error("direction is too large (its norm overflows)");
    } else {
      assertInteger("seed", seed, 0);
      direction = rng(seed).sphere(Math.max(point.length, 1));
    }
  }
  const tape = new Tape(rule);
  const { inputs, node } = run(program, point, tape, direction);
  const gradient = new Float64Array(point.length);
  if (node.tape === tape) {
    const adjoint = backward(tape, node);
    for (let i = 0; i < inputs.length; i++) gradient[i] = adjoint[inputs[i].index];
    if (!gradient.every(Number.isFinite)) throw new Error("the derivative of program at x overflows");
  }
  return { value: node.value, grad: gradient, operations: totals(tape), ...(direction ? { direction } : {}) };
}

/**
 * An {@link Objective} of dimension `dim` computed by `program`: `value` runs it, `grad`
 * (and `subgrad`) return {@link grad}'s derivative under `rule` (default "clarke", with the
 * direction drawn once from `seed`).
 */
export function objective(program: Program, dim: number, options: GradOptions = {}): Objective & { subgrad(x: Float64Array, out?: Float64Array): Float64Array } {
  checkProgram(program);
  assertInteger("dim", dim, 1);
  const { rule = "clarke", seed = 0, direction: given } = options ?? {};
  if (rule !== "clarke" && rule !== "framework") throw new Error(`options.rule must be "clarke" or "framework", got ${String(rule)}`);
  assertInteger("options.seed", seed, 0);
  const direction = rule === "clarke" ? (given !== undefined ? assertVector("options.direction", given, dim) : rng(seed).sphere(dim)) : undefined;
  const check = (x: Float64Array) => assertVector("x", x, dim);
  const derivative = (x: Float64Array, out?: Float64Array) => {
    const g = grad(program, check(x), { rule, direction }).grad;
    const target = output(out, dim);
    target.set(g);
    return target;
  };
  return { dim, value: (x) => evaluate(program, check(x)).value, grad: derivative, subgrad: derivative };
}
