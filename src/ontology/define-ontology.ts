/**
 * `defineOntology`: declare a sensor model once and derive its Arrow schema,
 * sample type, record-batch codec and typed `.Q` query proxy from it.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { RecordBatch, Schema, Struct } from "apache-arrow";
import type { SerializationFormat } from "../protocol/serialization-format.js";
import { buildQueryProxy, type ModelQueryProxy } from "./query-proxy.js";
import { structTypeOf, topicSchemaOf } from "./arrow-types.js";
import type { FieldMap } from "./field-spec.js";
import { assertSchemaFits, iterateRows, type UnmodeledRow } from "./row-reader.js";
import { encodeSamples } from "./sample-encoder.js";
import type { SampleInputOfFields, SampleOfFields, Simplify, TimestampEnvelope } from "./sample-types.js";
import { checkUnits, type UnitMap } from "./units.js";

/** One row as read back: `{ timestamp_ns, ...payload }`. */
export type RowOfFields<F extends FieldMap> = Simplify<TimestampEnvelope & SampleOfFields<F>>;
/** One row as accepted by `toRecordBatch` (optional fields may be null). */
export type RowInputOfFields<F extends FieldMap> = Simplify<TimestampEnvelope & SampleInputOfFields<F>>;

/** What every model offers, independent of its fields (registry, generic code). */
export interface OntologyModelBase {
  /** Class name as in the Python SDK (`IMU`). */
  readonly name: string;
  /** Ontology tag stored by the server and used as query prefix (`imu`). */
  readonly tag: string;
  /** Storage strategy declared at `topic_create` (docs/protocol.md §13.1). */
  readonly serializationFormat: SerializationFormat;
  /** Payload fields, mixins included, in schema order. */
  readonly fields: FieldMap;
  /** The payload as an Arrow struct (how it looks when embedded). */
  readonly structType: Struct;
  /** The topic schema: `timestamp_ns: int64` + payload fields flattened. */
  readonly schema: Schema;
  /**
   * Units of numeric fields by dotted path (`{ acceleration: "m/s²" }`); empty
   * when none are stated. Client-side only: never part of `schema`. Look one
   * up with `unitOf(tag, path)`.
   */
  readonly units: UnitMap;
  /** The typed query proxy (see `OntologyModel.Q`). */
  readonly Q: object;
  /** Encodes samples into one RecordBatch with exactly `schema`; throws INVALID_ARGUMENT on bad values. */
  toRecordBatch(samples: readonly object[]): RecordBatch;
  /** Decodes all rows of a batch of this model's topic (checks required fields first). */
  fromRecordBatch(batch: RecordBatch): UnmodeledRow[];
  /** Iterates the rows of a batch of this model's topic. */
  rows(batch: RecordBatch): IterableIterator<UnmodeledRow>;
}

/** A sensor model with its derived schema, codec and query proxy. */
export interface OntologyModel<Tag extends string = string, F extends FieldMap = FieldMap> extends OntologyModelBase {
  readonly tag: Tag;
  readonly fields: F;
  /**
   * Typed condition builders: `IMU.Q.acceleration.x.gt(5)` ->
   * `{"imu.acceleration.x": {"$gt": 5}}`. Includes `timestamp_ns`.
   */
  readonly Q: ModelQueryProxy<Tag, F>;
  /** Encodes samples into one RecordBatch with exactly `schema`; throws INVALID_ARGUMENT on bad values. */
  toRecordBatch(samples: ReadonlyArray<RowInputOfFields<F>>): RecordBatch;
  /** Decodes all rows of a batch of this model's topic (checks required fields first). */
  fromRecordBatch(batch: RecordBatch): Array<RowOfFields<F>>;
  /** Iterates the rows of a batch of this model's topic. */
  rows(batch: RecordBatch): IterableIterator<RowOfFields<F>>;
}

/** The sample (payload) type of a model: `SampleOf<typeof IMU>`. */
export type SampleOf<M extends OntologyModelBase> = M extends OntologyModel<string, infer F> ? SampleOfFields<F> : never;
/** A read row of a model: `{ timestamp_ns: bigint } & SampleOf<M>`. */
export type RowOf<M extends OntologyModelBase> = M extends OntologyModel<string, infer F> ? RowOfFields<F> : never;
/** What `M.toRecordBatch` accepts per row. */
export type RowInputOf<M extends OntologyModelBase> = M extends OntologyModel<string, infer F> ? RowInputOfFields<F> : never;

