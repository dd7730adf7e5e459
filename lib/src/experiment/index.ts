export { exponentialFit, linearFit, powerFit, type LinearFit } from "./fit";
export { progress, PROGRESS_MIME, type Progress } from "./progress";
export { gridPoints, seedRange, sweep, type Grid, type Setting, type SweepRecord } from "./sweep";
