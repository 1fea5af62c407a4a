/**
 * The sample catalog of `npm start` and the e2e tests: three drives of one
 * vehicle fleet (city in the rain with a hard brake and a hard launch,
 * highway with a merge and a second "perception" session, a slow parking
 * manoeuvre) and a robot-arm bench run. Everything is deterministic.
 */
import type { Schema } from "apache-arrow";
import {
  CompressedImage,
  Floating64,
  ForceTorque,
  GPS,
  IMU,
  Pose,
  RobotJoint,
  type OntologyModelBase,
  type Row,
  type SerializationFormat,
  type UserMetadataInput,
} from "../../src/index.js";
import type { FrameOptions } from "./camera-frames.js";
import { driveRows, type DriveRates, type GpsOutage } from "./drive-topics.js";
import { createGaussian, createRandom, simulateDrive, type DriveScript } from "./drive-sim.js";

export interface SeedTopic {
  /** Topic name with a leading slash. */
  name: string;
  ontologyTag: string;
  schema: Schema;
  serializationFormat?: SerializationFormat;
  userMetadata?: UserMetadataInput;
  rows: () => Row[];
}

/** Tag, Arrow schema and serialization format of a topic, from the SDK's ontology model. */
function modelled(model: OntologyModelBase): Pick<SeedTopic, "ontologyTag" | "schema" | "serializationFormat"> {
  return { ontologyTag: model.tag, schema: model.schema, serializationFormat: model.serializationFormat };
}

export interface SeedSequence {
  name: string;
  userMetadata: UserMetadataInput;
  /** The first session creates the sequence; later ones are appended (sequence update). */
  sessions: SeedTopic[][];
  /** Error notifications recorded on the sequence after writing. */
  notifications?: string[];
}

const utcNs = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

interface DriveSpec {
  script: DriveScript;
  startIso: string;
  rates: DriveRates;
  camera: FrameOptions;
  gpsOutages?: GpsOutage[];
  cameraMetadata: UserMetadataInput;
}

/** The four sensor topics of one drive, sharing one lazily simulated trajectory. */
function driveTopics(spec: DriveSpec): SeedTopic[] {
  let rows: ReturnType<typeof driveRows> | undefined;
  const get = () =>
    (rows ??= driveRows({
      script: spec.script,
      states: simulateDrive(spec.script),
      startNs: utcNs(spec.startIso),
      rates: spec.rates,
      camera: spec.camera,
      gpsOutages: spec.gpsOutages,
    }));
  return [
    { name: "/sensors/imu", ...modelled(IMU), userMetadata: { model: "bosch-bmi088", rate_hz: spec.script.rateHz, frame: "imu_link" }, rows: () => get().imu },
    { name: "/sensors/gps", ...modelled(GPS), userMetadata: { model: "ublox-f9p", rate_hz: spec.rates.gpsHz }, rows: () => get().gps },
    { name: "/localization/pose", ...modelled(Pose), userMetadata: { frame: "map", source: "ekf" }, rows: () => get().pose },
    {
      name: "/sensors/camera_front",
      ...modelled(CompressedImage),
      userMetadata: spec.cameraMetadata,
      rows: () => get().camera,
    },
  ];
}

const fleetRates: DriveRates = { gpsHz: 10, poseHz: 50, cameraHz: 10 };
const camera = (weather: FrameOptions["weather"]): FrameOptions => ({ width: 160, height: 120, weather });

const city = driveTopics({
  startIso: "2026-03-25T08:14:05Z",
  rates: fleetRates,
  camera: camera("rain"),
  gpsOutages: [{ fromS: 42, toS: 47 }],
  cameraMetadata: { model: "leopard-imx390", resolution: "160x120", encoding: "png", rate_hz: 10 },
  script: {
    durationS: 120,
    rateHz: 200,
    origin: { lat: 45.0703, lon: 7.6869, alt: 239 },
    heading0: 0.3,
    cruiseSpeed: 11,
    seed: 25,
    roughness: 0.35,
    manoeuvres: [
      { t: 0, duration: 6, accel: 2.2 },
      { t: 18, duration: 7, yawRate: 0.22 },
      { t: 38, duration: 1.6, accel: -6.4 }, // pedestrian: hard brake
      { t: 39.6, duration: 3, accel: -0.5 },
      { t: 55, duration: 9, yawRate: -0.17 },
      { t: 71, duration: 1.1, accel: 5.8 }, // green light: hard launch
      { t: 90, duration: 8, yawRate: 0.2 },
      { t: 108, duration: 12, accel: -1.2 },
    ],
  },
});

