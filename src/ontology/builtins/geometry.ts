/**
 * Vectors, points, quaternions, poses and transforms (docs/protocol.md §13.3). All
 * carry `header` and the covariance mixin, also when embedded in other models.
 * Components are nullable on the wire (Parquet round trips) but required in
 * samples, as in the Python SDK.
 */
import { defineOntology } from "../define-ontology.js";
import { field } from "../field-spec.js";
import { CovarianceMixin, HeaderMixin } from "../mixins.js";

const mixins = [HeaderMixin, CovarianceMixin] as const;
const component = () => field.wireNullable(field.float64());
const xy = { x: component(), y: component() };
const xyz = { ...xy, z: component() };
const xyzw = { ...xyz, w: component() };

/** `x, y: float64` (tag `vector_2_d`). */
export const Vector2d = defineOntology({ name: "Vector2d", tag: "vector_2_d", fields: xy, mixins });
/** `x, y, z: float64` (tag `vector_3_d`). */
export const Vector3d = defineOntology({ name: "Vector3d", tag: "vector_3_d", fields: xyz, mixins });
/** `x, y, z, w: float64` (tag `vector_4_d`). */
export const Vector4d = defineOntology({ name: "Vector4d", tag: "vector_4_d", fields: xyzw, mixins });
/** A 2D point, structurally a Vector2d (tag `point_2_d`). */
export const Point2d = defineOntology({ name: "Point2d", tag: "point_2_d", fields: xy, mixins });
/** A 3D point, structurally a Vector3d (tag `point_3_d`). */
export const Point3d = defineOntology({ name: "Point3d", tag: "point_3_d", fields: xyz, mixins });
/** A rotation quaternion `x, y, z, w` (tag `quaternion`). */
export const Quaternion = defineOntology({ name: "Quaternion", tag: "quaternion", fields: xyzw, mixins });

/** Position + orientation (tag `pose`). */
export const Pose = defineOntology({
  name: "Pose",
  tag: "pose",
  fields: { position: field.model(Point3d), orientation: field.model(Quaternion) },
  mixins,
});

/** Translation + rotation between frames (tag `transform`). */
export const Transform = defineOntology({
  name: "Transform",
  tag: "transform",
  fields: {
    translation: field.model(Vector3d),
    rotation: field.model(Quaternion),
    target_frame_id: field.optional(field.utf8()),
  },
  mixins,
});
