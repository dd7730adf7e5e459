export { admm, type TwoBlockProblem } from "./admm";
export { coordinateDescent, type CoordinateDescentOptions } from "./coordinateDescent";
export { descend, historyRecorder, stepAt, type UpdateRule } from "./descend";
export { gd, gradientDescent } from "./gradientDescent";
export { entropicMirrorMap, logBarrierMirrorMap, mirrorDescent, type MirrorMap } from "./mirrorDescent";
export { jinParameters, perturbedGradientDescent, type PerturbationOptions } from "./perturbedGradientDescent";
export { riemannianGradientDescent, sphere, type Manifold } from "./riemannianGradientDescent";
export { stochasticGradientDescent } from "./stochasticGradientDescent";
export type { DescentOptions, History, RecordEvery, Status, StepSize, Trace } from "./trace";