const highway = driveTopics({
  startIso: "2026-03-26T15:02:40Z",
  rates: fleetRates,
  camera: camera("clear"),
  cameraMetadata: { model: "leopard-imx390", resolution: "160x120", encoding: "png", rate_hz: 10 },
  script: {
    durationS: 90,
    rateHz: 200,
    origin: { lat: 45.4642, lon: 9.19, alt: 122 },
    heading0: 1.2,
    cruiseSpeed: 31,
    seed: 26,
    roughness: 0.2,
    manoeuvres: [
      { t: 0, duration: 4, accel: 3.5 },
      { t: 22, duration: 1.4, accel: 5.4 }, // merge onto the A4
      { t: 40, duration: 12, yawRate: 0.03 },
      { t: 64, duration: 5, accel: -2.5 },
    ],
  },
});

const parking = driveTopics({
  startIso: "2026-03-27T18:40:10Z",
  rates: fleetRates,
  camera: camera("indoor"),
  cameraMetadata: { model: "leopard-imx390", resolution: "160x120", encoding: "png", rate_hz: 10 },
  script: {
    durationS: 45,
    rateHz: 200,
    origin: { lat: 45.0622, lon: 7.6781, alt: 236 },
    heading0: -1.4,
    cruiseSpeed: 2.5,
    seed: 27,
    roughness: 0.1,
    manoeuvres: [
      { t: 5, duration: 8, yawRate: 0.45 },
      { t: 20, duration: 3, accel: -1.5 },
      { t: 26, duration: 9, yawRate: -0.5 },
      { t: 38, duration: 7, accel: -1.2 },
    ],
  },
});

/** Lateral offset from the lane centre (m), from the perception stack, appended later. */
function laneOffsetRows(startIso: string, durationS: number): Row[] {
  const start = utcNs(startIso);
  const gauss = createGaussian(createRandom(99));
  return Array.from({ length: durationS * 20 }, (_, i) => ({
    timestamp_ns: start + BigInt(i) * 50_000_000n,
    data: 0.35 * Math.sin(i / 37) + 0.05 * gauss(),
  }));
}

const JOINTS = ["shoulder_pan", "shoulder_lift", "elbow", "wrist_1", "wrist_2", "wrist_3"];

function armRows(hz: number, durationS: number, make: (t: number, i: number) => Row): Row[] {
  const start = utcNs("2026-03-24T11:00:00Z");
  const period = BigInt(Math.round(1e9 / hz));
  return Array.from({ length: durationS * hz }, (_, i) => ({ ...make(i / hz, i), timestamp_ns: start + BigInt(i) * period }));
}

const arm: SeedTopic[] = [
  {
    name: "/arm/joint_states",
    ...modelled(RobotJoint),
    userMetadata: { controller: "ur-rtde", rate_hz: 100 },
    rows: () =>
      armRows(100, 30, (t) => ({
        timestamp_ns: 0n,
        names: JOINTS,
        positions: JOINTS.map((_, j) => 0.6 * Math.sin(0.4 * t + j)),
        velocities: JOINTS.map((_, j) => 0.24 * Math.cos(0.4 * t + j)),
        efforts: JOINTS.map((_, j) => 3 + 1.5 * Math.sin(0.8 * t + j)),
      })),
  },
  {
    name: "/arm/wrench",
    ...modelled(ForceTorque),
    userMetadata: { sensor: "ati-mini45", rate_hz: 250 },
    rows: () => {
      const gauss = createGaussian(createRandom(7));
      return armRows(250, 30, (t) => ({
        timestamp_ns: 0n,
        force: { x: 2 * Math.sin(t) + 0.1 * gauss(), y: 1.5 * Math.cos(t) + 0.1 * gauss(), z: -9.5 + 0.2 * gauss() },
        torque: { x: 0.1 * Math.sin(2 * t), y: 0.08 * Math.cos(2 * t), z: 0.02 * gauss() },
      }));
    },
  },
];

export const sampleCatalog: SeedSequence[] = [
  {
    name: "drive_2026_03_25_city",
    userMetadata: { vehicle: { id: "veh-7", model: "rover-2" }, site: "turin", weather: "rain", driver: "a-rossi", route: "centro-loop" },
    sessions: [city],
    notifications: ["GNSS fix lost for 5 s at T+42 s (underpass on corso Vittorio); poses were dead-reckoned"],
  },
  {
    name: "drive_2026_03_26_highway",
    userMetadata: { vehicle: { id: "veh-7", model: "rover-2" }, site: "a4", weather: "clear", driver: "m-bianchi", route: "milano-torino" },
    sessions: [
      highway,
      [
        {
          name: "/perception/lane_offset",
          ...modelled(Floating64),
          userMetadata: { unit: "m", stack: "lanenet-v3" },
          rows: () => laneOffsetRows("2026-03-26T15:02:40Z", 90),
        },
      ],
    ],
  },
  {
    name: "drive_2026_03_27_parking",
    userMetadata: { vehicle: { id: "veh-9", model: "rover-3" }, site: "lingotto-garage", weather: "indoor", driver: "a-rossi" },
    sessions: [parking],
  },
  {
    name: "bench_arm_calibration",
    userMetadata: { robot: { id: "arm-3", model: "ur5e" }, operator: "lab-2", site: "lab" },
    sessions: [arm],
  },
];
