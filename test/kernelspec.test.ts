import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { installKernelSpec, jupyterDataDir } from "../tools/kernelspec";

describe("npm run kernel", () => {
  it("finds the Jupyter data directory as jupyter_core does", () => {
    assert.equal(jupyterDataDir({ JUPYTER_DATA_DIR: "/x/y" }, "linux"), "/x/y");
    assert.equal(jupyterDataDir({ XDG_DATA_HOME: "/data" }, "linux"), "/data/jupyter");
    assert.equal(jupyterDataDir({}, "linux"), join(homedir(), ".local", "share", "jupyter"));
    assert.equal(jupyterDataDir({}, "darwin"), join(homedir(), "Library", "Jupyter"));
    assert.equal(jupyterDataDir({ APPDATA: "C:\\Users\\u\\AppData\\Roaming" }, "win32"), join("C:\\Users\\u\\AppData\\Roaming", "jupyter"));
  });

  it("writes kernels/landscape/kernel.json, shown as TypeScript (landscape), whose argv starts this repository's tslab", () => {
    const dir = mkdtempSync(join(tmpdir(), "landscape-jupyter-"));
    const path = installKernelSpec(dir);
    assert.equal(path, join(dir, "kernels", "landscape", "kernel.json"));
    const spec = JSON.parse(readFileSync(path, "utf8"));
    assert.equal(spec.display_name, "TypeScript (landscape)");
    assert.equal(spec.argv[0], process.execPath);
    assert.equal(spec.argv[1], "--require");
    assert.ok(existsSync(spec.argv[2]) && spec.argv[2].endsWith(join("tools", "kernel-preload.cjs")));
    assert.ok(existsSync(spec.argv[3]) && spec.argv[3].endsWith(join("tslab", "bin", "tslab")));
    assert.deepEqual(spec.argv.slice(4), ["kernel", "--config-path", "{connection_file}"]);
  });

  it("runs from npm with JUPYTER_DATA_DIR honoured", () => {
    const dir = mkdtempSync(join(tmpdir(), "landscape-jupyter-"));
    const run = spawnSync("npm", ["run", "--silent", "kernel"], { encoding: "utf8", env: { ...process.env, JUPYTER_DATA_DIR: dir } });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(join(dir, "kernels", "landscape", "kernel.json")));
    assert.match(run.stdout, /TypeScript \(landscape\)/);
  });
});
