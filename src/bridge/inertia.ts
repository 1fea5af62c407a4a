/**
 * Inertia, the Python SDK's model of `geometry_msgs/msg/Inertia` and `InertiaStamped`
 * (mosaico-sdk-py/src/mosaicolabs/models/data/dynamics.py, the version exported by
 * models/data/__init__.py @ 29190ead: `mass: float64`, `center_of_mass: Vector3d`,
 * `inertia: fixed_size_list<float64>[6]` as [ixx, ixy, ixz, iyy, iyz, izz], HeaderMixin). Upstream it is a
 * built-in model; this SDK's built-ins (docs/protocol.md §13.3) do not carry it yet, so the bridge
 * defines it. Its mapping, InertiaAdapter, is with the other geometry_msgs families in ros-geometry-mappings.ts.
 */
import { defineOntology } from "../ontology/define-ontology.js";
import { field } from "../ontology/field-spec.js";
import { HeaderMixin } from "../ontology/mixins.js";
import { Vector3d } from "../ontology/builtins/index.js";

/**
 * The inertia of a rigid body: mass, center of mass and the six unique components of the inertia
 * tensor, `[ixx, ixy, ixz, iyy, iyz, izz]` (tag `inertia`).
 *
 * @example
 * ```ts
 * import { Inertia } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/payload")) {
 *   for (const row of Inertia.rows(batch)) console.log(row.mass, row.inertia[0]);
 * }
 * ```
 */
export const Inertia = defineOntology({
  name: "Inertia",
  tag: "inertia",
  fields: { mass: field.float64(), center_of_mass: field.model(Vector3d), inertia: field.fixedList(field.float64(), 6) },
  mixins: [HeaderMixin],
});
