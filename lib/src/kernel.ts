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
}

/** tslab's function that sends a display_data message (`{ data, metadata, transient }`) for the running cell. */
type WriteDisplayData = (message: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/**
 * Sends one display output carrying several MIME types (tslab's `display` sends one type
 * per output). A no-op outside a kernel. It goes through the same function of tslab that
 * `display.raw` calls. With `entry`, the output is a display entry with that id, which
 * later calls with `update: true` overwrite (update_display_data).
 */
export function displayBundle(data: Record<string, unknown>, entry?: { id: string; update: boolean }): void {
  const write = tslabJupyterModule()?.exports?.lastWriteDisplayData as WriteDisplayData | null | undefined;
  write?.({ data, metadata: {}, transient: entry ? { display_id: entry.id } : {} }, entry?.update ?? false);
}

/** tslab's `jupyter` module in the require cache (present only inside the kernel). */
function tslabJupyterModule(): NodeJS.Module | undefined {
  const jupyterPath = Object.keys(require.cache).find((p) => /tslab[\\/]dist[\\/]jupyter\.js$/.test(p));
  return jupyterPath === undefined ? undefined : require.cache[jupyterPath];
}

/** The tslab kernel this code runs in, or undefined outside one. */
export function tslabKernel(): Kernel | undefined {
  const jupyter = tslabJupyterModule();
  if (jupyter?.exports?.lastWriteDisplayData == null) return undefined;
  // Same folder, so the same module instance the kernel uses.
  return require(jupyter.filename.replace(/jupyter\.js$/, "public.js")) as Kernel;
}
