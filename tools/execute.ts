/**
 * Executes a notebook on a fresh kernel, cell by cell, collecting nbformat outputs.
 * A cell that raises (unless tagged `raises-exception`), a cell past its timeout, or a kernel
 * that dies stops the notebook; the outputs so far are kept and the failure is named.
 */
import { dirname, resolve } from "node:path";
import { KernelClient, KernelDied, type CellTiming, type Message } from "./kernel-client";
import { landscapeKernelSpec, type KernelSpec } from "./kernelspec";
import { sourceText, tagsOf, type CodeCell, type Notebook, type Output } from "./notebook";
import { watchLateErrors, type LateError } from "./late-errors";
import { appendStream, finishStreams } from "./output-limits";

export interface CellFailure {
  /** 1-based position of the cell in the notebook. */
  cell: number;
  kind: "error" | "timeout" | "kernel-died" | "late-error";
  message: string;
}

export interface ExecutionResult {
  notebook: Notebook;
  failure?: CellFailure;
  seconds: number;
}

/** Seconds a cell may take at the default sizes, unless the notebook's or the cell's `landscape.timeout` metadata says otherwise. */
export const CELL_TIMEOUT_SECONDS = 120;
/**
 * Seconds a cell may take when LANDSCAPE_PAPER_SIZES=1 is set for the kernel: a ceiling, not
 * an estimate. The papers' sizes run cells far past the default 120 s (04b's width sweep:
 * 225 s, measured; 03b's sweeps: estimated at tens of minutes, never run), so the default-size
 * timeouts, meant to catch a cell that hangs, do not apply there; a stuck cell still ends here.
 */
export const PAPER_SIZES_CELL_TIMEOUT_SECONDS = 6 * 3600;

/**
 * The timeout of a cell in seconds: its own `landscape.timeout`, else the notebook's
 * (`metadata.landscape.timeout`), else `fallback` ({@link CELL_TIMEOUT_SECONDS}); at the
 * papers' sizes (`env.LANDSCAPE_PAPER_SIZES === "1"`) at least {@link PAPER_SIZES_CELL_TIMEOUT_SECONDS}.
 */
export function cellTimeout(cell: CodeCell, notebook: Notebook, env: NodeJS.ProcessEnv, fallback = CELL_TIMEOUT_SECONDS): number {
  const own = cell.metadata.landscape?.timeout ?? (notebook.metadata.landscape as { timeout?: number } | undefined)?.timeout ?? fallback;
  return env.LANDSCAPE_PAPER_SIZES === "1" ? Math.max(own, PAPER_SIZES_CELL_TIMEOUT_SECONDS) : own;
}

export interface ExecuteOptions {
  /** Seconds a cell may take unless its or the notebook's metadata says otherwise (default {@link CELL_TIMEOUT_SECONDS}; see {@link cellTimeout}). */
  timeout?: number;
  kernelSpec?: KernelSpec;
  env?: NodeJS.ProcessEnv;
  onCell?: (index: number, total: number, cell: CodeCell) => void;
  /** Milliseconds to wait after the last cell for errors of callbacks it left scheduled (default 1000). */
  settle?: number;
}

/** Appends an iopub message to a cell's outputs, as Jupyter frontends do. */
function applyMessage(outputs: Output[], m: Message, displays: Map<string, { data: Record<string, unknown>; metadata: Record<string, unknown> }[]>) {
  const c = m.content;
  switch (m.header.msg_type) {
    case "stream":
      appendStream(outputs, c.name, c.text);
      break;
    case "display_data": {
      const output = { output_type: "display_data" as const, data: c.data, metadata: c.metadata ?? {} };
      outputs.push(output);
      const id = c.transient?.display_id;
      if (id) displays.set(id, [...(displays.get(id) ?? []), output]);
      break;
    }
    case "update_display_data":
      for (const output of displays.get(c.transient?.display_id) ?? []) {
        output.data = c.data;
        output.metadata = c.metadata ?? {};
      }
      break;
    case "execute_result":
      outputs.push({ output_type: "execute_result", execution_count: c.execution_count, data: c.data, metadata: c.metadata ?? {} });
      break;
    case "error":
      outputs.push({ output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback ?? [] });
      break;
    case "clear_output":
      outputs.length = 0;
      break;
  }
}

/**
 * tslab answers a failing cell with execute_reply status "error" and the message on stderr
 * only (no error output, no ename/evalue). Make it an nbformat error output, taking the
 * trailing stderr text of the cell as the traceback.
 */