type MergeMixins<M extends readonly FieldMap[]> = M extends readonly [infer H extends FieldMap, ...infer T extends readonly FieldMap[]]
  ? H & MergeMixins<T>
  : unknown;

/** Options of `defineOntology`. */
export interface OntologyOptions<Tag extends string, F extends FieldMap, M extends readonly FieldMap[]> {
  /** Class name, as the Python SDK spells it (`GPSStatus`). */
  name: string;
  /** Ontology tag; default `tagFromName(name)` (`GPSStatus` -> `gps_status`). */
  tag?: Tag;
  /** Default `"default"`; `"image"` for large blobs, `"ragged"` for variable-length lists. */
  serializationFormat?: SerializationFormat;
  /** The model's own fields, in schema order. */
  fields: F;
  /** Field groups appended after `fields` (HeaderMixin, CovarianceMixin, ...). */
  mixins?: M;
  /**
   * Units of numeric fields by dotted path; a group's unit covers its numeric
   * leaves, not its mixin fields. Default none. Never written to the schema.
   */
  units?: UnitMap;
}

/**
 * The Python SDK's tag rule (`camel_to_snake`): `IMU` -> `imu`,
 * `GPSStatus` -> `gps_status`, `Floating64` -> `floating64`,
 * `Vector3d` -> `vector_3_d`.
 */
export function tagFromName(name: string): string {
  return name
    .replace(/(.)([A-Z][a-z]+)/g, "$1_$2")
    .replace(/([A-z]+)([0-9]+)([A-z]+)/g, "$1_$2_$3")
    .toLowerCase();
}

function mergeFields(name: string, fields: FieldMap, mixins: readonly FieldMap[]): FieldMap {
  const merged: Record<string, FieldMap[string]> = { ...fields };
  for (const mixin of mixins) {
    for (const [key, spec] of Object.entries(mixin)) {
      if (key in merged) throw new MosaicoError(Code.InvalidArgument, `${name}: mixin field "${key}" collides with an existing field`);
      merged[key] = spec;
    }
  }
  return Object.freeze(merged);
}

/**
 * Declares an ontology model.
 *
 * @example
 * ```ts
 * const WheelSpeed = defineOntology({
 *   name: "WheelSpeed",              // tag "wheel_speed"
 *   fields: { left: field.float64(), right: field.float64(), slip: field.optional(field.bool()) },
 *   mixins: [HeaderMixin],
 *   units: { left: "rad/s", right: "rad/s" },
 * });
 * const batch = WheelSpeed.toRecordBatch([{ timestamp_ns: 1n, left: 1.5, right: 1.4 }]);
 * const fast = WheelSpeed.Q.left.gt(10); // {"wheel_speed.left": {"$gt": 10}}
 * type Sample = SampleOf<typeof WheelSpeed>; // { left: number; right: number; slip?: boolean; header?: ... }
 * ```
 */
export function defineOntology<const Tag extends string, F extends FieldMap, const M extends readonly FieldMap[] = []>(
  options: OntologyOptions<Tag, F, M>,
): OntologyModel<Tag, Simplify<F & MergeMixins<M>>> {
  type All = Simplify<F & MergeMixins<M>>;
  const { name } = options;
  const tag = (options.tag ?? tagFromName(name)) as Tag;
  const fields = mergeFields(name, options.fields, options.mixins ?? []) as All;
  const schema = topicSchemaOf(fields);
  let proxy: ModelQueryProxy<Tag, All> | undefined;
  const rows = (batch: RecordBatch): IterableIterator<RowOfFields<All>> => {
    assertSchemaFits(batch.schema, fields, name);
    return iterateRows(batch) as IterableIterator<RowOfFields<All>>;
  };
  const model: OntologyModel<Tag, All> = {
    name,
    tag,
    serializationFormat: options.serializationFormat ?? "default",
    fields,
    structType: structTypeOf(fields),
    schema,
    units: checkUnits(name, fields, options.units ?? {}),
    get Q() {
      proxy ??= buildQueryProxy(tag, fields);
      return proxy;
    },
    toRecordBatch: (samples) => encodeSamples(schema, fields, samples, name),
    fromRecordBatch: (batch) => Array.from(rows(batch)),
    rows: (batch) => rows(batch),
  };
  return Object.freeze(model);
}
