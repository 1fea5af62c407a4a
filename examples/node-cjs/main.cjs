// mosaico-web from CommonJS. The package is ES modules only; Node 20.19+ and
// 22.12+ load it with require() (require(esm)), as long as nothing in it
// uses top-level await. apache-arrow is a peer dependency: this app pins its
// own copy (21.1.0, the lowest the SDK supports) and builds the Table it
// pushes with it: the CommonJS build of apache-arrow, a different instance
// from the ES module build the SDK imports.
//
//   MOSAICO_URL=http://127.0.0.1:6726 [MOSAICO_API_KEY=msco_…] node main.cjs
// #region require
// The app's own apache-arrow (its CommonJS build), and the SDK's Node entry through require(esm).
const { Field, Float64, Int64, Struct, makeTable, makeVector, vectorFromArray } = require("apache-arrow");
const { MosaicoClient } = require("mosaico-web/node"); // the Node entry: native gRPC
// #endregion

/** An IMU-like Table: timestamp_ns (int64) plus two struct<x, y, z: float64> columns. */
function imuTable(t0, step, n) {
  const vector3 = new Struct(["x", "y", "z"].map((name) => new Field(name, new Float64(), false)));
  const vectors = (f) => vectorFromArray(Array.from({ length: n }, (_, i) => f(i)), vector3);
  return makeTable({
    timestamp_ns: makeVector(BigInt64Array.from({ length: n }, (_, i) => t0 + BigInt(i) * step)),
    acceleration: vectors((i) => ({ x: i / 100, y: 0, z: 9.81 })),
    angular_velocity: vectors((i) => ({ x: 0, y: 0, z: i % 2 ? 0.5 : -0.5 })),
  });
}

/** The apache-arrow this app resolves (its exports map has no "./package.json"). */
function arrowVersion() {
  const { dirname, join } = require("node:path");
  return require(join(dirname(require.resolve("apache-arrow")), "package.json")).version;
}

async function main() {
  const client = await MosaicoClient.connect({ url: process.env.MOSAICO_URL ?? "http://127.0.0.1:6726", apiKey: process.env.MOSAICO_API_KEY });
  // CommonJS has no top-level await, and Node 20/22 no `await using` (Node 24+ has it):
  // try/finally closes the client.
  try {
    const sequence = `imu_cjs_example_${Date.now()}`;
    const table = imuTable(0n, 5_000_000n, 300); // 200 Hz from the recorder's t = 0
    if (!(table.getChild("timestamp_ns").type instanceof Int64)) throw new Error("timestamp_ns must be Int64");
    await client.writeSequence(sequence, { onError: "delete" }, async (writer) => {
      const imu = await writer.topicWriter("/sensors/imu", { ontologyTag: "imu" }); // schema from the first batch
      await imu.push(table); // a Table of the app's own apache-arrow
    });
    const read = await (await client.topicReader(`${sequence}/sensors/imu`, { startNs: 0n, endNs: 1_000_000_000n })).readTable();
    const last = read.get(read.numRows - 1);
    console.log(
      JSON.stringify({
        example: "node-cjs",
        protocol: client.protocol,
        arrow: arrowVersion(),
        sequence,
        written: table.numRows,
        read: read.numRows,
        columns: read.schema.fields.map((f) => f.name),
        lastAccelerationX: last.acceleration.x,
        lastNs: String(last.timestamp_ns),
      }),
    );
  } finally {
    await client.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
