/**
 * The notification a topic writer sends for a record too large for one
 * message (Python SDK 0.7, #731) has upstream's body, byte for byte: the
 * client writes through an in-memory Flight service that answers from the
 * 0.7 fixtures (with a 4 MiB decode limit) and records what it is sent.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { Binary, Int64, Table, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { MosaicoClient } from "../../src/index.js";
import {
  decodeJsonBytes,
  encodeJsonBytes,
  FlightService,
  parseJson,
  ResultSchema,
  stringifyJson,
  type Action,
  type FlightData,
  type JsonObject,
  type JsonValue,
} from "../../src/protocol/index.js";

const MiB = 1024 * 1024;
const fixtures = join(import.meta.dirname, "fixtures", "0.7");

function fixtureValue(path: string): JsonObject {
  return (parseJson(readFileSync(join(fixtures, path), "utf8")) as JsonObject).value as JsonObject;
}

/** The 0.7 info answer with a 4 MiB decode limit, so a 5 MiB record is too large. */
function infoEnvelope(): Uint8Array {
  const envelope = fixtureValue("responses/info.json");
  const response = envelope.response as JsonObject;
  return encodeJsonBytes({ ...envelope, response: { ...response, config: { ...(response.config as JsonObject), grpc_max_decode_message_size: 4 * MiB } } });
}

function recordingTransport(sent: Array<{ type: string; body: JsonValue }>, puts: number[]) {
  return createRouterTransport(({ service }) => {
    service(FlightService, {
      async *doAction(action: Action) {
        // The generation probe (docs/protocol.md §4.6): a JSON server refuses an empty info body.
        if (action.type === "info" && action.body.byteLength === 0) {
          throw new ConnectError("Bad request: body deserialization error.", Code.InvalidArgument);
        }
        if (action.type === "info") {
          yield create(ResultSchema, { body: infoEnvelope() });
          return;
        }
        sent.push({ type: action.type, body: decodeJsonBytes(action.body) });
        yield create(ResultSchema, { body: encodeJsonBytes(fixtureValue(`responses/${action.type}.json`)) });
      },
      async *doPut(messages: AsyncIterable<FlightData>) {
        let count = 0;
        for await (const _ of messages) count++;
        puts.push(count);
      },
    } as never);
  });
}

describe("the dropped-record notification (0.7 fixture)", () => {
  it("is sent with upstream's body and the upload goes on", async () => {
    const sent: Array<{ type: string; body: JsonValue }> = [];
    const puts: number[] = [];
    const request = fixtureValue("requests/topic_notification_create_dropped_record.json");
    const locator = (request.body as JsonObject).locator as string;
    const [sequence, ...topic] = locator.split("/");
    await using client = await MosaicoClient.connect({ url: "http://127.0.0.1:1", transport: recordingTransport(sent, puts) });
    const table = new Table({
      timestamp_ns: vectorFromArray([1n, 2n, 3n], new Int64()),
      frame: vectorFromArray([new Uint8Array(10), new Uint8Array(5 * MiB), new Uint8Array(10)], new Binary()),
    });
    await client.writeSequence(sequence!, {}, async (writer) => {
      const camera = await writer.topicWriter(`/${topic.join("/")}`, { ontologyTag: "image" });
      await camera.push(table);
      expect(camera.droppedRecordCount).toBe(1);
      expect(camera.status).toBe("record_too_large");
    });
    const notification = sent.filter((s) => s.type === "topic_notification_create");
    expect(notification).toHaveLength(1);
    expect(stringifyJson(notification[0]!.body)).toBe(stringifyJson(request.body as JsonValue));
    expect(sent.at(-1)!.type).toBe("session_finalize");
    expect(puts).toEqual([3]); // schema + the two slices around the dropped row
  });
});
