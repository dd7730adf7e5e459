import assert from "node:assert/strict";

/** Asserts that `f` throws an Error whose message is exactly `message` (shown beside the actual one when it differs). */
export function throwsExactly(f: () => unknown, message: string): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof Error, `not an Error: ${String(e)}`);
    assert.equal(e.message, message);
    return true;
  });
}
