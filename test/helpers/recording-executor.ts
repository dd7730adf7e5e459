/**
 * An executor for `reproduce` (its `execute` option) that starts no kernel: each code cell gets
 * the output "ran: <its source>", an execution count and nbclient's timestamps. It records the
 * notebooks it was asked to run, by name, so that a test of the execution cache can say exactly
 * which ran (a kernel's start costs about 4 CPU-s; the cache's rule does not depend on it), and
 * the environment each one's kernel would have had.
 */
import { basename } from "node:path";
import type { executeNotebook } from "../../tools/execute";
import { sourceText } from "../../tools/notebook";

export function recordingExecutor(): { ran: string[]; environments: (NodeJS.ProcessEnv | undefined)[]; execute: typeof executeNotebook } {
  const ran: string[] = [];
  const environments: (NodeJS.ProcessEnv | undefined)[] = []; // each run's `env` option, the kernel's environment
  const execute: typeof executeNotebook = async (path, notebook, options) => {
    ran.push(basename(path, ".ipynb"));
    environments.push(options?.env);
    const executed = structuredClone(notebook);
    let count = 0;
    const at = new Date().toISOString();
    for (const cell of executed.cells) {
      if (cell.cell_type !== "code") continue;
      cell.execution_count = ++count;
      cell.outputs = [{ output_type: "stream", name: "stdout", text: `ran: ${sourceText(cell.source)}\n` }];
      cell.metadata.execution = { "iopub.status.busy": at, "iopub.status.idle": at };
    }
    return { notebook: executed, seconds: 0 };
  };
  return { ran, environments, execute };
}
