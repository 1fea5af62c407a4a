/**
 * A read never waits forever: when the server stops sending in the middle of
 * a DoGet, the reader gives up after `idleTimeoutMs` with DEADLINE_EXCEEDED
 * (the time the consumer spends on a batch does not count), and with
 * `resume` it reopens the stream and delivers the rest exactly once. The
 * server is the reference server behind a relay that stalls its first DoGet.
 */
import { createRouterTransport, type HandlerContext } from "@connectrpc/connect";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FlightService, type Action, type FlightDescriptor, type Ticket } from "../../../src/protocol/index.js";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { clientFor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { seedImuTopic } from "../helpers/imu-data.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;
let upstream: FlightClient;
beforeAll(async () => {
  server = await startTestServer({ maxBatchRows: 100 });
  upstream = clientFor(transportsFor(server.url)[0]!.transport);
  await using writer = await MosaicoClient.connect({ url: server.url });
  await seedImuTopic(writer, "stall", "/imu", 1000);
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

/** Forwards every call; the first `stalls` DoGets go silent after three messages, until the client gives up. */
function stallingRelay(stalls: number) {
  let left = stalls;
  return createRouterTransport(({ service }) => {
    service(FlightService, {
      doAction: (action: Action) => upstream.doAction(action),
      getFlightInfo: (descriptor: FlightDescriptor) => upstream.getFlightInfo(descriptor),
      async *doGet(ticket: Ticket, context: HandlerContext) {
        const stall = left-- > 0;
        let sent = 0;
        for await (const message of upstream.doGet(ticket)) {
          if (stall && sent === 3) {
            await new Promise((resolve) => context.signal.addEventListener("abort", resolve, { once: true }));
            return;
          }
          sent++;
          yield message;
        }
      },
    } as never);
  });
}

it("gives up on a silent stream after idleTimeoutMs with DEADLINE_EXCEEDED", async () => {
  await using client = await MosaicoClient.connect({ url: server.url, transport: stallingRelay(1) });
  const started = Date.now();
  const error = await failure((await client.topicReader("stall/imu", { idleTimeoutMs: 300 })).readTable());
  expect(error.code).toBe(Code.DeadlineExceeded);
  expect(error.message).toMatch(/no data from the server for 300 ms while reading stall\/imu \(after \d+ rows\)/);
  expect(Date.now() - started).toBeLessThan(5000);
});

it("a slow consumer is not a stalled server", async () => {
  await using client = await MosaicoClient.connect({ url: server.url, transport: stallingRelay(0) });
  let rows = 0;
  for await (const batch of await client.topicReader("stall/imu", { idleTimeoutMs: 200, prefetch: 0 })) {
    rows += batch.numRows;
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  expect(rows).toBe(1000);
});

it("with resume, a stalled stream is reopened and the read completes exactly once", async () => {
  await using client = await MosaicoClient.connect({ url: server.url, transport: stallingRelay(1) });
  const table = await (await client.topicReader("stall/imu", { idleTimeoutMs: 300, resume: { attempts: 2, backoffMs: 10 } })).readTable();
  const ts = Array.from(table.getChild("timestamp_ns")!.toArray() as BigInt64Array);
  expect(ts).toHaveLength(1000);
  expect(new Set(ts).size).toBe(1000);
  expect(ts).toEqual([...ts].sort((a, b) => (a < b ? -1 : 1)));
});
