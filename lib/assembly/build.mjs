// Compiles the AssemblyScript kernels (kernels.ts) to lib/dist/linalg/kernels.wasm with the
// npm package `assemblyscript` (no toolchain outside npm); part of `npm run build`, so
// `npm ci` (prepare → build) produces the .wasm. Skipped when the .wasm is newer than its source.
// A second build, kernels-local.wasm, imports an unshared memory: the small products and the
// resident matrices of `matVec` live there, because V8 copies a typed array into or out of
// shared memory about 3.5 times slower than into an unshared one (measured: 400 float64 in
// 525 ns against 148 ns), which is most of a 20×20 product's cost.
//
// Flags (measured on a 2-core Zen machine, see DESIGN.md): -O3 with 128-bit SIMD, the stub
// runtime (the kernels never allocate), no assertions; the memory is imported and shared so
// that one instance per worker thread works on the same buffers.
import { mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "kernels.ts");
const outputs = { shared: join(here, "..", "dist", "linalg", "kernels.wasm"), local: join(here, "..", "dist", "linalg", "kernels-local.wasm") };
const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -Infinity;
  }
};
const newest = Math.max(mtime(source), mtime(fileURLToPath(import.meta.url)));
for (const [kind, output] of Object.entries(outputs)) {
  if (mtime(output) > newest) continue;
  mkdirSync(dirname(output), { recursive: true });
  // Loaded only when a .wasm is out of date: the compiler takes about a CPU-second to load, and
  // every `npm run build` (each `npm test`, each `npm run reproduce`) runs this file.
  const { default: asc } = await import("assemblyscript/asc");
  const { error, stderr } = await asc.main([
    source,
    "--outFile", output,
    "-O3",
    "--enable", "simd",
    "--enable", "threads",
    "--runtime", "stub",
    "--noAssert",
    "--importMemory",
    ...(kind === "shared" ? ["--sharedMemory"] : []),
    "--initialMemory", "1",
    "--maximumMemory", "65536",
    "--noExportMemory",
  ]);
  if (error) {
    console.error(stderr.toString());
    console.error(`kernels.ts (${kind} memory): ${error.message}`);
    process.exit(1);
  }
}
