/**
 * A topic writer that meets a record too large for one message: the status,
 * count and lastError it shows (upstream's TopicWriterStatus.RecordTooLarge,
 * dropped_record_count, last_error), and that neither the drop nor a failed
 * report fails the upload. The server is an in-memory Flight service.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { Binary, Int64, Table, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { MosaicoClient } from "../../../src/index.js";
import { encodeJsonBytes, FlightService, parseJson, ResultSchema, type Action, type FlightData, type JsonObject } from "../../../src/protocol/index.js";

const MiB = 1024 * 1024;
const fixtures = join(import.meta.dirname, "../../conformance/fixtures/0.7/responses");

function envelope(action: string): JsonObject {
  return (parseJson(readFileSync(join(fixtures, `${action}.json`), "utf8")) as JsonObject).value as JsonObject;
}

/** A 0.7 server with a 4 MiB decode limit; `failNotifications` refuses topic_notification_create. */
function server(options: { failNotifications?: boolean } = {}) {
  const stats = { notifications: 0, putMessages: 0, finalized: false };
  const transport = createRouterTransport(({ service }) => {
    service(FlightService, {
      async *doAction(action: Action) {
        if (action.type === "info" && action.body.byteLength === 0) throw new ConnectError("Bad request: body deserialization error.", Code.InvalidArgument);
        if (action.type === "topic_notification_create") {
          stats.notifications++;
          if (options.failNotifications) throw new ConnectError("missing permission `write`", Code.PermissionDenied);
        }
        if (action.type === "session_finalize") stats.finalized = true;
        let value = envelope(action.type);
        if (action.type === "info") {
          const response = value.response as JsonObject;
          value = { ...value, response: { ...response, config: { ...(response.config as JsonObject), grpc_max_decode_message_size: 4 * MiB } } };
        }
        yield create(ResultSchema, { body: encodeJsonBytes(value) });
      },
      async *doPut(messages: AsyncIterable<FlightData>) {
        for await (const _ of messages) stats.putMessages++;
      },
    } as never);
  });
  return { transport, stats };
}

function frames(sizes: number[], first = 0): Table {
  return new Table({
    timestamp_ns: vectorFromArray(sizes.map((_, i) => BigInt(first + i)), new Int64()),
    frame: vectorFromArray(sizes.map((n) => new Uint8Array(n)), new Binary()),
  });
}

describe("topic writer: a record too large for one message", () => {
  it("is counted and shown in the status; the next clean push clears it", async () => {
    const { transport, stats } = server();
    await using client = await MosaicoClient.connect({ url: "http://127.0.0.1:1", transport });
    await client.writeSequence("drops", {}, async (writer) => {
      const camera = await writer.topicWriter("/camera", { ontologyTag: "image" });
      expect(camera.status).toBe("open");
      await camera.push(frames([10, 5 * MiB, 10]));
      expect(camera.status).toBe("record_too_large");
      expect(camera.state).toBe("open");
      expect(camera.droppedRecordCount).toBe(1);
      expect(camera.lastError).toMatch(/^Record dropped for topic '\/camera': its size alone exceeds .*\(timestamp_ns 1: \d+ bytes; one message carries at most 3774873\)$/);
      await camera.push(frames([10], 3));
      expect(camera.status).toBe("open");
      expect(camera.lastError).toBeUndefined();
      expect(camera.droppedRecordCount).toBe(1);
      expect(camera.progress.rows).toBe(3);
    });
    expect(stats).toEqual({ notifications: 1, putMessages: 4, finalized: true });
  });

  it("a report the server refuses does not fail the push; lastError says so", async () => {
    const { transport, stats } = server({ failNotifications: true });
    await using client = await MosaicoClient.connect({ url: "http://127.0.0.1:1", transport });
    await client.writeSequence("drops", {}, async (writer) => {
      const camera = await writer.topicWriter("/camera", { ontologyTag: "image" });
      await camera.push(frames([5 * MiB, 6 * MiB]));
      expect(camera.droppedRecordCount).toBe(2);
      expect(camera.status).toBe("record_too_large");
      expect(camera.lastError).toMatch(/the notification could not be sent: missing permission `write`$/);
    });
    expect(stats).toEqual({ notifications: 2, putMessages: 1, finalized: true }); // the schema only
  });
});
