import type { Matrix } from "ml-matrix";
import { dot, norm2 } from "../vector";
import type { Objective } from "../objectives/objective";
import { assertObjective, assertVector, optionsObject } from "../validate";
import { descend } from "./descend";
import { orthogonalComplementBasis } from "./productOfSpheres";
import type { DescentOptions, Trace } from "./trace";

/** A manifold given by its tangent projection and a retraction. */
export interface Manifold {
  name: string;
  /** P_x(v): the projection of v onto the tangent space at x, written into `out`. */
  project(x: Float64Array, v: Float64Array, out: Float64Array): void;
  /** R_x(v): a point of the manifold near x + v, written into `out` (may alias x). */
  retract(x: Float64Array, v: Float64Array, out: Float64Array): void;
  /** Whether x lies on the manifold (to a tolerance). */
  contains(x: Float64Array): boolean;
  /**
   * For second-order checks (optional): an orthonormal basis B (d × k) of the tangent space at x,
   * and the shift s such that the Riemannian Hessian on it is Bᵀ(∇²f(x) − Diag(s))B. For unit
   * spheres and their products s is, block by block, the constraint's multiplier ⟨x_b, ∇_b f(x)⟩.
   */
  tangentBasis?(x: Float64Array): Matrix;
  hessianShift?(x: Float64Array, egrad: Float64Array): Float64Array;
}

/** The unit sphere S^{d−1}: P_x(v) = v − ⟨x, v⟩x, R_x(v) = (x + v)/‖x + v‖. */
export const sphere: Manifold = {
  name: "sphere",
  project(x, v, out) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i] * v[i];
    for (let i = 0; i < x.length; i++) out[i] = v[i] - s * x[i];
  },
  retract(x, v, out) {
    for (let i = 0; i < x.length; i++) out[i] = x[i] + v[i];
    const n = norm2(out);
    for (let i = 0; i < x.length; i++) out[i] /= n;
  },
  contains: (x) => Math.abs(norm2(x) - 1) < 1e-9,
  tangentBasis: (x) => orthogonalComplementBasis(x),
  hessianShift: (x, g) => new Float64Array(x.length).fill(dot(x, g)),
};

/**
 * Riemannian gradient descent: x_{k+1} = R_{x_k}(−η_k grad f(x_k)) with the Riemannian
 * gradient grad f(x) = P_x ∇f(x) (for a submanifold with the induced metric). Stationarity
 * (the tolerance and `gradNorm`) is measured by ‖grad f(x)‖₂.
 */
export function riemannianGradientDescent(objective: Objective, x0: Float64Array, options: DescentOptions & { manifold: Manifold }): Trace {
  options = optionsObject("options", options);
  assertObjective("objective", objective);
  const manifold = options.manifold;
  if (!manifold || typeof manifold.retract !== "function") throw new Error("manifold must be a Manifold (e.g. sphere)");
  assertVector("x0", x0);
  if (!manifold.contains(x0)) throw new Error(`x0 must lie on the ${manifold.name}`);
  const rg = new Float64Array(objective.dim);
  const riemannianNorm = (x: Float64Array, g: Float64Array) => {
    manifold.project(x, g, rg);
    return norm2(rg);
  };
  return descend(objective, x0, options, (x, g, eta) => {
    manifold.project(x, g, rg);
    for (let i = 0; i < x.length; i++) rg[i] *= -eta;
    manifold.retract(x, rg, x);
  }, riemannianNorm);
}
