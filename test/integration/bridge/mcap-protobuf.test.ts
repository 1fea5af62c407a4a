/**
 * Protobuf MCAP channels through mosaico-web/bridge. The MCAP is written here
 * with @mcap/core; its schema is a FileDescriptorSet built with
 * @bufbuild/protobuf's descriptor messages, and the messages are encoded from
 * it with @bufbuild/protobuf (nothing is downloaded, no protoc). The decoding
 * follows the Python SDK's MCAP bridge:
 *   mosaico-sdk-py/src/mosaicolabs/bridges/mcap/decoders/protobuf/decoder.py @ 1a329646dc94b95ee8f48984027f30bc85be595c
 *     (MessageToDict: proto field names, fields without presence always printed, enums as integers;
 *      schema_def = base64 of the FileDescriptorSet, stringify_schema_def)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/mcap/decoders/protobuf/rules_matcher.py @ 5c815e5b326d51bb52396f7beeea568fd28a8b10
 *     (Timestamp -> {seconds, nanos}; unset singular messages and oneof members -> null)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/protocols/mcap/converters/protobuf_converter.py @ 6d2e0c841162ed9cbd913beb1a999f89364390cf
 *     (enum -> int32, bytes -> binary, repeated -> list)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/mcap/adapter_base.py @ 027c7d6075a209ae5b4f8e4eb5a96f0c69639cc2
 *     (timestamp_ns = publish time; MCAPSchemaMetadata `_mcap_`)
 */
import { create, createFileRegistry, fromBinary, toBinary } from "@bufbuild/protobuf";
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as Type,
  FileDescriptorProtoSchema,
  FileDescriptorSetSchema,
  file_google_protobuf_timestamp,
} from "@bufbuild/protobuf/wkt";
import { McapWriter, TempBuffer } from "@mcap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRecording, MCAP_METADATA_KEY } from "../../../src/node/bridge.js";
import { MosaicoClient, readRows } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;
let client: MosaicoClient;

beforeAll(async () => {
  server = await startTestServer();
  client = await MosaicoClient.connect({ url: server.url });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  removeDataDirs();
});

const T0 = 1_700_000_000_000_000_000n;

/** demo.Detection: a nested message, a Timestamp, a repeated message, an enum, bytes, a oneof, int64. */
function descriptorSet(): Uint8Array {
  const f = (name: string, number: number, type: Type, extra: Record<string, unknown> = {}) => ({ name, number, type, label: Label.OPTIONAL, jsonName: name, ...extra });
  const file = create(FileDescriptorProtoSchema, {
    name: "demo/detection.proto",
    package: "demo",
    syntax: "proto3",
    dependency: ["google/protobuf/timestamp.proto"],
    enumType: [{ name: "Kind", value: [{ name: "KIND_UNKNOWN", number: 0 }, { name: "KIND_CAR", number: 1 }, { name: "KIND_PEDESTRIAN", number: 2 }] }],
    messageType: [
      { name: "Point", field: [f("x", 1, Type.DOUBLE), f("y", 2, Type.DOUBLE)] },
      {
        name: "Detection",
        field: [
          f("label", 1, Type.STRING),
          f("score", 2, Type.FLOAT),
          f("kind", 3, Type.ENUM, { typeName: ".demo.Kind" }),
          f("center", 4, Type.MESSAGE, { typeName: ".demo.Point" }),
          f("stamp", 5, Type.MESSAGE, { typeName: ".google.protobuf.Timestamp" }),
          f("corners", 6, Type.MESSAGE, { typeName: ".demo.Point", label: Label.REPEATED }),
          f("track_id", 7, Type.INT64),
          f("crop", 8, Type.BYTES),
          f("text", 9, Type.STRING, { oneofIndex: 0 }),
          f("code", 10, Type.INT32, { oneofIndex: 0 }),
        ],
        oneofDecl: [{ name: "note" }],
      },
    ],
  });
  const timestampProto = file_google_protobuf_timestamp.proto;
  return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: [timestampProto, file] }));
}

async function protobufRecording(): Promise<Uint8Array> {
  const fds = descriptorSet();
  const detection = createFileRegistry(fromBinary(FileDescriptorSetSchema, fds)).getMessage("demo.Detection")!;
  const buffer = new TempBuffer();
  const writer = new McapWriter({ writable: buffer, useChunks: true, chunkSize: 4096 });
  await writer.start({ profile: "", library: "mosaico-web tests" });
  const schemaId = await writer.registerSchema({ name: "demo.Detection", encoding: "protobuf", data: fds });
  const channelId = await writer.registerChannel({ topic: "/detections", schemaId, messageEncoding: "protobuf", metadata: new Map() });
  for (let i = 0; i < 12; i++) {
    const message = create(detection, {
      label: `obj${i}`,
      score: i / 8,
      kind: i % 3,
      center: i === 5 ? undefined : { x: i, y: -i },
      stamp: { seconds: 1_700_000_000n + BigInt(i), nanos: i * 1000 },
      corners: [{ x: i, y: 0 }, { x: 0, y: i }],
      trackId: 9_007_199_254_740_993n + BigInt(i),
      crop: Uint8Array.of(i, i + 1, i + 2),
      note: i % 2 === 0 ? { case: "text", value: `t${i}` } : { case: "code", value: i },
    } as never);
    const t = T0 + BigInt(i) * 50_000_000n;
    await writer.addMessage({ channelId, sequence: i, logTime: t + 1n, publishTime: t, data: toBinary(detection, message) });
  }
  await writer.end();
  return buffer.get();
}

describe("importRecording of protobuf MCAP channels", () => {
  it("decodes with the channel's FileDescriptorSet into a generic topic with dotted columns, as the Python MCAP bridge", async () => {
    const result = await importRecording(client, await protobufRecording(), { sequence: "pb_import" });
    expect(result.format).toBe("mcap");
    expect(result.skipped).toEqual([]);
    expect(result.topics.map((t) => [t.topic, t.ontologyTag, t.messages])).toEqual([["/detections", "demo_detection", 12]]);

    const rows = [];
    for await (const batch of await client.topicReader("pb_import/detections")) rows.push(...readRows(batch));
    expect(rows).toHaveLength(12);
    expect(rows[2]).toMatchObject({
      timestamp_ns: T0 + 2n * 50_000_000n, // the publish time
      label: "obj2",
      score: 0.25,
      kind: 2,
      "center.x": 2,
      "center.y": -2,
      "stamp.seconds": 1_700_000_002n,
      "stamp.nanos": 2000,
      track_id: 9_007_199_254_740_995n,
      text: "t2",
    });
    expect(rows[2]!.corners).toEqual([{ x: 2, y: 0 }, { x: 0, y: 2 }]);
    expect(Array.from(rows[2]!.crop as Uint8Array)).toEqual([2, 3, 4]);
    expect(rows[2]!.code ?? null).toBeNull(); // the oneof member not set
    expect(rows[3]).toMatchObject({ code: 3 });
    expect(rows[5]!["center.x"] ?? null).toBeNull(); // an unset singular message

    const info = await client.topicInfo("pb_import/detections");
    const mcap = (info.userMetadata as Record<string, Record<string, unknown>>)[MCAP_METADATA_KEY]!;
    expect(mcap).toMatchObject({ channel_name: "/detections", channel_encoding: "protobuf", schema_name: "demo.Detection", schema_encoding: "protobuf" });
    expect(Uint8Array.from(atob(String(mcap.schema_def)), (c) => c.charCodeAt(0))).toEqual(descriptorSet());
  });
});
