export { diagonalNetwork, exponential, exponentialLoss, logistic, logisticLoss, marginLoss, type ClassificationLoss, type MarginLoss } from "./classification";
export { output, type Objective } from "./objective";
export { octopus, type Octopus, type OctopusParameters } from "./octopus";
export { quadratic, type Quadratic } from "./quadratic";
export { rankOneApproximation, rayleighQuotient } from "./rankOne";
export { strictSaddle } from "./strictSaddle";
export { reluNetworkLoss, robustPhaseRetrieval, type NonsmoothObjective, type ReluNetworkOptions } from "./nonsmooth";
