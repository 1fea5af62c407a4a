/**
 * FrameTransform, the model the Python ROS bridge keeps for `tf2_msgs/msg/TFMessage`
 * (mosaico-labs/mosaico@d6d08294, mosaico-sdk-py/src/mosaicolabs/bridges/ros/data_ontology/frame_transform.py:
 * "not included in the default ontology of Mosaico and is defined specifically for the ros-bridge module").
 * It lives with the bridge for the same reason: one row per TF message, its transforms a list.
 */
import { defineOntology } from "../ontology/define-ontology.js";
import { field } from "../ontology/field-spec.js";
import { HeaderMixin } from "../ontology/mixins.js";
import { Transform } from "../ontology/builtins/index.js";

/**
 * The transforms of one TF message, each a Transform with its own header (stamp and parent frame)
 * and `target_frame_id` (the child frame) (tag `frame_transform`).
 *
 * @example
 * ```ts
 * import { FrameTransform } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/tf")) {
 *   for (const row of FrameTransform.rows(batch)) console.log(row.transforms.map((t) => t.target_frame_id));
 * }
 * ```
 */
export const FrameTransform = defineOntology({
  name: "FrameTransform",
  tag: "frame_transform",
  fields: { transforms: field.list(field.model(Transform)) },
  mixins: [HeaderMixin],
});
