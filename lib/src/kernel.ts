/**
 * Detects the tslab kernel without loading tslab: when a notebook runs, tslab's own
 * `jupyter` module is already in the require cache and holds the function that sends
 * display data; anywhere else (scripts, tests) it is absent and this returns undefined.
 * @module
 */

/** The part of tslab's `Display` the library uses. */
export interface KernelDisplay {
  html(s: string): void;
  text(s: string): void;
}

/** tslab's display functions when running inside a tslab kernel that is executing a cell. */
export interface Kernel {
  display: KernelDisplay;
  /** A display entry that each call overwrites (update_display_data). */
  newDisplay(): KernelDisplay;
}

/** The tslab kernel this code runs in, or undefined outside one. */
export function tslabKernel(): Kernel | undefined {
  const jupyterPath = Object.keys(require.cache).find((p) => /tslab[\\/]dist[\\/]jupyter\.js$/.test(p));
  if (jupyterPath === undefined) return undefined;
  if (require.cache[jupyterPath]?.exports?.lastWriteDisplayData == null) return undefined;
  // Same folder, so the same module instance the kernel uses.
  return require(jupyterPath.replace(/jupyter\.js$/, "public.js")) as Kernel;
}
