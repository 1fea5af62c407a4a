// mosaico-web from a Node ES module: write a small IMU sequence, list the
// sequences, read a time range of the topic back and print a summary.
//
//   MOSAICO_URL=http://127.0.0.1:6726 [MOSAICO_API_KEY=msco_…] node main.mjs
//
// Under Node, `import "mosaico-web"` resolves to the package's Node entry:
// native gRPC over HTTP/2, what mosaicod itself speaks (no gateway needed).
// The key needs write permission (the sequence is created and written).
// #region connect
import { IMU, MosaicoClient } from "mosaico-web";

const url = process.env.MOSAICO_URL ?? "http://127.0.0.1:6726";
const apiKey = process.env.MOSAICO_API_KEY; // undefined: a server without keys
const client = await MosaicoClient.connect({ url, apiKey });
// `await using client = …` does this in Node 24+, Deno, and TypeScript or bundlers that
// lower it; Node 20 and 22 do not parse it, hence try/finally.
try {
  // … every call below …
  // #endregion
  const sequence = `imu_example_${Date.now()}`;
  const t0 = 1_000_000_000n; // timestamp_ns: the recorder's clock, here 1 s after its start
  const step = 10_000_000n; // 100 Hz
  const samples = Array.from({ length: 500 }, (_, i) => ({
    timestamp_ns: t0 + BigInt(i) * step,
    acceleration: { x: Math.sin(i / 50), y: 0.1 * i, z: 9.81 },
    angular_velocity: { x: 0, y: 0, z: i % 2 ? 0.2 : -0.2 },
  }));

  // #region write
  // One sequence, one session, one DoPut per topic: finalized when the callback returns;
  // with onError: "delete", removed when it throws.
  await client.writeSequence(sequence, { userMetadata: { vehicle: { id: "veh-7" } }, onError: "delete" }, async (writer) => {
    const imu = await writer.topicWriter("/sensors/imu", { model: IMU }); // tag, schema and format from the model
    await imu.push(IMU.toRecordBatch(samples)); // rows, RecordBatches, Tables or Arrow IPC bytes
  });
  // #endregion

  const sequences = await client.listSequences();
  if (!sequences.includes(sequence)) throw new Error(`${sequence} is not listed by listSequences()`);

  // #region read
  // Arrow RecordBatches as they arrive, [startNs, endNs) in bigint nanoseconds of timestamp_ns.
  const startNs = t0 + 100n * step;
  const endNs = t0 + 300n * step;
  const reader = await client.topicReader(`${sequence}/sensors/imu`, { startNs, endNs });
  let rows = 0;
  let first, last;
  for await (const batch of reader) {
    const timestamps = batch.getChild("timestamp_ns");
    first ??= timestamps.get(0);
    last = timestamps.get(batch.numRows - 1);
    rows += batch.numRows;
  }
  console.log(`${reader.topic.locator}: ${rows} rows in [${startNs}, ${endNs}), server says ${reader.metadata.rowCount}`);
  // #endregion

  const summary = {
    example: "node-esm",
    protocol: client.protocol,
    generation: client.generation,
    sequence,
    sequences: sequences.length,
    written: samples.length,
    read: rows,
    rowCount: String(reader.metadata.rowCount),
    firstNs: String(first),
    lastNs: String(last),
  };
  console.log(JSON.stringify(summary));
  // #region connect
} finally {
  await client.close(); // aborts whatever is still running
}
// #endregion
