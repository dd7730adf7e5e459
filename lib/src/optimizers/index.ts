export { descend, stepAt, type UpdateRule } from "./descend";
export { gd, gradientDescent } from "./gradientDescent";
export type { DescentOptions, History, RecordEvery, Status, StepSize, Trace } from "./trace";
