export { classifyCriticalPoint, newtonCriticalPoint, type CriticalKind, type CriticalPointClass } from "./criticalPoints";
export { finiteDifferenceGradient, finiteDifferenceHessian, relativeError } from "./finiteDifference";
export { kktCheck, nonnegativeLeastSquares, type KktCheck } from "./kkt";
export { classifyOnSphere } from "./sphere";
export { goldsteinStationarity, minNormPoint, minNormPointQp, type GoldsteinOptions, type GoldsteinStationarity, type MinNormPoint } from "./goldstein";
export { componentDistance, permutationDistance, procrustesDistance, projectorDistance, signDistance } from "./groundTruth";
export { cutValue, exhaustiveMaxCut, goemansWilliamson, maxCutCertificate, maxCutSDP, type MaxCutCertificate, type MaxCutSdp, type MaxCutSdpOptions, type Rounding } from "./maxCut";
export { secondOrderReport, type SecondOrderReport } from "./secondOrder";
