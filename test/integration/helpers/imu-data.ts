/**
 * Deterministic IMU-like data for data-layer tests: row i has timestamp
 * t0 + i * step and values that are pure functions of i, so a reader can
 * check every value without keeping the written data.
 */
import type { MosaicoClient as MosaicoClientLike } from "../../../src/node/index.js";
import { Field, Float64, Int64, makeData, RecordBatch, Schema, Struct } from "apache-arrow";

const vector3 = new Struct([new Field("x", new Float64(), true), new Field("y", new Float64(), true), new Field("z", new Float64(), true)]);

export const imuSchema = new Schema([
  new Field("timestamp_ns", new Int64(), false),
  new Field("acceleration", vector3, false),
  new Field("angular_velocity", vector3, false),
  new Field("temperature", new Float64(), true),
]);

export const T0 = 1_767_225_600_000_000_000n; // 2026-01-01, far above 2^53
export const STEP = 5_000_000n; // 200 Hz

export const valueAt = {
  ax: (i: number) => Math.sin(i * 0.001) * 9.81,
  ay: (i: number) => Math.cos(i * 0.002),
  az: (i: number) => 9.81 + i * 1e-6,
  gx: (i: number) => (i % 1000) * 0.01,
  gy: (i: number) => -i * 0.5,
  gz: (i: number) => i / 3,
  temp: (i: number) => 20 + (i % 17),
};

function floats(start: number, n: number, f: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = f(start + k);
  return out;
}

function vectorData(start: number, n: number, fx: (i: number) => number, fy: (i: number) => number, fz: (i: number) => number) {
  const child = (f: (i: number) => number) => makeData({ type: new Float64(), length: n, data: floats(start, n, f) });
  return makeData({ type: vector3, length: n, nullCount: 0, children: [child(fx), child(fy), child(fz)] });
}

/** Rows [start, start + n) as one record batch. */
export function imuBatch(start: number, n: number, t0 = T0, step = STEP): RecordBatch {
  const ts = new BigInt64Array(n);
  for (let k = 0; k < n; k++) ts[k] = t0 + BigInt(start + k) * step;
  const data = makeData({
    type: new Struct(imuSchema.fields),
    length: n,
    nullCount: 0,
    children: [
      makeData({ type: new Int64(), length: n, data: ts }),
      vectorData(start, n, valueAt.ax, valueAt.ay, valueAt.az),
      vectorData(start, n, valueAt.gx, valueAt.gy, valueAt.gz),
      makeData({ type: new Float64(), length: n, data: floats(start, n, valueAt.temp) }),
    ],
  });
  return new RecordBatch(imuSchema, data);
}

/** Checks that `batch` holds rows [start, start + numRows) exactly; returns the next row index. */
export function checkImuRows(batch: RecordBatch, start: number, t0 = T0, step = STEP): number {
  const ts = batch.getChild("timestamp_ns")!.toArray() as BigInt64Array;
  const acc = batch.getChild("acceleration")!;
  const gyro = batch.getChild("angular_velocity")!;
  const columns: Array<[Float64Array, (i: number) => number, string]> = [
    [acc.getChild("x")!.toArray() as Float64Array, valueAt.ax, "acceleration.x"],
    [acc.getChild("y")!.toArray() as Float64Array, valueAt.ay, "acceleration.y"],
    [acc.getChild("z")!.toArray() as Float64Array, valueAt.az, "acceleration.z"],
    [gyro.getChild("x")!.toArray() as Float64Array, valueAt.gx, "angular_velocity.x"],
    [gyro.getChild("y")!.toArray() as Float64Array, valueAt.gy, "angular_velocity.y"],
    [gyro.getChild("z")!.toArray() as Float64Array, valueAt.gz, "angular_velocity.z"],
    [batch.getChild("temperature")!.toArray() as Float64Array, valueAt.temp, "temperature"],
  ];
  for (let k = 0; k < batch.numRows; k++) {
    const i = start + k;
    if (ts[k] !== t0 + BigInt(i) * step) throw new Error(`row ${i}: timestamp ${ts[k]} != ${t0 + BigInt(i) * step}`);
    for (const [values, f, name] of columns) {
      if (values[k] !== f(i)) throw new Error(`row ${i}: ${name} ${values[k]} != ${f(i)}`);
    }
  }
  return start + batch.numRows;
}

/** Writes one finalized sequence with one IMU topic of `rows` rows (imuBatch values) through the SDK. */
export async function seedImuTopic(
  client: { writeSequence: MosaicoClientLike["writeSequence"] },
  sequence: string,
  topic: string,
  rows: number,
): Promise<void> {
  await client.writeSequence(sequence, {}, async (writer) => {
    const imu = await writer.topicWriter(topic, { ontologyTag: "imu", schema: imuSchema });
    await imu.push(imuBatch(0, rows));
  });
}
