// Runs the test files with node's test runner (TypeScript through tsx): the files named on the
// command line, else every test/**/*.test.ts. The tests extracted from the notebooks
// (test/notebooks/*.test.mts, `npm run extract-tests`) run only with --all (`npm run
// test:all`): `npm test` checks every notebook's test cells on the one kernel execution of
// test/reports.test.ts instead, so that each notebook's code runs once. --all also sets
// LANDSCAPE_TEST_ALL=1, under which test/reports.test.ts compares every notebook in stock Jupyter.
// Node 20's --test takes no glob, so the files are listed here.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const all = args.includes("--all");
const named = args.filter((a) => a !== "--all");

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" || (entry.name === "notebooks" && dir === "test" && !all) ? [] : testFiles(path);
    return /\.test\.m?ts$/.test(entry.name) ? [path] : [];
  });
}

const files = named.length > 0 ? named : testFiles("test").sort();
const env = all ? { ...process.env, LANDSCAPE_TEST_ALL: "1" } : process.env;
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], { stdio: "inherit", env });
process.exit(result.status ?? 1);
