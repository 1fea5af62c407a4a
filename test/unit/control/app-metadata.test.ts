import { describe, expect, it } from "vitest";
import { createJsonWireCodec } from "../../../src/protocol/codec/json-wire-codec.js";
import { encodeJsonBytes } from "../../../src/protocol/json.js";
import { Code, MosaicoError } from "../../../src/index.js";

const codec = createJsonWireCodec("J2");
const bytes = (text: string) => new TextEncoder().encode(text);

describe("topic app-metadata", () => {
  it("reads the J2 shape", () => {
    const meta = codec.decodeTopicAppMetadata(
      bytes(
        '{"created_at_ns":1767225600000000001,"completed_at_ns":null,"locked":false,"resource_locator":"drive_a/sensors/imu",' +
          '"info":{"chunks_number":1,"total_bytes":48213,"timestamp":{"start_ns":1767225600100000000,"end_ns":1767225659900000000}}}',
      ),
    )!;
    expect(meta.locator).toBe("drive_a/sensors/imu");
    expect(meta.createdAtNs).toBe(1767225600000000001n);
    expect(meta.completedAtNs).toBeNull();
    expect(meta.dataInfo).toEqual({
      interval: { startNs: 1767225600100000000n, endNs: 1767225659900000000n },
      totalBytes: 48213n,
      chunks: 1,
    });
    expect(meta.timeWindow).toBeUndefined();
  });

  it("reads the J3 shape, including an empty time window", () => {
    const meta = codec.decodeTopicAppMetadata(
      bytes(
        '{"created_at_ns":1,"completed_at_ns":2,"locked":true,"resource_locator":"a/b","ontology_tag":"imu","serialization_format":"default",' +
          '"user_metadata":{"vendor":"acme"},"data_info":{"interval":null,"total_row_count":0,"total_bytes":0,"total_chunks_count":0},' +
          '"time_window_info":{"interval":null,"row_count":0}}',
      ),
    )!;
    expect(meta.locked).toBe(true);
    expect(meta.ontologyTag).toBe("imu");
    expect(meta.userMetadata).toEqual({ vendor: "acme" });
    expect(meta.dataInfo).toEqual({ interval: null, rowCount: 0n, totalBytes: 0n, chunks: 0 });
    expect(meta.timeWindow).toEqual({ interval: null, rowCount: 0n });
  });

  it("refuses the J1 layout as unsupported, not as corrupted data (docs/protocol.md §0.1)", () => {
    const j1Topic = '{"resource_locator":"a/b","timestamp":{"min":1,"max":2},"info":{"chunks_number":1,"is_locked":true,"total_size_bytes":10,"created_timestamp":5}}';
    const j1Sequence = '{"resource_locator":"a","created_timestamp":5,"completed_timestamp":null,"sessions":[]}';
    for (const decode of [() => codec.decodeTopicAppMetadata(bytes(j1Topic)), () => codec.decodeSequenceAppMetadata(bytes(j1Sequence))]) {
      let error: unknown;
      try {
        decode();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MosaicoError);
      expect((error as MosaicoError).code).toBe(Code.Unimplemented);
      expect((error as MosaicoError).message).toMatch(/J1 servers are not supported, upgrade to mosaicod 0\.6/);
    }
  });

  it("tolerates missing app-metadata and rejects garbage with DATA_LOSS", () => {
    expect(codec.decodeTopicAppMetadata(new Uint8Array())).toBeUndefined();
    const error = (() => {
      try {
        codec.decodeTopicAppMetadata(bytes("{not json"));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MosaicoError);
    expect((error as MosaicoError).code).toBe(Code.DataLoss);
  });
});

describe("action envelope", () => {
  it("checks the echoed action name and returns the response", () => {
    expect(codec.decodeActionResponse("topic_create", [bytes('{"action":"topic_create","response":{"uuid":"u"}}')])).toEqual({ uuid: "u" });
    expect(codec.decodeActionResponse("sequence_delete", [bytes('{"action":"sequence_delete","response":null}')])).toBeNull();
    expect(codec.decodeActionResponse("x", [bytes('{"action":"empty"}')])).toBeNull();
    expect(() => codec.decodeActionResponse("topic_create", [bytes('{"action":"query","response":{}}')])).toThrow(MosaicoError);
  });

  it("concatenates split result bodies before parsing", () => {
    expect(codec.decodeActionResponse("version", [bytes('{"action":"vers'), bytes('ion","response":{"version":"0.6.0"}}')])).toEqual({
      version: "0.6.0",
    });
  });

  it("writes descriptor commands with exact i64 bounds and both DoPut keys", () => {
    expect(new TextDecoder().decode(codec.encodeFlightInfoCommand("a/b", { startNs: 9007199254740993n }))).toBe(
      '{"resource_locator":"a/b","timestamp_ns_start":9007199254740993}',
    );
    expect(new TextDecoder().decode(codec.encodeDoPutCommand("a/b", "u-1"))).toBe('{"resource_locator":"a/b","topic_uuid":"u-1","key":"u-1"}');
    expect(encodeJsonBytes({})).toEqual(bytes("{}"));
  });
});

// Client fuzz: answers whose fields defeat String() ({"toString": 1}) were UNKNOWN TypeErrors.
describe("hostile answers", () => {
  it("an envelope for another action, whatever its type, is DATA_LOSS", () => {
    for (const action of ['{"toString":1}', '[1,2]', '{"valueOf":{},"toString":null}', `"${"x".repeat(500)}"`]) {
      let error: unknown;
      try {
        codec.decodeActionResponse("sequence_info", [bytes(`{"action":${action},"response":{}}`)]);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MosaicoError);
      expect((error as MosaicoError).code).toBe(Code.DataLoss);
      expect((error as MosaicoError).message.length).toBeLessThan(300);
    }
  });

  it("a version whose pre-release is not a string reads as none", () => {
    const version = createJsonWireCodec("J1").decodeServerVersion({ version: "0.6.2", semver: { major: 0, minor: 6, patch: 2, pre: { toString: 1 } } } as never);
    expect(version.semver.pre).toBe("");
    expect(version.semver.minor).toBe(6);
  });
});
