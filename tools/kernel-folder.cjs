/**
 * The folder the project's kernel client (tools/kernel-client.ts) makes for each kernel:
 * <temp>/landscape-kernel-XXXXXX (mkdtemp), holding the connection file kernel.json (with the
 * signing key) and the channels' Unix sockets kernel-1 … kernel-5. One definition for the three
 * places that make or remove it: the client, the kernel's orphan check (tools/kernel-preload.cjs)
 * and the test runner (tools/run-tests.mjs), which remove it when its owner could not.
 * CommonJS, so that the preload's worker and the runner (an ES module) can both require it.
 */
"use strict";
const { readdirSync, realpathSync, rmdirSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { basename, dirname, join, resolve } = require("node:path");

const PREFIX = "landscape-kernel-";

/** The prefix given to mkdtemp, in the temp folder. */
const kernelFolderPrefix = () => join(resolve(tmpdir()), PREFIX);

/**
 * Whether `folder` is one the client made: named by mkdtemp with the prefix, directly in the temp
 * folder `temp` (the client's os.tmpdir(): the test runner gives each test file its own).
 */
function isKernelFolder(folder, temp = tmpdir()) {
  try {
    return new RegExp(`^${PREFIX}[A-Za-z0-9]{6}$`).test(basename(folder)) && realpathSync(dirname(folder)) === realpathSync(temp);
  } catch {
    return false;
  }
}

/** Removes such a folder (made in `temp`): its connection file and sockets, then the folder (never anything else in it). */
function removeKernelFolder(folder, temp = tmpdir()) {
  if (!isKernelFolder(folder, temp)) return;
  try {
    for (const f of readdirSync(folder)) if (f === "kernel.json" || /^kernel[-:][1-5]$/.test(f)) rmSync(join(folder, f), { force: true });
    rmdirSync(folder);
  } catch {
    // gone already, or something else in it: left as it is
  }
}

module.exports = { kernelFolderPrefix, isKernelFolder, removeKernelFolder };
