/**
 * The global-optimality certificate of quadratic-activation networks. With σ(z) = z² and output
 * weights aⱼ = +1, f(x) = Σⱼ (wⱼᵀx)² = xᵀMx with M = WᵀW = Σⱼ wⱼwⱼᵀ, and the network's loss is
 * L(W) = F(WᵀW) for the convex function of M
 *
 *   F(M) = (1/n) Σᵢ ℓ(yᵢ, xᵢᵀMxᵢ) + λ·tr M + ⟨C, M⟩
 *
 * (weight decay λ‖W‖²_F = λ·tr WᵀW; C the optional linear regularizer). Every W gives an M ⪰ 0,
 * and with width k ≥ d every M ⪰ 0 is some WᵀW, so min_W L = min_{M ⪰ 0} F: a W is a global
 * minimum of the network's loss when M = WᵀW satisfies the convex problem's optimality conditions
 *
 *   M ⪰ 0,  G = ∇F(M) = (1/n) Σᵢ ℓ′(yᵢ, fᵢ) xᵢxᵢᵀ + λI + C ⪰ 0,  ⟨G, M⟩ = 0
 *
 * (Du & Lee 2018; Haeffele & Vidal; Burer & Monteiro). For k < d the condition is still
 * sufficient (an M optimal over the whole cone is optimal over the rank-k part), but it can fail
 * at the network's best point when the convex optimum has rank > k.
 * @module
 */
import { Matrix } from "ml-matrix";
import { toMatrix, type Dense } from "../linalg/dense";
import { gemm } from "../linalg/gemm";
import { syrk } from "../linalg/blas";
import { symmetricEigenDense } from "../linalg/eigen";
import { logistic } from "../objectives/classification";
import type { TwoLayerNetwork } from "../objectives/networks";
import { assertInteger, assertPositive, assertVector, optionsObject } from "../validate";

/** What {@link quadraticNetworkCertificate} returns. */
export interface QuadraticNetworkCertificate {
  /** M = WᵀW (d × d). */
  M: Matrix;
  /** G = ∇F(M) (d × d). */
  G: Matrix;
  /** F(M), which is the network's loss at θ. */
  value: number;
  /** λ_min(G): ≥ 0 at a global minimum. */
  lambdaMin: number;
  /** ⟨G, M⟩ = Σⱼ wⱼᵀGwⱼ: 0 at a global minimum (and at every critical point, since ∇_{wⱼ} = 2Gwⱼ). */
  innerProduct: number;
  /**
   * An upper bound on F(M) − min_{M′ ⪰ 0} F: ⟨G, M⟩ + R·max(0, −λ_min(G)), with
   * R = min(F₀, F(M))/μ ≥ tr M* (F₀ = (1/n)Σᵢ ℓ(yᵢ, 0), μ = λ_min(λI + C), the loss ≥ 0);
   * undefined when μ ≤ 0 (no bound on tr M*). Valid but loose: R can be hundreds of times tr M*
   * (150–700 times with R = F₀/μ on notebook 03c's instances), so a small λ_min(G) < 0 gives a large bound.
   */
  gapBound: number | undefined;
  /** Whether λ_min(G) ≥ −tolerance and |⟨G, M⟩| ≤ tolerance. */
  certified: boolean;
}

/** What {@link quadraticNetworkConvexOptimum} returns. */
export interface QuadraticConvexOptimum {
  /** The computed minimizer M* ⪰ 0 of F over the PSD cone. */
  M: Matrix;
  /** F(M*). */
  value: number;
  /** M*'s eigenvalues, ascending. */
  eigenvalues: number[];
  /** The number of eigenvalues of M* above 1e-6·λ_max(M*). */
  rank: number;
  /** The optimality conditions at M*: λ_min(∇F(M*)), ⟨∇F(M*), M*⟩ and the gap bound, as in the certificate. */
  lambdaMin: number;
  innerProduct: number;
  gapBound: number | undefined;
  /** Projected-gradient iterations taken. */
  iterations: number;
  /** Whether the optimality conditions held to `tolerance` before `maxIterations`. */
  converged: boolean;
}

