/**
 * Concatenates record batches (or slices of them) into one contiguous batch.
 * apache-arrow has no such kernel (Table.concat only chains chunks), and the
 * data plane needs one to merge small pieces: a chunk file holds one batch,
 * and DoGet merges the pieces it selects up to its batch size.
 *
 * Buffers are copied at the Data level, so every value stays bit-exact
 * (int64, timestamps, NaN payloads). Supported: null, bool, ints, floats,
 * decimals, dates, times, timestamps, intervals, durations, fixed-size
 * binary, (large) utf8/binary, (large) lists, fixed-size lists, maps and
 * structs, nested in any way. Dictionaries, unions and view types are not:
 * canConcat() is false for a schema holding one, and callers then keep the
 * pieces as they are.
 */
import {
  makeData,
  RecordBatch,
  Struct,
  Type,
  type Data,
  type DataType,
  type Field,
  type Schema,
} from "apache-arrow";

const FIXED_WIDTH = new Set<Type>([
  Type.Int,
  Type.Float,
  Type.Decimal,
  Type.Date,
  Type.Time,
  Type.Timestamp,
  Type.Interval,
  Type.Duration,
  Type.FixedSizeBinary,
]);
const VARIABLE_WIDTH = new Set<Type>([Type.Utf8, Type.Binary, Type.LargeUtf8, Type.LargeBinary]);
const WITH_OFFSETS = new Set<Type>([Type.List, Type.LargeList, Type.Map]);

export function canConcatType(type: DataType): boolean {
  const id = type.typeId;
  if (id === Type.Null || id === Type.Bool || FIXED_WIDTH.has(id) || VARIABLE_WIDTH.has(id)) return true;
  if (WITH_OFFSETS.has(id) || id === Type.FixedSizeList || id === Type.Struct) {
    return (type.children as Field[]).every((child) => canConcatType(child.type));
  }
  return false;
}

export function canConcat(schema: Schema): boolean {
  return schema.fields.every((field) => canConcatType(field.type));
}

/** Copies `length` bits from `source` (starting at bit `from`) to `target` at bit `to`. */
function copyBits(target: Uint8Array, to: number, source: Uint8Array | undefined, from: number, length: number): void {
  for (let i = 0; i < length; i++) {
    const bit = source === undefined ? 1 : (source[(from + i) >> 3]! >> ((from + i) & 7)) & 1;
    if (bit) target[(to + i) >> 3]! |= 1 << ((to + i) & 7);
  }
}

function concatBitmaps(parts: readonly Data[], bitmap: (part: Data) => Uint8Array | undefined): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(Math.ceil(length / 8));
  let at = 0;
  for (const part of parts) {
    copyBits(out, at, bitmap(part), part.offset, part.length);
    at += part.length;
  }
  return out;
}

function concatTyped<T extends ArrayLike<unknown> & { subarray(a: number, b: number): T; set(src: T, at: number): void }>(
  make: (n: number) => T,
  slices: readonly T[],
): T {
  const out = make(slices.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const slice of slices) {
    out.set(slice, at);
    at += slice.length;
  }
  return out;
}

type Offsets = Int32Array | BigInt64Array;

/** Rebased offsets of all parts, and the [start, end) value range of each part. */
function concatOffsets(parts: readonly Data[], large: boolean): { offsets: Offsets; ranges: [number, number][] } {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const out = large ? new BigInt64Array(length + 1) : new Int32Array(length + 1);
  const ranges: [number, number][] = [];
  let at = 0;
  let base = 0;
  for (const part of parts) {
    // A sliced Data's offsets buffer starts at its first row (absolute values).
    const offsets = part.valueOffsets as Offsets;
    const start = Number(offsets[0] ?? 0);
    const end = Number(offsets[part.length] ?? start);
    for (let i = 0; i < part.length; i++) {
      const value = base + Number(offsets[i + 1]) - start;
      if (large) (out as BigInt64Array)[at + i + 1] = BigInt(value);
      else (out as Int32Array)[at + i + 1] = value;
    }
    ranges.push([start, end]);
    at += part.length;
    base += end - start;
  }
  return { offsets: out, ranges };
}

function concatData(type: DataType, parts: readonly Data[]): Data {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const nullCount = parts.reduce((n, p) => n + p.nullCount, 0);
  const validity =
    nullCount > 0
      ? { nullCount, nullBitmap: concatBitmaps(parts, (p) => (p.nullCount > 0 ? p.nullBitmap : undefined)) }
      : { nullCount: 0 };
  const id = type.typeId;
  const props = { type, length, ...validity } as Record<string, unknown>;

  if (id === Type.Null) return makeData({ type, length } as never);
  if (id === Type.Bool) {
    return makeData({ ...props, data: concatBitmaps(parts, (p) => p.values as Uint8Array) } as never);
  }
  if (FIXED_WIDTH.has(id)) {
    // A sliced fixed-width Data's values start at its first row.
    const slices = parts.map((p) => (p.values as Uint8Array).subarray(0, p.length * p.stride));
    const Ctor = (parts[0]!.values as Uint8Array).constructor as new (n: number) => Uint8Array;
    return makeData({ ...props, data: concatTyped((n) => new Ctor(n), slices) } as never);
  }
  if (VARIABLE_WIDTH.has(id)) {
    const large = id === Type.LargeUtf8 || id === Type.LargeBinary;
    const { offsets, ranges } = concatOffsets(parts, large);
    const data = concatTyped(
      (n) => new Uint8Array(n),
      parts.map((p, i) => (p.values as Uint8Array).subarray(ranges[i]![0], ranges[i]![1])),
    );
    return makeData({ ...props, valueOffsets: offsets, data } as never);
  }
  if (WITH_OFFSETS.has(id)) {
    const { offsets, ranges } = concatOffsets(parts, id === Type.LargeList);
    const childType = (type.children as Field[])[0]!.type;
    const child = concatData(
      childType,
      parts.map((p, i) => p.children[0]!.slice(ranges[i]![0], ranges[i]![1] - ranges[i]![0])),
    );
    return makeData({ ...props, valueOffsets: offsets, child } as never);
  }
  if (id === Type.FixedSizeList) {
    const size = (type as unknown as { listSize: number }).listSize;
    const childType = (type.children as Field[])[0]!.type;
    const child = concatData(
      childType,
      parts.map((p) => p.children[0]!.slice(0, p.length * size)),
    );
    return makeData({ ...props, child } as never);
  }
  if (id === Type.Struct) {
    const children = (type.children as Field[]).map((field, j) =>
      concatData(
        field.type,
        parts.map((p) => p.children[j]!.slice(0, p.length)),
      ),
    );
    return makeData({ ...props, children } as never);
  }
  throw new TypeError(`cannot concatenate Arrow ${String(type)} columns`);
}

/** One batch with the rows of `batches`, in order (same fields; `schema` is kept). */
export function concatBatches(schema: Schema, batches: readonly RecordBatch[]): RecordBatch {
  if (batches.length === 1) return batches[0]!;
  const length = batches.reduce((n, b) => n + b.numRows, 0);
  const children = schema.fields.map((field, j) =>
    concatData(
      field.type,
      batches.map((b) => b.data.children[j]!),
    ),
  );
  return new RecordBatch(
    schema,
    makeData({ type: new Struct(schema.fields), length, nullCount: 0, children }),
  );
}
