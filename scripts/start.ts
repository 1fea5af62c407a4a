/**
 * `npm start`: the reference server on 127.0.0.1:6726 with a sample catalog,
 * seeded through the SDK itself (idempotent: existing sequences are kept).
 * Later issues add recorded sensor data and the demo dashboard to this command.
 */
import { MosaicoClient } from "../src/node/index.js";
import { startServer } from "../server/index.js";

const port = Number(process.env.PORT ?? 6726);
const server = await startServer({ port, dataDir: process.env.MOSAICO_DATA_DIR ?? ".mosaico-data" });

const samples = [
  { name: "drive_2026_03_25_city", userMetadata: { vehicle: { id: "veh-7", model: "rover-2" }, site: "turin", weather: "rain" } },
  { name: "drive_2026_03_26_highway", userMetadata: { vehicle: { id: "veh-7", model: "rover-2" }, site: "a4", weather: "clear" } },
  { name: "bench_arm_calibration", userMetadata: { robot: { id: "arm-3" }, operator: "lab-2" } },
];

{
  await using client = await MosaicoClient.connect("127.0.0.1", server.port);
  for (const sample of samples) {
    if (!(await client.sequenceExists(sample.name))) {
      await client.createSequence(sample.name, { userMetadata: sample.userMetadata });
    }
  }
  console.log(`Mosaico reference server: ${server.url}  (server ${(await client.version()).version}, ${client.generation})`);
  for (const name of await client.listSequences()) {
    const info = await client.sequenceInfo(name);
    console.log(`  ${name}  ${JSON.stringify(info.userMetadata)}`);
  }
}
console.log("Ctrl-C to stop.");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
