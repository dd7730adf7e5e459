export { dataset, margins, type Dataset } from "./data";
export { highsSolver, solveLp, type HighsSolution } from "./lp";
export { maxMarginL1, maxMarginL2, maxMarginLinf, type MaxMargin, type MaxMarginOptions } from "./maxMargin";
export { directionGap, normalizedMargin } from "./normalizedMargin";
export { svm, type LinearSvm } from "./svm";
export { networkMargin, reluFeatureSup, reluMaxMargin, reluRegularizedLowerBound, type ReluMaxMargin } from "./reluMargin";
