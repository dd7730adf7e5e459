/**
 * landscape: optimizers, objectives, certificates, sweeps and figures for the notebooks
 * reproducing "Overparametrization for Landscape Design in Non-convex Optimization"
 * (J. D. Lee, 2018). Tables (danfojs) live in the separate entry point "landscape/frame".
 * @module
 */
export { Matrix } from "ml-matrix";
export * as certify from "./certify";
export * as experiment from "./experiment";
export * as linalg from "./linalg";
export * as objectives from "./objectives";
export * as optimizers from "./optimizers";
export * as plot from "./plot";
export { classifyCriticalPoint, classifyOnSphere, finiteDifferenceGradient, finiteDifferenceHessian, newtonCriticalPoint } from "./certify";
export { exponentialFit, linearFit, powerFit, seedRange, sweep } from "./experiment";
export { dot, norm2, normP, symmetricEigen } from "./linalg";
export type { Objective } from "./objectives";
export {
  admm,
  coordinateDescent,
  entropicMirrorMap,
  gd,
  gradientDescent,
  jinParameters,
  logBarrierMirrorMap,
  mirrorDescent,
  perturbedGradientDescent,
  riemannianGradientDescent,
  sphere,
  stochasticGradientDescent,
} from "./optimizers";
export type { DescentOptions, Trace } from "./optimizers";
export { contourFigure, heatmapFigure, histogramFigure, lineFigure, linspace, logspace, scatterFigure, show, smallMultiples, type Figure } from "./plot";
export { rng, Rng } from "./random";
export { result, RESULT_MIME, type Result } from "./report";
export { display } from "./display";
