/**
 * Record batch -> plain row objects, driven by the batch's own Arrow schema
 * (docs/protocol.md §13.3: the schema the server returns is the truth). Works for any
 * topic, modeled or not; models only add a compatibility check and a type.
 *
 * Conventions: null values are left out of objects (so nullable fields are
 * absent properties); null list items stay `null`; int64/uint64 are bigint;
 * binary values are Uint8Array views into the batch's buffers (copy them with
 * `.slice()` to keep them beyond the batch).
 */
import { type DataType, type RecordBatch, type Schema, Type } from "apache-arrow";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { TIMESTAMP_COLUMN } from "./arrow-types.js";
import type { FieldMap } from "./field-spec.js";

/** A row of a topic without a local model: the envelope plus any columns. */
export type UnmodeledRow = { timestamp_ns: bigint } & Record<string, unknown>;

type Convert = (value: unknown) => unknown;

const identity: Convert = (value) => value;

function converterOf(type: DataType): Convert {
  switch (type.typeId) {
    case Type.Struct: {
      const children = type.children.map((f) => [f.name, converterOf(f.type)] as const);
      return (value) => {
        const row = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [name, convert] of children) {
          const v = row[name];
          if (v !== null && v !== undefined) out[name] = convert(v);
        }
        return out;
      };
    }
    case Type.List:
    case Type.LargeList:
    case Type.FixedSizeList: {
      const item = converterOf(type.children[0]!.type);
      return (value) => Array.from(value as Iterable<unknown>, (v) => (v === null || v === undefined ? null : item(v)));
    }
    case Type.Map: {
      const valueType = (type.children[0]!.type as DataType).children[1]!.type;
      const convert = converterOf(valueType);
      return (value) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of value as Iterable<[unknown, unknown]>) out[String(k)] = v === null ? null : convert(v);
        return out;
      };
    }
    default:
      return identity;
  }
}

function rowConverter(batch: RecordBatch): (index: number) => Record<string, unknown> {
  const columns = batch.schema.fields.map((f, i) => [f.name, batch.getChildAt(i)!, converterOf(f.type)] as const);
  return (index) => {
    const out: Record<string, unknown> = {};
    for (const [name, vector, convert] of columns) {
      const v = vector.get(index);
      if (v !== null && v !== undefined) out[name] = convert(v);
    }
    return out;
  };
}

/**
 * Iterates the rows of any topic batch as plain objects, following the batch's
 * own schema: null values are absent keys, int64/uint64 are bigint, binary
 * values are views into the batch (`.slice()` them to keep them).
 */
export function* iterateRows(batch: RecordBatch): IterableIterator<UnmodeledRow> {
  const convert = rowConverter(batch);
  for (let i = 0; i < batch.numRows; i++) yield convert(i) as UnmodeledRow;
}

/**
 * Reads all rows of any topic batch as plain objects (the "unmodeled" path);
 * same conventions as `iterateRows`.
 *
 * @example
 * ```ts
 * for await (const batch of reader) {
 *   for (const row of readRows(batch)) console.log(row.timestamp_ns, row);
 * }
 * ```
 */
export function readRows(batch: RecordBatch): UnmodeledRow[] {
  return Array.from(iterateRows(batch));
}

function missing(modelName: string, path: string, detail: string): MosaicoError {
  return new MosaicoError(
    Code.InvalidArgument,
    `the batch does not fit the ${modelName} model: ${path} ${detail}; read it with readRows() or the model of its ontology tag`,
  );
}

function checkFields(fields: FieldMap, actual: ReadonlyArray<{ name: string; type: DataType }>, prefix: string, modelName: string): void {
  for (const [name, spec] of Object.entries(fields)) {
    const found = actual.find((f) => f.name === name);
    const path = `${prefix}${name}`;
    if (!found) {
      if (!spec.nullable) throw missing(modelName, path, "is missing");
      continue;
    }
    if (spec.kind === "struct") {
      if (found.type.typeId !== Type.Struct) throw missing(modelName, path, `is ${String(found.type)}, not a struct`);
      checkFields(spec.fields, found.type.children, `${path}.`, modelName);
    }
  }
}

/**
 * Checks that a batch schema can be read as a model: the envelope column and
 * every non-nullable field (recursively) exist. Field order does not matter
 * (docs/protocol.md §13.1: match by name).
 */
export function assertSchemaFits(schema: Schema, fields: FieldMap, modelName: string): void {
  if (!schema.fields.some((f) => f.name === TIMESTAMP_COLUMN)) throw missing(modelName, TIMESTAMP_COLUMN, "is missing");
  checkFields(fields, schema.fields, "", modelName);
}
