import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { executeNotebook } from "../tools/execute";
import { installKernelSpec } from "../tools/kernelspec";
import { readNotebook, sourceText, type Notebook, type Output } from "../tools/notebook";
import { notebooksIn } from "../tools/reproduce";

const PYTHON = "/usr/bin/python3";
const hasNbconvert = () => spawnSync(PYTHON, ["-c", "import nbconvert, nbclient"], { stdio: "ignore" }).status === 0;

/** What a reader sees of the outputs, with elapsed times (which differ run to run) masked. */
function visibleOutputs(nb: Notebook) {
  // Elapsed times and figures' plot-area ids (random, unique per page) differ from run to run.
  const mask = (s: string) => s.replace(/\d+(\.\d+)? s\b/g, "<t> s").replace(/landscape-figure-[0-9a-f]{16}/g, "<figure id>");
  const text = (o: Output) => {
    if (o.output_type === "stream") return [o.output_type, o.name, mask(sourceText(o.text))];
    if (o.output_type === "error") return [o.output_type, o.ename];
    return [o.output_type, Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, typeof v === "object" && !Array.isArray(v) ? v : mask(sourceText(v as string))]))];
  };
  // Cells tagged `nbval-ignore-output` (nbval's convention) measure times: their outputs differ run to run.
  const compared = (c: Notebook["cells"][number]) => c.cell_type === "code" && !(c.metadata.tags ?? []).includes("nbval-ignore-output");
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (compared(c) && c.cell_type === "code" ? c.outputs.map(text) : []));
}

describe("stock Jupyter runs the same notebooks", () => {
  for (const notebook of notebooksIn("notebooks")) {
    it(`jupyter nbconvert --execute with the registered kernelspec gives the same outputs as npm run reproduce: ${notebook}`, async (t) => {
      if (!hasNbconvert()) return t.skip("Jupyter's nbconvert is not installed: apt-get install jupyter-nbconvert python3-nbclient");
      const dataDir = mkdtempSync(join(tmpdir(), "landscape-jupyter-"));
      installKernelSpec(dataDir);
      const outDir = mkdtempSync(join(tmpdir(), "landscape-nbconvert-"));
      const run = spawnSync(PYTHON, ["-m", "nbconvert", "--to", "notebook", "--execute", notebook, "--output-dir", outDir, "--output", "executed", "--ExecutePreprocessor.timeout=120"], {
        encoding: "utf8",
        env: { ...process.env, JUPYTER_DATA_DIR: dataDir, JUPYTER_PATH: dataDir },
        timeout: 300_000,
      });
      assert.equal(run.status, 0, run.stderr);
      const theirs = readNotebook(join(outDir, "executed.ipynb"));
      assert.equal(theirs.metadata.kernelspec?.name, "landscape");
      const ours = await executeNotebook(notebook, readNotebook(notebook));
      assert.equal(ours.failure, undefined);
      assert.ok(visibleOutputs(ours.notebook).flat().length >= 4, "the notebook has outputs to compare");
      assert.deepEqual(visibleOutputs(theirs), visibleOutputs(ours.notebook));
    });
  }
});
