/**
 * JSON channels: the columns of a generic topic from the channel's JSON
 * Schema (nested objects -> dotted columns, arrays -> list columns, every
 * column nullable since JSON may leave a key out), and, for the export, the
 * JSON Schema and JSON message of a generic topic's rows (dotted columns
 * nested back into objects, int64 as numbers, binary as base64 with
 * `contentEncoding: "base64"`, as Foxglove reads JSON bytes).
 */
import { DataType, type Field, type Schema } from "apache-arrow";
import { field, type FieldMap, type FieldSpec } from "../ontology/field-spec.js";
import type { RosObject } from "./ros-mappings.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonSchema = Record<string, any>;

/** `field.optional` for a spec of any kind. */
const nullable = (spec: FieldSpec): FieldSpec => field.optional(spec as Parameters<typeof field.optional>[0]);

interface JsonColumn {
  name: string;
  path: readonly string[];
  convert(value: unknown): unknown;
}

/** Columns of a JSON channel and the conversion of one message. */
export interface JsonPlan {
  readonly fields: FieldMap;
  flatten(message: RosObject): RosObject;
}

function typeOf(schema: JsonSchema): string | undefined {
  const t = schema.type;
  return Array.isArray(t) ? t.find((x: string) => x !== "null") : t;
}

function itemSpec(schema: JsonSchema): { spec: FieldSpec; convert: (v: unknown) => unknown } | undefined {
  switch (typeOf(schema)) {
    case "number":
      return { spec: field.float64(), convert: (v) => (typeof v === "number" ? v : null) };
    case "integer":
      return { spec: field.int64(), convert: (v) => (typeof v === "number" ? BigInt(Math.trunc(v)) : null) };
    case "boolean":
      return { spec: field.bool(), convert: (v) => (typeof v === "boolean" ? v : null) };
    case "string":
      if (schema.contentEncoding === "base64") return { spec: field.binary(), convert: (v) => (typeof v === "string" ? fromBase64(v) : null) };
      return { spec: field.utf8(), convert: (v) => (typeof v === "string" ? v : null) };
    case "array": {
      const item = itemSpec(schema.items ?? {});
      if (!item) return undefined;
      return { spec: field.list(nullable(item.spec)), convert: (v) => (Array.isArray(v) ? v.map((x) => item.convert(x) ?? null) : null) };
    }
    case "object": {
      const entries = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).flatMap(([k, s]) => {
        const spec = itemSpec(s);
        return spec ? [[k, spec] as const] : [];
      });
      if (entries.length === 0) return undefined;
      return {
        spec: field.struct(Object.fromEntries(entries.map(([k, s]) => [k, nullable(s.spec)]))),
        convert: (v) => {
          if (!v || typeof v !== "object") return null;
          const out: RosObject = {};
          for (const [k, s] of entries) {
            const x = s.convert((v as RosObject)[k]);
            if (x !== null && x !== undefined) out[k] = x;
          }
          return out;
        },
      };
    }
    default:
      return undefined;
  }
}

function collect(schema: JsonSchema, path: string[], out: Array<JsonColumn & { spec: FieldSpec }>): void {
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const here = [...path, key];
    if (typeOf(child) === "object" && child.properties) {
      collect(child, here, out);
      continue;
    }
    const spec = itemSpec(child);
    if (spec) out.push({ name: here.join("."), path: here, convert: spec.convert, spec: spec.spec });
  }
}

/** The plan of a JSON channel; a schema without usable properties keeps the whole message in one `json` text column. */
export function flattenJsonSchema(schemaText: string): JsonPlan {
  let schema: JsonSchema = {};
  try {
    schema = schemaText ? (JSON.parse(schemaText) as JsonSchema) : {};
  } catch {
    schema = {};
  }
  const columns: Array<JsonColumn & { spec: FieldSpec }> = [];
  collect(schema, [], columns);
  if (columns.length === 0) {
    return { fields: { json: field.utf8() }, flatten: (m) => ({ json: JSON.stringify(m) }) };
  }
  const fields: FieldMap = Object.fromEntries(columns.map((c) => [c.name, nullable(c.spec)]));
  return {
    fields,
    flatten(message) {
      const out: RosObject = {};
      for (const c of columns) {
        let value: unknown = message;
        for (const key of c.path) value = (value as RosObject | undefined)?.[key];
        const converted = c.convert(value);
        if (converted !== null && converted !== undefined) out[c.name] = converted;
      }
      return out;
    },
  };
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function schemaOfType(type: DataType): JsonSchema {
  if (DataType.isStruct(type)) return objectSchema(type.children);
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) return { type: "array", items: schemaOfType(type.children[0]!.type) };
  if (DataType.isBinary(type) || DataType.isLargeBinary(type)) return { type: "string", contentEncoding: "base64" };
  if (DataType.isInt(type)) return { type: "integer" };
  if (DataType.isFloat(type)) return { type: "number" };
  if (DataType.isBool(type)) return { type: "boolean" };
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return { type: "string" };
  return {};
}

function objectSchema(fields: readonly Field[]): JsonSchema {
  const properties: JsonSchema = {};
  for (const f of fields) {
    const path = f.name.split(".");
    let node = properties;
    for (const key of path.slice(0, -1)) {
      node[key] ??= { type: "object", properties: {} };
      node = node[key].properties;
    }
    node[path[path.length - 1]!] = schemaOfType(f.type);
  }
  return { type: "object", properties };
}

/** The JSON Schema of a topic's rows (without `timestamp_ns`, which becomes the log time). */
export function jsonSchemaOfArrow(schema: Schema, title: string): string {
  const body = objectSchema(schema.fields.filter((f) => f.name !== "timestamp_ns"));
  return JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", title, ...body });
}

/** A row value as a JSON value: int64 as a number (as text beyond 2^53), binary as base64. */
export function jsonValue(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return toBase64(value);
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  return value;
}

/** A row of a generic topic as a JSON message: dotted columns nested back, `timestamp_ns` left out. */
export function rowToJson(row: RosObject): string {
  const out: RosObject = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === "timestamp_ns") continue;
    const path = name.split(".");
    let node = out;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as RosObject;
    node[path[path.length - 1]!] = jsonValue(value);
  }
  return JSON.stringify(out);
}