/** The convex function F of M and its gradient, from a quadratic network with aⱼ = +1. */
function convexProblem(network: TwoLayerNetwork) {
  if (network === null || typeof network !== "object" || typeof network.unpack !== "function" || !network.inputs) {
    throw new Error("network must be a TwoLayerNetwork (objectives.twoLayerNetwork)");
  }
  if (network.activation !== "quadratic") throw new Error(`network must have the quadratic activation, got ${String(network.activation)}`);
  const a = network.trainsOutputWeights ? undefined : network.unpack(new Float64Array(network.dim)).a;
  if (!a || a.some((v) => v !== 1)) throw new Error("network must have fixed output weights aⱼ = +1 (outputWeights: an array of 1s)");
  const X = network.inputs;
  const y = network.labels;
  const { rows: n, cols: d } = X;
  const lambda = network.weightDecay;
  const C = network.perturbation;
  const squared = network.loss === "squared";
  // ℓ(y, f) and ∂ℓ/∂f: ½(f − y)², or the logistic log(1 + e^{−yf}) of the margin yf
  const loss = (yi: number, f: number) => (squared ? 0.5 * (f - yi) ** 2 : logistic.value(yi * f));
  const slope = (yi: number, f: number) => (squared ? f - yi : yi * logistic.derivative(yi * f));
  const XM: Dense = { rows: n, cols: d, data: new Float64Array(n * d) };
  const S: Dense = { rows: n, cols: d, data: new Float64Array(n * d) };
  const f = new Float64Array(n);
  /** fᵢ = xᵢᵀMxᵢ into f. */
  const outputs = (M: Dense) => {
    gemm(X, M, XM);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += XM.data[i * d + l] * X.data[i * d + l];
      f[i] = s;
    }
  };
  const linear = (M: Dense) => {
    let s = 0;
    for (let l = 0; l < d; l++) s += lambda * M.data[l * d + l];
    if (C) for (let i = 0; i < d * d; i++) s += C.data[i] * M.data[i];
    return s;
  };
  const value = (M: Dense) => {
    outputs(M);
    let s = 0;
    for (let i = 0; i < n; i++) s += loss(y[i], f[i]);
    return s / n + linear(M);
  };
  /** G = ∇F(M) into G, and F(M) returned. */
  const gradient = (M: Dense, G: Dense) => {
    outputs(M);
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += loss(y[i], f[i]);
      const c = slope(y[i], f[i]) / n;
      for (let l = 0; l < d; l++) S.data[i * d + l] = c * X.data[i * d + l];
    }
    gemm(S, X, G, { transA: true });
    for (let l = 0; l < d; l++) G.data[l * d + l] += lambda;
    if (C) for (let i = 0; i < d * d; i++) G.data[i] += C.data[i];
    return s / n + linear(M);
  };
  // R = min(F₀, F(M))/μ bounds tr M* when μ = λ_min(λI + C) > 0: the loss term is ≥ 0, so
  // F(M′) ≥ ⟨λI + C, M′⟩ ≥ μ·tr M′, and F(M*) ≤ min(F(0), F(M)) = min(F₀, F(M)). Valid but loose:
  // on 03c's instances F₀/μ is 150–700 times tr M*.
  let F0 = 0;
  for (let i = 0; i < n; i++) F0 += loss(y[i], 0);
  F0 /= n;
  const mu = lambda + (C ? symmetricEigenDense(C, { vectors: false }).values[0] : 0);
  const traceBound = (valueAtM: number) => (mu > 0 ? Math.min(F0, valueAtM) / mu : undefined);
  /**
   * With μ ≤ 0, F is unbounded below along M = t·vvᵀ, t → ∞, whenever some v orthogonal to every
   * xᵢ (so that the loss does not change) has vᵀ(λI + C)v < 0: the smallest eigenvalue of λI + C
   * compressed to the orthogonal complement of span{xᵢ} (possible only when rank X < d). For the
   * squared loss these are all the directions of unboundedness; the logistic loss, bounded by a
   * linear function, can have others, which the solver reports as converged = false.
   */
  const unboundedBelow = () => {
    if (mu > 0) return false;
    const { values, vectors } = symmetricEigenDense(gemm(X, X, undefined, { transA: true }));
    const top = Math.max(values[d - 1], 0);
    const basis: number[] = [];
    for (let c = 0; c < d; c++) if (values[c] <= 1e-12 * Math.max(top, 1)) basis.push(c);
    if (basis.length === 0) return false;
    const A = (l: number, m: number) => (l === m ? lambda : 0) + (C ? C.data[l * d + m] : 0);
    const r = basis.length;
    const P: Dense = { rows: r, cols: r, data: new Float64Array(r * r) };
    for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) {
      let s = 0;
      for (let l = 0; l < d; l++) for (let m = 0; m < d; m++) s += vectors!.data[l * d + basis[a]] * A(l, m) * vectors!.data[m * d + basis[b]];
      P.data[a * r + b] = s;
    }
    return symmetricEigenDense(P, { vectors: false }).values[0] < -1e-12;
  };
  // the Lipschitz constant of ∇F: ℓ″ ≤ 1 (squared) or 1/4 (logistic) times λ_max of the operator
  // M ↦ (1/n) Σᵢ ⟨xᵢxᵢᵀ, M⟩ xᵢxᵢᵀ, which is λ_max of the kernel Kᵢⱼ = (xᵢᵀxⱼ)²/n.
  const lipschitz = () => {
    const K = gemm(X, X, undefined, { transB: true });
    for (let i = 0; i < K.data.length; i++) K.data[i] = (K.data[i] * K.data[i]) / n;
    const top = symmetricEigenDense(K, { vectors: false }).values[n - 1];
    return (squared ? 1 : 0.25) * top;
  };
  return { d, value, gradient, traceBound, unboundedBelow, lipschitz };
}

