// Property-based fault suite (issue 10): every public function of "landscape", called with random shapes and
// values (NaN, ±Infinity, empty and huge inputs, wrong types, missing options), returns finite numbers or throws
// an Error whose message names an argument. The generators are in registry.ts; an export without an entry
// fails the first test, so a function added to the library is covered as soon as its entry is.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import * as L from "landscape";
import { hasNonFinite, names } from "./cases";
import { exempt, registry } from "./registry";

/** Fixed seed: the same calls on every run (change it locally to explore; a failure prints its counterexample). */
const SEED = 20_181_010;
const RUNS = 30;

const isClass = (f: unknown) => typeof f === "function" && /^class\b/.test(Function.prototype.toString.call(f));

/** Instances whose methods are public API: `Class#method` (or `path#method` for a factory's result). */
const instances: Record<string, () => Record<string, unknown>> = {
  Rng: () => new L.Rng(1) as unknown as Record<string, unknown>,
  "objectives.octopus": () => L.objectives.octopus(2) as unknown as Record<string, unknown>,
};

/** Every public function: path → function. Top-level functions, functions one level inside top-level objects (namespaces), class methods. */
function publicFunctions(): Map<string, Function> {
  const found = new Map<string, Function>();
  for (const [name, value] of Object.entries(L)) {
    if (typeof value === "function") {
      found.set(name, value);
      if (isClass(value) && !(name in exempt)) {
        for (const m of Object.getOwnPropertyNames(value.prototype)) if (m !== "constructor") found.set(`${name}#${m}`, value.prototype[m]);
      }
    } else if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) if (typeof inner === "function") found.set(`${name}.${key}`, inner);
    }
  }
  return found;
}

/** The function a registry key calls: a path, or `owner#method` called on a fresh instance. */
function resolve(key: string): ((...args: unknown[]) => unknown) | undefined {
  const [owner, method] = key.split("#");
  if (method !== undefined) {
    const make = instances[owner];
    if (!make) return undefined;
    return (...args) => {
      const instance = make();
      return (instance[method] as (...a: unknown[]) => unknown).apply(instance, args);
    };
  }
  const value = owner.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], L);
  if (typeof value !== "function") return undefined;
  return isClass(value) ? (...args) => new (value as new (...a: unknown[]) => unknown)(...args) : (value as (...a: unknown[]) => unknown);
}

describe("property-based fault suite (issue 10)", () => {
  it("has an argument generator (test/faults/registry.ts) for every exported function", () => {
    const byFunction = new Map<Function, string[]>();
    for (const [path, f] of publicFunctions()) byFunction.set(f, [...(byFunction.get(f) ?? []), path]);
    const missing = [...byFunction.values()].filter((paths) => !paths.some((p) => p in registry || p in exempt)).map((paths) => paths.join(" = "));
    assert.deepEqual(missing, [], `exported functions without an entry in test/faults/registry.ts (add one line each): ${missing.join(", ")}`);
    const unknown = Object.keys(registry).filter((k) => !resolve(k));
    assert.deepEqual(unknown, [], "registry keys that name no exported function");
  });

  for (const [key, entry] of Object.entries(registry)) {
    it(`${key}: finite numbers or an Error naming one of ${entry.names.join(", ") || "(no parameters)"}`, { timeout: 60_000 }, async () => {
      const f = resolve(key);
      assert.ok(f, `${key} is not exported`);
      await fc.assert(
        fc.asyncProperty(entry.args, async (args) => {
          let result: unknown;
          try {
            result = await f(...args);
          } catch (e) {
            if (!(e instanceof Error) || e.constructor !== Error) throw new Error(`threw ${(e as Error)?.constructor?.name ?? typeof e} from deep inside: ${(e as Error)?.message ?? String(e)}`);
            const message = (e as Error).message;
            if (!entry.names.some((n) => names(message, n))) throw new Error(`the error names none of ${entry.names.join(", ")}: "${message}"`);
            return;
          }
          // A trace that says it diverged reports its non-finite values on purpose (status and step).
          const reported = (result as { status?: string } | undefined)?.status === "diverged";
          if (!entry.passesNonFinite && !reported && hasNonFinite(result)) throw new Error("returned a non-finite number");
        }),
        { seed: SEED, numRuns: entry.numRuns ?? RUNS, endOnFailure: true },
      );
    });
  }
});
