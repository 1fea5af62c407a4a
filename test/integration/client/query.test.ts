/**
 * Queries and temporal filters through the SDK against the reference server:
 * data written with the SDK's writers and ontology models, queried with the
 * typed builder, results followed into topicReader; clusterize / intersect
 * through the client's async iterables. J2 over native gRPC, J3 over gRPC-Web.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, GPS, IMU, MosaicoClient, MosaicoError, Query, ontologyField, type TimeWindow } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

afterAll(() => removeDataDirs());

const T0 = 1_767_225_600_000_000_000n; // beyond 2^53
const MS = 1_000_000n;
const imuAt = (k: number) => T0 + BigInt(k) * 10n * MS; // IMU: 100 Hz
const gpsAt = (k: number) => T0 + BigInt(k) * 100n * MS; // GPS: 10 Hz

/** acceleration.x: 8 for samples [100,199] and [300,349], 1 elsewhere (`high` = always 8, `low` = never). */
function imuRows(n: number, shape: "wave" | "high" | "low") {
  return Array.from({ length: n }, (_, k) => {
    const up = shape === "high" || (shape === "wave" && ((k >= 100 && k <= 199) || (k >= 300 && k <= 349)));
    return {
      timestamp_ns: imuAt(k),
      acceleration: { x: up ? 8 : 1, y: 0, z: 9.81 },
      angular_velocity: { x: 0, y: 0, z: k / 100 },
      header: { frame_id: k % 2 === 0 ? "imu_link" : "imu_base" },
    };
  });
}

/** satellites: 3 for the first 20 fixes, then `later`. */
function gpsRows(n: number, later: number) {
  return Array.from({ length: n }, (_, k) => ({
    timestamp_ns: gpsAt(k),
    position: { x: 45.0 + k * 1e-5, y: 7.6, z: 240 },
    status: { status: 0, service: 1, satellites: k < 20 ? 3 : later },
  }));
}

const setups = [
  ["0.6", "grpc"],
  ["0.7", "grpc-web"],
] as const;

