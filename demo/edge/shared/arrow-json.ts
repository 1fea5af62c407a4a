/**
 * Arrow rows -> plain JSON values. apache-arrow hands out bigint (Int64,
 * nanosecond timestamps), typed arrays (lists of numbers), Uint8Array
 * (binary) and row proxies (structs); none of them is JSON as is.
 */
import type { TopicReader } from "mosaico-web";

/** apache-arrow's RecordBatch, as the SDK hands it out (no direct apache-arrow import needed). */
type RecordBatch = TopicReader extends AsyncIterable<infer B> ? B : never;

export type JsonRow = Record<string, unknown>;

function bytesToBase64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** One Arrow value as JSON: bigint as a decimal string, binary as base64. */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "bigint":
      return value.toString();
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "string":
    case "boolean":
      return value;
  }
  if (value instanceof Uint8Array) return bytesToBase64(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<unknown>, toJsonValue);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJsonValue(v)]));
  // Arrow vectors and struct/map row proxies serialize themselves one level deep.
  const maybeJson = value as { toJSON?: () => unknown };
  if (typeof maybeJson.toJSON === "function") return toJsonValue(maybeJson.toJSON());
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return String(value);
}

/** The rows of a batch as JSON objects keyed by column name. */
export function batchToJsonRows(batch: RecordBatch): JsonRow[] {
  const columns = batch.schema.fields.map((field, index) => [field.name, batch.getChildAt(index)] as const);
  const rows: JsonRow[] = [];
  for (let i = 0; i < batch.numRows; i++) {
    const row: JsonRow = {};
    for (const [name, column] of columns) row[name] = toJsonValue(column?.get(i));
    rows.push(row);
  }
  return rows;
}
