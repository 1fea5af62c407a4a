/**
 * Velocity, acceleration, motion state and force/torque (docs/protocol.md §13.3).
 * Only ForceTorque has units: upstream states none for Velocity, Acceleration
 * and MotionState (§13.4).
 */
import { defineOntology } from "../define-ontology.js";
import { field } from "../field-spec.js";
import { CovarianceMixin, HeaderMixin } from "../mixins.js";
import { Pose, Vector3d } from "./geometry.js";

const mixins = [HeaderMixin, CovarianceMixin] as const;
const twist = { linear: field.optional(field.model(Vector3d)), angular: field.optional(field.model(Vector3d)) };

/** Linear and angular velocity, each optional (tag `velocity`). */
export const Velocity = defineOntology({ name: "Velocity", tag: "velocity", fields: twist, mixins });

/** Linear and angular acceleration, each optional (tag `acceleration`). */
export const Acceleration = defineOntology({ name: "Acceleration", tag: "acceleration", fields: twist, mixins });

/** Pose + velocity (+ acceleration) snapshot (tag `motion_state`). */
export const MotionState = defineOntology({
  name: "MotionState",
  tag: "motion_state",
  fields: {
    pose: field.model(Pose),
    velocity: field.model(Velocity),
    target_frame_id: field.utf8(),
    acceleration: field.optional(field.model(Acceleration)),
  },
  mixins,
});

/** Force and torque vectors (tag `force_torque`). */
export const ForceTorque = defineOntology({
  name: "ForceTorque",
  tag: "force_torque",
  fields: { force: field.model(Vector3d), torque: field.model(Vector3d) },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/data/dynamics.py: "force vector in Newtons", "moment vector in Newton-meters (Nm)".
  units: { force: "N", torque: "N·m" },
  mixins,
});
