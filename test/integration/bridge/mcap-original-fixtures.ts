/**
 * An MCAP recording with a protobuf channel and a JSON channel, generated here
 * with @mcap/core and @bufbuild/protobuf (the FileDescriptorSet is built from
 * @bufbuild/protobuf's descriptor messages; nothing is downloaded, no protoc),
 * for the export of `_mcap_` topics back to their original channels, as the
 * Python MCAP extractor writes them:
 *   mosaico-sdk-py/src/mosaicolabs/bridges/mcap/sequence_extractor.py @ 1566a7287054e2c167be3aaba5b2cf78dc281625
 *     (_process_message: channel from `_mcap_` via register_or_get_channel_id; write at timestamp_ns with publish_time_ns)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/mcap/mcap_file.py @ 1566a7287054e2c167be3aaba5b2cf78dc281625
 *     (MCAPFileWriter.register_or_get_channel_id: schema name/encoding/destringified schema_def, channel name/encoding;
 *      write: publish_time defaults to log_time)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/mcap/adapters/unmodeled.py @ 1566a7287054e2c167be3aaba5b2cf78dc281625
 *     (UnmodeledAdapter.from_dict adds `publish_time_ns`; to_mcap pops it and builds `__mcap_class__(**raw_data)`)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/mcap/loader.py @ 1566a7287054e2c167be3aaba5b2cf78dc281625
 *     (MCAPLoader: schema_def stringified per schema; MosaicoToMCAPLoader resolves adapters against `_mcap_`)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/mcap/adapter_base.py @ 027c7d6075a209ae5b4f8e4eb5a96f0c69639cc2
 *     (MCAPAdapterBase.translate: timestamp_ns = publish time; MCAPSchemaMetadata `_mcap_`)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/protocols/mcap/converters/protobuf_converter.py @ 6d2e0c841162ed9cbd913beb1a999f89364390cf
 *     (the Python Unmodeled layout: nested messages as struct columns, repeated as lists, oneof members as nullable siblings)
 */
import { create, createFileRegistry, fromBinary, toBinary, type DescMessage, type Message } from "@bufbuild/protobuf";
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as Type,
  FileDescriptorProtoSchema,
  FileDescriptorSetSchema,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
} from "@bufbuild/protobuf/wkt";
import { McapWriter, TempBuffer } from "@mcap/core";

export const T0 = 1_700_000_000_000_000_000n;
export const COUNT = 8;

/**
 * demo.Track: a message nested two deep, a Timestamp, repeated messages and scalars, an enum, int64 and uint64,
 * bytes, two maps (string keys, int keys with message values), a oneof with a message member, a proto3 optional,
 * and a google.protobuf.Struct (a type nested in itself, kept as JSON text).
 */
export function trackDescriptorSet(): Uint8Array {
  const f = (name: string, number: number, type: Type, extra: Record<string, unknown> = {}) => ({ name, number, type, label: Label.OPTIONAL, jsonName: name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), ...extra });
  const entry = (name: string, key: ReturnType<typeof f>, value: ReturnType<typeof f>) => ({ name, field: [key, value], options: { mapEntry: true } });
  const file = create(FileDescriptorProtoSchema, {
    name: "demo/track.proto",
    package: "demo",
    syntax: "proto3",
    dependency: ["google/protobuf/timestamp.proto", "google/protobuf/struct.proto"],
    enumType: [{ name: "Kind", value: [{ name: "KIND_UNKNOWN", number: 0 }, { name: "KIND_CAR", number: 1 }, { name: "KIND_PEDESTRIAN", number: 2 }] }],
    messageType: [
      { name: "Point", field: [f("x", 1, Type.DOUBLE), f("y", 2, Type.DOUBLE)] },
      { name: "Pose", field: [f("position", 1, Type.MESSAGE, { typeName: ".demo.Point" }), f("yaw", 2, Type.DOUBLE)] },
      {
        name: "Track",
        field: [
          f("label", 1, Type.STRING),
          f("kind", 2, Type.ENUM, { typeName: ".demo.Kind" }),
          f("pose", 3, Type.MESSAGE, { typeName: ".demo.Pose" }),
          f("stamp", 4, Type.MESSAGE, { typeName: ".google.protobuf.Timestamp" }),
          f("corners", 5, Type.MESSAGE, { typeName: ".demo.Point", label: Label.REPEATED }),
          f("scores", 6, Type.FLOAT, { label: Label.REPEATED }),
          f("track_id", 7, Type.INT64),
          f("serial", 8, Type.UINT64),
          f("crop", 9, Type.BYTES),
          f("tags", 10, Type.MESSAGE, { typeName: ".demo.Track.TagsEntry", label: Label.REPEATED }),
          f("anchors", 11, Type.MESSAGE, { typeName: ".demo.Track.AnchorsEntry", label: Label.REPEATED }),
          f("text", 12, Type.STRING, { oneofIndex: 0 }),
          f("code", 13, Type.INT32, { oneofIndex: 0 }),
          f("where", 14, Type.MESSAGE, { typeName: ".demo.Point", oneofIndex: 0 }),
          f("battery", 15, Type.DOUBLE, { oneofIndex: 1, proto3Optional: true }),
          f("extra", 16, Type.MESSAGE, { typeName: ".google.protobuf.Struct" }),
        ],
        nestedType: [
          entry("TagsEntry", f("key", 1, Type.STRING), f("value", 2, Type.INT32)),
          entry("AnchorsEntry", f("key", 1, Type.INT32), f("value", 2, Type.MESSAGE, { typeName: ".demo.Point" })),
        ],
        oneofDecl: [{ name: "note" }, { name: "_battery" }],
      },
    ],
  });
  return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: [file_google_protobuf_timestamp.proto, file_google_protobuf_struct.proto, file] }));
}

