import type { Matrix } from "ml-matrix";
import { normP } from "../linalg";
import { dataset, margins, type Dataset } from "./data";
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
 */
async function maxMargin(norm: Norm, X: Matrix | ArrayLike<number>[], y: ArrayLike<number>, options: MaxMarginOptions = {}): Promise<MaxMargin> {
  const data = dataset(X, y);
  const withBias = options.bias ?? false;
  const names = Array.from({ length: data.d }, (_, j) => `w${j}`);
  const lines: string[] = [];
  const bounds: string[] = [];
  const constraints = data.rows.map((x, i) => {
    const terms: [number, string][] = names.map((name, j) => [data.labels[i] * x[j], name]);
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
      x.forEach((v, j) => terms.push([data.labels[i] * v, `p${j}`], [-data.labels[i] * v, `q${j}`]));
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
      throw new Error(`the data are not linearly separable${withBias ? "" : " by a hyperplane through the origin"}: no w has yᵢ(⟨xᵢ, w⟩${withBias ? " + b" : ""}) > 0 for every i`);
    }
    throw e;
  }
  const col = (name: string) => solution.Columns[name]?.Primal ?? 0;
  const w = norm === 1 ? Float64Array.from(names, (_, j) => col(`p${j}`) - col(`q${j}`)) : Float64Array.from(names, (n) => col(n));
  const b = withBias ? col("b") : 0;
  return result(data, w, b, norm, options.supportTolerance ?? 1e-6);
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
