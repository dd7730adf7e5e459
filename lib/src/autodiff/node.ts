/**
 * The data of reverse-mode automatic differentiation over scalar programs (the micrograd
 * model): every operation of a run appends one entry to the {@link Tape} — its parents and
 * the local derivative with respect to each — and returns a {@link Node} holding its value
 * and its place on the tape. The tape's order is a topological order, so the reverse pass is
 * one walk of the tape backwards.
 *
 * Under the "clarke" rule every node also carries its directional derivative (tangent)
 * ẏ = Σᵢ (∂y/∂xᵢ)·ẋᵢ along a direction v of the input space, computed in the same forward
 * pass (forward mode). At a kink of relu, abs, max or min the tangent decides which smooth
 * piece is active on the ray x + t·v, t ↓ 0 (Kakade & Lee 2018).
 *
 * The tape is kept in typed arrays (parents as indices, partials as numbers), not as a graph
 * of objects: on programs of a million nodes a graph of retained objects makes the garbage
 * collector, not the arithmetic, set the time.
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
  /** Computing the local derivatives (∂y/∂xᵢ) of the nodes, and comparing tangents at kinks. */
  local: number;
  /** The forward-mode tangents ẏ = Σᵢ (∂y/∂xᵢ)·ẋᵢ (clarke rule only). */
  tangent: number;
  /** The reverse pass: x̄ᵢ += (∂y/∂xᵢ)·ȳ for every variable parent (x̄ᵢ += ȳ for a sum's terms). */
  reverse: number;
  /** function + local + tangent + reverse. */
  total: number;
}

/**
 * The recording of one run: for entry i, its parents `first[i]`, `second[i]` (−1: none or a
 * constant) with partials ∂yᵢ/∂first, ∂yᵢ/∂second, or for a sum the run `terms[termStart[i] ..
 * termEnd[i])` of parents whose partials are all 1; and the operation counts. Typed arrays,
 * grown by doubling: no object per entry for the garbage collector to trace.
 */
export class Tape {
  readonly counts = { function: 0, local: 0, tangent: 0, reverse: 0 };
  size = 0;
  first = EMPTY_INT;
  second = EMPTY_INT;
  firstPartial = EMPTY_FLOAT;
  secondPartial = EMPTY_FLOAT;
  termStart = EMPTY_INT;
  termEnd = EMPTY_INT;
  terms = EMPTY_INT;
  termCount = 0;
  /**
   * @param mode "value" computes values only (the cost of the function alone, nothing
   * recorded); the rules also record local derivatives, and "clarke" the tangents.
   */
  constructor(readonly mode: "value" | Rule) {}

  /** Appends an entry with up to two parents (−1: none) and returns its index. */
  push(first: number, firstPartial: number, second: number, secondPartial: number): number {
    if (this.size === this.first.length) this.grow();
    const i = this.size++;
    this.first[i] = first;
    this.firstPartial[i] = firstPartial;
    this.second[i] = second;
    this.secondPartial[i] = secondPartial;
    this.termStart[i] = this.termEnd[i] = 0;
    return i;
  }

  /** Appends a sum over the entries `parents` and returns its index. */
  pushSum(parents: readonly number[]): number {
    const i = this.push(-1, 0, -1, 0);
    if (this.termCount + parents.length > this.terms.length) this.terms = resized(this.terms, Math.max(64, 2 * (this.termCount + parents.length)));
    this.termStart[i] = this.termCount;
    for (const p of parents) this.terms[this.termCount++] = p;
    this.termEnd[i] = this.termCount;
    return i;
  }

  private grow(): void {
    const n = Math.max(64, 2 * this.first.length);
    this.first = resized(this.first, n);
    this.second = resized(this.second, n);
    this.firstPartial = resized(this.firstPartial, n);
    this.secondPartial = resized(this.secondPartial, n);
    this.termStart = resized(this.termStart, n);
    this.termEnd = resized(this.termEnd, n);
  }
}

const EMPTY_INT = new Int32Array(0);
const EMPTY_FLOAT = new Float64Array(0);

function resized<T extends Int32Array | Float64Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * One value of a program. A constant has no tape; a variable (an input, or anything
 * computed from one) belongs to the tape of its run and, when derivatives are recorded, has
 * its entry `index` there (−1 otherwise).
 */
export class Node {
  constructor(
    readonly value: number,
    /** The directional derivative along the run's direction (0 unless the rule is "clarke"). */
    readonly tangent: number,
    readonly tape: Tape | undefined,
    readonly index = -1,
  ) {}
}

/** What the primitives accept: a node or a plain number (a constant). */
export type Input = Node | number;

