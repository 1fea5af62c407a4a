/**
 * Walking Arrow schemas and record batches: the numeric leaves a plot can
 * show (struct paths such as `acceleration.x`), and their values per batch,
 * with nulls (also a null parent struct) kept as gaps.
 */
import { DataType, type Field, type RecordBatch, type Schema, type Vector } from "apache-arrow";

export interface LeafField {
  /** Struct path from the top level, e.g. ["acceleration", "x"]. */
  path: string[];
  /** `acceleration.x` (also the ontology query path after the tag). */
  label: string;
  type: string;
}

function isPlottable(field: Field): boolean {
  return DataType.isFloat(field.type) || DataType.isInt(field.type) || DataType.isDecimal(field.type);
}

/** Numeric leaves of a schema, in schema order, without `timestamp_ns`. */
export function numericLeaves(schema: Schema): LeafField[] {
  const out: LeafField[] = [];
  const walk = (fields: Field[], prefix: string[]) => {
    for (const field of fields) {
      const path = [...prefix, field.name];
      if (DataType.isStruct(field.type)) walk(field.type.children, path);
      else if (isPlottable(field) && path.join(".") !== "timestamp_ns") out.push({ path, label: path.join("."), type: String(field.type) });
    }
  };
  walk(schema.fields, []);
  return out;
}

/** Leaves worth plotting first: not the header or covariance mixins. */
export function isSignalLeaf(leaf: LeafField): boolean {
  return !leaf.path.some((p) => p === "header" || p.startsWith("covariance") || p.startsWith("variance"));
}

const PREFERRED_GROUPS = ["acceleration", "linear", "force", "velocity", "data", "position", "angular_velocity", "value"];

/** A sensible first selection: the leaves of the most telling group. */
export function defaultLeaves(leaves: LeafField[]): string[] {
  const signals = leaves.filter(isSignalLeaf);
  const group = (l: LeafField) => (l.path.length > 1 ? l.path[0]! : l.label);
  for (const name of PREFERRED_GROUPS) {
    const picked = signals.filter((l) => group(l) === name);
    if (picked.length) return picked.slice(0, 4).map((l) => l.label);
  }
  const first = signals[0];
  return first ? signals.filter((l) => group(l) === group(first)).slice(0, 4).map((l) => l.label) : [];
}

/** The vectors along a path (parent structs first), or undefined when the batch lacks it. */
function vectorsAlong(batch: RecordBatch, path: string[]): Vector[] | undefined {
  const chain: Vector[] = [];
  let vector: Vector | null = batch.getChild(path[0]!);
  if (!vector) return undefined;
  chain.push(vector);
  for (const name of path.slice(1)) {
    vector = vector.getChild(name);
    if (!vector) return undefined;
    chain.push(vector);
  }
  return chain;
}

/** Values of a numeric leaf in one batch; null where the value or a parent struct is null. */
export function leafValues(batch: RecordBatch, path: string[]): (number | null)[] {
  const chain = vectorsAlong(batch, path);
  if (!chain) return new Array(batch.numRows).fill(null);
  const leaf = chain[chain.length - 1]!;
  const raw = leaf.toArray() as ArrayLike<number | bigint>;
  const out = new Array<number | null>(batch.numRows);
  const nullable = chain.some((v) => v.nullCount > 0);
  for (let i = 0; i < batch.numRows; i++) {
    if (nullable && !chain.every((v) => v.isValid(i))) out[i] = null;
    else out[i] = Number(raw[i]);
  }
  return out;
}

/** `timestamp_ns` of a batch as exact bigints. */
export function timestamps(batch: RecordBatch): BigInt64Array {
  const column = batch.getChild("timestamp_ns");
  if (!column) throw new Error("the batch has no timestamp_ns column");
  return column.toArray() as BigInt64Array;
}

/** Seconds since `base` for each timestamp (bigint subtraction first, then a double). */
export function secondsColumn(batch: RecordBatch, base: bigint): number[] {
  const ts = timestamps(batch);
  const out = new Array<number>(ts.length);
  for (let i = 0; i < ts.length; i++) out[i] = Number(ts[i]! - base) / 1e9;
  return out;
}

/** True when the schema looks like an encoded image (CompressedImage, Image). */
export function isImageSchema(schema: Schema | undefined, tag?: string): boolean {
  if (tag === "compressed_image" || tag === "image") return true;
  const data = schema?.fields.find((f) => f.name === "data");
  return !!data && DataType.isBinary(data.type) && schema!.fields.some((f) => f.name === "format");
}
