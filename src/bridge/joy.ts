/**
 * Joy, the Python SDK's model of `sensor_msgs/msg/Joy` (mosaico-labs/mosaico@1c7e73f2,
 * mosaico-sdk-py/src/mosaicolabs/models/sensors/joy.py: `axes: list<float32>`, `buttons: list<int32>`,
 * HeaderMixin). Upstream it is a built-in sensor model; this SDK's built-ins (docs/protocol.md §13.3)
 * do not carry it yet, so the bridge defines it. The mapping follows JoyAdapter
 * (mosaico-labs/mosaico@3bc3136b, mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/sensor_msgs.py).
 */
import { defineOntology } from "../ontology/define-ontology.js";
import { field } from "../ontology/field-spec.js";
import { HeaderMixin } from "../ontology/mixins.js";
import { headerTo, withHeader, type RosMapping } from "./ros-mapping-kit.js";

/**
 * The state of a joystick: continuous axes and button states, 1 pressed and 0 released (tag `joy`).
 *
 * @example
 * ```ts
 * import { Joy } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/joy")) {
 *   for (const row of Joy.rows(batch)) console.log(row.axes, row.buttons);
 * }
 * ```
 */
export const Joy = defineOntology({
  name: "Joy",
  tag: "joy",
  fields: { axes: field.list(field.float32()), buttons: field.list(field.int32()) },
  mixins: [HeaderMixin],
});

/** JoyAdapter: sensor_msgs/msg/Joy -> Joy, axes and buttons as recorded. */
export const joy: RosMapping = {
  msgtypes: ["sensor_msgs/msg/Joy"],
  model: Joy,
  fromRos: (m) => withHeader({ axes: Array.from(m.axes ?? []), buttons: Array.from(m.buttons ?? []) }, m.header),
  toRos: (r) => ({ header: headerTo(r.header), axes: Array.from(r.axes ?? []), buttons: Array.from(r.buttons ?? []) }),
};
