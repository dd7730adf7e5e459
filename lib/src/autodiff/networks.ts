/**
 * The two-layer ReLU network's training loss written as an ad program, for the cost ratio of
 * the rules and as an independent check of the hand-written `objectives.reluNetworkLoss`.
 * @module
 */
import { Matrix } from "ml-matrix";
import { assertFinite, assertInteger, assertRows } from "../validate";
import type { Program } from "./grad";
import { constant, type Node } from "./node";
import { abs, max, mul, relu, sub, sum } from "./ops";

/**
 * The program θ ↦ (1/n) Σᵢ ℓ(N(zᵢ), yᵢ) with N(z) = Σⱼ aⱼ·relu(Σₗ wⱼₗ zₗ), θ = (W row by
 * row, a), ℓ = |N − y| ("l1") or max(0, 1 − yN) ("hinge"); the data are constants. It has
 * about n·k·(2d + 4) nodes.
 */
export function reluNetworkProgram(Z: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options: { hidden: number; loss?: "l1" | "hinge" }): Program {
  if (!options || typeof options !== "object") throw new Error("options must be given: { hidden, loss }");
  const { hidden, loss = "l1" } = options;
  const rows = Z instanceof Matrix ? Z.to2DArray() : Array.from(Z ?? [], (r) => Array.from(r ?? []));
  const { rows: n, columns: d } = assertRows("Z", rows);
  if (!y || y.length !== n) throw new Error(`y must have one entry per row of Z (${n}), got ${y?.length}`);
  const labels = Array.from(y, (v, i) => (assertFinite(`y[${i}]`, v), v));
  assertInteger("options.hidden", hidden, 1);
  if (loss !== "l1" && loss !== "hinge") throw new Error(`options.loss must be "l1" or "hinge", got ${String(loss)}`);
  const k = hidden;
  // the data as constant nodes made once, not once per run
  const data = rows.map((z) => z.map(constant));
  return (theta: Node[]) => {
    if (theta.length !== k * d + k) throw new Error(`theta must have length ${k * d + k} (k·d + k), got ${theta.length}`);
    const terms = data.map((z, i) => {
      const units = Array.from({ length: k }, (_, j) => mul(theta[k * d + j], relu(sum(z.map((zl, l) => mul(theta[j * d + l], zl))))));
      const out = sum(units);
      return loss === "l1" ? abs(sub(out, labels[i])) : max(0, sub(1, mul(labels[i], out)));
    });
    return mul(sum(terms), 1 / n);
  };
}
