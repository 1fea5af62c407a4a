/**
 * Ontology models of mosaico-web (docs/protocol.md §13): declare a sensor model once
 * and get its Arrow topic schema, sample type, record-batch codec and typed
 * `.Q` query proxy. Built-in models mirror the Python SDK.
 *
 * @example
 * ```ts
 * import { IMU, unitOf, type RowOf } from "mosaico-web";
 *
 * const batch = IMU.toRecordBatch([
 *   { timestamp_ns: 1767225600000000001n,
 *     acceleration: { x: 0.1, y: 0, z: 9.81 },
 *     angular_velocity: { x: 0, y: 0, z: 0.2 } },
 * ]);
 * const rows: RowOf<typeof IMU>[] = IMU.fromRecordBatch(batch);
 * const hard = IMU.Q.acceleration.x.gt(5); // {"imu.acceleration.x": {"$gt": 5}}
 * const axis = unitOf(IMU.tag, "acceleration.x"); // "m/s²"
 * ```
 */
export { defineOntology, tagFromName } from "./define-ontology.js";
export type {
  OntologyModel,
  OntologyModelBase,
  OntologyOptions,
  RowInputOf,
  RowInputOfFields,
  RowOf,
  RowOfFields,
  SampleOf,
} from "./define-ontology.js";
export { field } from "./field-spec.js";
export type { FieldMap, FieldSpec, FixedListSpec, ListSpec, ScalarKind, ScalarSpec, StructSpec } from "./field-spec.js";
export type { SampleInputOfFields, SampleOfFields, ScalarValue, TimestampEnvelope, ValueOf } from "./sample-types.js";
export { CovarianceMixin, HeaderMixin, TimeStruct, VarianceMixin } from "./mixins.js";
export { TIMESTAMP_COLUMN, arrowTypeOf, structTypeOf, topicSchemaOf } from "./arrow-types.js";
export { readRows, iterateRows, assertSchemaFits } from "./row-reader.js";
export type { UnmodeledRow } from "./row-reader.js";
export { ontologyByTag, isModeledTag, registerOntology, listOntologies, builtinTags } from "./registry.js";
export { unitOf } from "./unit-of.js";
export type { UnitMap } from "./units.js";
export { compressedImageToBlob, compressedImageToBitmap, imageMimeType } from "./image-helpers.js";
export type { EncodedImageSample } from "./image-helpers.js";
export { rawImageToRgba } from "./raw-image.js";
export type { QueryProxy, ModelQueryProxy, QueryNode, LeafOps, LeafValue, ListNode, ElementNode, ElementProxy } from "./query-proxy.js";
export type { RawImageSample, RgbaImage } from "./raw-image.js";
export * from "./builtins/index.js";
