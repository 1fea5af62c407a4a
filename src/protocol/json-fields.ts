/**
 * Small typed readers for decoded JSON objects: each throws a DATA_LOSS
 * MosaicoError naming the field when the server sent something unexpected.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { isJsonObject, toBigInt, type JsonObject, type JsonValue } from "./json.js";

function unexpected(what: string, field: string): MosaicoError {
  return new MosaicoError(Code.DataLoss, `unexpected server response: ${what} field "${field}" is missing or has the wrong type`);
}

/** The value as a JSON object, or DATA_LOSS naming `what`. */
export function asObject(value: JsonValue | undefined, what: string): JsonObject {
  if (!isJsonObject(value)) throw new MosaicoError(Code.DataLoss, `unexpected server response: ${what} is not a JSON object`);
  return value;
}

/** A required string field, or DATA_LOSS naming it. */
export function readString(obj: JsonObject, field: string, what: string): string {
  const value = obj[field];
  if (typeof value !== "string") throw unexpected(what, field);
  return value;
}

/** A string field, or undefined when absent or not a string. */
export function readOptionalString(obj: JsonObject, field: string): string | undefined {
  const value = obj[field];
  return typeof value === "string" ? value : undefined;
}

/** A required i64 field (number, bigint or digit string), or DATA_LOSS naming it. */
export function readBigInt(obj: JsonObject, field: string, what: string): bigint {
  const value = toBigInt(obj[field]);
  if (value === undefined) throw unexpected(what, field);
  return value;
}

/** An i64 that may be null or absent. */
export function readNullableBigInt(obj: JsonObject, field: string): bigint | null {
  return toBigInt(obj[field]) ?? null;
}


/** A required array field, or DATA_LOSS naming it. */
export function readArray(obj: JsonObject, field: string, what: string): JsonValue[] {
  const value = obj[field];
  if (!Array.isArray(value)) throw unexpected(what, field);
  return value;
}
