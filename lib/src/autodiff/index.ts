/**
 * `ad`: a small reverse-mode automatic differentiation over scalar programs, with the
 * "framework" and the Clarke-correct ("clarke", Kakade & Lee 2018) rules at kinks.
 *
 * ```ts
 * import { ad } from "landscape";
 * const identity = (x: ad.Node[]) => ad.sub(ad.relu(x[0]), ad.relu(ad.neg(x[0])));
 * ad.grad(identity, [0], { rule: "framework" }).grad; // [0]  (what tfjs computes)
 * ad.grad(identity, [0]).grad;                        // [1]  (the derivative of x)
 * ```
 * @module
 */
export { constant, Node, type Input, type OperationCount, type Rule } from "./node";
export { abs, add, div, exp, log, max, min, mul, neg, relu, square, sub, sum } from "./ops";
export { evaluate, grad, objective, type GradOptions, type GradResult, type Program } from "./grad";
export { reluNetworkProgram } from "./networks";
