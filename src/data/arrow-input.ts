/**
 * What writers accept as Arrow data: RecordBatches and Tables from any
 * apache-arrow instance, and Arrow IPC bytes.
 *
 * Why: apache-arrow dispatches on `instanceof`, so a Table built by another
 * copy of the library (the CommonJS build beside the ESM one, a nested
 * older version) encodes to garbage through ours. Such objects are rebuilt
 * here as this instance's classes over the same buffers (no copy): the type
 * tree is read by `typeId` and the parameters every Arrow version keeps, and
 * each Data node keeps its buffers. IPC stream or file bytes (what pyarrow,
 * Polars, DuckDB-wasm or any Arrow library writes) are read with
 * `tableFromIPC`. Anything else is the caller's input error: INVALID_ARGUMENT
 * naming the cause and the fix, never DATA_LOSS.
 */
import {
  Binary,
  Bool,
  Data,
  Date_,
  Decimal,
  DenseUnion,
  Dictionary,
  Duration,
  Field,
  FixedSizeBinary,
  FixedSizeList,
  Float,
  Int,
  Interval,
  LargeBinary,
  LargeUtf8,
  List,
  Map_,
  Null,
  DataType,
  RecordBatch,
  Schema,
  SparseUnion,
  Struct,
  Table,
  Time,
  Timestamp,
  Type,
  UnionMode,
  Utf8,
  Vector,
  tableFromIPC,
} from "apache-arrow";
import * as arrow from "apache-arrow";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** Arrow data a writer takes: a RecordBatch or Table (of any apache-arrow copy or supported version), or IPC stream/file bytes. */
export type ArrowInput = RecordBatch | Table | Uint8Array;

/**
 * Types apache-arrow added after 21.1.0, the oldest release of the peer range:
 * read from the namespace so that the import itself works on every release.
 */
const laterTypes = arrow as unknown as Partial<Record<"BinaryView" | "Utf8View" | "LargeList", new (...args: never[]) => DataType>>;

function laterType(name: "BinaryView" | "Utf8View" | "LargeList", column: string, ...args: unknown[]): DataType {
  const Class = laterTypes[name] as (new (...args: unknown[]) => DataType) | undefined;
  if (!Class) throw new ForeignArrowError(`column ${column} is ${name}, which this apache-arrow release does not have (upgrade to 21.2 or later)`);
  return new Class(...args);
}

/** Thrown inside the adopter; becomes INVALID_ARGUMENT with the topic named. */
class ForeignArrowError extends Error {}

type Foreign = Record<string, unknown> & { typeId?: unknown };

const isObject = (value: unknown): value is Foreign => typeof value === "object" && value !== null;

function foreignFields(value: unknown, where: string): Foreign[] {
  if (!Array.isArray(value)) throw new ForeignArrowError(`${where} has no field list`);
  return value as Foreign[];
}

function adoptField(field: Foreign): Field {
  if (typeof field.name !== "string") throw new ForeignArrowError("a field has no name");
  const metadata = field.metadata instanceof Map ? new Map(field.metadata as Map<string, string>) : new Map<string, string>();
  return new Field(field.name, adoptType(field.type, field.name), field.nullable !== false, metadata);
}

function childFields(type: Foreign, name: string): Field[] {
  return foreignFields(type.children, `the type of ${name}`).map(adoptField);
}

/** Rebuilds a DataType of another apache-arrow instance as one of ours. */
function adoptType(value: unknown, name: string): DataType {
  if (!isObject(value) || typeof value.typeId !== "number") throw new ForeignArrowError(`column ${name} has no Arrow type`);
  const t = value as Foreign & Record<string, never>;
  switch (value.typeId as Type) {
    case Type.Null:
      return new Null();
    case Type.Bool:
      return new Bool();
    case Type.Int:
      return new Int(t.isSigned, t.bitWidth);
    case Type.Float:
      return new Float(t.precision);
    case Type.Utf8:
      return new Utf8();
    case Type.LargeUtf8:
      return new LargeUtf8();
    case Type.Utf8View:
      return laterType("Utf8View", name);
    case Type.Binary:
      return new Binary();
    case Type.LargeBinary:
      return new LargeBinary();
    case Type.BinaryView:
      return laterType("BinaryView", name);
    case Type.FixedSizeBinary:
      return new FixedSizeBinary(t.byteWidth);
    case Type.Decimal:
      return new Decimal(t.scale, t.precision, t.bitWidth);
    case Type.Date:
      return new Date_(t.unit);
    case Type.Time:
      return new Time(t.unit, t.bitWidth);
    case Type.Timestamp:
      return new Timestamp(t.unit, t.timezone);
    case Type.Interval:
      return new Interval(t.unit);
    case Type.Duration:
      return new Duration(t.unit);
    case Type.List:
      return new List(childFields(t, name)[0]!);
    case Type.LargeList:
      return laterType("LargeList", name, childFields(t, name)[0]!);
    case Type.FixedSizeList:
      return new FixedSizeList(t.listSize, childFields(t, name)[0]!);
    case Type.Struct:
      return new Struct(childFields(t, name));
    case Type.Map:
      return new Map_(childFields(t, name)[0] as Field<Struct>, t.keysSorted);
    case Type.Union: {
      const typeIds = Array.from(t.typeIds as ArrayLike<number>);
      return t.mode === UnionMode.Dense ? new DenseUnion(typeIds, childFields(t, name)) : new SparseUnion(typeIds, childFields(t, name));
    }
    case Type.Dictionary:
      return new Dictionary(adoptType(t.dictionary, name), adoptType(t.indices, name) as Int as never, t.id, t.isOrdered);
    default:
      throw new ForeignArrowError(`column ${name} has an Arrow type this apache-arrow cannot take (typeId ${String(value.typeId)})`);
  }
}

