/**
 * Tables of experiment results as danfojs DataFrames: `import { toFrame } from "landscape/frame"`.
 * A separate entry point because danfojs-node takes about a second to load, which a
 * notebook without tables should not pay.
 * @module
 */
import * as dfd from "danfojs-node";

export { dfd };

type Scalar = number | string | boolean;

/**
 * One row per record, one column per key. Every value must be a number, string or
 * boolean (vectors belong in the records, not in the table); keys missing from some
 * record are an error, so that no column silently fills with NaN.
 */
export function toFrame(records: readonly Record<string, unknown>[]): dfd.DataFrame {
  if (!Array.isArray(records) || records.length === 0) throw new Error("records must be a non-empty array of objects");
  const columns = Object.keys(records[0]);
  records.forEach((r, i) => {
    const keys = Object.keys(r);
    if (keys.length !== columns.length || !columns.every((c) => c in r)) {
      throw new Error(`records[${i}] must have the keys ${columns.join(", ")}, got ${keys.join(", ")}`);
    }
    for (const c of columns) {
      const v = r[c];
      if (typeof v !== "number" && typeof v !== "string" && typeof v !== "boolean") {
        throw new Error(`records[${i}].${c} must be a number, string or boolean, got ${v === null ? "null" : typeof v}`);
      }
    }
  });
  // Rows as arrays in the columns' order: danfojs reads an object's values by position, so a
  // record with the same keys in another order would land in the wrong columns.
  return new dfd.DataFrame(records.map((r) => columns.map((c) => r[c] as Scalar)), { columns });
}

/** The mean of each of `columns` within each group of equal `by` values (danfojs groupby → mean). */
export function groupMeans(df: dfd.DataFrame, by: string[], columns: string[]): dfd.DataFrame {
  return df.groupby(by).col(columns).mean();
}

/**
 * The fraction of rows with `column` true within each group: the rate of an event, as the
 * mean of its 0/1 indicator. The result has the `by` columns and `${column}_rate`.
 */
export function rates(df: dfd.DataFrame, by: string[], column: string): dfd.DataFrame {
  const values = df[column].values as unknown[];
  values.forEach((v, i) => {
    if (typeof v !== "boolean") throw new Error(`column ${column} must be boolean, got ${typeof v} in row ${i}`);
  });
  const indicator = df.copy();
  indicator.addColumn(`${column}_rate`, values.map((v) => (v ? 1 : 0)), { inplace: true });
  const means = indicator.groupby(by).col([`${column}_rate`]).mean();
  means.rename({ [`${column}_rate_mean`]: `${column}_rate` }, { inplace: true });
  return means;
}

/** The q-quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7). */
function quantileOfSorted(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/**
 * The q-quantiles of `column` within each group of `by` (danfojs groupby → apply), as
 * columns `${column}_q${100q}` beside the `by` columns (named as in {@link groupMeans});
 * quantiles by linear interpolation (type 7, as numpy's default).
 */
export function quantiles(df: dfd.DataFrame, by: string[], column: string, qs: number[] = [0.1, 0.5, 0.9]): dfd.DataFrame {
  qs.forEach((q, i) => {
    if (!(q >= 0 && q <= 1)) throw new Error(`qs[${i}] must be in [0, 1], got ${q}`);
  });
  const result = df.groupby(by).apply((group: dfd.DataFrame) => {
    const sorted = (group[column].values as number[]).slice().sort((a, b) => a - b);
    return new dfd.DataFrame([Object.fromEntries(qs.map((q) => [`${column}_q${Math.round(100 * q)}`, quantileOfSorted(sorted, q)]))]);
  }) as dfd.DataFrame;
  // danfojs's apply names the group columns `${key}_Group`
  result.rename(Object.fromEntries(by.map((key) => [`${key}_Group`, key])), { inplace: true });
  return result;
}

/** The rows of a DataFrame as plain objects (for tests, plots and JSON). */
export function rows(df: dfd.DataFrame): Record<string, Scalar>[] {
  return dfd.toJSON(df, { format: "column" }) as Record<string, Scalar>[];
}

/** Writes a DataFrame as CSV to `path`. */
export function writeCsv(df: dfd.DataFrame, path: string): void {
  dfd.toCSV(df, { filePath: path });
}

/** Reads a CSV file written by {@link writeCsv} (or any CSV with a header row). */
export async function readCsv(path: string): Promise<dfd.DataFrame> {
  return (await dfd.readCSV(path)) as dfd.DataFrame;
}