/** λ_min(G), ⟨G, M⟩ and the gap bound at M with gradient G. */
function conditions(G: Dense, M: Dense, traceBound: number | undefined) {
  const lambdaMin = symmetricEigenDense(G, { vectors: false }).values[0];
  let innerProduct = 0;
  for (let i = 0; i < G.data.length; i++) innerProduct += G.data[i] * M.data[i];
  const gapBound = traceBound === undefined ? undefined : Math.max(0, innerProduct + traceBound * Math.max(0, -lambdaMin));
  return { lambdaMin, innerProduct, gapBound };
}

/**
 * The certificate at a trained quadratic network (σ(z) = z², fixed aⱼ = +1): M = WᵀW, G = ∇F(M),
 * λ_min(G), ⟨G, M⟩ and a bound on the gap to the convex optimum (see the module's doc).
 * `certified` when λ_min(G) ≥ −tolerance and |⟨G, M⟩| ≤ tolerance (absolute; default 1e-6).
 */
export function quadraticNetworkCertificate(network: TwoLayerNetwork, theta: Float64Array, options?: { tolerance?: number }): QuadraticNetworkCertificate {
  const problem = convexProblem(network);
  assertVector("theta", theta, network.dim);
  const { tolerance = 1e-6 } = optionsObject("options", options);
  assertPositive("options.tolerance", tolerance);
  const { d } = problem;
  const { W } = network.unpack(theta);
  const overflow = () => new Error("theta: M = WᵀW, F(M) or ∇F(M) overflows the float64 range at theta");
  const G: Dense = { rows: d, cols: d, data: new Float64Array(d * d) };
  let M: Dense, value: number;
  try {
    M = syrk(W); // WᵀW
    value = problem.gradient(M, G);
  } catch {
    throw overflow(); // the data are finite: only an overflow throws
  }
  if (!Number.isFinite(value)) throw overflow();
  const { lambdaMin, innerProduct, gapBound } = conditions(G, M, problem.traceBound(value));
  if (!Number.isFinite(innerProduct) || (gapBound !== undefined && !Number.isFinite(gapBound))) throw overflow();
  return { M: toMatrix(M), G: toMatrix(G), value, lambdaMin, innerProduct, gapBound, certified: lambdaMin >= -tolerance && Math.abs(innerProduct) <= tolerance };
}

