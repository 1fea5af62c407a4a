/**
 * exportRecording of topics with `_mcap_` metadata: each message rebuilt in
 * its original encoding (protobuf, json) on its original channel and schema,
 * as the Python MCAP extractor does (the fixtures cite its files and commits),
 * both for topics this SDK imported (dotted columns) and for topics in the
 * Python SDK's Unmodeled layout (struct columns plus `publish_time_ns`),
 * written here directly with the SDK's writers.
 */
import { equals, fromBinary, toJson, type DescMessage, type Message } from "@bufbuild/protobuf";
import { McapIndexedReader, TempBuffer } from "@mcap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRecording, importRecording, MCAP_METADATA_KEY } from "../../../src/node/bridge.js";
import { defineOntology, field, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { collectBytes } from "../helpers/collect-bytes.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";
import { COUNT, LABEL_SCHEMA, labelMessage, logTimeOf, originalRecording, publishTimeOf, trackDescriptor, trackDescriptorSet, trackMessage } from "./mcap-original-fixtures.js";

let server: RunningServer;
let client: MosaicoClient;
let desc: DescMessage;

beforeAll(async () => {
  server = await startTestServer();
  client = await MosaicoClient.connect({ url: server.url });
  desc = trackDescriptor();
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  removeDataDirs();
});

interface Exported {
  channels: Map<string, { messageEncoding: string; schema: { name: string; encoding: string; data: Uint8Array } | undefined }>;
  messages: Map<string, Array<{ logTime: bigint; publishTime: bigint; data: Uint8Array }>>;
}

async function exported(sequence: string): Promise<Exported> {
  const reader = await McapIndexedReader.Initialize({ readable: new TempBuffer(await collectBytes(exportRecording(client, sequence, { format: "mcap" }))) });
  const channels: Exported["channels"] = new Map();
  for (const c of reader.channelsById.values()) channels.set(c.topic, { messageEncoding: c.messageEncoding, schema: reader.schemasById.get(c.schemaId) });
  const messages: Exported["messages"] = new Map();
  for await (const m of reader.readMessages()) {
    const topic = reader.channelsById.get(m.channelId)!.topic;
    messages.set(topic, [...(messages.get(topic) ?? []), { logTime: m.logTime, publishTime: m.publishTime, data: m.data }]);
  }
  return { channels, messages };
}

function expectSameTrack(data: Uint8Array, original: Message) {
  const decoded = fromBinary(desc, data);
  expect(toJson(desc, decoded)).toEqual(toJson(desc, original)); // a readable diff first
  expect(equals(desc, decoded, original)).toBe(true);
}

const json = (data: Uint8Array) => JSON.parse(new TextDecoder().decode(data)) as unknown;

describe("exportRecording of `_mcap_` topics in their original encoding", () => {
  it("writes an imported protobuf channel back as protobuf and a JSON channel back as JSON, on their original channels and schemas", async () => {
    const result = await importRecording(client, await originalRecording(), { sequence: "orig_roundtrip" });
    expect(result.topics.map((t) => [t.channel, t.topic, t.messages])).toEqual([
      ["/tracks", "/tracks", COUNT],
      ["/labels.v2", "/labels_v2", COUNT],
    ]);
    const { channels, messages } = await exported("orig_roundtrip");

    const tracks = channels.get("/tracks")!;
    expect(tracks.messageEncoding).toBe("protobuf");
    expect(tracks.schema).toMatchObject({ name: "demo.Track", encoding: "protobuf" });
    expect(tracks.schema!.data).toEqual(trackDescriptorSet()); // the original FileDescriptorSet bytes
    const pb = messages.get("/tracks")!;
    expect(pb).toHaveLength(COUNT);
    for (const [i, m] of pb.entries()) {
      // timestamp_ns is the publish time (MCAPAdapterBase.translate); our import keeps no other, so both times are it.
      expect([m.logTime, m.publishTime]).toEqual([publishTimeOf(i, 0), publishTimeOf(i, 0)]);
      expectSameTrack(m.data, trackMessage(desc, i));
    }

    const labels = channels.get("/labels.v2")!; // the original channel name, not the sanitized topic name
    expect(labels.messageEncoding).toBe("json");
    expect(labels.schema).toMatchObject({ name: "demo.Label", encoding: "jsonschema" });
    expect(new TextDecoder().decode(labels.schema!.data)).toBe(LABEL_SCHEMA);
    const js = messages.get("/labels.v2")!;
    expect(js).toHaveLength(COUNT);
    for (const [i, m] of js.entries()) {
      expect(m.logTime).toBe(publishTimeOf(i, 1));
      expect(json(m.data)).toEqual(labelMessage(i)); // nested back, keys the message lacked still absent
    }
  });

  it("exports topics in the Python SDK's Unmodeled layout (struct columns, publish_time_ns) the same way", async () => {
    const point = field.struct({ x: field.float64(), y: field.float64() });
    const PyTrack = defineOntology({
      name: "Track",
      tag: "track",
      fields: {
        label: field.utf8(),
        kind: field.int32(),
        pose: field.optional(field.struct({ position: field.optional(point), yaw: field.float64() })),
        stamp: field.optional(field.struct({ seconds: field.int64(), nanos: field.int32() })),
        corners: field.list(point),
        scores: field.list(field.float32()),
        track_id: field.int64(),
        serial: field.uint64(),
        crop: field.binary(),
        tags: field.list(field.struct({ key: field.utf8(), value: field.int32() })),
        anchors: field.list(field.struct({ key: field.int32(), value: field.optional(point) })),
        text: field.optional(field.utf8()),
        code: field.optional(field.int32()),
        where: field.optional(point),
        battery: field.optional(field.float64()),
        publish_time_ns: field.int64(),
      },
    });
    const PyLabel = defineOntology({
      name: "Label",
      tag: "label",
      fields: {
        label: field.optional(field.utf8()),
        score: field.optional(field.float64()),
        count: field.optional(field.int64()),
        ok: field.optional(field.bool()),
        pos: field.optional(field.struct({ x: field.optional(field.float64()), y: field.optional(field.float64()), z: field.optional(field.struct({ level: field.optional(field.int64()) })) })),
        tags: field.optional(field.list(field.utf8())),
        boxes: field.optional(field.list(field.struct({ w: field.optional(field.float64()), h: field.optional(field.float64()) }))),
        publish_time_ns: field.int64(),
      },
    });
    const fds = trackDescriptorSet();
    const base64 = btoa(String.fromCharCode(...fds));
    // The Python MCAP bridge's raw_data (MessageToDict + ProtobufRulesMatcher): proto field names, nested messages
    // as dicts, oneof members and unset messages None, Timestamp {seconds, nanos}, map entries as {key, value}.
    const trackRow = (i: number) => {
      const note = [{ text: `t${i}` }, { code: i === 1 ? 0 : i }, { where: { x: i, y: 1 } }, {}][i % 4]!;
      return {
        timestamp_ns: logTimeOf(i, 0),
        label: i === 3 ? "" : `obj${i}`,
        kind: i % 3,
        pose: i === 5 ? null : { position: { x: i, y: -i }, yaw: i / 4 },
        stamp: i === 5 ? null : { seconds: 1_700_000_000n + BigInt(i), nanos: i * 1000 },
        corners: i === 2 ? [] : [{ x: i, y: 0 }, { x: 0, y: i }],
        scores: [i / 2, 0.25],
        track_id: -9_007_199_254_740_993n - BigInt(i),
        serial: 18_000_000_000_000_000_000n + BigInt(i),
        crop: Uint8Array.of(i, i + 1, 255),
        tags: i === 4 ? [] : [{ key: "a", value: i }, { key: "b", value: -1 }],
        anchors: [{ key: 1, value: { x: 1, y: i } }, { key: -3 - i, value: { x: 0, y: 0 } }],
        text: null,
        code: null,
        where: null,
        ...note,
        battery: i % 2 === 0 ? 12.5 - i : null,
        publish_time_ns: publishTimeOf(i, 0),
      };
    };
    const labelRow = (i: number) => {
      const m = labelMessage(i) as Record<string, unknown>;
      return { ...m, count: BigInt(m.count as number), timestamp_ns: logTimeOf(i, 1), publish_time_ns: publishTimeOf(i, 1) };
    };
    await client.writeSequence("orig_python", { onError: "delete" }, async (writer) => {
      const mcap = (channel_name: string, channel_encoding: string, schema_name: string, schema_encoding: string, schema_def: string) => ({
        [MCAP_METADATA_KEY]: { channel_name, channel_encoding, schema_name, schema_encoding, schema_def },
      });
      const tracks = await writer.topicWriter("/tracks", { model: PyTrack, userMetadata: mcap("/tracks", "protobuf", "demo.Track", "protobuf", base64) });
      await tracks.push(PyTrack.toRecordBatch(Array.from({ length: COUNT }, (_, i) => trackRow(i)) as never));
      const labels = await writer.topicWriter("/labels_v2", { model: PyLabel, userMetadata: mcap("/labels.v2", "json", "demo.Label", "jsonschema", LABEL_SCHEMA) });
      await labels.push(PyLabel.toRecordBatch(Array.from({ length: COUNT }, (_, i) => labelRow(i)) as never));
    });

    const { channels, messages } = await exported("orig_python");
    expect(channels.get("/tracks")).toMatchObject({ messageEncoding: "protobuf", schema: { name: "demo.Track", encoding: "protobuf", data: fds } });
    expect(channels.get("/labels.v2")).toMatchObject({ messageEncoding: "json", schema: { name: "demo.Label", encoding: "jsonschema" } });
    for (const [i, m] of messages.get("/tracks")!.entries()) {
      // log_time = timestamp_ns, publish_time = the popped publish_time_ns (sequence_extractor._process_message)
      expect([m.logTime, m.publishTime]).toEqual([logTimeOf(i, 0), publishTimeOf(i, 0)]);
      const original = trackMessage(desc, i) as Message & { extra?: unknown };
      original.extra = undefined; // google.protobuf.Struct has no Unmodeled layout in Python (a type nested in itself)
      expectSameTrack(m.data, original);
    }
    for (const [i, m] of messages.get("/labels.v2")!.entries()) {
      expect([m.logTime, m.publishTime]).toEqual([logTimeOf(i, 1), publishTimeOf(i, 1)]);
      expect(json(m.data)).toEqual(labelMessage(i)); // without publish_time_ns
    }
  });
});
