/**
 * The `ontology` section (protocol §8.1, §13): keys `"<ontology_tag>.<field
 * path>"`, the path dot-joined through struct fields of the stored Arrow
 * schema (envelope columns such as `timestamp_ns` included). Conditions are
 * checked against the column type, then evaluated row by row: a row matches
 * when it satisfies every condition of its tag together (row-level AND);
 * a null value (or null parent struct) fails every condition.
 *
 * Queryable leaves: integers (8–64 bit, signed/unsigned), floats, bool,
 * Utf8/LargeUtf8, Date/Time/Timestamp (raw integers in their unit). Lists,
 * binary, dictionaries and other types are refused (list element predicates
 * such as `joints.positions[?]` are not supported by this server).
 */
import {
  makeVector,
  Type,
  type Data,
  type DataType,
  type Field,
  type RecordBatch,
  type Schema,
} from "apache-arrow";
import type { ConnectError } from "@connectrpc/connect";
import { type JsonValue, isJsonObject } from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import { TIMESTAMP_FIELD } from "../data/chunk-writer.js";
import {
  badField,
  compileCondition,
  readCondition,
  type CompiledCondition,
  type FieldType,
  type RawCondition,
} from "./conditions.js";
import type { Scalar } from "./values.js";

/** One condition of the ontology section, before it meets a schema. */
export interface OntologyCondition {
  tag: string;
  /** Dot path inside the topic schema (`acceleration.x`). */
  path: string;
  raw: RawCondition;
}

/** Reads the section; conditions keep their key order. */
export function parseOntologySection(json: JsonValue): OntologyCondition[] {
  if (!isJsonObject(json)) {
    throw errors.badRequest("the `ontology` section must be an object of \"<tag>.<field path>\": {\"$op\": value} conditions");
  }
  return Object.entries(json).map(([key, value]) => {
    if (key === "include_timestamp_range") {
      throw errors.badRequest("`ontology.include_timestamp_range` was removed in 0.6.0; use topic_filter_clusterize for time windows");
    }
    const dot = key.indexOf(".");
    const tag = dot < 0 ? "" : key.slice(0, dot);
    const path = dot < 0 ? "" : key.slice(dot + 1);
    if (tag === "" || path === "" || path.split(".").some((s) => s === "")) {
      throw errors.badRequest(`bad ontology field \`${key}\`: expected "<ontology_tag>.<field path>", e.g. "imu.acceleration.x"`);
    }
    if (/[[\]]/.test(path)) {
      throw errors.badRequest(`bad ontology field \`${key}\`: list element predicates ([?], [!], [n]) are not supported by this server`);
    }
    return { tag, path, raw: readCondition(key, value) };
  });
}

/** Groups conditions by ontology tag, in first-seen order. */
export function groupByTag(conditions: readonly OntologyCondition[]): Map<string, OntologyCondition[]> {
  const groups = new Map<string, OntologyCondition[]>();
  for (const c of conditions) {
    const list = groups.get(c.tag);
    if (list) list.push(c);
    else groups.set(c.tag, [c]);
  }
  return groups;
}

/** A condition bound to a column of one schema. */
export interface ColumnCondition {
  path: string;
  segments: string[];
  condition: CompiledCondition;
}

function fieldType(type: DataType): FieldType | undefined {
  switch (type.typeId) {
    case Type.Int:
    case Type.Date:
    case Type.Time:
    case Type.Timestamp:
      return "integer";
    case Type.Float:
      return "float";
    case Type.Bool:
      return "bool";
    case Type.Utf8:
    case Type.LargeUtf8:
      return "text";
    default:
      return undefined;
  }
}

/** How badly a condition failed to bind (the best error is reported). */
export type BindFailure = { rank: 0 | 1 | 2; error: ConnectError };

/**
 * Binds one condition to a schema. Failure ranks: 0 unknown path, 1 not a
 * queryable leaf, 2 wrong value type / operator for the column.
 */
