/**
 * Which container a recording is, from its first bytes: the MCAP magic
 * (`\x89MCAP0\r\n`, MCAP spec "Magic") or the ROS 1 bag version line
 * (`#ROSBAG V2.0\n`, rosbag format 2.0). The file name is not trusted.
 */

/** A recording's container. */
export type RecordingFormat = "mcap" | "ros1bag" | "unknown";

const MCAP_MAGIC = [0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a];
const BAG_MAGIC = Array.from("#ROSBAG V2.0\n", (c) => c.charCodeAt(0));

/** Bytes needed to tell the formats apart. */
export const FORMAT_SNIFF_BYTES = BAG_MAGIC.length;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** The container of a recording from its first FORMAT_SNIFF_BYTES bytes. */
export function recordingFormatOf(head: Uint8Array): RecordingFormat {
  if (startsWith(head, MCAP_MAGIC)) return "mcap";
  if (startsWith(head, BAG_MAGIC)) return "ros1bag";
  return "unknown";
}
