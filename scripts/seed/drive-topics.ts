/**
 * Sensor rows of a simulated drive: IMU at the integration rate, GPS, poses
 * and camera frames sampled from the same states. Timestamps are exact
 * integer nanoseconds (`start + index * period`), so a time range of the
 * demo maps to a known number of rows.
 */
import type { Row } from "../../src/index.js";
import { encodeFrame, type FrameOptions } from "./camera-frames.js";
import { createGaussian, createRandom, enuToWgs84, yawQuaternion, type DriveScript, type DriveState } from "./drive-sim.js";

const GRAVITY = 9.80665;

export interface DriveRates {
  gpsHz: number;
  poseHz: number;
  cameraHz: number;
}

/** A window where the GNSS receiver loses the fix (tunnel, underpass). */
export interface GpsOutage {
  fromS: number;
  toS: number;
}

export interface DriveTopicsInput {
  script: DriveScript;
  states: DriveState[];
  startNs: bigint;
  rates: DriveRates;
  camera: FrameOptions;
  gpsOutages?: GpsOutage[];
}

export interface DriveRows {
  imu: Row[];
  gps: Row[];
  pose: Row[];
  camera: Row[];
}

function periodNs(hz: number): bigint {
  return BigInt(Math.round(1e9 / hz));
}

/** Every `rateHz / hz`-th state. */
function every<T>(items: T[], rateHz: number, hz: number): T[] {
  const step = Math.round(rateHz / hz);
  return items.filter((_, i) => i % step === 0);
}

export function driveRows(input: DriveTopicsInput): DriveRows {
  const { script, states, startNs, rates } = input;
  const gauss = createGaussian(createRandom(script.seed));
  const noise = createRandom(script.seed ^ 0x5eed);
  const imuPeriod = periodNs(script.rateHz);
  const tsOf = (state: DriveState) => startNs + BigInt(state.index) * imuPeriod;
  // Sensor clocks stamp a little before the recorder receives the sample (HeaderMixin time).
  const sensorTs = (ts: bigint, latencyNs: bigint) => {
    const t = ts - latencyNs;
    return { seconds: t / 1_000_000_000n, nanoseconds: t % 1_000_000_000n };
  };

  const imu = states.map((s, i): Row => {
    const ts = tsOf(s);
    const vibration = script.roughness * gauss();
    return {
      timestamp_ns: ts,
      acceleration: { x: s.accel + 0.05 * gauss(), y: s.speed * s.yawRate + 0.05 * gauss(), z: GRAVITY + vibration },
      angular_velocity: { x: 0.003 * gauss(), y: 0.004 * gauss() + vibration * 0.002, z: s.yawRate + 0.002 * gauss() },
      orientation: yawQuaternion(s.heading),
      header: { timestamp: sensorTs(ts, 1_200_000n), frame_id: "imu_link", sample_counter: BigInt(i) },
    };
  });

  const gps = every(states, script.rateHz, rates.gpsHz).map((s, i): Row => {
    const ts = tsOf(s);
    const outage = input.gpsOutages?.some((o) => s.t >= o.fromS && s.t < o.toS) ?? false;
    const sigma = outage ? 6 : 0.4;
    const { lat, lon } = enuToWgs84(script.origin, s.x + sigma * gauss(), s.y + sigma * gauss());
    return {
      timestamp_ns: ts,
      position: { x: lat, y: lon, z: script.origin.alt + 0.3 * gauss() },
      velocity: { x: s.speed * Math.sin(s.heading), y: s.speed * Math.cos(s.heading), z: 0 },
      status: {
        status: outage ? -1 : 0,
        service: 1,
        satellites: outage ? 3 : 9 + Math.floor(noise() * 4),
        hdop: outage ? 9.9 : 0.8 + noise() * 0.4,
        vdop: outage ? 12.5 : 1.1 + noise() * 0.5,
      },
      header: { timestamp: sensorTs(ts, 35_000_000n), frame_id: "gnss", sample_counter: BigInt(i) },
    };
  });

  const pose = every(states, script.rateHz, rates.poseHz).map((s, i): Row => {
    const ts = tsOf(s);
    return {
      timestamp_ns: ts,
      position: { x: s.x, y: s.y, z: 0 },
      orientation: yawQuaternion(s.heading),
      header: { timestamp: sensorTs(ts, 0n), frame_id: "map", sample_counter: BigInt(i) },
    };
  });

  const camera = every(states, script.rateHz, rates.cameraHz).map((s, i): Row => {
    const ts = tsOf(s);
    return {
      timestamp_ns: ts,
      data: encodeFrame(s, s.t, input.camera, noise),
      format: "png",
      header: { timestamp: sensorTs(ts, 8_000_000n), frame_id: "camera_front", sample_counter: BigInt(i) },
    };
  });

  return { imu, gps, pose, camera };
}