/** Rebuilds a Data node over the same buffers, with `type` (already adopted) and adopted children. */
function adoptData(value: unknown, type: DataType): Data {
  if (!isObject(value) || typeof value.length !== "number") throw new ForeignArrowError("a column has no Arrow data");
  const d = value as Foreign & Record<string, never>;
  const childTypes: DataType[] =
    type.typeId === Type.Dictionary ? [] : ((type as DataType & { children?: Field[] }).children ?? []).map((f) => f.type);
  const children = (Array.isArray(d.children) ? (d.children as unknown[]) : []).map((child, i) => {
    const childType = childTypes[i];
    if (!childType) throw new ForeignArrowError("a nested column has more children than its type");
    return adoptData(child, childType);
  });
  let dictionary: Vector | undefined;
  if (type.typeId === Type.Dictionary) {
    const vector: unknown = d.dictionary;
    const chunks = isObject(vector) && Array.isArray(vector.data) ? (vector.data as unknown[]) : [];
    dictionary = new Vector(chunks.map((chunk) => adoptData(chunk, (type as Dictionary).dictionary)));
  }
  const buffers = { [0]: d.valueOffsets, [1]: d.values, [2]: d.nullBitmap, [3]: d.typeIds };
  const variadic = Array.isArray(d.variadicBuffers) ? (d.variadicBuffers as Uint8Array[]) : undefined;
  return new Data(type, d.offset, d.length, d.nullCount, buffers as never, children, dictionary, variadic);
}

function adoptSchema(value: unknown): Schema {
  if (!isObject(value)) throw new ForeignArrowError("the data has no schema");
  const metadata = value.metadata instanceof Map ? new Map(value.metadata as Map<string, string>) : new Map<string, string>();
  return new Schema(foreignFields(value.fields, "the schema").map(adoptField), metadata);
}

function adoptBatch(value: Foreign, schema: Schema): RecordBatch {
  return new RecordBatch(schema, adoptData(value.data, new Struct(schema.fields)) as Data<Struct>);
}

/**
 * Whether `value` was built by this apache-arrow instance, down to its column
 * types. Not `instanceof`: since 21.x, Table and RecordBatch answer true for
 * other instances too (Symbol.hasInstance), while the encoder's type visitor
 * still needs our own DataType classes.
 */
function isOwn<T extends RecordBatch | Table>(value: unknown, kind: abstract new (...args: never[]) => T): value is T {
  if (!isObject(value) || !Object.prototype.isPrototypeOf.call(kind.prototype, value)) return false;
  return (value as unknown as T).schema.fields.every((field) => Object.prototype.isPrototypeOf.call(DataType.prototype, field.type));
}

const looksLikeBatch = (value: Foreign): boolean => isObject(value.schema) && isObject(value.data) && typeof value.numRows === "number";
const looksLikeTable = (value: Foreign): boolean => isObject(value.schema) && Array.isArray(value.batches);

function notIpc(topic: string, detail: string, cause?: unknown): MosaicoError {
  return new MosaicoError(
    Code.InvalidArgument,
    `topic ${topic}: the bytes are not a readable Arrow IPC stream or file (${detail}); pass the output of an Arrow IPC writer (e.g. tableToIPC, pyarrow's ipc.new_stream)`,
    { cause },
  );
}

function fromIpcBytes(bytes: Uint8Array, topic: string): RecordBatch[] {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (cause) {
    throw notIpc(topic, cause instanceof Error ? cause.message : String(cause), cause);
  }
  // tableFromIPC reads bytes without a schema message as an empty table.
  if (table.schema.fields.length === 0) throw notIpc(topic, bytes.byteLength === 0 ? "no bytes" : "no schema message");
  return table.batches;
}

/**
 * Whether a push() argument is Arrow data rather than a row: one of our
 * batches or tables, IPC bytes, or an object shaped like another instance's
 * Table or RecordBatch (a schema with fields, and batches or batch data).
 */
export function isArrowInput(value: unknown): boolean {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer || value instanceof RecordBatch || value instanceof Table) return true;
  if (!isObject(value) || !isObject(value.schema) || !Array.isArray(value.schema.fields)) return false;
  return looksLikeTable(value) || looksLikeBatch(value);
}

/**
 * The record batches of a writer's input, as instances of the apache-arrow
 * this SDK runs on: ours as they are, foreign ones rebuilt over their own
 * buffers, IPC bytes decoded.
 *
 * @throws MosaicoError INVALID_ARGUMENT for anything that is not Arrow data.
 */
export function toRecordBatches(input: unknown, topic: string): RecordBatch[] {
  if (isOwn(input, RecordBatch)) return [input];
  if (isOwn(input, Table)) return input.batches;
  if (input instanceof Uint8Array) return fromIpcBytes(input, topic);
  if (input instanceof ArrayBuffer) return fromIpcBytes(new Uint8Array(input), topic);
  if (isObject(input) && (looksLikeTable(input) || looksLikeBatch(input))) {
    try {
      const schema = adoptSchema(input.schema);
      const batches = looksLikeTable(input) ? (input.batches as Foreign[]) : [input];
      return batches.map((batch) => adoptBatch(batch, schema));
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw new MosaicoError(
        Code.InvalidArgument,
        `topic ${topic}: this Arrow data comes from another apache-arrow and cannot be taken over (${detail}); pass it as IPC bytes instead (tableToIPC(table) of the library that made it)`,
        { cause },
      );
    }
  }
  throw new MosaicoError(
    Code.InvalidArgument,
    `topic ${topic}: expected an Arrow RecordBatch or Table, Arrow IPC bytes, or row objects, got ${Object.prototype.toString.call(input)}`,
  );
}
