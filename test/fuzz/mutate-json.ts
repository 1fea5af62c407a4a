/**
 * JSON-level mutations for action bodies and JSON metadata: replace, delete
 * or retype a node, add prototype-ish keys (`__proto__`, `constructor`,
 * `toString`), boundary numbers (2^53 + 1, i64/u64 edges, floats), hostile
 * strings (lone surrogates, NUL, globs, huge), plus bodies that are not JSON
 * at all (truncated, invalid UTF-8, BOM, UTF-16, very deep nesting).
 */
import { stringifyJson, type JsonValue } from "../../src/protocol/json.js";
import type { Rng } from "./prng.js";

/** Object keys that collide with Object.prototype or the query syntax. */
export const HOSTILE_KEYS = [
  "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__",
  "isPrototypeOf", "", " ", "a.b", "$and", "$or", "$eq", "$between", "locator\u0000", "\ud800", "é", "k".repeat(300),
];

/** Strings that tend to break parsers, validators, SQL, globs or percent-encoding. */
export const HOSTILE_STRINGS = [
  "", " ", "\u0000", "\ud800", "\udfff", "a\ud83dz", "\ud83d\ude00", "%", "%E0%A4%A", "%00", "\\", "\"", "'", "' OR 1=1 --",
  "a/../b", "/", "//", "a//b", "a/", "/a", ":", "a:b", "a:", "seq:01JQ8Z6Y3V0E2M4K7N9P1R5T8W", "*", "**", "[", "]", "[!]", "[?]",
  "{", "$eq", "__proto__", "constructor", "toString", "NaN", "Infinity", "-0", "1e309", "00000000-0000-0000-0000-000000000000",
  "ffffffff", "msco_00000000000000000000000000000000_00000000", "\u202e", "\r\n", "\t", "x".repeat(70_000), "é".repeat(5000),
];

const BOUNDARY_NUMBERS: JsonValue[] = [
  0, -0, 1, -1, 0.5, -1.5, 1e308, -1e308, 5e-324, 2 ** 53, 9007199254740993n, (1n << 63n) - 1n, 1n << 63n, -(1n << 63n),
  -(1n << 63n) - 1n, (1n << 64n) - 1n, 1n << 64n, 10n ** 30n, 4294967295, 4294967296, 1767225600000000000n,
];

function setOwn(obj: Record<string, JsonValue>, key: string, value: JsonValue): void {
  // Plain assignment of "__proto__" would set the prototype, not a key.
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A random JSON value of bounded depth. */
export function randomJson(rng: Rng, depth = 3): JsonValue {
  const kind = rng.int(0, depth > 0 ? 7 : 4);
  switch (kind) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return rng.pick(BOUNDARY_NUMBERS);
    case 3: return rng.pick(HOSTILE_STRINGS);
    case 4: return rng.chance(0.5) ? rng.int(-1000, 1000) : `s${rng.int(0, 99)}`;
    case 5: return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth - 1));
    default: {
      const obj: Record<string, JsonValue> = {};
      for (let i = rng.int(0, 4); i > 0; i--) setOwn(obj, rng.chance(0.5) ? rng.pick(HOSTILE_KEYS) : `k${rng.int(0, 9)}`, randomJson(rng, depth - 1));
      return obj;
    }
  }
}

type Slot = { parent: Record<string, JsonValue> | JsonValue[]; key: string | number };

function slots(value: JsonValue, out: Slot[] = [], limit = 400): Slot[] {
  if (out.length >= limit || value === null || typeof value !== "object") return out;
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      out.push({ parent: value, key: i });
      slots(child, out, limit);
    });
  } else {
    for (const key of Object.keys(value)) {
      out.push({ parent: value, key });
      slots(value[key]!, out, limit);
    }
  }
  return out;
}

function clone(value: JsonValue): JsonValue {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(clone);
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value)) setOwn(out, key, clone(value[key]!));
  return out;
}

