/**
 * Mixins of the Python SDK (docs/protocol.md §13.1): field groups appended after a
 * model's own fields. They are part of the struct wherever the model goes, so
 * an embedded Vector3d carries `header`, `covariance` and `covariance_type`.
 */
import { field } from "./field-spec.js";

/** Measurement time as `{ seconds: int64, nanoseconds: uint64 }` (J2+ `Time`). */
export const TimeStruct = field.struct({
  seconds: field.int64(),
  nanoseconds: field.uint64(),
});

/**
 * `header: { timestamp?: Time, frame_id?: utf8, sample_counter?: uint64 }?`,
 * the sensor-side time and frame (J2+ HeaderMixin).
 */
export const HeaderMixin = {
  header: field.optional(
    field.struct({
      timestamp: field.optional(TimeStruct),
      frame_id: field.optional(field.utf8()),
      sample_counter: field.optional(field.uint64()),
    }),
  ),
};

/** `covariance: list<float64>?` (flattened matrix) and `covariance_type: int16?`. */
export const CovarianceMixin = {
  covariance: field.optional(field.list(field.float64())),
  covariance_type: field.optional(field.int16()),
};

/** `variance: float64?` and `variance_type: int16?` (J2+ VarianceMixin). */
export const VarianceMixin = {
  variance: field.optional(field.float64()),
  variance_type: field.optional(field.int16()),
};
