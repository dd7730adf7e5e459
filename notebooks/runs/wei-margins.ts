/**
 * The data, the network and the seeded runs of notebook 04a (Wei, Lee, Liu & Ma 2019): the
 * descent down a ladder of λ, one width × seed trial of the margin-against-width sweep, and one
 * of plain against noisy gradient descent. A module, not notebook cells, so that
 * `parallelSweep`'s worker threads can load the trials at the papers' sizes (closures cannot
 * cross threads); the notebook imports them from here at every size, so there is one
 * definition. Each result carries the gradient steps it took (× width), for the notebook's
 * FLOP count.
 * @module
 */
import { margin, objectives, optimizers, type Rng } from "landscape";

/** The labels: six points on a line, + + − − + +. */
export const y = [1, 1, -1, -1, 1, 1];
/** The number of samples. */
export const n = y.length;
/** The inputs with a bias coordinate: x̃ᵢ = (xᵢ, 1), xᵢ evenly spaced on [−1, 1]. */
export const X = Array.from({ length: n }, (_, i) => [-1 + (2 * i) / (n - 1), 1]);

/** The two-layer ReLU network f(x) = Σⱼ aⱼ relu(wⱼᵀx̃) of the given width, logistic loss plus λ‖θ‖². */
export const network = (width: number, lambda: number) => objectives.twoLayerNetwork(X, y, { width, activation: "relu", loss: "logistic", weightDecay: lambda });

/** ‖x‖². */
export const squaredNorm = (x: Float64Array) => x.reduce((s, v) => s + v * v, 0);

/** One stage of a ladder: λ, γ(θ_λ)/γ*, the certified relative gap (L − L_lb)/L, ‖θ‖², and θ_λ. */
export type LadderRow = { lambda: number; ratio: number; gap: number; normSquared: number; theta: Float64Array };

/**
 * Gradient descent warm-started down the ladder `lambdas` (`stepsEach` steps per stage, step
 * 2/(L_λ(θ)(1 + ‖θ‖²))) from θ, at the given width; each stage's margin against `gammaStar`.
 * Returns the stages and the steps taken × width.
 */
export function descendLadder(width: number, lambdas: number[], stepsEach: number, theta: Float64Array, gammaStar: number): { rows: LadderRow[]; steps: number } {
  let steps = 0;
  const rows = lambdas.map((lambda) => {
    const objective = network(width, lambda);
    const trace = optimizers.gradientDescent(objective, theta, { stepSize: (_, x, value) => 2 / (value * (1 + squaredNorm(x))), maxIterations: stepsEach, tolerance: 0 });
    theta = trace.x;
    steps += trace.iterations * width;
    const outputs = objective.predict(theta, X);
    const bound = margin.reluRegularizedLowerBound(X, y, outputs, lambda);
    return { lambda, ratio: margin.networkMargin(outputs, y, theta) / gammaStar, gap: (trace.value - bound) / trace.value, normSquared: squaredNorm(theta), theta };
  });
  return { rows, steps };
}

/** One trial of the margin against width: a width-m network from the seed's start, down λ = 1e-2 … 1e-6; its final γ/γ*. */
export function widthTrial(setting: { width: number; ladderSteps: number; gammaStar: number }, r: Rng): { ratio: number; steps: number } {
  const { width, ladderSteps, gammaStar } = setting;
  const { rows, steps } = descendLadder(width, [2, 3, 4, 5, 6].map((e) => 10 ** -e), ladderSteps, network(width, 1).init(r), gammaStar);
  return { ratio: rows[rows.length - 1].ratio, steps };
}

/**
 * One trial of plain against noisy gradient descent at width m (step η, λ, the re-drawing rate
 * σ): both from the seed's start, plain GD for 1.2 × `noisySteps` steps, noisy GD for
 * `noisySteps` then plain GD for `noisySteps`/5 to settle; the final L_λ of each, and the dual
 * lower bound on min L_λ at the settled point.
 */
export function noisyTrial(setting: { width: number; lambda: number; eta: number; sigma: number; noisySteps: number }, r: Rng) {
  const { width, lambda, eta, sigma, noisySteps } = setting;
  const objective = network(width, lambda);
  const theta0 = objective.init(r);
  // a unit j is (w_j, a_j): W's row j (entries 2j, 2j + 1) and a_j (entry 2m + j), re-drawn uniformly on the unit sphere of ℝ³
  // (the paper's U^d: a standard normal vector, normalized)
  const reinitialize = (x: Float64Array, j: number, g: Rng) => {
    const [u0, u1, u2] = [g.normal(), g.normal(), g.normal()];
    const norm = Math.hypot(u0, u1, u2);
    [x[2 * j], x[2 * j + 1], x[2 * width + j]] = [u0 / norm, u1 / norm, u2 / norm];
  };
  const total = noisySteps + noisySteps / 5;
  const plain = optimizers.gradientDescent(objective, theta0, { stepSize: eta, maxIterations: total, tolerance: 0 });
  const noisyTrace = optimizers.noisyGradientDescent(objective, theta0, { stepSize: eta, maxIterations: noisySteps, noise: sigma, units: width, reinitialize, rng: r });
  const settled = optimizers.gradientDescent(objective, noisyTrace.x, { stepSize: eta, maxIterations: noisySteps / 5, tolerance: 0 });
  return {
    plain: plain.value, noisy: settled.value, noisyBeforeSettling: noisyTrace.value, reinitialized: noisyTrace.reinitialized,
    bound: margin.reluRegularizedLowerBound(X, y, objective.predict(settled.x, X), lambda),
    steps: 2 * total * width,
  };
}
