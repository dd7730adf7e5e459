// Runs every test/**/*.test.ts and *.test.mts (generated from notebooks) with node's test runner (TypeScript through tsx).
// Node 20's --test takes no glob, so the files are listed here.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
    return /\.test\.m?ts$/.test(entry.name) ? [path] : [];
  });
}

const files = process.argv.length > 2 ? process.argv.slice(2) : testFiles("test").sort();
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
