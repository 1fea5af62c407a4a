/**
 * RobotPath, the Python SDK's model of `nav_msgs/msg/Path` (mosaico-labs/mosaico@29190ead,
 * mosaico-sdk-py/src/mosaicolabs/models/data/geometry.py: `poses: list<Pose>`, HeaderMixin). Upstream it
 * is a built-in model; this SDK's built-ins (docs/protocol.md §13.3) do not carry it yet, so the bridge
 * defines it. Its mapping, RobotPathAdapter, is in ros-nav-mappings.ts.
 */
import { defineOntology } from "../ontology/define-ontology.js";
import { field } from "../ontology/field-spec.js";
import { HeaderMixin } from "../ontology/mixins.js";
import { Pose } from "../ontology/builtins/index.js";

/**
 * Waypoints a robot should follow, each a Pose with its own header (tag `robot_path`).
 *
 * @example
 * ```ts
 * import { RobotPath } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/plan")) {
 *   for (const row of RobotPath.rows(batch)) console.log(row.poses.map((p) => p.position));
 * }
 * ```
 */
export const RobotPath = defineOntology({
  name: "RobotPath",
  tag: "robot_path",
  fields: { poses: field.list(field.model(Pose)) },
  mixins: [HeaderMixin],
});
