/** Query field and operator names are matched against own properties only: `constructor`, `toString` and friends are unknown fields (INVALID_ARGUMENT), never INTERNAL. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { imuBatch, imuSchema } from "../helpers/imu-data.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;
let client: MosaicoClient;
beforeAll(async () => {
  server = await startTestServer();
  client = await MosaicoClient.connect({ url: server.url });
  await client.writeSequence("proto_keys", { userMetadata: { a: 1 } }, async (w) => {
    const topic = await w.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    await topic.push(imuBatch(0, 10));
  });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  removeDataDirs();
});

it.each(["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"])("a `%s` field or operator is the caller's error", async (key) => {
  for (const filter of [{ sequence: { [key]: { $eq: 1 } } }, { topic: { [key]: { $eq: 1 } } }, { sequence: { name: { [key]: 1 } } }]) {
    const error = await failure(client.query(JSON.parse(JSON.stringify(filter)) as never));
    expect(error.code, JSON.stringify(filter)).toBe(Code.InvalidArgument);
  }
});