/**
 * min_{M ⪰ 0} F(M) for the convex problem of a quadratic network (σ(z) = z², aⱼ = +1), solved on
 * M directly — independently of any W — by accelerated projected gradient (FISTA with the
 * function-value restart of O'Donoghue & Candès): step 1/L with L = ℓ″_max·λ_max((xᵢᵀxⱼ)²/n), the
 * projection onto the PSD cone by an eigendecomposition with the negative eigenvalues set to 0.
 * It stops when λ_min(∇F) ≥ −tolerance and |⟨∇F, M⟩| ≤ tolerance (checked every 10 iterations;
 * default 1e-9) or after `maxIterations` (default 50,000). Throws an Error naming `weightDecay` and
 * `perturbation` when μ = λ_min(λI + C) ≤ 0 and F is unbounded below (a direction v ⟂ every xᵢ with
 * vᵀ(λI + C)v < 0, possible when n < d), instead of running every iteration to converged = false.
 */
export function quadraticNetworkConvexOptimum(network: TwoLayerNetwork, options?: { maxIterations?: number; tolerance?: number }): QuadraticConvexOptimum {
  const problem = convexProblem(network);
  const { maxIterations = 50_000, tolerance = 1e-9 } = optionsObject("options", options);
  assertInteger("options.maxIterations", maxIterations, 1);
  assertPositive("options.tolerance", tolerance);
  const { d, gradient, value } = problem;
  if (problem.unboundedBelow()) {
    throw new Error("network: F is unbounded below — λI + C (weightDecay λ, perturbation C) has a negative direction orthogonal to every input xᵢ; use a larger weightDecay or a smaller perturbation");
  }
  const L = problem.lipschitz();
  const step = L > 0 ? 1 / L : 1;
  const zeros = () => ({ rows: d, cols: d, data: new Float64Array(d * d) });
  let M = zeros();
  let previous = zeros();
  const Y = zeros();
  const G = zeros();
  const B = zeros();
  let t = 1;
  let fM = value(M);
  let iterations = 0;
  let converged = false;
  const check = (P: Dense) => conditions(G, P, problem.traceBound(gradient(P, G)));
  let last = check(M);
  /** Π_PSD(Y − step·∇F(Y)) into `out`. */
  const projectedStep = (out: Dense) => {
    gradient(Y, G);
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) {
      const v = 0.5 * (Y.data[i * d + j] + Y.data[j * d + i]) - (step * 0.5) * (G.data[i * d + j] + G.data[j * d + i]);
      B.data[i * d + j] = v;
      B.data[j * d + i] = v;
    }
    const { values, vectors } = symmetricEigenDense(B);
    const V = vectors!;
    for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) V.data[r * d + c] *= Math.sqrt(Math.max(values[c], 0));
    syrk(V, out, { trans: false }); // V·diag(λ₊)·Vᵀ
  };
  while (iterations < maxIterations) {
    iterations++;
    const next = previous; // reuse the buffer of M_{k−1}
    projectedStep(next);
    const fNext = value(next);
    previous = M;
    M = next;
    if (fNext > fM) {
      t = 1; // restart: the momentum overshot
      Y.data.set(M.data);
    } else {
      const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      const beta = (t - 1) / tNext;
      for (let i = 0; i < d * d; i++) Y.data[i] = M.data[i] + beta * (M.data[i] - previous.data[i]);
      t = tNext;
    }
    fM = fNext;
    if (iterations % 10 === 0 || iterations === maxIterations) {
      last = check(M);
      if (last.lambdaMin >= -tolerance && Math.abs(last.innerProduct) <= tolerance) {
        converged = true;
        break;
      }
    }
  }
  const { values } = symmetricEigenDense(M, { vectors: false });
  const top = values[d - 1];
  const rank = values.filter((v) => v > 1e-6 * top && v > 0).length;
  return { M: toMatrix(M), value: value(M), eigenvalues: Array.from(values), rank, ...last, iterations, converged };
}
