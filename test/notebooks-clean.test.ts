import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cleanlinessProblems, cleanNotebook, readNotebook, type Notebook } from "../tools/notebook";

const committed = [...readdirSync("notebooks").filter((f) => f.endsWith(".ipynb")).map((f) => join("notebooks", f)), join("test", "fixtures", "pipeline.ipynb")];

describe("committed notebooks", () => {
  for (const path of committed) {
    it(`${path} is nbformat 4.5, names the landscape kernel, and has no outputs, counts or stray metadata`, () => {
      assert.deepEqual(cleanlinessProblems(readNotebook(path)), []);
    });
  }

  it("the check finds outputs, execution counts, stray metadata and missing ids, and cleanNotebook removes them", () => {
    const dirty = {
      nbformat: 4, nbformat_minor: 4, metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" }, widgets: {} },
      cells: [{ cell_type: "code", source: "1", metadata: { collapsed: true }, outputs: [{ output_type: "stream", name: "stdout", text: "1" }], execution_count: 3 }],
    } as unknown as Notebook;
    const problems = cleanlinessProblems(dirty).join("; ");
    for (const p of ["nbformat 4.4", 'notebook metadata "widgets"', 'kernelspec "tslab"', "missing or invalid id", 'metadata "collapsed"', "has outputs", "execution count"]) {
      assert.ok(problems.includes(p), `reports ${p}: ${problems}`);
    }
    assert.deepEqual(cleanlinessProblems(cleanNotebook(dirty)), []);
  });
});