describe.each(setups)("queries on a %s server over %s", (generation, protocol) => {
  let server: RunningServer;
  let client: MosaicoClient;
  const run = `${generation.replace(".", "")}_${Date.now().toString(36)}`;
  const drive1 = `drive_${run}_1`;
  const drive2 = `drive_${run}_2`;
  const other = `other_${run}`;
  const startedAt = new Date(Date.now() - 60_000);

  async function write(name: string, vehicle: string, imu: "wave" | "high" | "low", satellites: number) {
    await client.writeSequence(name, { userMetadata: { vehicle: { id: vehicle }, run } }, async (writer) => {
      const imuWriter = await writer.topicWriter("/sensors/imu", { ontologyTag: IMU.tag, schema: IMU.schema, userMetadata: { calibrated: true } });
      const rows = imuRows(400, imu);
      for (let i = 0; i < rows.length; i += 50) await imuWriter.push(IMU.toRecordBatch(rows.slice(i, i + 50)));
      const gpsWriter = await writer.topicWriter("/sensors/gps", { ontologyTag: GPS.tag, schema: GPS.schema });
      await gpsWriter.push(GPS.toRecordBatch(gpsRows(40, satellites)));
    });
  }

  beforeAll(async () => {
    // Small chunks: the IMU topic spans many of them.
    server = await startTestServer({ generation, maxChunkBytes: 8 * 1024 });
    client = await MosaicoClient.connect({ url: server.url, protocol });
    await write(drive1, "veh-7", "wave", 6);
    await write(drive2, "veh-8", "low", 8);
    await write(other, "veh-7", "high", 2);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it("typed builder: sequence glob + ontology condition, followed into topicReader", async () => {
    const items = await client.query([Query.sequence().name.match(`drive_${run}_*`), IMU.Q.acceleration.x.gt(5)]);
    expect(items).toEqual([
      {
        sequence: drive1,
        topics: [{ locator: `${drive1}/sensors/imu`, name: "/sensors/imu", ontologyTag: "imu" }],
      },
    ]);
    const reader = await client.topicReader(items[0]!.topics[0]!.locator);
    let rows = 0;
    let high = 0;
    for await (const batch of reader) {
      for (const row of IMU.rows(batch)) {
        rows++;
        if (row.acceleration.x > 5) high++;
      }
    }
    expect(rows).toBe(400);
    expect(high).toBe(150);
  });

  it("sequence + topic + ontology sections, two ontology tags", async () => {
    const items = await client.query([Query.sequence().userMetadata("vehicle.id").eq("veh-7").createdAt.geq(startedAt),
      Query.topic().name.match("sensors/*").userMetadata("calibrated").ex(),
      IMU.Q.acceleration.x.gt(5)]);
    // `other` has x > 5 too; gps has no `calibrated` key, so only imu topics qualify.
    expect(items.map((i) => [i.sequence, i.topics.map((t) => t.name)])).toEqual([
      [drive1, ["/sensors/imu"]],
      [other, ["/sensors/imu"]],
    ]);
    const both = await client.query([Query.sequence().userMetadata("run").eq(run),
      Query.ontology(IMU.Q.acceleration.x.gt(5), GPS.Q.status.satellites.geq(4))]);
    expect(both.map((i) => [i.sequence, i.topics.map((t) => `${t.name}:${t.ontologyTag}`)])).toEqual([
      [drive1, ["/sensors/gps:gps", "/sensors/imu:imu"]],
    ]);
  });

  it("exact i64 timestamps, nested header text, topic tags", async () => {
    const window = (a: number, b: number) =>
      client.query([Query.sequence().name.eq(drive1), IMU.Q.timestamp_ns.between(imuAt(a), imuAt(b)), IMU.Q.acceleration.x.gt(5)]);
    expect(await window(200, 299)).toEqual([]); // low between the two high intervals
    expect((await window(199, 299)).map((i) => i.sequence)).toEqual([drive1]);
    expect(await client.query([Query.sequence().name.eq(drive1), IMU.Q.timestamp_ns.gt(imuAt(399))])).toEqual([]);
    const framed = await client.query([Query.sequence().userMetadata("run").eq(run), IMU.Q.header.frame_id.match("imu_b*")]);
    expect(framed.map((i) => i.sequence)).toEqual([drive1, drive2, other]);
    const gpsOnly = await client.query([Query.sequence().userMetadata("run").eq(run), Query.topic().ontologyTag.eq(GPS.tag)]);
    expect(gpsOnly.map((i) => i.topics.map((t) => t.locator))).toEqual([drive1, drive2, other].map((s) => [`${s}/sensors/gps`]));
    const unmodeled = await client.query([Query.sequence().userMetadata("run").eq(run), ontologyField("gps", "status.satellites").in([2, 8])]);
    expect(unmodeled.map((i) => i.sequence)).toEqual([drive2, other]);
  });

  it("the server rejects a bad field or value type with INVALID_ARGUMENT naming it", async () => {
    const error = await client.query({ ontology: { "imu.acceleration.q": { $gt: 1 } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MosaicoError);
    expect((error as MosaicoError).code).toBe(Code.InvalidArgument);
    expect((error as MosaicoError).message).toMatch(/imu\.acceleration\.q/);
    const typed = await client.query(ontologyField("imu", "acceleration.x").eq("fast")).catch((e: unknown) => e);
    expect((typed as MosaicoError).code).toBe(Code.InvalidArgument);
    expect((typed as MosaicoError).message).toMatch(/expects a number/);
  });

  const collect = async (it: AsyncIterable<TimeWindow>) => {
    const out: TimeWindow[] = [];
    for await (const w of it) out.push(w);
    return out;
  };

  it("topicFilterClusterize yields the high intervals; each window reads back as matching rows", async () => {
    const locator = `${drive1}/sensors/imu`;
    const windows = await collect(client.topicFilterClusterize({ locator, ontology: IMU.Q.acceleration.x.gt(5), clusteringDtNs: 10n * MS }));
    expect(windows).toEqual([
      { id: 0n, startNs: imuAt(100), endNs: imuAt(199) },
      { id: 1n, startNs: imuAt(300), endNs: imuAt(349) },
    ]);
    // Windows are inclusive; a reader's end is exclusive.
    const table = await (await client.topicReader(locator, { startNs: windows[1]!.startNs, endNs: windows[1]!.endNs + 1n })).readTable();
    expect(table.numRows).toBe(50);
    expect(IMU.fromRecordBatch(table.batches[0]!).every((r) => r.acceleration.x > 5)).toBe(true);

    expect(await collect(client.topicFilterClusterize({ locator, ontology: [IMU.Q.acceleration.x.gt(5)] }))).toEqual([
      { id: 0n, startNs: imuAt(100), endNs: imuAt(349) },
    ]);
    expect(
      await collect(
        client.topicFilterClusterize({
          locator,
          ontology: Query.ontology(IMU.Q.acceleration.x.gt(5)),
          clusteringDtNs: 10n * MS,
          timestampRange: { startNs: imuAt(150), endNs: imuAt(320) },
        }),
      ),
    ).toEqual([
      { id: 0n, startNs: imuAt(150), endNs: imuAt(199) },
      { id: 1n, startNs: imuAt(300), endNs: imuAt(320) },
    ]);
    expect(await collect(client.topicFilterClusterize({ locator: `${drive2}/sensors/imu`, ontology: IMU.Q.acceleration.x.gt(5) }))).toEqual([]);
  });

  it("topicFilterIntersect combines the imu and gps windows of one sequence", async () => {
    // imu high: [1000, 1990] ms and [3000, 3490] ms; gps satellites >= 4 from 2000 ms to 3900 ms.
    const topics = [
      { locator: `${drive1}/sensors/imu`, ontology: IMU.Q.acceleration.x.gt(5), clusteringDtNs: 10n * MS },
      { locator: `${drive1}/sensors/gps`, ontology: GPS.Q.status.satellites.geq(4), clusteringDtNs: 100n * MS },
    ];
    expect(await collect(client.topicFilterIntersect({ topics }))).toEqual([{ id: 0n, startNs: imuAt(300), endNs: imuAt(349) }]);
    // A 10 ms tolerance bridges 1990 ms -> 2000 ms.
    expect(await collect(client.topicFilterIntersect({ topics, intersectDtNs: 10n * MS }))).toEqual([
      { id: 0n, startNs: T0 + 1995n * MS, endNs: T0 + 1995n * MS },
      { id: 1n, startNs: imuAt(300), endNs: imuAt(349) },
    ]);
    const error = await collect(
      client.topicFilterIntersect({ topics: [topics[0]!, { ...topics[1]!, locator: `${drive1}/sensors/missing` }] }),
    ).catch((e: unknown) => e);
    expect((error as MosaicoError).code).toBe(Code.NotFound);
  });
});
