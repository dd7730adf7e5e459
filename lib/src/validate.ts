/**
 * Input checks shared by every public function. Each throws an Error that names the
 * argument and says what was expected, so that a wrong call fails at the call site and
 * never as a NaN many iterations later.
 * @module
 */

/** Formats a value for an error message without dumping a whole array. */
function describe(value: unknown): string {
  if (value instanceof Float64Array || Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  return typeof value;
}

/** Throws unless `value` is a finite number. */
export function assertFinite(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${name} must be a finite number, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a finite number > 0. */
export function assertPositive(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a finite number > 0, got ${describe(value)}`);
  }
}

/** Throws unless `value` is an integer ≥ `min` (default 0). */
export function assertInteger(name: string, value: unknown, min = 0): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got ${describe(value)}`);
  }
}

/**
 * Throws unless `x` is a Float64Array of length `dim` (when given) whose entries are
 * all finite. Returns `x` for chaining.
 */
export function assertVector(name: string, x: unknown, dim?: number): Float64Array {
  if (!(x instanceof Float64Array)) {
    throw new Error(`${name} must be a Float64Array${dim === undefined ? "" : ` of length ${dim}`}, got ${describe(x)}`);
  }
  if (dim !== undefined && x.length !== dim) {
    throw new Error(`${name} must have length ${dim}, got length ${x.length}`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`${name}[${i}] must be finite, got ${x[i]}`);
  }
  return x;
}

/** Throws unless `rows` is a non-empty rectangular array of finite numbers; returns its shape. */
export function assertRows(name: string, rows: unknown): { rows: number; columns: number } {
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${name} must be a non-empty array of rows`);
  const columns = (rows[0] as ArrayLike<number>)?.length;
  if (typeof columns !== "number" || columns === 0) throw new Error(`${name}[0] must be a non-empty row`);
  rows.forEach((row: ArrayLike<number>, i) => {
    if (row?.length !== columns) throw new Error(`${name}[${i}] must have length ${columns}, got ${row?.length}`);
    for (let j = 0; j < columns; j++) {
      if (!Number.isFinite(row[j])) throw new Error(`${name}[${i}][${j}] must be finite, got ${row[j]}`);
    }
  });
  return { rows: rows.length, columns };
}
