/**
 * Plain sample objects -> one apache-arrow RecordBatch with a model's exact
 * topic schema. Values are checked against the specs first, so a wrong value
 * fails with its field path instead of being silently wrapped by a typed
 * array (e.g. 300 in a uint8) or rejected later by the server.
 */
import { makeBuilder, makeData, RecordBatch, Struct, type Schema } from "apache-arrow";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { TIMESTAMP_COLUMN } from "./arrow-types.js";
import type { FieldMap, FieldSpec, ScalarKind } from "./field-spec.js";

function fail(where: string, message: string): never {
  throw new MosaicoError(Code.InvalidArgument, `${where}: ${message}`);
}

const integerRanges: Partial<Record<ScalarKind, [bigint, bigint]>> = {
  int8: [-(2n ** 7n), 2n ** 7n - 1n],
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 2n ** 8n - 1n],
  uint16: [0n, 2n ** 16n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

function checkInteger(kind: ScalarKind, value: unknown, where: string): number | bigint {
  const wide = kind === "int64" || kind === "uint64";
  let exact: bigint;
  if (typeof value === "bigint") exact = value;
  else if (typeof value === "number" && Number.isSafeInteger(value)) exact = BigInt(value);
  else return fail(where, `expected an integer for ${kind}${wide ? " (bigint)" : ""}, got ${String(value)}`);
  const [min, max] = integerRanges[kind] as [bigint, bigint];
  if (exact < min || exact > max) fail(where, `${exact} is out of range for ${kind}`);
  return wide ? exact : Number(exact);
}

function toBytes(value: unknown, where: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return fail(where, "expected bytes (Uint8Array or ArrayBuffer)");
}

function normalizeScalar(kind: ScalarKind, value: unknown, where: string): unknown {
  switch (kind) {
    case "bool":
      return typeof value === "boolean" ? value : fail(where, "expected a boolean");
    case "float16":
    case "float32":
    case "float64":
      return typeof value === "number" ? value : fail(where, "expected a number");
    case "utf8":
    case "large_utf8":
      return typeof value === "string" ? value : fail(where, "expected a string");
    case "binary":
    case "large_binary":
      return toBytes(value, where);
    default:
      return checkInteger(kind, value, where);
  }
}

function normalizeList(item: FieldSpec, value: unknown, where: string, size?: number): unknown[] {
  const isList = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!isList) return fail(where, "expected an array");
  const items = Array.from(value as ArrayLike<unknown>);
  if (size !== undefined && items.length !== size) fail(where, `expected exactly ${size} items, got ${items.length}`);
  return items.map((v, i) => normalizeValue(item, v, `${where}[${i}]`));
}

/** Checks one sample object against a field map and returns what the Arrow builders take. */
export function normalizeStruct(fields: FieldMap, value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail(where, "expected an object");
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(key in fields) && input[key] !== undefined) fail(where, `unknown field "${key}" (known: ${Object.keys(fields).join(", ")})`);
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) out[name] = normalizeValue(spec, input[name], `${where}.${name}`);
  return out;
}

/** Checks one value against its spec; null for absent nullable values. */
export function normalizeValue(spec: FieldSpec, value: unknown, where: string): unknown {
  if (value === null || value === undefined) {
    return spec.nullable ? null : fail(where, "is required (the field is not nullable)");
  }
  switch (spec.kind) {
    case "struct":
      return normalizeStruct(spec.fields, value, where);
    case "list":
      return normalizeList(spec.item, value, where);
    case "fixed_size_list":
      return normalizeList(spec.item, value, where, spec.size);
    default:
      return normalizeScalar(spec.kind, value, where);
  }
}

/**
 * Encodes samples (`{ timestamp_ns, ...payload }`) into one RecordBatch of
 * `schema`, which must be the topic schema derived from `fields`.
 */
export function encodeSamples(schema: Schema, fields: FieldMap, samples: readonly unknown[], modelName: string): RecordBatch {
  if (!Array.isArray(samples)) fail(modelName, "toRecordBatch expects an array of samples");
  const rows = samples.map((sample, i): Record<string, unknown> => {
    const where = `${modelName} sample ${i}`;
    if (typeof sample !== "object" || sample === null) return fail(where, "expected an object");
    const { [TIMESTAMP_COLUMN]: ts, ...payload } = sample as Record<string, unknown>;
    const timestamp = normalizeValue({ kind: "int64", nullable: false }, ts, `${where}.${TIMESTAMP_COLUMN}`);
    return { [TIMESTAMP_COLUMN]: timestamp, ...normalizeStruct(fields, payload, where) };
  });
  const children = schema.fields.map((f) => {
    const builder = makeBuilder({ type: f.type, nullValues: [null, undefined] });
    for (const row of rows) builder.append(row[f.name] as never);
    return builder.finish().flush();
  });
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
