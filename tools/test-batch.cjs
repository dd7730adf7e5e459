// Runs several test files in one process, each file's tests in a suite named after the file:
// `node --require tsx/cjs --test-reporter=spec tools/test-batch.cjs FILE…` (tools/run-tests.mjs
// runs the library's test files so, for node and tsx start once). A file that fails to load
// fails its suite; the others still run.
"use strict";
const { describe } = require("node:test");
const { resolve } = require("node:path");

for (const file of process.argv.slice(2)) {
  describe(file, () => {
    require(resolve(file));
  });
}
