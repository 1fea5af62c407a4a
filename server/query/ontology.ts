/**
 * The `ontology` section (docs/protocol.md §8.1, §13): keys `"<ontology_tag>.<field
 * path>"`, the path dot-joined through struct fields of the stored Arrow
 * schema (envelope columns such as `timestamp_ns` included). Conditions are
 * checked against the column type, then evaluated row by row: a row matches
 * when it satisfies every condition of its tag together (row-level AND);
 * a null value (or null parent struct) fails every condition.
 *
 * Queryable leaves: integers (8–64 bit, signed/unsigned), floats, bool,
 * Utf8/LargeUtf8, Date/Time/Timestamp (raw integers in their unit). List
 * columns take the 0.6 list specifiers `[?]`, `[!]`, `[N]` or a whole-list
 * `$eq`/`$neq` with an array (server/query/list-columns.ts). Binary,
 * dictionaries, lists of lists and other types are refused.
 */
import { Type, type Field, type RecordBatch, type Schema } from "apache-arrow";
import type { ConnectError } from "@connectrpc/connect";
import {
  type JsonValue,
  type OntologyFieldPath,
  FieldPathError,
  isJsonObject,
  parseOntologyFieldPath,
} from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import { TIMESTAMP_FIELD } from "../data/chunk-writer.js";
import { fieldType, leafChain, validIn, valueReader } from "./arrow-leaves.js";
import { badField, compileCondition, readCondition, type CompiledCondition, type RawCondition } from "./conditions.js";
import { bindListCondition, isListType } from "./list-columns.js";
import { isWalkFailure, walkFields } from "./schema-walk.js";

/** One condition of the ontology section, before it meets a schema. */
export interface OntologyCondition {
  tag: string;
  /** Path inside the topic schema as written (`acceleration.x`, `poses[?].x`). */
  path: string;
  /** The path parsed: names and the list specifier, if any. */
  fieldPath: OntologyFieldPath;
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
    if (tag === "" || path === "") {
      throw errors.badRequest(`bad ontology field \`${key}\`: expected "<ontology_tag>.<field path>", e.g. "imu.acceleration.x"`);
    }
    let fieldPath: OntologyFieldPath;
    try {
      fieldPath = parseOntologyFieldPath(path);
    } catch (cause) {
      if (cause instanceof FieldPathError) throw errors.badRequest(`bad ontology field \`${key}\`: ${cause.message}`);
      throw cause;
    }
    return { tag, path, fieldPath, raw: readCondition(key, value, { arrays: true }) };
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
  /** The path as written; for scalar leaves also the key of their chunk statistics. */
  path: string;
  /** Names from the top-level column down to the leaf (or to the list column). */
  segments: string[];
  /** Scalar leaves: the compiled condition, also used for min/max pruning. */
  condition?: CompiledCondition;
  /** List columns: a row predicate per batch, undefined when the batch lacks the column (no statistics, no pruning). */
  rows?: (batch: RecordBatch) => ((i: number) => boolean) | undefined;
}

/** How badly a condition failed to bind (the best error is reported). */
export type BindFailure = { rank: 0 | 1 | 2; error: ConnectError };

/**
 * Binds one condition to a schema. Failure ranks: 0 unknown path, 1 not a
 * queryable leaf, 2 wrong value type / operator for the column.
 */
export function bindCondition(schema: Schema, c: OntologyCondition): ColumnCondition | BindFailure {
  if (c.fieldPath.list) return bindListCondition(schema, c);
  const segments = [...c.fieldPath.segments];
  const field = walkFields(schema.fields, segments, c);
  if (isWalkFailure(field)) return field;
  if (isListType(field.type)) return bindListCondition(schema, c, field);
  const type = fieldType(field.type);
  if (type === undefined) {
    const detail =
      field.type.typeId === Type.Struct
        ? `is a struct; query one of its fields (${(field.type.children as Field[]).map((f) => `${c.path}.${f.name}`).join(", ")})`
        : `has type ${String(field.type)}, which cannot be queried`;
    return { rank: 1, error: badField(c.raw.field, `bad ontology field: \`${c.path}\` ${detail}`) };
  }
  if (Array.isArray(c.raw.value) && (c.raw.op === "$eq" || c.raw.op === "$neq")) {
    return { rank: 2, error: badField(c.raw.field, `\`${c.path}\` is ${String(field.type)}, not a list: ${c.raw.op} takes a single value`) };
  }
  try {
    return { path: c.path, segments, condition: compileCondition(c.raw, type, String(field.type)) };
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

/** The row predicate of one condition over a batch, or undefined when the batch lacks its column. */
function rowTest(batch: RecordBatch, c: ColumnCondition): ((i: number) => boolean) | undefined {
  if (c.rows) return c.rows(batch);
  const chain = leafChain(batch, c.segments);
  if (!chain) return undefined;
  const read = valueReader(chain[chain.length - 1]!);
  const test = c.condition!.test;
  return (i) => validIn(chain, i) && test(read(i));
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
    const test = rowTest(batch, c);
    if (!test) return null;
    const last = k === conditions.length - 1;
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      if (!test(i)) {
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
