export { classifyCriticalPoint, newtonCriticalPoint, type CriticalKind, type CriticalPointClass } from "./criticalPoints";
export { finiteDifferenceGradient, finiteDifferenceHessian, relativeError } from "./finiteDifference";
export { classifyOnSphere } from "./sphere";
