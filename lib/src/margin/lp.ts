/**
 * Exact LP and QP solves with HiGHS (npm `highs`, HiGHS compiled to WebAssembly), from
 * models written as CPLEX LP text.
 * @module
 */
type Highs = { solve(problem: string, options?: Record<string, unknown>): HighsSolution };
export interface HighsSolution {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, { Primal: number; Dual?: number }>;
  Rows: { Primal: number; Dual?: number; Name?: string }[];
}

/**
 * A fresh HiGHS instance (the WebAssembly module read from the npm package, about 50 ms).
 * Each solve gets its own: with highs 1.15.3, a module that has solved a few different QPs
 * fails the next one with "memory access out of bounds" (LPs are not affected), while the same
 * QPs solve correctly one module each.
 */
export function highsSolver(): Promise<Highs> {
  const loader = require("highs") as { default?: () => Promise<Highs> } & (() => Promise<Highs>);
  return (loader.default ?? loader)();
}

/**
 * A number as LP text: JavaScript's shortest decimal that reads back as exactly v (exponent
 * allowed). Not toPrecision(17) with its trailing zeros stripped: a 17-digit integer such as
 * 1e16 has no decimal point, and the stripping turned it into "1".
 */
export const num = (v: number) => {
  if (!Number.isFinite(v)) throw new Error(`an LP coefficient must be finite, got ${v}`);
  return String(v);
};

/** A linear expression Σ cⱼ·nameⱼ as LP text (terms with coefficient 0 dropped). */
export function linear(terms: [number, string][]): string {
  const parts = terms.filter(([c]) => c !== 0).map(([c, name], k) => `${c < 0 ? "-" : k === 0 ? "" : "+"} ${num(Math.abs(c))} ${name}`);
  return parts.length ? parts.join(" ") : `0 ${terms[0]?.[1] ?? "x0"}`;
}

/** Solves an LP/QP given as CPLEX LP text; throws unless HiGHS reports an optimal solution. */
export async function solveLp(model: string, what: string): Promise<HighsSolution> {
  const solver = await highsSolver();
  const solution = solver.solve(model, { primal_feasibility_tolerance: 1e-10, dual_feasibility_tolerance: 1e-10 });
  if (solution.Status !== "Optimal") throw new Error(`${what}: HiGHS reports "${solution.Status}" for the model`);
  return solution;
}
