import { Matrix } from "ml-matrix";
import { output, type Objective } from "./objective";

/**
 * The strict-saddle example of Lee, Simchowitz, Jordan and Recht (COLT 2016):
 *
 *   f(x, y) = ½x² + ¼y⁴ − ½y²,
 *   ∇f = (x, y³ − y),   ∇²f = diag(1, 3y² − 1).
 *
 * Critical points: the strict saddle (0, 0) (Hessian diag(1, −1)) and the two global
 * minimizers (0, ±1) with value −¼ (Hessian diag(1, 2)). The saddle's stable set is the
 * x-axis {y = 0}; f is not globally Lipschitz-smooth, but on {|y| ≤ 1} its gradient is
 * 2-Lipschitz, so steps below ½ are safe there.
 */
export function strictSaddle(): Objective {
  return {
    dim: 2,
    value: (p) => 0.5 * p[0] * p[0] + 0.25 * p[1] ** 4 - 0.5 * p[1] * p[1],
    grad(p, out) {
      const g = output(out, 2);
      g[0] = p[0];
      g[1] = p[1] * p[1] * p[1] - p[1];
      return g;
    },
    hessian: (p) => new Matrix([
      [1, 0],
      [0, 3 * p[1] * p[1] - 1],
    ]),
  };
}
