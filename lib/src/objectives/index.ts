export { output, type Objective } from "./objective";
export { octopus, type OctopusParameters } from "./octopus";
export { quadratic, type Quadratic } from "./quadratic";
export { rankOneApproximation, rayleighQuotient } from "./rankOne";
export { strictSaddle } from "./strictSaddle";
