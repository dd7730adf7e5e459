// The LP text helpers of lib/src/margin/lp.ts, which test/mutation-margin.test.ts reaches only
// through HiGHS (and so not `num` on a 17-digit integer, a bug found on the way). The helpers
// `num` and `linear` are internal (imported from the sources): their text is read back here by
// an evaluator written for the test, so what is pinned is the number or the linear form the text
// means, not its spelling. Written for `npm run mutate`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linear, num } from "../lib/src/margin/lp";

/** Σ cⱼ·vars[nameⱼ] for LP text "c name ± c name …" (signs as separate tokens, as `linear` writes them). */
function evaluate(text: string, vars: Record<string, number>): number {
  const tokens = text.trim().split(/\s+/);
  let sum = 0, sign = 1, k = 0;
  while (k < tokens.length) {
    if (tokens[k] === "+" || tokens[k] === "-") {
      sign = tokens[k] === "-" ? -1 : 1;
      k++;
      continue;
    }
    const c = Number(tokens[k]);
    assert.ok(Number.isFinite(c), `a coefficient in ${JSON.stringify(text)}`);
    assert.ok(tokens[k + 1] in vars, `a variable after ${tokens[k]} in ${JSON.stringify(text)}`);
    sum += sign * c * vars[tokens[k + 1]];
    sign = 1;
    k += 2;
  }
  return sum;
}

describe("num and linear: LP text that reads back as the numbers and the form", () => {
  it("num(v) reads back as exactly v, 17-digit integers included (1e16 was written \"1\")", () => {
    for (const v of [1e16, 12345678901234560, 0.1, 1 / 3, 1e-7, 5e-324, 1e21, 2 ** 20 + 0.5, 100, -2.5]) {
      assert.equal(Number(num(v)), v, `num(${v}) = ${num(v)}`);
    }
    assert.throws(() => num(Infinity), /^Error: an LP coefficient must be finite, got Infinity$/);
    assert.throws(() => num(NaN), /^Error: an LP coefficient must be finite, got NaN$/);
  });

  it("linear(Σ cⱼ·nameⱼ) evaluates to Σ cⱼ·vⱼ; zero coefficients are dropped; all zero is \"0 name\"", () => {
    const vars = { a: 0.7, b: -1.3, c: 2.9, x0: 5 };
    const terms: [number, string][] = [[-2, "a"], [0, "b"], [3.25, "c"], [-1e-9, "b"]];
    const text = linear(terms);
    assert.ok(Math.abs(evaluate(text, vars) - (-2 * 0.7 + 3.25 * 2.9 - 1e-9 * -1.3)) < 1e-15);
    assert.ok(!/\bb\b.*\bb\b/.test(text), `the zero term is dropped: ${text}`);
    assert.ok(Math.abs(evaluate(linear([[1.5, "a"], [-0.5, "c"]]), vars) - (1.5 * 0.7 - 0.5 * 2.9)) < 1e-15);
    // A first term with a positive coefficient carries no sign (LP text would accept "+", but
    // the form must not change); a negative first term is "-".
    assert.equal(evaluate(linear([[0, "a"], [0, "b"]]), vars), 0);
    assert.ok(linear([[0, "a"], [0, "b"]]).split(/\s+/).includes("a"), "the all-zero form names its first variable");
    assert.equal(evaluate(linear([]), vars), 0);
  });
});
