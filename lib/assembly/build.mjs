// Compiles the AssemblyScript kernels (kernels.ts) to lib/dist/linalg/kernels.wasm with the
// npm package `assemblyscript` (no toolchain outside npm); part of `npm run build`, so
// `npm ci` (prepare → build) produces the .wasm. Skipped when the .wasm is newer than its source.
//
// Flags (measured on a 2-core Zen machine, see DESIGN.md): -O3 with 128-bit SIMD, the stub
// runtime (the kernels never allocate), no assertions; the memory is imported and shared so
// that one instance per worker thread works on the same buffers.
import asc from "assemblyscript/asc";
import { mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "kernels.ts");
const output = join(here, "..", "dist", "linalg", "kernels.wasm");
const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -Infinity;
  }
};
if (mtime(output) > Math.max(mtime(source), mtime(fileURLToPath(import.meta.url)))) process.exit(0);
mkdirSync(dirname(output), { recursive: true });
const { error, stderr } = await asc.main([
  source,
  "--outFile", output,
  "-O3",
  "--enable", "simd",
  "--enable", "threads",
  "--runtime", "stub",
  "--noAssert",
  "--importMemory",
  "--sharedMemory",
  "--initialMemory", "1",
  "--maximumMemory", "65536",
  "--noExportMemory",
]);
if (error) {
  console.error(stderr.toString());
  console.error(`kernels.ts: ${error.message}`);
  process.exit(1);
}
