/**
 * Scalar comparisons of the query engine. Integers beyond 2^53 arrive as
 * bigint (src/protocol/json.ts) and i64 columns are read as bigint, so
 * numbers compare exactly across number/bigint; text compares by code point
 * (UTF-8 byte order, as mosaicod's Rust strings do).
 */
import { stringifyJson } from "../../src/protocol/index.js";
import { compareText } from "../data/column-stats.js";

export type Scalar = number | bigint | string | boolean;
export type Numeric = number | bigint;

export function isNumeric(value: unknown): value is Numeric {
  return typeof value === "bigint" || (typeof value === "number" && Number.isFinite(value));
}

/** An exact integer: bigint, or a number without fraction. */
export function isIntegral(value: unknown): value is Numeric {
  return typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value));
}

/** `a` (bigint) against `b` (finite or infinite double), exactly. */
function compareBigNumber(a: bigint, b: number): number {
  if (b === Infinity) return -1;
  if (b === -Infinity) return 1;
  const floor = Math.floor(b);
  const whole = BigInt(floor);
  if (a < whole) return -1;
  if (a > whole) return 1;
  return floor === b ? 0 : -1; // a == floor(b) < b
}

/** Exact order of two numbers (NaN: callers test it first). */
export function compareNumeric(a: Numeric, b: Numeric): number {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === "bigint" ? compareBigNumber(a, b as number) : -compareBigNumber(b as bigint, a);
}

/** Orders two scalars of the same class (numbers, strings or booleans). */
export function compareScalar(a: Scalar, b: Scalar): number {
  if (typeof a === "string") return compareText(a, b as string);
  if (typeof a === "boolean") return Number(a) - Number(b as boolean);
  return compareNumeric(a, b as Numeric);
}

export type ScalarClass = "number" | "text" | "bool";

export function scalarClass(value: unknown): ScalarClass | undefined {
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint" || typeof value === "number") return "number";
  return undefined;
}

/** A JSON value as it reads in an error message (`5`, `"abc"`, `[1,2]`). */
export function show(value: unknown): string {
  try {
    return stringifyJson(value);
  } catch {
    return String(value);
  }
}
