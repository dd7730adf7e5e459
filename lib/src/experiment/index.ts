export { gridPoints, seedRange, sweep, type Grid, type Setting, type SweepRecord } from "./sweep";
export { progress, type Progress } from "./progress";
