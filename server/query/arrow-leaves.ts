/**
 * Reading the leaves the query engine tests from Arrow record batches:
 * which Arrow types are queryable (and as what), exact raw values, and the
 * chain of Data from a top-level column down through struct children.
 */
import { makeVector, Type, type Data, type DataType, type Field, type RecordBatch } from "apache-arrow";
import type { FieldType } from "./conditions.js";
import type { Scalar } from "./values.js";

/** The condition domain of a leaf type, or undefined when it cannot be queried. */
export function fieldType(type: DataType): FieldType | undefined {
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

/** Reads value `i` of a leaf, exactly (raw storage for fixed-width types, as column-stats does). */
export function valueReader(data: Data): (i: number) => Scalar {
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

/** The Data of `names` below `data` (struct children by name), `data` first; undefined if absent. */
export function childChain(data: Data, names: readonly string[]): Data[] | undefined {
  const chain = [data];
  let node = data;
  for (const name of names) {
    const index = ((node.type.children ?? []) as Field[]).findIndex((f) => f.name === name);
    const child = index < 0 ? undefined : node.children[index];
    if (!child) return undefined;
    chain.push(child);
    node = child;
  }
  return chain;
}

/** The chain of Data from the top-level column down to the leaf, or undefined if absent. */
export function leafChain(batch: RecordBatch, segments: readonly string[]): Data[] | undefined {
  const index = batch.schema.fields.findIndex((f) => f.name === segments[0]);
  const column = index < 0 ? undefined : batch.data.children[index];
  return column && childChain(column, segments.slice(1));
}

/** Whether row `i` is valid in every Data of a chain (a null parent struct nulls its leaves). */
export function validIn(chain: readonly Data[], i: number): boolean {
  return chain.every((d) => d.nullCount === 0 || d.getValid(i));
}
