/**
 * A deterministic synthetic drive: a point-mass vehicle that follows a speed
 * and yaw-rate script (launch, cruising, turns, a hard brake, a hard launch),
 * integrated at the IMU rate. Every sensor of the seed is sampled from this
 * one trajectory, so IMU, GPS, poses and camera frames agree with each other.
 */

/** A scripted manoeuvre: hold `accel` (m/s²) and `yawRate` (rad/s) in `[t, t + duration)`. */
export interface Manoeuvre {
  t: number;
  duration: number;
  accel?: number;
  yawRate?: number;
}

export interface DriveScript {
  /** Seconds of recording. */
  durationS: number;
  /** Integration and IMU rate in Hz. */
  rateHz: number;
  /** WGS-84 origin of the local ENU frame. */
  origin: { lat: number; lon: number; alt: number };
  /** Initial heading, radians counter-clockwise from east. */
  heading0: number;
  /** Speed the driver returns to between manoeuvres (m/s). */
  cruiseSpeed: number;
  manoeuvres: Manoeuvre[];
  /** PRNG seed of the sensor noise. */
  seed: number;
  /** Road roughness: standard deviation of the vertical vibration (m/s²). */
  roughness: number;
}

/** The true state at one integration step. */
export interface DriveState {
  /** Step index; the time is `index / rateHz`. */
  index: number;
  t: number;
  /** ENU position (m). */
  x: number;
  y: number;
  speed: number;
  /** Longitudinal acceleration (m/s²). */
  accel: number;
  heading: number;
  yawRate: number;
  /** Distance travelled (m), drives the lane markings of the camera. */
  odometer: number;
}

/** mulberry32: small, fast and deterministic. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box-Muller) from a uniform source. */
export function createGaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}

function activeManoeuvre(script: DriveScript, t: number): Manoeuvre | undefined {
  return script.manoeuvres.find((m) => t >= m.t && t < m.t + m.duration);
}

/** Integrates the script; returns one state per step (durationS * rateHz states). */
export function simulateDrive(script: DriveScript): DriveState[] {
  const dt = 1 / script.rateHz;
  const steps = Math.round(script.durationS * script.rateHz);
  const states: DriveState[] = [];
  let x = 0;
  let y = 0;
  let speed = 0;
  let heading = script.heading0;
  let odometer = 0;
  let accel = 0;
  for (let index = 0; index < steps; index++) {
    const t = index * dt;
    const m = activeManoeuvre(script, t);
    // Outside manoeuvres a gentle driver tracks the cruise speed.
    const target = m?.accel ?? Math.max(-2, Math.min(1.8, (script.cruiseSpeed - speed) * 0.6));
    // Actuator lag: acceleration follows the command with a 0.15 s time constant.
    accel += (target - accel) * Math.min(1, dt / 0.15);
    if (speed <= 0 && accel < 0) accel = 0;
    const yawRate = speed > 0.5 ? (m?.yawRate ?? 0) : 0;
    states.push({ index, t, x, y, speed, accel, heading, yawRate, odometer });
    speed = Math.max(0, speed + accel * dt);
    heading += yawRate * dt;
    x += speed * Math.cos(heading) * dt;
    y += speed * Math.sin(heading) * dt;
    odometer += speed * dt;
  }
  return states;
}

const EARTH_RADIUS_M = 6_378_137;

/** Local ENU metres to WGS-84 degrees (small-area approximation, fine for a few km). */
export function enuToWgs84(origin: DriveScript["origin"], x: number, y: number): { lat: number; lon: number } {
  const lat = origin.lat + (y / EARTH_RADIUS_M) * (180 / Math.PI);
  const lon = origin.lon + (x / (EARTH_RADIUS_M * Math.cos((origin.lat * Math.PI) / 180))) * (180 / Math.PI);
  return { lat, lon };
}

/** Quaternion (x, y, z, w) of a rotation by `yaw` about the vertical axis. */
export function yawQuaternion(yaw: number): { x: number; y: number; z: number; w: number } {
  return { x: 0, y: 0, z: Math.sin(yaw / 2), w: Math.cos(yaw / 2) };
}
