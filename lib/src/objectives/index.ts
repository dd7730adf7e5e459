export { output, type Objective } from "./objective";
export { quadratic, type Quadratic } from "./quadratic";
export { strictSaddle } from "./strictSaddle";
