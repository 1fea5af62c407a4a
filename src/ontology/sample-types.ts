/**
 * Type-level derivation of plain sample objects from field specs.
 *
 * Two views of the same shape: what the SDK returns when reading (nullable
 * fields are optional properties, absent when null) and what it accepts when
 * writing (optional properties may also be `null`). 64-bit integers are
 * `bigint` in both: nanosecond timestamps do not fit a double (§12.4).
 */
import type { FieldMap, FixedListSpec, ListSpec, ScalarKind, ScalarSpec, StructSpec } from "./field-spec.js";

/** Flattens intersections so that editor tooltips show one object. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The JavaScript value of an Arrow leaf type. */
export type ScalarValue<K extends ScalarKind> = K extends "bool"
  ? boolean
  : K extends "int64" | "uint64"
    ? bigint
    : K extends "utf8" | "large_utf8"
      ? string
      : K extends "binary" | "large_binary"
        ? Uint8Array
        : number;

type Mode = "read" | "write";

type Element<S, M extends Mode> = S extends { readonly nullable: true } ? ValueOf<S, M> | null : ValueOf<S, M>;

/** The value of one field (without its nullability). */
export type ValueOf<S, M extends Mode = "read"> =
  S extends StructSpec<infer F, boolean>
    ? ObjectOf<F, M>
    : S extends ListSpec<infer I, boolean>
      ? Array<Element<I, M>>
      : S extends FixedListSpec<infer I, boolean>
        ? Array<Element<I, M>>
        : S extends ScalarSpec<infer K, boolean>
          ? ScalarValue<K>
          : never;

type RequiredKeys<F> = { [K in keyof F]: F[K] extends { readonly nullable: true } ? never : K }[keyof F];
type OptionalKeys<F> = Exclude<keyof F, RequiredKeys<F>>;

/** A struct's plain object: nullable fields are optional properties. */
export type ObjectOf<F extends FieldMap, M extends Mode = "read"> = Simplify<
  { [K in RequiredKeys<F>]: ValueOf<F[K], M> } & {
    [K in OptionalKeys<F>]?: M extends "write" ? ValueOf<F[K], M> | null : ValueOf<F[K], M>;
  }
>;

/** Payload object as read back from a record batch (nulls are absent keys). */
export type SampleOfFields<F extends FieldMap> = ObjectOf<F, "read">;

/** Payload object as accepted by the encoder (optional fields may be null). */
export type SampleInputOfFields<F extends FieldMap> = ObjectOf<F, "write">;

/** The indexing timestamp every row carries (docs/protocol.md §13.1 envelope). */
export interface TimestampEnvelope {
  /** Nanoseconds on the sequence's indexing clock. */
  timestamp_ns: bigint;
}
