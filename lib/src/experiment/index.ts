export { exponentialFit, linearFit, powerFit, type LinearFit } from "./fit";
export { progress, PROGRESS_MIME, type Progress } from "./progress";
export { gridPoints, parallelSweep, seedRange, sweep, type Grid, type ParallelSweepOptions, type RunModule, type Setting, type SweepRecord } from "./sweep";