function retype(rng: Rng, value: JsonValue): JsonValue {
  if (typeof value === "string") return rng.pick<JsonValue>([Number(value) || 7, value.length, [value], { value }, null, `${value}${rng.pick(HOSTILE_STRINGS)}`, value.slice(0, rng.int(0, value.length)), value.repeat(rng.int(2, 50))]);
  if (typeof value === "number" || typeof value === "bigint") return rng.pick<JsonValue>([String(value), [value], rng.pick(BOUNDARY_NUMBERS), -Number(value) + 0.5, null, true]);
  if (Array.isArray(value)) return rng.pick<JsonValue>([{}, value.length, [...value, ...value], [], [value], value.slice(1), "[]"]);
  if (value && typeof value === "object") return rng.pick<JsonValue>([[value], {}, "{}", 1, Object.values(value)]);
  return randomJson(rng);
}

/** One to `max` structural mutations of a copy of `value`. */
export function mutateJson(rng: Rng, value: JsonValue, max = 3): JsonValue {
  let root = clone(value);
  for (let i = rng.int(1, max); i > 0; i--) {
    const all = slots(root);
    if (all.length === 0 || rng.chance(0.05)) {
      root = rng.chance(0.5) ? retype(rng, root) : randomJson(rng);
      continue;
    }
    const { parent, key } = rng.pick(all);
    const current = (parent as Record<string | number, JsonValue>)[key]!;
    const op = rng.int(0, 6);
    const put = (v: JsonValue) => (Array.isArray(parent) ? (parent[key as number] = v) : setOwn(parent, key as string, v));
    if (op === 0) put(randomJson(rng));
    else if (op === 1 || op === 2) put(retype(rng, current));
    else if (op === 3) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (op === 4 && !Array.isArray(parent)) setOwn(parent, rng.pick(HOSTILE_KEYS), rng.chance(0.5) ? clone(current) : randomJson(rng));
    else if (op === 5 && !Array.isArray(parent)) {
      // Move the value under a prototype key: `{"__proto__": {"locator": ...}}`.
      delete parent[key as string];
      const inner: Record<string, JsonValue> = {};
      setOwn(inner, key as string, current);
      setOwn(parent, rng.pick(["__proto__", "constructor", "prototype"]), inner);
    } else put(rng.pick(BOUNDARY_NUMBERS.concat(HOSTILE_STRINGS)));
  }
  return root;
}

/** JSON text of a value (bigint exact). */
export function jsonBytes(value: JsonValue): Uint8Array {
  return new TextEncoder().encode(stringifyJson(value));
}

/** `depth` levels of arrays or objects around a core value, as text. */
export function deeplyNested(rng: Rng, depth: number, core = "1"): string {
  return rng.chance(0.5) ? `${"[".repeat(depth)}${core}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}${core}${"}".repeat(depth)}`;
}

/** A body that is not a JSON object: not JSON, not UTF-8, or another JSON type. */
export function nonJsonBody(rng: Rng, valid: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(valid);
  const enc = (s: string) => new TextEncoder().encode(s);
  switch (rng.int(0, 13)) {
    case 0: return new Uint8Array();
    case 1: return enc(rng.pick(["null", "[]", "1", "true", '"x"', " ", "\n", "nul", "{", "}", "[", "{}}", "{,}", '{"a"}', "{'a':1}"]));
    case 2: return enc(text.slice(0, rng.int(0, Math.max(0, text.length - 1))));
    case 3: return enc(`${text}${rng.pick(["{}", "x", ",", "\u0000", " []"])}`);
    case 4: return Uint8Array.from([0xef, 0xbb, 0xbf, ...valid]);
    case 5: return new Uint8Array(Buffer.from(text, "utf16le"));
    case 6: return Uint8Array.from([...valid.subarray(0, 3), rng.pick([0xff, 0xc0, 0x80, 0xed]), ...valid.subarray(3)]);
    case 7: return enc(text.replace(/"([^"]*)"/, '"$1\\ud800"'));
    case 8: return Uint8Array.from([...enc('{"locator":"'), 0xed, 0xa0, 0x80, ...enc('"}')]); // WTF-8 lone surrogate
    case 9: return enc(text.replace(/:/, ":NaN,"));
    case 10: return enc(text.replace(/^\{/, '{"locator":1,"locator":"dup",'));
    case 11: return enc(text.replace(/\d+/, "1".repeat(rng.int(16, 400))));
    case 12: return rng.bytes(rng.size(256));
    default: return enc(deeplyNested(rng, rng.pick([64, 1000, 10_000, 100_000])));
  }
}
