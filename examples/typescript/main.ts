// mosaico-web from TypeScript, compiled with the tsconfig.json that
// `npx tsc --init` (TypeScript 5.9) writes, unedited: module nodenext,
// target esnext, strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess.
//
//   npx tsc && MOSAICO_URL=http://127.0.0.1:6726 [MOSAICO_API_KEY=msco_…] node main.js
//
// That tsconfig sets "types": [] (no @types package is loaded by itself), so
// the Node globals used here (process) come in with this reference:
/// <reference types="node" />
// #region connect
import { IMU, MosaicoClient, Query, type RowInputOf, type RowOf, type TimeWindow } from "mosaico-web";

const client = await MosaicoClient.connect({
  url: process.env.MOSAICO_URL ?? "http://127.0.0.1:6726",
  apiKey: process.env.MOSAICO_API_KEY, // string | undefined, also under exactOptionalPropertyTypes
});
// #endregion
// Target esnext emits `await using` as is, which Node 24+ runs but Node 20/22 do not
// parse; with a target below esnext (e.g. "es2022") tsc lowers it for them. Here: try/finally.
try {
  const sequence = `imu_ts_example_${Date.now()}`;
  // #region typed
  const rows: RowInputOf<typeof IMU>[] = Array.from({ length: 100 }, (_, i) => ({
    timestamp_ns: BigInt(i) * 10_000_000n, // 100 Hz from the recorder's t = 0
    acceleration: { x: i / 10, y: 0, z: 9.81 },
    angular_velocity: { x: 0, y: 0, z: 0.1 },
  }));
  await client.writeSequence(sequence, { onError: "delete" }, async (writer) => {
    const front = await writer.topicWriter("/imu/front", { model: IMU });
    const rear = await writer.topicWriter("/imu/rear", { model: IMU });
    await front.push(IMU.toRecordBatch(rows)); // a typo in a field name is a compile error
    await rear.push(IMU.toRecordBatch(rows.filter((_, i) => i % 2 === 0))); // 50 Hz
  });

  // Typed queries: IMU.Q knows the model's fields (`IMU.Q.acceleration.q` does not compile).
  const hits = await client.query([Query.sequence().name.eq(sequence), IMU.Q.acceleration.x.gt(5)]);
  const locator = hits[0]?.topics.find((topic) => topic.name === "/imu/front")?.locator; // hits[0] may be undefined
  if (!locator) throw new Error(`the query found no /imu/front of ${sequence} with acceleration.x > 5`);
  const windows: TimeWindow[] = []; // [startNs, endNs] where the condition holds
  for await (const window of client.topicFilterClusterize({ locator, ontology: IMU.Q.acceleration.x.gt(5) })) windows.push(window);

  // Typed rows out, of several topics merged by timestamp_ns.
  let hard: RowOf<typeof IMU> | undefined; // { timestamp_ns: bigint; acceleration: { x: number; … }; … }
  const perTopic: Record<string, number> = {};
  for await (const { topic, batch } of await client.sequenceReader(sequence)) {
    perTopic[topic] = (perTopic[topic] ?? 0) + batch.numRows;
    for (const row of IMU.rows(batch)) if (row.acceleration.x > 5) hard ??= row;
  }
  // #endregion
  console.log(
    JSON.stringify({
      example: "typescript",
      protocol: client.protocol,
      sequence,
      hits: hits.map((hit) => hit.sequence),
      locator,
      windows: windows.map((w) => [String(w.startNs), String(w.endNs)]),
      perTopic,
      firstHardNs: String(hard?.timestamp_ns),
      firstHardX: hard?.acceleration.x,
    }),
  );
} finally {
  await client.close();
}
