/**
 * Field specs: the declarative vocabulary an ontology model is written in.
 *
 * A spec says what one payload field is on the wire (its Arrow type and
 * nullability); the same spec drives the Arrow schema, the TypeScript sample
 * type, the record-batch encoder and the typed `.Q` query proxy. Specs are
 * plain frozen objects so that models can be compared and embedded freely.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** Arrow leaf types used by Mosaico ontologies (docs/protocol.md §13.3). */
export type ScalarKind =
  | "bool"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "uint8"
  | "uint16"
  | "uint32"
  | "uint64"
  | "float16"
  | "float32"
  | "float64"
  | "utf8"
  | "large_utf8"
  | "binary"
  | "large_binary";

/** A leaf field: `{ kind: "float64", nullable: false }`. */
export interface ScalarSpec<K extends ScalarKind = ScalarKind, N extends boolean = boolean> {
  /** The Arrow leaf type. */
  readonly kind: K;
  /** Whether values may be null (`field.optional`): an optional property in samples, `null` as a list item. */
  readonly nullable: N;
  /**
   * Nullable in the Arrow schema although samples must carry a value (see
   * `field.wireNullable`). Absent means "same as `nullable`".
   */
  readonly arrowNullable?: boolean;
}

/** A variable-length list (`list<item>`); Arrow item fields are named `item`. */
export interface ListSpec<I extends FieldSpec = FieldSpec, N extends boolean = boolean> {
  /** Discriminant of list specs. */
  readonly kind: "list";
  /** Spec of each item. */
  readonly item: I;
  /** Whether values may be null (`field.optional`): an optional property in samples, `null` as a list item. */
  readonly nullable: N;
}

/** A fixed-size list (`fixed_size_list<item>[size]`), e.g. a 3x3 matrix. */
export interface FixedListSpec<I extends FieldSpec = FieldSpec, N extends boolean = boolean> {
  /** Discriminant of fixed-size list specs. */
  readonly kind: "fixed_size_list";
  /** Spec of each item. */
  readonly item: I;
  /** Exact number of items every value has. */
  readonly size: number;
  /** Whether values may be null (`field.optional`): an optional property in samples, `null` as a list item. */
  readonly nullable: N;
}

/** A struct with named children. */
export interface StructSpec<F extends FieldMap = FieldMap, N extends boolean = boolean> {
  /** Discriminant of struct specs. */
  readonly kind: "struct";
  /** The children, in schema order. */
  readonly fields: F;
  /** Whether values may be null (`field.optional`): an optional property in samples, `null` as a list item. */
  readonly nullable: N;
}

/** Any field spec. */
export type FieldSpec = ScalarSpec | ListSpec<any> | FixedListSpec<any> | StructSpec<any>;

/** Named fields, in schema order. */
export type FieldMap = { readonly [name: string]: FieldSpec };

function scalar<K extends ScalarKind>(kind: K): () => ScalarSpec<K, false> {
  return () => Object.freeze({ kind, nullable: false as const });
}

function optional<K extends ScalarKind>(spec: ScalarSpec<K, boolean>): ScalarSpec<K, true>;
function optional<I extends FieldSpec>(spec: ListSpec<I, boolean>): ListSpec<I, true>;
function optional<I extends FieldSpec>(spec: FixedListSpec<I, boolean>): FixedListSpec<I, true>;
function optional<F extends FieldMap>(spec: StructSpec<F, boolean>): StructSpec<F, true>;
function optional(spec: FieldSpec): FieldSpec {
  return Object.freeze({ ...spec, nullable: true });
}

/**
 * Factories for field specs. Every factory returns a non-nullable spec; wrap
 * it in `field.optional(...)` to make the field nullable (an optional property
 * of the sample type).
 *
 * @example
 * ```ts
 * const fields = {
 *   value: field.float64(),
 *   label: field.optional(field.utf8()),
 *   samples: field.list(field.float32()),
 *   offset: field.model(Vector3d),
 * };
 * ```
 */
export const field = {
  /** Arrow `bool`; a boolean in samples. */
  bool: scalar("bool"),
  /** Arrow `int8`; a number in samples. */
  int8: scalar("int8"),
  /** Arrow `int16`; a number in samples. */
  int16: scalar("int16"),
  /** Arrow `int32`; a number in samples. */
  int32: scalar("int32"),
  /** Arrow `int64`; a bigint in samples. */
  int64: scalar("int64"),
  /** Arrow `uint8`; a number in samples. */
  uint8: scalar("uint8"),
  /** Arrow `uint16`; a number in samples. */
  uint16: scalar("uint16"),
  /** Arrow `uint32`; a number in samples. */
  uint32: scalar("uint32"),
  /** Arrow `uint64`; a bigint in samples. */
  uint64: scalar("uint64"),
  /** Arrow `float16` (half precision); a number in samples. */
  float16: scalar("float16"),
  /** Arrow `float32`; a number in samples. */
  float32: scalar("float32"),
  /** Arrow `float64`; a number in samples. */
  float64: scalar("float64"),
  /** Arrow `utf8` (32-bit offsets); a string in samples. */
  utf8: scalar("utf8"),
  /** Arrow `large_utf8` (64-bit offsets, for columns beyond 2 GiB); a string in samples. */
  largeUtf8: scalar("large_utf8"),
  /** Arrow `binary` (32-bit offsets); a Uint8Array in samples. */
  binary: scalar("binary"),
  /** Arrow `large_binary` (64-bit offsets); a Uint8Array in samples. */
  largeBinary: scalar("large_binary"),
  /** `list<item>`; items are non-null unless `item` is optional. */
  list<I extends FieldSpec>(item: I): ListSpec<I, false> {
    return Object.freeze({ kind: "list" as const, item, nullable: false as const });
  },
  /** `fixed_size_list<item>[size]`; samples must carry exactly `size` items. */
  fixedList<I extends FieldSpec>(item: I, size: number): FixedListSpec<I, false> {
    if (!Number.isInteger(size) || size <= 0) throw new MosaicoError(Code.InvalidArgument, `fixed list size must be a positive integer, got ${size}`);
    return Object.freeze({ kind: "fixed_size_list" as const, item, size, nullable: false as const });
  },
  /** A nested struct. */
  struct<F extends FieldMap>(fields: F): StructSpec<F, false> {
    return Object.freeze({ kind: "struct" as const, fields: Object.freeze({ ...fields }), nullable: false as const });
  },
  /**
   * Embeds another model's payload as a struct, mixins included (protocol
   * §13.1: `IMU.acceleration` carries Vector3d's `covariance` and `header`).
   */
  model<F extends FieldMap>(model: { readonly fields: F }): StructSpec<F, false> {
    return Object.freeze({ kind: "struct" as const, fields: model.fields, nullable: false as const });
  },
  /** Makes a spec nullable. */
  optional,
  /**
   * A leaf that is nullable in the Arrow schema but required in samples: the
   * Python SDK declares the components of reusable geometry structs this way
   * so that an absent optional struct round-trips through Parquet as null
   * (docs/protocol.md §13.1). Readers still get `x: number`, as in Python.
   */
  wireNullable<K extends ScalarKind>(spec: ScalarSpec<K, false>): ScalarSpec<K, false> {
    return Object.freeze({ ...spec, arrowNullable: true });
  },
};
