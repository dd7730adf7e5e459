export { classifyCriticalPoint, newtonCriticalPoint, type CriticalKind, type CriticalPointClass } from "./criticalPoints";
export { finiteDifferenceGradient, finiteDifferenceHessian, relativeError } from "./finiteDifference";
export { kktCheck, type KktCheck } from "./kkt";
export { classifyOnSphere } from "./sphere";
export { goldsteinStationarity, minNormPoint, minNormPointQp, type GoldsteinOptions, type GoldsteinStationarity, type MinNormPoint } from "./goldstein";
