/**
 * Header, the Python SDK's model of a bare `std_msgs/msg/Header` topic (mosaico-labs/mosaico@085b3898,
 * mosaico-sdk-py/src/mosaicolabs/models/data/header.py: optional `timestamp` (Time), `frame_id` and
 * `sample_counter` (uint64), no mixins), and its mapping, HeaderAdapter (mosaico-labs/mosaico@21405850,
 * mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/std_msgs.py): the same conversion every mapped
 * type applies to its header, here as the row itself. Upstream it is a built-in model; the one here is
 * the header mixin's struct as a model of its own.
 */
import { defineOntology } from "../ontology/define-ontology.js";
import { field } from "../ontology/field-spec.js";
import { TimeStruct } from "../ontology/mixins.js";
import { headerFrom, headerTo, type RosMapping } from "./ros-mapping-kit.js";

/**
 * A sensor header as a topic of its own: `timestamp {seconds, nanoseconds}`, `frame_id`, `sample_counter`
 * (tag `header`).
 *
 * @example
 * ```ts
 * import { Header } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/trigger")) {
 *   for (const row of Header.rows(batch)) console.log(row.frame_id, row.timestamp?.seconds);
 * }
 * ```
 */
export const Header = defineOntology({
  name: "Header",
  tag: "header",
  fields: { timestamp: field.optional(TimeStruct), frame_id: field.optional(field.utf8()), sample_counter: field.optional(field.uint64()) },
});

/** HeaderAdapter: std_msgs/msg/Header -> Header (stamp -> timestamp, ROS 1 seq -> sample_counter); back, a zero stamp and "" when absent. */
export const stdHeader: RosMapping = {
  msgtypes: ["std_msgs/msg/Header"],
  model: Header,
  fromRos: (m) => headerFrom(m) ?? {},
  toRos: (r) => headerTo(r),
};
