import { readNotebook } from "./notebook";
import { visibleOutputs } from "./jupyter-compare";
import { isDeepStrictEqual } from "node:util";
const a = visibleOutputs(readNotebook(process.argv[2])), b = visibleOutputs(readNotebook(process.argv[3]));
let diffs = 0;
a.forEach((cell, i) => { if (!isDeepStrictEqual(cell, b[i])) { diffs++; console.log("cell", i, JSON.stringify(cell).slice(0, 600), "\n   vs", JSON.stringify(b[i]).slice(0, 600)); } });
console.log(`${a.length} code cells, ${diffs} differ`);
