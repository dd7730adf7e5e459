/**
 * Input checks shared by every public function. Each throws an Error that names the
 * argument and says what was expected, so that a wrong call fails at the call site and
 * never as a NaN many iterations later.
 * @module
 */
import { AbstractMatrix, Matrix } from "ml-matrix";

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

/**
 * The options object of a function whose options are all optional, or whose required ones are
 * checked by name afterwards: `undefined` becomes `{}`; anything but a plain object throws.
 */
export function optionsObject<T extends object>(name: string, options: T | undefined): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new Error(`${name} must be an object of options, got ${describe(options)}`);
  }
  return options;
}

/** Throws unless `value` is a function. */
export function assertFunction(name: string, value: unknown, what = "a function"): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function") throw new Error(`${name} must be ${what}, got ${describe(value)}`);
}

/** Throws unless `objective` has an integer `dim` ≥ 1 and functions `value` and `grad` (an {@link Objective}). */
export function assertObjective(name: string, objective: unknown): void {
  const o = objective as { dim?: unknown; value?: unknown; grad?: unknown } | null | undefined;
  if (o === null || typeof o !== "object" || typeof o.value !== "function" || typeof o.grad !== "function") {
    throw new Error(`${name} must be an Objective with dim, value(x) and grad(x), got ${describe(objective)}`);
  }
  assertInteger(`${name}.dim`, o.dim, 1);
}

/** Throws unless `x` is an array (or typed array) of finite numbers, of length `length` when given; returns it. */
export function assertNumbers(name: string, x: unknown, length?: number): ArrayLike<number> {
  if (!Array.isArray(x) && !(ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    throw new Error(`${name} must be an array of numbers, got ${describe(x)}`);
  }
  const a = x as ArrayLike<unknown>;
  if (length !== undefined && a.length !== length) throw new Error(`${name} must have length ${length}, got length ${a.length}`);
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] !== "number" || !Number.isFinite(a[i])) throw new Error(`${name}[${i}] must be a finite number, got ${describe(a[i])}`);
  }
  return a as ArrayLike<number>;
}

/**
 * Throws unless `m` is a non-empty square matrix (an ml-matrix Matrix or an array of rows) of
 * finite numbers, of size `size` when given, and, with `symmetric`, symmetric up to
 * |mᵢⱼ − mⱼᵢ| ≤ 1e-10·max|m| (rounding, not a real asymmetry). Returns it as a Matrix.
 */
export function assertMatrix(name: string, m: unknown, { size, symmetric = false }: { size?: number; symmetric?: boolean } = {}): Matrix {
  let M: Matrix;
  if (m instanceof AbstractMatrix) M = m as Matrix;
  else if (Array.isArray(m)) {
    m.forEach((row, i) => {
      if (!Array.isArray(row) && !ArrayBuffer.isView(row)) throw new Error(`${name}[${i}] must be a row (an array of numbers), got ${describe(row)}`);
      if ((row as ArrayLike<number>).length !== (m[0] as ArrayLike<number>).length) throw new Error(`${name}[${i}] must have length ${(m[0] as ArrayLike<number>).length}, got ${(row as ArrayLike<number>).length}`);
    });
    M = m.length === 0 ? new Matrix(0, 0) : new Matrix(m.map((row) => Array.from(row as ArrayLike<number>)));
  }
  else throw new Error(`${name} must be a Matrix or an array of rows, got ${describe(m)}`);
  if (M.rows === 0 || M.columns === 0) throw new Error(`${name} must be non-empty`);
  if (!M.isSquare() || (size !== undefined && M.rows !== size)) {
    throw new Error(`${name} must be ${size === undefined ? "square" : `${size}×${size}`}, got ${M.rows}×${M.columns}`);
  }
  let top = 0;
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.columns; j++) {
      const v = M.get(i, j);
      if (!Number.isFinite(v)) throw new Error(`${name}[${i}][${j}] must be a finite number, got ${v}`);
      top = Math.max(top, Math.abs(v));
    }
  }
  if (symmetric) {
    for (let i = 0; i < M.rows; i++) {
      for (let j = 0; j < i; j++) {
        if (Math.abs(M.get(i, j) - M.get(j, i)) > 1e-10 * top) {
          throw new Error(`${name} must be symmetric: ${name}[${i}][${j}] = ${M.get(i, j)} but ${name}[${j}][${i}] = ${M.get(j, i)}`);
        }
      }
    }
  }
  return M;
}
