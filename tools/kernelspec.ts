/**
 * The project's Jupyter kernelspec, "TypeScript (landscape)": this repository's own tslab,
 * started by this Node.js. `npm run kernel` writes it into the user's Jupyter data
 * directory without Python; the headless runner starts kernels from the same spec.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { KERNELSPEC } from "./notebook";

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal";
  metadata: Record<string, unknown>;
}

const repositoryRoot = resolve(__dirname, "..");

/**
 * The kernelspec: `node --require …/tools/kernel-preload.cjs …/node_modules/tslab/bin/tslab
 * kernel --config-path {connection_file}`. The preload repairs tslab's lost output, names
 * late errors and ends orphaned kernels (see tools/kernel-preload.cjs).
 */
export function landscapeKernelSpec(): KernelSpec {
  return {
    argv: [process.execPath, "--require", join(repositoryRoot, "tools", "kernel-preload.cjs"), join(repositoryRoot, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: KERNELSPEC.display_name,
    language: KERNELSPEC.language,
    interrupt_mode: "signal",
    metadata: { landscape: { repository: repositoryRoot } },
  };
}

/**
 * The user's Jupyter data directory, as jupyter_core computes it: $JUPYTER_DATA_DIR, else
 * ~/Library/Jupyter on macOS, %APPDATA%\jupyter on Windows, and $XDG_DATA_HOME/jupyter
 * (default ~/.local/share/jupyter) elsewhere.
 */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
  if (platform === "darwin") return join(homedir(), "Library", "Jupyter");
  if (platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "jupyter");
  return join(env.XDG_DATA_HOME || join(homedir(), ".local", "share"), "jupyter");
}

/** Writes kernels/landscape/kernel.json into the Jupyter data directory; returns its path. */
export function installKernelSpec(dataDir = jupyterDataDir()): string {
  const folder = join(dataDir, "kernels", KERNELSPEC.name);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, "kernel.json");
  writeFileSync(path, JSON.stringify(landscapeKernelSpec(), null, 2) + "\n");
  return path;
}

if (require.main === module) {
  const path = installKernelSpec();
  console.log(`Installed the Jupyter kernel "${KERNELSPEC.display_name}" (name: ${KERNELSPEC.name}) at ${path}`);
}
