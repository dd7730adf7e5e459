export { classifyCriticalPoint, newtonCriticalPoint, type CriticalKind, type CriticalPointClass } from "./criticalPoints";
export { finiteDifferenceGradient, finiteDifferenceHessian, relativeError } from "./finiteDifference";
export { kktCheck, nonnegativeLeastSquares, type KktCheck } from "./kkt";
export { classifyOnSphere } from "./sphere";
