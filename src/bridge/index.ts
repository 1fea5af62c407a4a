/**
 * `mosaico-web/bridge`: recordings in and out. MCAP files (ROS 2 bags, Foxglove
 * recordings; CDR, ROS 1, JSON and protobuf channels) and ROS 1 `.bag` files
 * become sequences with importRecording(), and sequences become
 * MCAP again with exportRecording(), following the metadata conventions of the
 * Python SDK's MCAP and ROS bridges (`_ros_`, `_mcap_`), so that a sequence
 * imported by either SDK exports the same from either. A separate entry, so
 * that applications without it do not bundle @mcap/core and the CDR codec.
 *
 * @example
 * ```ts
 * import { MosaicoClient } from "mosaico-web";
 * import { exportRecording, importRecording } from "mosaico-web/bridge";
 *
 * const client = await MosaicoClient.connect({ url: "http://127.0.0.1:6726" });
 * await importRecording(client, file, { sequence: "drive_42" }); // a File, Blob, bytes or ReadableStream
 * const mcap = exportRecording(client, "drive_42", { format: "mcap" });
 * ```
 */
export { importRecording } from "./import-recording.js";
export type { ImportProgress, ImportRecordingOptions, ImportResult, ImportedTopic } from "./import-recording.js";
export { exportRecording } from "./export-recording.js";
export type { ExportRecordingOptions } from "./export-recording.js";
export type { RandomAccessSource, RecordingSource } from "./recording-source.js";
export { listBagChannels } from "./list-bag-channels.js";
export type { BagChannel } from "./list-bag-channels.js";
export { recordingFormatOf } from "./recording-format.js";
export type { RecordingFormat } from "./recording-format.js";
export { MCAP_METADATA_KEY, ROS_METADATA_KEY, genericTagOf, planChannel, topicNameOf } from "./channel-plan.js";
export type { ChannelPlan, ChannelRecord, SkippedChannel, TopicMapping } from "./channel-plan.js";
export { rosMappingOf, rosMappingOfTag, rosMappings } from "./ros-mappings.js";
export { FrameTransform } from "./frame-transform.js";
export { BatteryState } from "./battery-state.js";
export { LaserScan, MultiEchoLaserScan } from "./laser-scan.js";
export { Joy } from "./joy.js";
export { Polygon } from "./polygon.js";
export { Inertia } from "./inertia.js";
export { RobotPath } from "./robot-path.js";
export { GridCells, MapMetadata, OccupancyGrid } from "./grids.js";
export { Header } from "./header.js";
export type { RosMapping, RosObject } from "./ros-mappings.js";
export { builtinRos2Definition, ros2MsgType } from "./ros2-definitions.js";
export { flattenRosDefinition } from "./ros-flatten.js";
export { flattenProtobufSchema } from "./protobuf-flatten.js";
export type { ProtobufPlan } from "./protobuf-flatten.js";
export type { FlatPlan, RosDefinition } from "./ros-flatten.js";
