/**
 * The one JSON codec of mosaico-web: every Mosaico JSON body (actions, descriptor
 * commands, app-metadata) goes through here, so that i64 values survive.
 *
 * Nanosecond timestamps are ~1.7e18, far past Number.MAX_SAFE_INTEGER (protocol
 * §12.4). We parse with lossless-json: integer literals that fit a double exactly
 * become `number`, larger ones become `bigint`; writing emits bigint as an exact
 * JSON integer. Fields that are i64 by contract are then read with `toBigInt`.
 */
import { parse, stringify, isInteger, isSafeNumber } from "lossless-json";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** A JSON value as this codec produces it (bigint for integers beyond 2^53). */
export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object as this codec produces it. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * User metadata as callers write it: any JSON-serializable object (bigint
 * allowed). Object keys may not contain dots; nest objects instead.
 */
export type UserMetadataInput = Readonly<Record<string, unknown>>;

function parseNumber(text: string): number | bigint {
  if (isInteger(text) && !isSafeNumber(text)) return BigInt(text);
  return Number(text);
}

// An integer literal of 15 digits or fewer is always below 2^53.
const mayHoldUnsafeInteger = /\d{16}/;

/**
 * Parses JSON text; integers beyond 2^53 come back as `bigint`. Throws SyntaxError.
 *
 * Text without a run of 16 digits cannot hold such an integer, so it takes
 * the engine's JSON.parse: the same values, several times faster and a
 * fraction of lossless-json's memory (which matters for megabyte bodies).
 */
export function parseJson(text: string): JsonValue {
  if (!mayHoldUnsafeInteger.test(text)) return JSON.parse(text) as JsonValue;
  return parse(text, null, parseNumber) as JsonValue;
}

/** mosaicod parses with serde_json, whose recursion limit is 128 nested arrays and objects. */
export const MAX_JSON_DEPTH = 128;

/** How deep arrays and objects nest in `value` (0 for a scalar), counted without recursion. */
function nestingDepth(value: unknown, stopAbove: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== "object" || current === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAbove) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, level]);
  }
  return deepest;
}

/** True when arrays and objects in `value` nest deeper than `limit` (mosaicod's parser refuses such JSON). */
export function nestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  return nestingDepth(value, limit) > limit;
}

/**
 * Serializes a value; `bigint` is written as an exact integer literal.
 *
 * @throws MosaicoError INVALID_ARGUMENT when it nests deeper than MAX_JSON_DEPTH (mosaicod would refuse it, and
 * serializing it could exhaust the stack).
 */
export function stringifyJson(value: unknown): string {
  const depth = nestingDepth(value, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) {
    throw new MosaicoError(
      Code.InvalidArgument,
      `the JSON (user metadata or request body) nests more than ${MAX_JSON_DEPTH} levels deep, which mosaicod's JSON parser refuses; flatten it`,
    );
  }
  const text = stringify(value as never);
  if (text === undefined) throw new TypeError("value cannot be represented as JSON");
  return text;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/** JSON value -> UTF-8 bytes (action bodies, descriptor commands). */
export function encodeJsonBytes(value: unknown): Uint8Array {
  return utf8Encoder.encode(stringifyJson(value));
}

/** UTF-8 bytes -> JSON value. Throws on invalid UTF-8 or JSON. */
export function decodeJsonBytes(bytes: Uint8Array): JsonValue {
  return parseJson(utf8Decoder.decode(bytes));
}

/** Reads an i64 field that may have been parsed as number or bigint. */
export function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  return undefined;
}

/**
 * A short, never-throwing rendering of a decoded value for an error message
 * (String() throws on `{"toString": 1}`, and a server's value may be huge).
 */
export function describeJsonValue(value: unknown, maxChars = 80): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : (stringify(value as never) ?? typeof value);
  } catch {
    text = Array.isArray(value) ? "an array" : typeof value;
  }
  return text.length > maxChars ? `${text.slice(0, maxChars)}… (${text.length} characters)` : text;
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
