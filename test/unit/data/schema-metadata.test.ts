import { describe, expect, it } from "vitest";
import { Field, Int64, Schema } from "apache-arrow";
import { decodeFlightData, encodeFlightData, parseMosaicoSchemaMetadata } from "../../../src/protocol/index.js";
import { collect, countingSource } from "./helpers.js";

const schemaWith = (entries: Record<string, string>) =>
  new Schema([new Field("timestamp_ns", new Int64(), false)], new Map(Object.entries(entries)));

describe("parseMosaicoSchemaMetadata", () => {
  it("reads a DoGet topic schema with exact i64 values", () => {
    const parsed = parseMosaicoSchemaMetadata(
      schemaWith({
        "mosaico:context": "topic",
        "mosaico:properties":
          '{"serialization_format":"default","ontology_tag":"imu","message_count":18446744073,' +
          '"timestamp_ns_min":1767225600100000001,"timestamp_ns_max":1767225659900000009,"extra":{"a":[1,2]}}',
        "mosaico:user_metadata": '{"vendor":"acme","serial":9007199254740993,"ros:bridge":"x"}',
        "other:key": "ignored",
      }),
    );
    expect(parsed).toEqual({
      context: "topic",
      properties: {
        serializationFormat: "default",
        ontologyTag: "imu",
        messageCount: 18446744073n,
        timestampNsMin: 1767225600100000001n,
        timestampNsMax: 1767225659900000009n,
        extra: { a: [1, 2] },
      },
      userMetadata: { vendor: "acme", serial: 9007199254740993n },
    });
  });

  it("reads a sequence FlightInfo schema and JSON-quoted values", () => {
    expect(parseMosaicoSchemaMetadata(schemaWith({ "mosaico:context": '"sequence"', "mosaico:user_metadata": "[1,2]" }))).toEqual({
      context: "sequence",
      userMetadata: [1, 2],
    });
  });

  it("falls back to raw strings and drops null user metadata", () => {
    const parsed = parseMosaicoSchemaMetadata(
      new Map([
        ["mosaico:context", "something-new"],
        ["mosaico:properties", "not json"],
        ["mosaico:user_metadata", "null"],
      ]),
    );
    expect(parsed).toEqual({ context: "something-new" });
    expect(parseMosaicoSchemaMetadata(new Map([["mosaico:user_metadata", "free text"]]))).toEqual({
      userMetadata: "free text",
    });
  });

  it("passes known keys with unexpected types through under their wire name", () => {
    const parsed = parseMosaicoSchemaMetadata(
      schemaWith({ "mosaico:properties": '{"ontology_tag":5,"message_count":"n/a","timestamp_ns_min":12}' }),
    );
    expect(parsed.properties).toEqual({ ontology_tag: 5, message_count: "n/a", timestampNsMin: 12n });
  });

  it("returns an empty object for a schema without mosaico keys", () => {
    expect(parseMosaicoSchemaMetadata(schemaWith({}))).toEqual({});
  });

  it("survives a FlightData round trip", async () => {
    const schema = schemaWith({
      "mosaico:context": "topic",
      "mosaico:properties": '{"message_count":3,"timestamp_ns_max":1767225659900000009}',
    });
    const reader = await decodeFlightData(countingSource(await collect(encodeFlightData(schema, []))));
    expect(parseMosaicoSchemaMetadata(reader.schema).properties).toEqual({
      messageCount: 3n,
      timestampNsMax: 1767225659900000009n,
    });
  });
});
