/**
 * An upload never waits forever: when the server stops taking data, or takes
 * it all and never confirms, push() and finalize() fail after the writer's
 * `idleTimeoutMs` with DEADLINE_EXCEEDED, and `timeoutMs` bounds the DoPut
 * call as a whole. The server is the reference server behind a relay whose
 * DoPut misbehaves; control calls pass through.
 */
import { createRouterTransport, type HandlerContext } from "@connectrpc/connect";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FlightService, type Action, type FlightData, type FlightDescriptor } from "../../../src/protocol/index.js";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { clientFor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { imuBatch, imuSchema } from "../helpers/imu-data.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;
let upstream: FlightClient;
beforeAll(async () => {
  server = await startTestServer();
  upstream = clientFor(transportsFor(server.url)[0]!.transport);
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

const untilAborted = (context: HandlerContext) =>
  new Promise((resolve) => context.signal.addEventListener("abort", resolve, { once: true }));

/** Forwards control calls; DoPut reads `take` messages (all when undefined), then goes silent until the client gives up. */
function silentUploadRelay(take?: number) {
  return createRouterTransport(({ service }) => {
    service(FlightService, {
      doAction: (action: Action) => upstream.doAction(action),
      getFlightInfo: (descriptor: FlightDescriptor) => upstream.getFlightInfo(descriptor),
      async *doPut(requests: AsyncIterable<FlightData>, context: HandlerContext) {
        let read = 0;
        if (take === undefined || take > 0) {
          for await (const _ of requests) if (++read === take) break;
        }
        await untilAborted(context);
      },
    } as never);
  });
}

it("finalize() gives up on a server that never confirms, after idleTimeoutMs", async () => {
  await using client = await MosaicoClient.connect({ url: server.url, transport: silentUploadRelay() });
  const writer = await client.sequenceWriter("silent_confirm", { idleTimeoutMs: 300, onError: "delete" });
  const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
  await topic.push(imuBatch(0, 50));
  const started = Date.now();
  const error = await failure(writer.finalize());
  expect(error.code).toBe(Code.DeadlineExceeded);
  expect(error.message).toMatch(/silent_confirm\/imu: waited 300 ms for the server to confirm the upload/);
  expect(Date.now() - started).toBeLessThan(5000);
});

it("push() gives up on a server that stops taking data, after idleTimeoutMs", async () => {
  await using client = await MosaicoClient.connect({ url: server.url, transport: silentUploadRelay(1) });
  const writer = await client.sequenceWriter("silent_take", { onError: "delete" });
  const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema, idleTimeoutMs: 300, maxBatchRows: 10 });
  const started = Date.now();
  const error = await failure(
    (async () => {
      for (let i = 0; i < 200; i++) await topic.push(imuBatch(i * 10, 10));
    })(),
  );
  expect(error.code).toBe(Code.DeadlineExceeded);
  expect(error.message).toMatch(/silent_take\/imu: waited 300 ms for the server to take more data/);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(topic.state).not.toBe("finalized");
  await writer.abort().catch(() => {});
});

it("the writer's timeoutMs is the DoPut's deadline", async () => {
  await using client = await MosaicoClient.connect({ url: server.url, transport: silentUploadRelay() });
  const writer = await client.sequenceWriter("silent_deadline", { timeoutMs: 400, idleTimeoutMs: 0, onError: "delete" });
  const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
  await topic.push(imuBatch(0, 50));
  const error = await failure(writer.finalize());
  expect(error.code).toBe(Code.DeadlineExceeded);
});

it("a slow but steady upload is not stalled", async () => {
  await using client = await MosaicoClient.connect({ url: server.url });
  const writer = await client.sequenceWriter("steady_upload", { idleTimeoutMs: 200, onError: "delete" });
  const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema, maxBatchRows: 10 });
  for (let i = 0; i < 5; i++) {
    await topic.push(imuBatch(i * 10, 10));
    await new Promise((resolve) => setTimeout(resolve, 120));
  }
  await writer.finalize();
  const table = await (await client.topicReader("steady_upload/imu")).readTable();
  expect(table.numRows).toBe(50);
});
