import { Matrix } from "ml-matrix";
import { assertNumbers, optionsObject } from "../validate";
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
 *
 * `center` = (a, b) translates it: f(x − a, y − b), with the saddle at (a, b) and the
 * minimizers at (a, b ± 1) — inside the positive orthant for a, b > 1, as mirror descent needs.
 */
export function strictSaddle(options?: { center?: [number, number] }): Objective {
  const { center = [0, 0] } = optionsObject("options", options);
  const [a, b] = assertNumbers("center", center, 2) as [number, number];
  return {
    dim: 2,
    value: (p) => {
      const x = p[0] - a, y = p[1] - b;
      return 0.5 * x * x + 0.25 * y ** 4 - 0.5 * y * y;
    },
    grad(p, out) {
      const g = output(out, 2);
      const y = p[1] - b;
      g[0] = p[0] - a;
      g[1] = y * y * y - y;
      return g;
    },
    hessian: (p) => new Matrix([
      [1, 0],
      [0, 3 * (p[1] - b) ** 2 - 1],
    ]),
  };
}
