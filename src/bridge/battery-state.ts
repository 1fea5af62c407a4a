/**
 * BatteryState, the Python ROS bridge's own model of `sensor_msgs/msg/BatteryState`
 * (mosaico-labs/mosaico@ef14f116, mosaico-sdk-py/src/mosaicolabs/ros_bridge/data_ontology/battery_state.py:
 * "still not included in the default ontology of Mosaico and is defined specifically for the ros-bridge module";
 * the newer bridges/ros/data_ontology/ exports the same class), and its mapping, as BatteryStateAdapter
 * (mosaico-labs/mosaico@987ac6e1, mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/sensor_msgs.py):
 * a NaN temperature, current, charge, capacity or design capacity ("unmeasured" in ROS) is left out, and
 * so is an empty cell list; back, what is left out is NaN again and the cell lists empty.
 */
import { defineOntology } from "../ontology/define-ontology.js";
import { field } from "../ontology/field-spec.js";
import { HeaderMixin } from "../ontology/mixins.js";
import { headerTo, withHeader, type RosMapping, type RosObject } from "./ros-mapping-kit.js";

const f32 = () => field.wireNullable(field.float32());

/**
 * The state of a battery, as sensor_msgs/BatteryState: power metrics (float32), status enums as
 * integers, presence, location and serial number, optional per-cell lists (tag `battery_state`).
 *
 * @example
 * ```ts
 * import { BatteryState } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/battery")) {
 *   for (const row of BatteryState.rows(batch)) console.log(row.voltage, row.percentage);
 * }
 * ```
 */
export const BatteryState = defineOntology({
  name: "BatteryState",
  tag: "battery_state",
  fields: {
    voltage: f32(),
    temperature: field.optional(field.float32()),
    current: field.optional(field.float32()),
    charge: field.optional(field.float32()),
    capacity: field.optional(field.float32()),
    design_capacity: field.optional(field.float32()),
    percentage: f32(),
    power_supply_status: field.wireNullable(field.uint8()),
    power_supply_health: field.wireNullable(field.uint8()),
    power_supply_technology: field.wireNullable(field.uint8()),
    present: field.wireNullable(field.bool()),
    location: field.wireNullable(field.utf8()),
    serial_number: field.wireNullable(field.utf8()),
    cell_voltage: field.optional(field.list(field.float32())),
    cell_temperature: field.optional(field.list(field.float32())),
  },
  // The units of upstream's Arrow field metadata, verbatim ("C" is degrees Celsius, as ROS states it).
  units: { voltage: "V", temperature: "C", current: "A", charge: "Ah", capacity: "Ah", design_capacity: "Ah" },
  mixins: [HeaderMixin],
});

const MEASURED = ["temperature", "current", "charge", "capacity", "design_capacity"] as const;
const CELLS = ["cell_voltage", "cell_temperature"] as const;
const KEPT = ["voltage", "percentage", "power_supply_status", "power_supply_health", "power_supply_technology", "present", "location", "serial_number"] as const;

/** BatteryStateAdapter: sensor_msgs/msg/BatteryState -> BatteryState. */
export const batteryState: RosMapping = {
  msgtypes: ["sensor_msgs/msg/BatteryState"],
  model: BatteryState,
  fromRos(m) {
    const sample: RosObject = {};
    for (const key of KEPT) sample[key] = m[key];
    for (const key of MEASURED) if (!Number.isNaN(m[key])) sample[key] = m[key];
    for (const key of CELLS) if (m[key] && m[key].length > 0) sample[key] = Array.from(m[key] as ArrayLike<number>);
    return withHeader(sample, m.header);
  },
  toRos(r) {
    const message: RosObject = { header: headerTo(r.header) };
    for (const key of KEPT) message[key] = r[key];
    for (const key of MEASURED) message[key] = r[key] ?? Number.NaN;
    for (const key of CELLS) message[key] = r[key] ?? [];
    return message;
  },
};
