/**
 * Strict readers for action bodies, mimicking serde: a missing required field
 * or a wrong JSON type is a deserialization error; unknown keys are ignored.
 */
import { type JsonObject, type JsonValue, toBigInt } from "../../../src/protocol/index.js";

/** Reported as `Bad request: body deserialization error.` by the dispatcher. */
export class BodyError extends Error {}

export function requireField(body: JsonObject, key: string): JsonValue {
  if (!Object.hasOwn(body, key)) throw new BodyError(`missing field \`${key}\``);
  return body[key]!;
}

export function requireString(body: JsonObject, key: string): string {
  const value = requireField(body, key);
  if (typeof value !== "string") throw new BodyError(`field \`${key}\` must be a string`);
  return value;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new BodyError(`field \`${key}\` must be a string`);
  return value;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/** Optional i64 (absent or null -> undefined); floats are rejected, like serde. */
export function optionalI64(body: JsonObject, key: string): bigint | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const int = typeof value === "string" ? undefined : toBigInt(value);
  if (int === undefined || int < I64_MIN || int > I64_MAX) {
    throw new BodyError(`field \`${key}\` must be an i64`);
  }
  return int;
}

/** `{"locator": "<...>"}`, the body of most single-resource actions. */
export function parseLocatorBody(body: JsonObject): { locator: string } {
  return { locator: requireString(body, "locator") };
}
