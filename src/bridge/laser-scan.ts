/**
 * LaserScan and MultiEchoLaserScan, the Python SDK's models of `sensor_msgs/msg/LaserScan` and
 * `sensor_msgs/msg/MultiEchoLaserScan` (mosaico-labs/mosaico@1519e523,
 * mosaico-sdk-py/src/mosaicolabs/models/futures/laser.py: float32 scan geometry and timing,
 * `ranges: list<float32>` or `list<list<float32>>`, optional `intensities` of the same shape). They are
 * upstream's "futures" models, not among the built-in models here, so the bridge defines them; their
 * mappings follow LaserScanAdapter and MultiEchoLaserScanAdapter (mosaico-labs/mosaico@3bc3136b,
 * mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/sensor_msgs.py): an empty `intensities` is left out
 * (None), each LaserEcho becomes its list of echoes; back, a missing `intensities` is written empty.
 */
import { defineOntology } from "../ontology/define-ontology.js";
import { field } from "../ontology/field-spec.js";
import { HeaderMixin } from "../ontology/mixins.js";
import { headerTo, withHeader, type RosMapping, type RosObject } from "./ros-mapping-kit.js";

/** The scan geometry and timing both scanners share (upstream's `_LaserScanBase`), float32 as upstream. */
const scanFields = {
  angle_min: field.float32(),
  angle_max: field.float32(),
  angle_increment: field.float32(),
  time_increment: field.float32(),
  scan_time: field.float32(),
  range_min: field.float32(),
  range_max: field.float32(),
};

/**
 * One sweep of a single-return 2D laser scanner: angles (rad), timing (s), range limits (m), one range
 * and optionally one intensity per beam (tag `laser_scan`).
 *
 * @example
 * ```ts
 * import { LaserScan } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/scan")) {
 *   for (const row of LaserScan.rows(batch)) console.log(row.ranges.length, row.range_max);
 * }
 * ```
 */
export const LaserScan = defineOntology({
  name: "LaserScan",
  tag: "laser_scan",
  fields: { ...scanFields, ranges: field.list(field.float32()), intensities: field.optional(field.list(field.float32())) },
  mixins: [HeaderMixin],
});

/**
 * One sweep of a multi-echo 2D laser scanner: as LaserScan, with every beam's echoes as a list (tag
 * `multi_echo_laser_scan`).
 *
 * @example
 * ```ts
 * import { MultiEchoLaserScan } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/echoes")) {
 *   for (const row of MultiEchoLaserScan.rows(batch)) console.log(row.ranges.map((echoes) => echoes.length));
 * }
 * ```
 */
export const MultiEchoLaserScan = defineOntology({
  name: "MultiEchoLaserScan",
  tag: "multi_echo_laser_scan",
  fields: {
    ...scanFields,
    ranges: field.list(field.list(field.float32())),
    intensities: field.optional(field.list(field.list(field.float32()))),
  },
  mixins: [HeaderMixin],
});

const SCAN_KEYS = Object.keys(scanFields);

function scanFrom(m: RosObject): RosObject {
  const sample: RosObject = {};
  for (const key of SCAN_KEYS) sample[key] = m[key];
  return sample;
}

function scanTo(r: RosObject): RosObject {
  const message: RosObject = { header: headerTo(r.header) };
  for (const key of SCAN_KEYS) message[key] = r[key];
  return message;
}

const floats = (values: ArrayLike<number> | undefined) => Array.from(values ?? []);
const echoesFrom = (echoes: ArrayLike<RosObject>) => Array.from(echoes, (e) => floats(e.echoes));
const echoesTo = (lists: ArrayLike<ArrayLike<number>> | undefined) => Array.from(lists ?? [], (echoes) => ({ echoes: floats(echoes) }));

/** LaserScanAdapter: sensor_msgs/msg/LaserScan -> LaserScan. */
export const laserScan: RosMapping = {
  msgtypes: ["sensor_msgs/msg/LaserScan"],
  model: LaserScan,
  fromRos(m) {
    const sample = scanFrom(m);
    sample.ranges = floats(m.ranges);
    if (m.intensities && m.intensities.length > 0) sample.intensities = floats(m.intensities);
    return withHeader(sample, m.header);
  },
  toRos: (r) => ({ ...scanTo(r), ranges: floats(r.ranges), intensities: floats(r.intensities) }),
};

/** MultiEchoLaserScanAdapter: sensor_msgs/msg/MultiEchoLaserScan -> MultiEchoLaserScan. */
export const multiEchoLaserScan: RosMapping = {
  msgtypes: ["sensor_msgs/msg/MultiEchoLaserScan"],
  model: MultiEchoLaserScan,
  fromRos(m) {
    const sample = scanFrom(m);
    sample.ranges = echoesFrom(m.ranges ?? []);
    if (m.intensities && m.intensities.length > 0) sample.intensities = echoesFrom(m.intensities);
    return withHeader(sample, m.header);
  },
  toRos: (r) => ({ ...scanTo(r), ranges: echoesTo(r.ranges), intensities: echoesTo(r.intensities) }),
};
