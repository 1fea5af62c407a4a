/**
 * Runtime checks of condition values (docs/protocol.md §8.2). The types already steer
 * TypeScript callers; these checks catch JavaScript callers and values the
 * type system cannot see (NaN, unsafe integers), so that a malformed filter
 * fails here with a precise message instead of as a server INVALID_ARGUMENT.
 */
import type { JsonValue } from "../protocol/json.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/**
 * What a condition compares against, which decides the operators offered and
 * the values accepted:
 * - `float`: float16/32/64 fields (numbers);
 * - `integer`: 8–32-bit integer fields (safe integers);
 * - `int64`: int64/uint64 fields and `timestamp_ns` (bigint or safe integer);
 * - `timestamp`: creation times (bigint/safe-integer nanoseconds, or a Date);
 * - `string`, `bool`;
 * - `scalar`: any JSON scalar (untyped ontology paths);
 * - `metadata`: any JSON scalar, plus `$ex`/`$nex` (user metadata).
 */
export type ValueKind = "float" | "integer" | "int64" | "timestamp" | "string" | "bool" | "scalar" | "metadata";

/** A JSON scalar as conditions accept it (bigint for exact 64-bit integers). */
export type JsonScalar = string | number | bigint | boolean;

/** Creation-time bounds: nanoseconds since the epoch, or a Date (millisecond precision). */
export type TimestampInput = bigint | number | Date;

/** Throws the builder-misuse error every check uses. */
export function misuse(message: string): never {
  throw new MosaicoError(Code.InvalidArgument, message);
}

function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Date) return `Date(${String(value)})`;
  return typeof value === "object" && value !== null ? Object.prototype.toString.call(value) : String(value);
}

function checkExactInteger(value: unknown, where: string): number | bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "number" && Number.isInteger(value)) {
    return misuse(`${where}: ${value} is beyond 2^53 and lost precision; pass a bigint (e.g. 1767225600000000001n)`);
  }
  return misuse(`${where}: expected an integer (bigint or safe integer), got ${describe(value)}`);
}

function checkScalar(value: unknown, where: string): JsonScalar {
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isFinite(value)) {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return checkExactInteger(value, where);
    return value;
  }
  return misuse(`${where}: expected a string, number, bigint or boolean, got ${describe(value)}`);
}

/** Validates one value for a kind and returns its JSON form. */
export function checkValue(kind: ValueKind, value: unknown, where: string): JsonScalar {
  switch (kind) {
    case "float":
      if (typeof value === "number" && Number.isFinite(value)) return value;
      return misuse(`${where}: expected a finite number, got ${describe(value)}`);
    case "integer":
      if (typeof value === "number" && Number.isSafeInteger(value)) return value;
      return misuse(`${where}: expected an integer number, got ${describe(value)}`);
    case "int64":
      return checkExactInteger(value, where);
    case "timestamp":
      if (value instanceof Date) {
        const ms = value.getTime();
        if (Number.isNaN(ms)) return misuse(`${where}: the Date is invalid`);
        return BigInt(ms) * 1_000_000n;
      }
      return checkExactInteger(value, where);
    case "string":
      if (typeof value === "string") return value;
      return misuse(`${where}: expected a string, got ${describe(value)}`);
    case "bool":
      if (typeof value === "boolean") return value;
      return misuse(`${where}: expected a boolean, got ${describe(value)}`);
    case "scalar":
    case "metadata":
      return checkScalar(value, where);
  }
}

function orderOf(a: JsonScalar, b: JsonScalar, where: string): number {
  const numeric = (v: JsonScalar) => typeof v === "number" || typeof v === "bigint";
  if (numeric(a) && numeric(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return misuse(`${where}: both bounds must be numbers or both strings, got ${describe(a)} and ${describe(b)}`);
}

/** Validates `[lo, hi]` for `$between` / `$outside`: same type, lo <= hi. */
export function checkRange(kind: ValueKind, args: readonly unknown[], where: string): JsonValue[] {
  let bounds = args;
  if (args.length === 1 && Array.isArray(args[0])) bounds = args[0] as unknown[];
  if (bounds.length !== 2) return misuse(`${where}: expected two bounds [lo, hi], got ${bounds.length}`);
  if (kind === "bool") return misuse(`${where}: booleans have no order`);
  const lo = checkValue(kind, bounds[0], `${where} lower bound`);
  const hi = checkValue(kind, bounds[1], `${where} upper bound`);
  if (orderOf(lo, hi, where) > 0) {
    return misuse(`${where}: the lower bound ${describe(lo)} is greater than the upper bound ${describe(hi)}`);
  }
  return [lo, hi];
}

/** Validates the non-empty value list of `$in`. */
export function checkList(kind: ValueKind, values: unknown, where: string): JsonValue[] {
  if (!Array.isArray(values)) return misuse(`${where}: expected an array of values, got ${describe(values)}`);
  if (values.length === 0) return misuse(`${where}: the list is empty and would match nothing`);
  return values.map((v, i) => checkValue(kind, v, `${where}[${i}]`));
}

/**
 * Validates the array a whole list column is compared with (`$eq` / `$neq`
 * on a list, upstream daemon docs `query.md`): element-wise, same length.
 * Empty is allowed (it matches empty lists); mosaicod caps the length
 * (`MOSAICOD_MAX_SIZE_PLAIN_LIST_EQ`, 1024 by default) and refuses longer ones.
 */
export function checkListLiteral(kind: ValueKind, values: unknown, where: string): JsonValue[] {
  if (!Array.isArray(values)) {
    return misuse(`${where}: a list column is compared with an array of values, got ${describe(values)}; use any()/all()/at(i) for element conditions`);
  }
  return values.map((v, i) => checkValue(kind, v, `${where}[${i}]`));
}

/** Validates a `$match` glob pattern (J2+: `*`, `?`, `[...]`, `#`). */
export function checkPattern(pattern: unknown, where: string): string {
  if (typeof pattern !== "string") return misuse(`${where}: expected a pattern string, got ${describe(pattern)}`);
  // mosaicod refuses empty patterns (and the reference server mirrors it).
  if (pattern.length === 0) return misuse(`${where}: the pattern is empty; use eq("") to match an empty string`);
  return pattern;
}
