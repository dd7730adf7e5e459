/**
 * The library fault probe of issue 10: runs every case of `cases.ts` against the built
 * library (run `npm run build` first), each with a time limit, and counts the outcomes per
 * category (correct, clear error, vague error, crash, silent NaN, silent wrong result, hang).
 *
 *   npx tsx test/faults/probe.ts [--timeout seconds] [--list]
 *
 * `--list` prints every case that does not reach its expected category. A case that does not
 * finish within the limit (default 20 s) is a hang (see `harness.ts`).
 * Exits 0 whatever the counts: `library.test.ts` is the test.
 */
import { CATEGORIES, cases, expected, type Category } from "./cases";
import { runCases } from "./harness";

async function main() {
  const args = process.argv.slice(2);
  const t = args.indexOf("--timeout");
  const categories = await runCases(1000 * (t >= 0 ? Number(args[t + 1]) : 20));
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  categories.forEach((c) => counts[c]++);
  const functions = new Set(cases.map((c) => c.fn.replace(/#.*/, ""))).size;
  console.log(`${cases.length} calls on ${functions} public functions (${cases.filter((c) => c.ok).length} valid but extreme inputs that must return a correct result, ${cases.filter((c) => !c.ok).length} bad inputs that must throw an Error naming the argument)`);
  console.log("| outcome | calls |\n|---|---:|");
  for (const c of CATEGORIES) console.log(`| ${c} | ${counts[c]} |`);
  const wrong = cases.map((c, i) => ({ c, got: categories[i] })).filter(({ c, got }) => got !== expected(c));
  console.log(`\n${wrong.length} calls do not reach their expected outcome`);
  if (args.includes("--list")) for (const { c, got } of wrong) console.log(`  ${got.padEnd(19)} ${c.fn}: ${c.call}`);
}

void main();
