import { assertInteger } from "../validate";

/**
 * A `recordEvery` predicate for log-spaced records: k = 0 and the integers nearest to
 * 10^{j/perDecade}, j = 0, 1, 2, … (about `perDecade` records per decade of iterations).
 */
export function logSpaced(perDecade = 10): (k: number) => boolean {
  assertInteger("perDecade", perDecade, 1);
  return (k) => {
    if (k === 0) return true;
    const j = Math.round(Math.log10(k) * perDecade);
    return Math.round(10 ** (j / perDecade)) === k;
  };
}
