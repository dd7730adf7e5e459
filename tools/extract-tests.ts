/**
 * Turns notebooks into node:test files. For notebooks/NN-name.ipynb it writes
 * test/notebooks/NN-name.test.mts, which runs the notebook's code cells in order (display
 * calls do nothing there) and each cell tagged `test` as a named test,
 * "NN-name › cell 9: <the cell's first comment line>". Import declarations are hoisted
 * to the top of the file, as ES modules require. A test cell's code runs in its own
 * function scope, at its place in the notebook; its failure fails only its test.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { cellTitle, readNotebook, sourceText, tagsOf } from "./notebook";

/**
 * Splits a cell into its import declarations and the rest, using the TypeScript parser. A
 * relative module specifier ("./runs/trial", resolved from the notebook's folder, as tslab
 * does) is rewritten by `relocate` to name the same module from the test file's folder.
 */
function splitImports(source: string, relocate: (specifier: string) => string = (s) => s): { imports: string[]; body: string } {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: string[] = [];
  let body = "";
  let at = 0;
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) {
      body += source.slice(at, statement.getStart());
      const specifier = ts.isImportDeclaration(statement) ? statement.moduleSpecifier : undefined;
      let text = statement.getText();
      if (specifier && ts.isStringLiteral(specifier) && /^\.\.?\//.test(specifier.text)) {
        const from = specifier.getStart() - statement.getStart();
        text = text.slice(0, from) + JSON.stringify(relocate(specifier.text)) + text.slice(specifier.getEnd() - statement.getStart());
      }
      imports.push(text);
      at = statement.getEnd();
    }
  }
  return { imports, body: body + source.slice(at) };
}

/**
 * A notebook's relative import, as the test file at `outFile` must write it: the path from the
 * test's folder to the same file, with the `.js` extension that Node16 module resolution asks
 * of an ES module's relative import (tsx and tsc map it to the `.ts` file).
 */
export function relocatedSpecifier(specifier: string, notebookPath: string, outFile: string): string {
  const target = relative(dirname(resolve(outFile)), resolve(dirname(notebookPath), specifier)).split("\\").join("/");
  const withExtension = /\.[cm]?[jt]s$/.test(target) ? target.replace(/\.([cm]?)ts$/, ".$1js") : `${target}.js`;
  return withExtension.startsWith(".") ? withExtension : `./${withExtension}`;
}

/** The test file for one notebook, as text. `notebookPath` is relative to `outFile`'s folder when written. */
export function testFileFor(notebookPath: string, outFile: string): string {
  const nb = readNotebook(notebookPath);
  const name = basename(notebookPath, ".ipynb");
  const notebookDir = relative(dirname(outFile), dirname(resolve(notebookPath))) || ".";
  const imports = new Set<string>(['import { createRequire } from "node:module";', 'import { test } from "node:test";', 'import { fileURLToPath } from "node:url";']);
  const body: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const { imports: cellImports, body: code } = splitImports(sourceText(cell.source), (s) => relocatedSpecifier(s, notebookPath, outFile));
    cellImports.forEach((line) => imports.add(line));
    const label = `${name} › cell ${i + 1}: ${cellTitle(sourceText(cell.source))}`;
    if (tagsOf(cell).includes("test")) {
      const v = `__cell${i + 1}`;
      body.push(
        `// ── cell ${i + 1} (test) ──`,
        `const ${v} = await (async (): Promise<unknown> => {`,
        `  try {`,
        code.trimEnd().split("\n").map((l) => `    ${l}`).join("\n"),
        `  } catch (error) {`,
        `    return error ?? new Error("the cell threw " + String(error));`,
        `  }`,
        `  return undefined;`,
        `})();`,
        `test(${JSON.stringify(label)}, () => {`,
        `  if (${v} !== undefined) throw ${v};`,
        `});`,
        "",
      );
    } else {
      body.push(`// ── cell ${i + 1} ──`, `__cell = ${JSON.stringify(label)};`, code.trimEnd(), "");
    }
  });
  return [
    `// Generated from ${basename(notebookPath)} by tools/extract-tests.ts: do not edit (npm test regenerates it).`,
    ...imports,
    "",
    `// Cells run in tslab as CommonJS, where require exists; give the ES module the same.`,
    `const require = createRequire(import.meta.url);`,
    `process.env.LANDSCAPE_SHOW = "validate";`,
    `process.chdir(fileURLToPath(new URL(${JSON.stringify(notebookDir.split("\\").join("/") + "/")}, import.meta.url)));`,
    `let __cell = "";`,
    `process.on("exit", (code) => {`,
    `  if (code !== 0 && __cell) console.error(\`${name}: the notebook stopped in \${__cell}\`);`,
    `});`,
    "",
    ...body,
    `__cell = "";`,
    "",
  ].join("\n");
}

/** Writes one test file per notebook of `notebookDir` into `outDir` (emptied first); returns their paths. */
export function extractTests(notebookDir = "notebooks", outDir = join("test", "notebooks")): string[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  return readdirSync(notebookDir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => {
    const out = join(outDir, f.replace(/\.ipynb$/, ".test.mts"));
    writeFileSync(out, testFileFor(join(notebookDir, f), out));
    return out;
  });
}

if (require.main === module) {
  const [notebookDir, outDir] = process.argv.slice(2);
  const files = extractTests(notebookDir, outDir);
  console.log(`tests extracted from ${files.length} notebook(s) into ${outDir ?? "test/notebooks"}`);
}