/** A constant node: no tape, no derivative. */
export function constant(value: number): Node {
  return lift(value, "value");
}

/** A number as a constant node; a node is returned as it is. */
export function lift(input: Input, name = "argument"): Node {
  if (input instanceof Node) return input;
  if (typeof input !== "number" || !Number.isFinite(input)) throw new Error(`${name} must be an ad node or a finite number, got ${input === null ? "null" : typeof input === "number" ? input : typeof input}`);
  return new Node(input, 0, undefined);
}

/** Throws unless the value and the local derivatives of a new node are finite (overflow, e.g. exp(800)). */
export function assertFiniteNode(op: string, value: number, partials: number, operands: string): void {
  if (!Number.isFinite(value) || !Number.isFinite(partials)) throw new Error(`${op} overflows for ${operands}: value ${value}, derivative ${partials}`);
}

function mixed(): never {
  throw new Error("an ad program mixes nodes of two different runs: build each program from the inputs it receives");
}

/**
 * Records y = `value` with parents x (and z), local derivatives ∂y/∂x = dx (∂y/∂z = dz) and
 * the costs: `functionOps` for the value, `localOps` for the derivatives. Under "clarke" the
 * tangent ẏ = dx·ẋ (+ dz·ż) over the variable parents (1 or 3 operations).
 */
export function record(value: number, functionOps: number, localOps: number, x: Node, dx: number, z?: Node, dz = 0): Node {
  const tape = x.tape ?? z?.tape;
  if (tape === undefined) return new Node(value, 0, undefined);
  if (z !== undefined && z.tape !== undefined && z.tape !== tape) mixed();
  tape.counts.function += functionOps;
  if (tape.mode === "value") return new Node(value, 0, tape);
  tape.counts.local += localOps;
  const xVariable = x.tape !== undefined, zVariable = z !== undefined && z.tape !== undefined;
  let tangent = 0;
  if (tape.mode === "clarke") {
    if (xVariable) tangent += dx * x.tangent;
    if (zVariable) tangent += dz * z.tangent;
    tape.counts.tangent += xVariable && zVariable ? 3 : 1;
  }
  return new Node(value, tangent, tape, tape.push(xVariable ? x.index : -1, dx, zVariable ? z.index : -1, dz));
}

/** Records y = Σ terms (n − 1 additions; the tangent Σ ṫ over the variable terms). */
export function recordSum(value: number, terms: readonly Node[]): Node {
  let tape: Tape | undefined;
  for (const t of terms) {
    if (t.tape === undefined) continue;
    if (tape !== undefined && t.tape !== tape) mixed();
    tape = t.tape;
  }
  if (tape === undefined) return new Node(value, 0, undefined);
  tape.counts.function += terms.length - 1;
  if (tape.mode === "value") return new Node(value, 0, tape);
  const parents: number[] = [];
  let tangent = 0;
  for (const t of terms) {
    if (t.tape === undefined) continue;
    parents.push(t.index);
    tangent += t.tangent;
  }
  if (tape.mode === "clarke") tape.counts.tangent += parents.length - 1;
  return new Node(value, tangent, tape, tape.pushSum(parents));
}

/** Appends an input variable (no parents) with tangent ẋ = `tangent`. */
export function variable(tape: Tape, value: number, tangent: number): Node {
  return new Node(value, tangent, tape, tape.mode === "value" ? -1 : tape.push(-1, 0, -1, 0));
}

/**
 * The reverse pass: ȳ = 1 at `output`, then, walking the tape from the last entry to the
 * first, x̄ += (∂y/∂x)·ȳ for every variable parent x of every entry y (two operations; one for
 * a term of a sum, whose partial is 1). Returns the adjoints of all entries.
 */
export function backward(tape: Tape, output: Node): Float64Array {
  const adjoint = new Float64Array(tape.size);
  adjoint[output.index] = 1;
  const { first, second, firstPartial, secondPartial, termStart, termEnd, terms } = tape;
  let operations = 0;
  for (let i = tape.size - 1; i >= 0; i--) {
    const ybar = adjoint[i];
    if (termEnd[i] > termStart[i]) {
      for (let t = termStart[i]; t < termEnd[i]; t++) adjoint[terms[t]] += ybar;
      operations += termEnd[i] - termStart[i];
      continue;
    }
    if (first[i] >= 0) {
      adjoint[first[i]] += firstPartial[i] * ybar;
      operations += 2;
    }
    if (second[i] >= 0) {
      adjoint[second[i]] += secondPartial[i] * ybar;
      operations += 2;
    }
  }
  tape.counts.reverse += operations;
  return adjoint;
}
