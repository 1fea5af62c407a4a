/**
 * Per-chunk statistics of every leaf column (docs/protocol.md §5.3: mosaicod computes
 * them for its query engine to skip chunks). Leaf paths are the field names
 * joined with `.` through structs (`acceleration.x`); lists, maps, unions,
 * binary and dictionary columns are not descended into and get no entry.
 *
 *   numeric leaves (ints, floats, bool):  {min, max, null_count, nan_count}
 *   textual leaves (Utf8, LargeUtf8):     {min, max}
 *   temporal leaves (Date, Time, Timestamp): {min, max} as raw integers in the
 *     column's unit (mosaicod groups them with the textual ones)
 *
 * min/max ignore nulls and NaN and are null when no value qualifies. A row
 * whose parent struct is null counts as null for every leaf below it. Int64
 * values stay bigint (exact in the JSON text); strings compare by code point
 * (= UTF-8 byte order, as in Rust).
 */
import { makeVector, Type, type Data, type Field, type RecordBatch, type Schema } from "apache-arrow";
import { stringifyJson, type JsonObject } from "../../src/protocol/index.js";

type Scalar = bigint | number | string | boolean;
type Kind = "numeric" | "text" | "temporal";

export interface LeafStats {
  min: Scalar | null;
  max: Scalar | null;
  null_count?: number;
  nan_count?: number;
}

/** A leaf column: its path and how to reach it from a batch's top-level column. */
interface Leaf {
  path: string;
  kind: Kind;
  /** Indexes from the top-level column index down to the leaf. */
  indexes: number[];
}

function leafKind(field: Field): Kind | undefined {
  switch (field.type.typeId) {
    case Type.Int:
    case Type.Float:
    case Type.Bool:
      return "numeric";
    case Type.Utf8:
    case Type.LargeUtf8:
      return "text";
    case Type.Date:
    case Type.Time:
    case Type.Timestamp:
      return "temporal";
    default:
      return undefined;
  }
}

function collectLeaves(fields: readonly Field[], prefix: string, indexes: number[], out: Leaf[]): void {
  fields.forEach((field, i) => {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    // A dictionary-encoded field reports its value type; skip it (no stats).
    if (field.type.typeId === Type.Dictionary) return;
    if (field.type.typeId === Type.Struct) {
      collectLeaves(field.type.children as Field[], path, [...indexes, i], out);
      return;
    }
    const kind = leafKind(field);
    if (kind) out.push({ path, kind, indexes: [...indexes, i] });
  });
}

/** Orders code points (UTF-8 byte order), unlike `<` on UTF-16 code units. */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort above U+E000..U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function less(a: Scalar, b: Scalar): boolean {
  if (typeof a === "string" && typeof b === "string") return compareText(a, b) < 0;
  return a < b;
}

class LeafAccumulator {
  min: Scalar | null = null;
  max: Scalar | null = null;
  nulls = 0;
  nans = 0;

  constructor(readonly leaf: Leaf) {}

  add(batch: RecordBatch): void {
    // The chain of Data from the top-level column to the leaf: a row is null
    // for the leaf if any level is null there.
    const chain: Data[] = [];
    let data: Data = batch.data.children[this.leaf.indexes[0]!]!;
    chain.push(data);
    for (const index of this.leaf.indexes.slice(1)) {
      data = data.children[index]!;
      chain.push(data);
    }
    const nullable = chain.filter((d) => d.nullCount > 0);
    const read = valueReader(data);
    for (let i = 0; i < data.length; i++) {
      if (nullable.length > 0 && !nullable.every((d) => d.getValid(i))) {
        this.nulls++;
        continue;
      }
      const value = read(i);
      if (typeof value === "number" && Number.isNaN(value)) {
        this.nans++;
        continue;
      }
      if (this.min === null || less(value, this.min)) this.min = value;
      if (this.max === null || less(this.max, value)) this.max = value;
    }
  }

  result(): LeafStats {
    if (this.leaf.kind === "numeric") {
      return { min: this.min, max: this.max, null_count: this.nulls, nan_count: this.nans };
    }
    return { min: this.min, max: this.max };
  }
}

/** Reads value `i` of a leaf (exact: raw storage for 64-bit and temporal types). */
function valueReader(data: Data): (i: number) => Scalar {
  const typeId = data.type.typeId;
  const rawTypes = [Type.Int, Type.Date, Type.Time, Type.Timestamp];
  const isHalfFloat = typeId === Type.Float && (data.type as { precision?: number }).precision === 0;
  if (rawTypes.includes(typeId) || (typeId === Type.Float && !isHalfFloat)) {
    // Fixed-width buffers of a sliced Data already start at its first row.
    const values = data.values as ArrayLike<number | bigint>;
    const stride = data.stride || 1;
    return (i) => values[i * stride]!;
  }
  // Bool (bit-packed), half floats and strings: through a one-chunk Vector.
  const vector = makeVector(data);
  return (i) => vector.get(i) as Scalar;
}

/** Accumulates the statistics of one chunk over its batches. */
export class ChunkStatistics {
  private readonly accumulators: LeafAccumulator[];

  constructor(schema: Schema) {
    const leaves: Leaf[] = [];
    collectLeaves(schema.fields, "", [], leaves);
    this.accumulators = leaves.map((leaf) => new LeafAccumulator(leaf));
  }

  add(batch: RecordBatch): void {
    for (const accumulator of this.accumulators) accumulator.add(batch);
  }

  /** Statistics of one leaf (e.g. `timestamp_ns`), if it has any. */
  leaf(path: string): LeafStats | undefined {
    return this.accumulators.find((a) => a.leaf.path === path)?.result();
  }

  toJson(): JsonObject {
    const out: JsonObject = {};
    for (const accumulator of this.accumulators) {
      out[accumulator.leaf.path] = accumulator.result() as unknown as JsonObject;
    }
    return out;
  }

  toJsonText(): string {
    return stringifyJson(this.toJson());
  }
}
