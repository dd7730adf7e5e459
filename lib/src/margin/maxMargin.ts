import type { Matrix } from "ml-matrix";
import { normP } from "../vector";
import { assertFinite, optionsObject } from "../validate";
import { dataScale, dataset, margins, type Dataset } from "./data";
import { linear, solveLp, type HighsSolution } from "./lp";

/** The exact max-margin solution in a norm. */
export interface MaxMargin {
  /** The max-margin direction, of unit norm in its own norm. */
  direction: Float64Array;
  /** Its normalized margin minᵢ yᵢ(⟨xᵢ, w⟩ + b)/‖w‖ (the largest possible). */
  margin: number;
  /** The bias b (of the normalized direction), 0 for the homogeneous problem. */
  bias: number;
  /** The indices of the samples on the margin (the active constraints). */
  support: number[];
}

export interface MaxMarginOptions {
  /** Fit an affine classifier ⟨w, x⟩ + b (default false: homogeneous, the setting of the theorems). */
  bias?: boolean;
  /** Relative tolerance for a sample to count as on the margin (default 1e-6). */
  supportTolerance?: number;
}

type Norm = 1 | 2 | typeof Infinity;

/**
 * The minimum-norm separator min ‖w‖ subject to yᵢ(⟨xᵢ, w⟩ + b) ≥ 1 (an LP for ℓ1 and ℓ∞,
 * a QP for ℓ2, solved by HiGHS), returned as the unit direction w/‖w‖ with margin 1/‖w‖:
 * by duality this direction maximizes minᵢ yᵢ⟨xᵢ, w⟩ over ‖w‖ ≤ 1.
 * Data with entries beyond 2^±20 in magnitude are divided by a power of two first (exact; the
 * direction is the same and the margin scales back), because HiGHS treats coefficients near
 * 1e15 and beyond as infinite and drops those below 1e-9. With a bias, y must hold both labels:
 * with one class, b alone separates and no direction is defined.
 */
async function maxMargin(norm: Norm, X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options?: MaxMarginOptions): Promise<MaxMargin> {
  const { bias = false, supportTolerance = 1e-6 } = optionsObject("options", options);
  assertFinite("supportTolerance", supportTolerance);
  if (supportTolerance < 0) throw new Error(`supportTolerance must be ≥ 0, got ${supportTolerance}`);
  const data = dataset(X, y);
  if (typeof bias !== "boolean") throw new Error(`bias must be true or false, got ${String(bias)}`);
  const withBias = bias;
  if (withBias && (data.labels.every((l) => l === 1) || data.labels.every((l) => l === -1))) {
    throw new Error(`y must contain both labels −1 and +1 to fit a bias: with one class (all ${data.labels[0]}), b alone separates and no direction is defined`);
  }
  const scale = dataScale(data);
  const names = Array.from({ length: data.d }, (_, j) => `w${j}`);
  const lines: string[] = [];
  const bounds: string[] = [];
  const constraints = data.rows.map((x, i) => {
    const terms: [number, string][] = names.map((name, j) => [(data.labels[i] * x[j]) / scale, name]);
    if (withBias) terms.push([data.labels[i], "b"]);
    return ` m${i}: ${linear(terms)} >= 1`;
  });
  if (norm === 2) {
    lines.push("Minimize", ` obj: [ ${names.map((n) => `${n} ^ 2`).join(" + ")} ] / 2`, "Subject To", ...constraints);
  } else if (norm === 1) {
    // w = p − q with p, q ≥ 0: min Σ pⱼ + qⱼ.
    lines.push("Minimize", ` obj: ${names.map((_, j) => `p${j} + q${j}`).join(" + ")}`, "Subject To");
    data.rows.forEach((x, i) => {
      const terms: [number, string][] = [];
      x.forEach((v, j) => terms.push([(data.labels[i] * v) / scale, `p${j}`], [(-data.labels[i] * v) / scale, `q${j}`]));
      if (withBias) terms.push([data.labels[i], "b"]);
      lines.push(` m${i}: ${linear(terms)} >= 1`);
    });
  } else {
    // min t subject to −t ≤ wⱼ ≤ t.
    lines.push("Minimize", " obj: t", "Subject To", ...constraints);
    names.forEach((n, j) => lines.push(` up${j}: ${n} - t <= 0`, ` lo${j}: ${n} + t >= 0`));
  }
  if (norm !== 1) bounds.push(...names.map((n) => ` ${n} free`));
  if (withBias) bounds.push(" b free");
  const model = [...lines, "Bounds", ...bounds, "End"].join("\n");
  let solution: HighsSolution;
  try {
    solution = await solveLp(model, `max-margin (ℓ${norm === Infinity ? "∞" : norm})`);
  } catch (e) {
    if (/Infeasible/i.test(String((e as Error).message))) {
      throw new Error(`X and y are not linearly separable${withBias ? "" : " by a hyperplane through the origin"}: no w has yᵢ(⟨xᵢ, w⟩${withBias ? " + b" : ""}) > 0 for every i`);
    }
    throw e;
  }
  const col = (name: string) => solution.Columns[name]?.Primal ?? 0;
  const w = norm === 1 ? Float64Array.from(names, (_, j) => col(`p${j}`) - col(`q${j}`)) : Float64Array.from(names, (n) => col(n));
  // The solution for the rows xᵢ/s is (w, b); for the rows xᵢ it is (w/s, b): same direction, bias b·s per unit of ‖w/s‖.
  const b = withBias ? col("b") * scale : 0;
  return result(data, w, b, norm, supportTolerance);
}

function result(data: Dataset, w: Float64Array, b: number, norm: Norm, tolerance: number): MaxMargin {
  const size = normP(w, norm);
  const direction = w.map((v) => v / size);
  const m = margins(data, direction, b / size);
  const margin = Math.min(...m);
  const support = Array.from(m.keys()).filter((i) => m[i] <= margin * (1 + tolerance) + tolerance * 1e-3);
  return { direction, margin, bias: b / size, support };
}

/** The ℓ2 max-margin direction (hard-margin SVM): min ½‖w‖₂² s.t. yᵢ(⟨xᵢ, w⟩ + b) ≥ 1, a QP. */
export const maxMarginL2 = (X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options?: MaxMarginOptions) => maxMargin(2, X, y, options);
/** The ℓ1 max-margin direction: min ‖w‖₁ s.t. yᵢ(⟨xᵢ, w⟩ + b) ≥ 1, an LP (the limit of coordinate descent / AdaBoost). */
export const maxMarginL1 = (X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options?: MaxMarginOptions) => maxMargin(1, X, y, options);
/** The ℓ∞ max-margin direction: min ‖w‖_∞ s.t. yᵢ(⟨xᵢ, w⟩ + b) ≥ 1, an LP (the limit of sign gradient descent). */
export const maxMarginLinf = (X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options?: MaxMarginOptions) => maxMargin(Infinity, X, y, options);
