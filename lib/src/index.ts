/**
 * landscape: optimizers, objectives, certificates, sweeps and figures for the notebooks
 * reproducing "Overparametrization for Landscape Design in Non-convex Optimization"
 * (J. D. Lee, 2018). Tables (danfojs) live in the separate entry point "landscape/frame".
 * @module
 */
export { Matrix, SingularValueDecomposition, solve } from "ml-matrix";
export * as ad from "./autodiff";
export * as certify from "./certify";
export * as experiment from "./experiment";
export * as linalg from "./linalg";
export * as margin from "./margin";
export * as objectives from "./objectives";
export * as optimizers from "./optimizers";
export * as plot from "./plot";
export { classifyCriticalPoint, classifyOnSphere, finiteDifferenceGradient, finiteDifferenceHessian, kktCheck, newtonCriticalPoint } from "./certify";
export { componentDistance, exhaustiveMaxCut, goemansWilliamson, maxCutCertificate, maxCutSDP, permutationDistance, procrustesDistance, projectorDistance, secondOrderReport, signDistance } from "./certify";
export { exponentialFit, linearFit, powerFit, seedRange, sweep } from "./experiment";
export { dot, norm2, normP, symmetricEigen } from "./linalg";
export { directionGap, maxMarginL1, maxMarginL2, maxMarginLinf, normalizedMargin, svm, type MaxMargin } from "./margin";
export type { Objective } from "./objectives";
export {
  admm,
  coordinateDescent,
  entropicMirrorMap,
  gd,
  gradientDescent,
  jinParameters,
  logSpaced,
  logBarrierMirrorMap,
  mirrorDescent,
  perturbedGradientDescent,
  productOfSpheres,
  riemannianGradientDescent,
  sphere,
  steepestDescent,
  stochasticGradientDescent,
} from "./optimizers";
export type { DescentOptions, Trace } from "./optimizers";
export { goldsteinStationarity, minNormPoint } from "./certify";
export { powerSchedule, stochasticSubgradient } from "./optimizers";
export { contourFigure, heatmapFigure, histogramFigure, lineFigure, linspace, logspace, scatterFigure, show, smallMultiples, type Figure } from "./plot";
export { rng, Rng } from "./random";
export { result, RESULT_MIME, type Result } from "./report";
export { display } from "./display";
export { formatValue, table, tableHtml, tableText, type TableOptions } from "./table";