export function trackDescriptor(): DescMessage {
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, trackDescriptorSet())).getMessage("demo.Track")!;
}

const notes = (i: number) => [{ case: "text", value: `t${i}` }, { case: "code", value: i === 1 ? 0 : i }, { case: "where", value: { x: i, y: 1 } }, { case: undefined }][i % 4];

/** The i-th demo.Track of the recording (message 5 leaves `pose` and `stamp` unset, odd ones `battery`). */
export function trackMessage(desc: DescMessage, i: number): Message {
  return create(desc, {
    label: i === 3 ? "" : `obj${i}`,
    kind: i % 3,
    pose: i === 5 ? undefined : { position: { x: i, y: -i }, yaw: i / 4 },
    stamp: i === 5 ? undefined : { seconds: 1_700_000_000n + BigInt(i), nanos: i * 1000 },
    corners: i === 2 ? [] : [{ x: i, y: 0 }, { x: 0, y: i }],
    scores: [i / 2, 0.25],
    trackId: -9_007_199_254_740_993n - BigInt(i),
    serial: 18_000_000_000_000_000_000n + BigInt(i),
    crop: Uint8Array.of(i, i + 1, 255),
    tags: i === 4 ? {} : { a: i, b: -1 },
    anchors: { 1: { x: 1, y: i }, [-3 - i]: { x: 0, y: 0 } },
    note: notes(i),
    battery: i % 2 === 0 ? 12.5 - i : undefined,
    extra: { fields: { name: { kind: { case: "stringValue", value: `n${i}` } }, n: { kind: { case: "numberValue", value: i } }, list: { kind: { case: "listValue", value: { values: [{ kind: { case: "boolValue", value: true } }] } } } } },
  } as never);
}

/** The JSON Schema of the JSON channel: nested objects two deep, arrays of scalars and of objects, integers, booleans. */
export const LABEL_SCHEMA = JSON.stringify({
  type: "object",
  properties: {
    label: { type: "string" },
    score: { type: "number" },
    count: { type: "integer" },
    ok: { type: "boolean" },
    pos: { type: "object", properties: { x: { type: "number" }, y: { type: "number" }, z: { type: "object", properties: { level: { type: "integer" } } } } },
    tags: { type: "array", items: { type: "string" } },
    boxes: { type: "array", items: { type: "object", properties: { w: { type: "number" }, h: { type: "number" } } } },
  },
});

/** The i-th JSON message (message 2 has no `pos`, message 4 no `tags`). */
export function labelMessage(i: number): Record<string, unknown> {
  const m: Record<string, unknown> = { label: `car${i}`, score: i / 5, count: i * 1000, ok: i % 2 === 0 };
  if (i !== 2) m.pos = { x: i, y: -i, z: { level: i } };
  if (i !== 4) m.tags = ["a", `t${i}`];
  m.boxes = [{ w: i, h: 2 }];
  return JSON.parse(JSON.stringify(m)) as Record<string, unknown>; // as sent: JSON has no -0
}

/** Log time and publish time of the i-th message of a channel: the publish time is 1 ms before the log time. */
export const publishTimeOf = (i: number, channel: number) => T0 + BigInt(i) * 50_000_000n + BigInt(channel);
export const logTimeOf = (i: number, channel: number) => publishTimeOf(i, channel) + 1_000_000n;

/** A protobuf channel `/tracks` (demo.Track) and a JSON channel `/labels.v2` (demo.Label, jsonschema). */
export async function originalRecording(): Promise<Uint8Array> {
  const fds = trackDescriptorSet();
  const desc = trackDescriptor();
  const buffer = new TempBuffer();
  const writer = new McapWriter({ writable: buffer, useChunks: true, chunkSize: 4096 });
  await writer.start({ profile: "", library: "mosaico-web tests" });
  const pbSchema = await writer.registerSchema({ name: "demo.Track", encoding: "protobuf", data: fds });
  const pb = await writer.registerChannel({ topic: "/tracks", schemaId: pbSchema, messageEncoding: "protobuf", metadata: new Map() });
  const jsonSchema = await writer.registerSchema({ name: "demo.Label", encoding: "jsonschema", data: new TextEncoder().encode(LABEL_SCHEMA) });
  const json = await writer.registerChannel({ topic: "/labels.v2", schemaId: jsonSchema, messageEncoding: "json", metadata: new Map() });
  for (let i = 0; i < COUNT; i++) {
    await writer.addMessage({ channelId: pb, sequence: i, logTime: logTimeOf(i, 0), publishTime: publishTimeOf(i, 0), data: toBinary(desc, trackMessage(desc, i)) });
    await writer.addMessage({ channelId: json, sequence: i, logTime: logTimeOf(i, 1), publishTime: publishTimeOf(i, 1), data: new TextEncoder().encode(JSON.stringify(labelMessage(i))) });
  }
  await writer.end();
  return buffer.get();
}
