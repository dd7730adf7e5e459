/**
 * The data of reverse-mode automatic differentiation over scalar programs (the micrograd
 * model): a {@link Node} holds its value, its parents and the local derivative with respect
 * to each parent; a {@link Tape} records the nodes in the order they were made, which is a
 * topological order, so the reverse pass is one walk of the tape backwards.
 *
 * Under the "clarke" rule every node also carries its directional derivative (tangent)
 * ẏ = Σᵢ (∂y/∂xᵢ)·ẋᵢ along a direction v of the input space, computed in the same forward
 * pass (forward mode). At a kink of relu, abs, max or min the tangent decides which smooth
 * piece is active on the ray x + t·v, t ↓ 0 (Kakade & Lee 2018).
 * @module
 */

/** Which derivative a non-smooth primitive takes at its kink. */
export type Rule = "framework" | "clarke";

/**
 * Primitive operations counted while a program runs (deterministic for a given program and
 * input): every floating-point arithmetic operation and every comparison the code performs.
 */
export interface OperationCount {
  /** Computing the values: the function alone. */
  function: number;
  /** Computing the local derivatives (∂y/∂xᵢ) of each node. */
  local: number;
  /** The forward-mode tangents ẏ = Σᵢ (∂y/∂xᵢ)·ẋᵢ (clarke rule only) and the comparisons of tangents at kinks. */
  tangent: number;
  /** The reverse pass: x̄ᵢ += (∂y/∂xᵢ)·ȳ for every variable parent. */
  reverse: number;
  /** function + local + tangent + reverse. */
  total: number;
}

/** The recording of one run of a program: its nodes in creation order, the rule, and the operation counts. */
export class Tape {
  readonly nodes: Node[] = [];
  readonly counts = { function: 0, local: 0, tangent: 0, reverse: 0 };
  /**
   * @param mode "value" computes values only (the cost of the function alone); the rules
   * also compute local derivatives, and "clarke" the tangents.
   */
  constructor(readonly mode: "value" | Rule) {}
}

/**
 * One value of a program. A constant has no tape; a variable (an input, or anything
 * computed from one) belongs to the tape of its run. `partials[i]` is ∂value/∂parents[i]
 * at the smooth piece chosen for this run.
 */
export class Node {
  /** The adjoint ∂output/∂this, filled by the reverse pass. */
  adjoint = 0;
  constructor(
    readonly value: number,
    readonly parents: readonly Node[],
    readonly partials: ArrayLike<number>,
    /** The directional derivative along the run's direction (0 unless the rule is "clarke"). */
    readonly tangent: number,
    readonly tape: Tape | undefined,
  ) {}
}

/** What the primitives accept: a node or a plain number (a constant). */
export type Input = Node | number;

const NONE: readonly Node[] = [];

/** A number as a constant node (no tape, no derivative); a node is returned as it is. */
export function lift(input: Input, name = "argument"): Node {
  if (input instanceof Node) return input;
  if (typeof input !== "number" || Number.isNaN(input)) throw new Error(`${name} must be an ad node or a number, got ${input === null ? "null" : typeof input === "number" ? "NaN" : typeof input}`);
  return new Node(input, NONE, NONE as unknown as number[], 0, undefined);
}

/** The tape shared by the variable nodes among `nodes` (undefined if all are constants). */
export function tapeOf(nodes: readonly Node[]): Tape | undefined {
  let tape: Tape | undefined;
  for (const node of nodes) {
    if (node.tape === undefined) continue;
    if (tape !== undefined && node.tape !== tape) throw new Error("an ad program mixes nodes of two different runs: build each program from the inputs it receives");
    tape = node.tape;
  }
  return tape;
}

/**
 * Makes the node y = `value` with these parents. `functionOps` is the cost of the value;
 * `partials(tape)` returns the local derivatives (called only when a rule is being
 * differentiated) with the cost `localOps` of computing them. Under "clarke" the tangent
 * Σᵢ partialᵢ·ẋᵢ over variable parents is computed here (nv multiplications and nv − 1
 * additions for nv variable parents).
 */
export function record(value: number, parents: readonly Node[], functionOps: number, partials?: (tape: Tape) => ArrayLike<number>, localOps = 0): Node {
  const tape = tapeOf(parents);
  if (tape === undefined) return new Node(value, NONE, NONE as unknown as number[], 0, undefined);
  tape.counts.function += functionOps;
  if (tape.mode === "value" || partials === undefined) {
    const node = new Node(value, NONE, NONE as unknown as number[], 0, tape);
    return node;
  }
  const local = partials(tape);
  tape.counts.local += localOps;
  let tangent = 0;
  if (tape.mode === "clarke") {
    let variables = 0;
    for (let i = 0; i < parents.length; i++) {
      if (parents[i].tape === undefined) continue;
      tangent += local[i] * parents[i].tangent;
      variables++;
    }
    tape.counts.tangent += 2 * variables - 1;
  }
  const node = new Node(value, parents, local, tangent, tape);
  tape.nodes.push(node);
  return node;
}

/**
 * The reverse pass: ȳ = 1 at `output`, then, walking the tape from the last node to the
 * first, x̄ᵢ += (∂y/∂xᵢ)·ȳ for every variable parent xᵢ of every node y (two operations each).
 */
export function backward(tape: Tape, output: Node): void {
  output.adjoint = 1;
  const { nodes } = tape;
  let operations = 0;
  for (let n = nodes.length - 1; n >= 0; n--) {
    const node = nodes[n];
    const { parents, partials, adjoint } = node;
    for (let i = 0; i < parents.length; i++) {
      const parent = parents[i];
      if (parent.tape === undefined) continue;
      parent.adjoint += partials[i] * adjoint;
      operations += 2;
    }
  }
  tape.counts.reverse += operations;
}