function errorOutputFromReply(outputs: Output[], reply: Message): string {
  if (outputs.some((o) => o.output_type === "error")) return (outputs.find((o) => o.output_type === "error") as { evalue: string }).evalue;
  let text = reply.content.evalue ?? "";
  const last = outputs[outputs.length - 1];
  if (last?.output_type === "stream" && last.name === "stderr") {
    text = sourceText(last.text);
    outputs.pop();
  }
  if (!text.trim()) text = `the kernel answered status "${reply.content.status}" without a message`;
  const lines: string[] = text.trimEnd().split("\n");
  // The thrown error's own line ("AssertionError [ERR_ASSERTION]: …"), else the first line (a type error).
  const thrown = lines.map((l) => /^(\w*(?:Error|Exception))(?: \[\w+\])?: (.*)$/.exec(l)).find((m) => m);
  const ename = reply.content.ename ?? thrown?.[1] ?? "Error";
  const evalue = reply.content.evalue ?? thrown?.[2] ?? lines[0] ?? "";
  outputs.push({ output_type: "error", ename, evalue, traceback: reply.content.traceback ?? lines });
  return `${ename}: ${evalue}`;
}

/** Runs every code cell of `notebook` (read from `path`, whose folder is the kernel's cwd) on a fresh kernel. */
export async function executeNotebook(path: string, notebook: Notebook, options: ExecuteOptions = {}): Promise<ExecutionResult> {
  const start = Date.now();
  const nb: Notebook = structuredClone(notebook);
  const codeCells = nb.cells.map((c, i) => [c, i] as const).filter(([c]) => c.cell_type === "code") as [CodeCell, number][];
  const displays = new Map<string, { data: Record<string, unknown>; metadata: Record<string, unknown> }[]>();
  let failure: CellFailure | undefined;
  let kernel: KernelClient | undefined;
  let late: ReturnType<typeof watchLateErrors> | undefined;
  /** The failure of the cell that scheduled the first late error (else of `current`), with an error output on that cell. */
  const lateFailure = (error: LateError, current: [CodeCell, number]): CellFailure => {
    const [cell, index] = codeCells.find(([c]) => error.executionCount !== undefined && c.execution_count === error.executionCount) ?? current;
    const message = `${error.kind} in a callback scheduled by this cell, after it returned: ${error.message}`;
    cell.outputs.push({ output_type: "error", ename: "LateError", evalue: message, traceback: [message] });
    return { cell: index + 1, kind: "late-error", message };
  };
  try {
    kernel = await KernelClient.start(options.kernelSpec ?? landscapeKernelSpec(), { cwd: dirname(resolve(path)), env: options.env });
    late = watchLateErrors(kernel);
    for (const [k, [cell, index]] of codeCells.entries()) {
      cell.outputs = [];
      cell.execution_count = null;
      options.onCell?.(k + 1, codeCells.length, cell);
      const timeout = cellTimeout(cell, nb, options.env ?? process.env, options.timeout);
      try {
        const raises = tagsOf(cell).includes("raises-exception");
        const timing: CellTiming = {};
        cell.metadata.execution = timing; // filled as the kernel's messages arrive: a cell cut short keeps what it got
        const reply = await kernel.execute(sourceText(cell.source), (m) => applyMessage(cell.outputs, m, displays), timeout * 1000, { stopOnError: !raises, timing });
        cell.execution_count = reply.content.execution_count ?? null;
        if (reply.content.status !== "ok") {
          const message = errorOutputFromReply(cell.outputs, reply);
          if (!raises) {
            failure = { cell: index + 1, kind: "error", message };
            break;
          }
          // tslab ignores stop_on_error: for 200 ms after an error it aborts every request
          // it receives (tslab issue 19). Wait that out before the next cell.
          await new Promise((r) => setTimeout(r, 300));
        }
      } catch (e) {
        const died = e instanceof KernelDied;
        const message = (e as Error).message;
        cell.outputs.push({ output_type: "error", ename: died ? "KernelDied" : "CellTimeoutError", evalue: message, traceback: [message] });
        failure = { cell: index + 1, kind: died ? "kernel-died" : "timeout", message };
        break;
      } finally {
        finishStreams(cell.outputs);
      }
      if (late.errors.length > 0) {
        failure = lateFailure(late.errors[0], [cell, index]);
        break;
      }
    }
    if (!failure && codeCells.length > 0) {
      // Callbacks the last cells left scheduled report within this settle period.
      await new Promise((r) => setTimeout(r, options.settle ?? 1000));
      if (late.errors.length > 0) failure = lateFailure(late.errors[0], codeCells[codeCells.length - 1]);
    }
  } catch (e) {
    failure = { cell: 0, kind: "kernel-died", message: `the kernel did not start: ${(e as Error).message}` };
  } finally {
    late?.stop();
    await kernel?.shutdown();
  }
  nb.metadata.language_info = { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" };
  return { notebook: nb, failure, seconds: (Date.now() - start) / 1000 };
}