export function bindCondition(schema: Schema, c: OntologyCondition): ColumnCondition | BindFailure {
  const segments = c.path.split(".");
  let fields: readonly Field[] = schema.fields;
  let field: Field | undefined;
  for (const [i, name] of segments.entries()) {
    field = fields.find((f) => f.name === name);
    if (!field) {
      const at = segments.slice(0, i + 1).join(".");
      const known = fields.map((f) => f.name).join(", ");
      return {
        rank: 0,
        error: badField(c.raw.field, `bad ontology field: no column \`${at}\` in the schema of topics tagged \`${c.tag}\` (available here: ${known})`),
      };
    }
    if (i < segments.length - 1) {
      if (field.type.typeId !== Type.Struct) {
        return { rank: 0, error: badField(c.raw.field, `bad ontology field: \`${segments.slice(0, i + 1).join(".")}\` is ${String(field.type)}, not a struct`) };
      }
      fields = field.type.children as Field[];
    }
  }
  const type = fieldType(field!.type);
  if (type === undefined) {
    const detail =
      field!.type.typeId === Type.Struct
        ? `is a struct; query one of its fields (${(field!.type.children as Field[]).map((f) => `${c.path}.${f.name}`).join(", ")})`
        : `has type ${String(field!.type)}, which cannot be queried`;
    return { rank: 1, error: badField(c.raw.field, `bad ontology field: \`${c.path}\` ${detail}`) };
  }
  try {
    return { path: c.path, segments, condition: compileCondition(c.raw, type, String(field!.type)) };
  } catch (cause) {
    return { rank: 2, error: cause as ConnectError };
  }
}

export function isBindFailure(value: ColumnCondition | BindFailure): value is BindFailure {
  return "error" in value;
}

/** Binds all conditions of one topic, throwing the first failure. */
export function bindAll(schema: Schema, conditions: readonly OntologyCondition[]): ColumnCondition[] {
  return conditions.map((c) => {
    const bound = bindCondition(schema, c);
    if (isBindFailure(bound)) throw bound.error;
    return bound;
  });
}

/** A condition on the envelope timestamp (temporal filters' `timestamp_range`). */
export function timestampCondition(field: string, op: "$geq" | "$leq" | "$between", value: JsonValue): ColumnCondition {
  return {
    path: TIMESTAMP_FIELD,
    segments: [TIMESTAMP_FIELD],
    condition: compileCondition({ field, op, value }, "timestamp", "Int64"),
  };
}

// --- row evaluation ---------------------------------------------------------

/** Reads value `i` of a leaf, exactly (raw storage for fixed-width types, as column-stats does). */
function valueReader(data: Data): (i: number) => Scalar {
  const typeId = data.type.typeId;
  const isHalfFloat = typeId === Type.Float && (data.type as { precision?: number }).precision === 0;
  if ([Type.Int, Type.Date, Type.Time, Type.Timestamp].includes(typeId) || (typeId === Type.Float && !isHalfFloat)) {
    const values = data.values as ArrayLike<number | bigint>;
    const stride = data.stride || 1;
    return (i) => values[i * stride]!;
  }
  const vector = makeVector(data);
  return (i) => vector.get(i) as Scalar;
}

/** The chain of Data from the top-level column down to the leaf, or undefined if absent. */
function leafChain(batch: RecordBatch, segments: readonly string[]): Data[] | undefined {
  let fields: readonly Field[] = batch.schema.fields;
  let data: Data | undefined;
  const chain: Data[] = [];
  for (const name of segments) {
    const index = fields.findIndex((f) => f.name === name);
    if (index < 0) return undefined;
    data = data === undefined ? batch.data.children[index] : data.children[index];
    if (!data) return undefined;
    chain.push(data);
    fields = (fields[index]!.type.children ?? []) as Field[];
  }
  return chain;
}

/**
 * Rows of `batch` satisfying every condition (row-level AND), as a mask.
 * Returns null when no row matches. `firstOnly` stops at the first match
 * (the mask then only says that some row matches).
 */
export function matchRows(batch: RecordBatch, conditions: readonly ColumnCondition[], firstOnly = false): Uint8Array | null {
  const n = batch.numRows;
  if (n === 0) return null;
  const mask = new Uint8Array(n).fill(1);
  let remaining = n;
  for (const [k, c] of conditions.entries()) {
    const chain = leafChain(batch, c.segments);
    if (!chain) return null;
    const nullable = chain.filter((d) => d.nullCount > 0);
    const read = valueReader(chain[chain.length - 1]!);
    const test = c.condition.test;
    const last = k === conditions.length - 1;
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      const ok = (nullable.length === 0 || nullable.every((d) => d.getValid(i))) && test(read(i));
      if (!ok) {
        mask[i] = 0;
        remaining--;
      } else if (last && firstOnly) {
        return mask; // every earlier condition already holds for row i
      }
    }
    if (remaining === 0) return null;
  }
  return mask;
}
