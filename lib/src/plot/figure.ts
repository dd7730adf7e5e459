import type { Layout, Plot } from "nodeplotlib";

export type { Layout, Plot };

/** A figure as plain data: plotly traces (nodeplotlib's `Plot` type) and a layout. */
export interface Figure {
  data: Plot[];
  layout: Layout;
}

/** The numeric arrays of a trace that must hold finite numbers. */
const NUMERIC_KEYS = ["x", "y", "z"] as const;

function checkNumbers(where: string, values: unknown): number {
  if (values === undefined) return 0;
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) throw new Error(`${where} must be an array`);
  const list = values as ArrayLike<unknown>;
  let count = 0;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      count += checkNumbers(`${where}[${i}]`, v);
    } else {
      if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`${where}[${i}] is ${v}: a figure may not hold NaN or infinite values`);
      count++;
    }
  }
  return count;
}

/**
 * Checks a figure before it is drawn: at least one trace, every trace with points, no NaN
 * or infinite coordinates, and no non-positive values on a log axis. Throws an Error
 * naming the trace and the coordinate otherwise.
 */
export function validateFigure(figure: Figure): void {
  if (!figure || !Array.isArray(figure.data) || figure.data.length === 0) throw new Error("figure.data must be a non-empty array of traces");
  figure.data.forEach((trace, t) => {
    const name = `figure.data[${t}]${trace.name ? ` (${trace.name})` : ""}`;
    const counts = NUMERIC_KEYS.map((key) => checkNumbers(`${name}.${key}`, (trace as Record<string, unknown>)[key]));
    if (counts.every((c) => c === 0)) throw new Error(`${name} has no points`);
    for (const axis of ["x", "y"] as const) {
      const ref = ((trace as Record<string, unknown>)[`${axis}axis`] as string | undefined) ?? axis;
      const layoutKey = `${axis}axis${ref.slice(1)}` as keyof Layout;
      const axisLayout = figure.layout?.[layoutKey] as { type?: string } | undefined;
      if (axisLayout?.type === "log") {
        const values = (trace as Record<string, unknown>)[axis] as ArrayLike<number> | undefined;
        for (let i = 0; values && i < values.length; i++) {
          if (typeof values[i] === "number" && !(values[i] > 0)) {
            throw new Error(`${name}.${axis}[${i}] = ${values[i]} cannot be drawn on the log ${String(layoutKey)}`);
          }
        }
      }
    }
  });
}
