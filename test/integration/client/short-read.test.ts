/**
 * No silent short read: a DoGet stream that ends cleanly but without all the
 * rows the server announced (0.7 `data_info` / `time_window_info`, 0.6
 * `message_count`) is DATA_LOSS, never a complete read. The server here is
 * the reference server behind a relay that drops the stream's last batch.
 */
import { createRouterTransport } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlightService, type Action, type FlightDescriptor, type Ticket } from "../../../src/protocol/index.js";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { clientFor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { seedImuTopic, T0, STEP } from "../helpers/imu-data.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

for (const generation of ["0.6", "0.7"] as const) {
  describe(`mosaicod ${generation}`, () => {
    let server: RunningServer;
    let upstream: FlightClient;
    beforeAll(async () => {
      server = await startTestServer({ generation, maxBatchRows: 100 });
      upstream = clientFor(transportsFor(server.url)[0]!.transport);
      await using writer = await MosaicoClient.connect({ url: server.url });
      await seedImuTopic(writer, "short", "/imu", 300);
    });
    afterAll(async () => {
      await server?.close();
      removeDataDirs();
    });

    /** Forwards every call to the reference server; DoGet loses its last message. */
    function relay(dropLast: boolean) {
      return createRouterTransport(({ service }) => {
        service(FlightService, {
          doAction: (action: Action) => upstream.doAction(action),
          getFlightInfo: (descriptor: FlightDescriptor) => upstream.getFlightInfo(descriptor),
          async *doGet(ticket: Ticket) {
            const messages = [];
            for await (const message of upstream.doGet(ticket)) messages.push(message);
            yield* dropLast ? messages.slice(0, -1) : messages;
          },
        } as never);
      });
    }

    async function connect(dropLast: boolean) {
      return MosaicoClient.connect({ url: server.url, transport: relay(dropLast) });
    }

    it("a complete stream reads as before", async () => {
      await using client = await connect(false);
      expect((await (await client.topicReader("short/imu")).readTable()).numRows).toBe(300);
    });

    it("a stream short of its announced rows is DATA_LOSS, whole topic and range alike", async () => {
      await using client = await connect(true);
      const whole = await failure((await client.topicReader("short/imu")).readTable());
      expect(whole.code).toBe(Code.DataLoss);
      expect(whole.message).toMatch(/ended after 200 rows, but the server announced 300/);
      const ranged = await failure((await client.topicReader("short/imu", { startNs: T0 + 50n * STEP, endNs: T0 + 250n * STEP })).readTable());
      expect(ranged.code).toBe(Code.DataLoss);
      expect(ranged.message).toMatch(/but the server announced 200/);
    });
  });
}
