/**
 * Field specs -> apache-arrow types. Mirrors what the Python SDK declares with
 * pyarrow (docs/protocol.md §13): list items are nullable fields named `item`, and a
 * topic schema is the `timestamp_ns: int64` envelope followed by the payload
 * fields flattened at top level (§13.1).
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import {
  Binary,
  Bool,
  type DataType,
  Field,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  LargeBinary,
  LargeUtf8,
  List,
  Schema,
  Struct,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
} from "apache-arrow";
import type { FieldMap, FieldSpec, ScalarKind } from "./field-spec.js";

/** Name of the envelope column (docs/protocol.md §13.1, J2+). */
export const TIMESTAMP_COLUMN = "timestamp_ns";

const scalarTypes: Record<ScalarKind, () => DataType> = {
  bool: () => new Bool(),
  int8: () => new Int8(),
  int16: () => new Int16(),
  int32: () => new Int32(),
  int64: () => new Int64(),
  uint8: () => new Uint8(),
  uint16: () => new Uint16(),
  uint32: () => new Uint32(),
  uint64: () => new Uint64(),
  float16: () => new Float16(),
  float32: () => new Float32(),
  float64: () => new Float64(),
  utf8: () => new Utf8(),
  large_utf8: () => new LargeUtf8(),
  binary: () => new Binary(),
  large_binary: () => new LargeBinary(),
};

/** The Arrow type of one spec (nullability lives on the enclosing Field). */
export function arrowTypeOf(spec: FieldSpec): DataType {
  switch (spec.kind) {
    case "struct":
      return structTypeOf(spec.fields);
    case "list":
      return new List(new Field("item", arrowTypeOf(spec.item), true));
    case "fixed_size_list":
      return new FixedSizeList(spec.size, new Field("item", arrowTypeOf(spec.item), true));
    default:
      return scalarTypes[spec.kind]();
  }
}

/** Whether the Arrow field of a spec is nullable. */
export function isArrowNullable(spec: FieldSpec): boolean {
  return ("arrowNullable" in spec && spec.arrowNullable === true) || spec.nullable;
}

/** Arrow fields of a field map, in declaration order. */
export function arrowFieldsOf(fields: FieldMap): Field[] {
  return Object.entries(fields).map(([name, spec]) => new Field(name, arrowTypeOf(spec), isArrowNullable(spec)));
}

/** A field map as an Arrow struct (how a model is embedded in another). */
export function structTypeOf(fields: FieldMap): Struct {
  return new Struct(arrowFieldsOf(fields));
}

/** The topic schema: `timestamp_ns: int64` (non-null) + payload fields. */
export function topicSchemaOf(fields: FieldMap): Schema {
  if (TIMESTAMP_COLUMN in fields) {
    throw new MosaicoError(Code.InvalidArgument, `"${TIMESTAMP_COLUMN}" is the envelope column and cannot be a payload field`);
  }
  return new Schema([new Field(TIMESTAMP_COLUMN, new Int64(), false), ...arrowFieldsOf(fields)]);
}
