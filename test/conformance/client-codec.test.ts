/**
 * The client held to upstream, with no server of ours involved: every request
 * body the client sends and every response / app-metadata shape it parses is
 * checked against the golden fixtures of test/conformance/fixtures, which were
 * written from the mosaicod crates, the Python SDK and the API-spec docs (each
 * fixture cites file and commit; SOURCES.md lists what stays unsettled).
 *
 * The "server" here is an in-memory Connect router that records each DoAction
 * body and answers with the fixture's response envelope, byte for byte.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineOntology, field, IMU, MosaicoClient, Query, RobotJoint } from "../../src/index.js";
import {
  createJsonWireCodec,
  decodeJsonBytes,
  encodeJsonBytes,
  FlightService,
  parseJson,
  ResultSchema,
  type Action,
  stringifyJson,
  type JsonObject,
  type JsonValue,
} from "../../src/protocol/index.js";

const fixtures = join(import.meta.dirname, "fixtures");

interface Fixture {
  source: Array<{ repo: string; path: string; commit: string | null }>;
  value: JsonValue;
}

/** Reads a fixture with the bigint-safe JSON codec (timestamps exceed 2^53). */
function fixture(release: string, path: string): Fixture {
  return parseJson(readFileSync(join(fixtures, release, path), "utf8")) as unknown as Fixture;
}

function envelopeOf(release: string, action: string): Uint8Array {
  return encodeJsonBytes(fixture(release, `responses/${action}.json`).value);
}

/** A FlightService that records action bodies and answers from the fixtures of `release`. */
function fixtureTransport(release: "0.6" | "0.7", sent: Array<{ type: string; body: JsonValue }>) {
  const probeAction = release === "0.7" ? "info" : "version";
  return createRouterTransport(({ service }) => {
    service(FlightService, {
      async *doAction(action: Action) {
        // The probe (docs/protocol.md §4.6): the errors/ fixtures' texts.
        if (action.type === "info" && release === "0.6") {
          throw new ConnectError("Bad request: no available action for string `info`.", Code.InvalidArgument);
        }
        if (action.type === "info" && action.body.byteLength === 0) {
          throw new ConnectError("Bad request: body deserialization error.", Code.InvalidArgument);
        }
        if (action.type !== probeAction) sent.push({ type: action.type, body: decodeJsonBytes(action.body) });
        yield create(ResultSchema, { body: envelopeOf(release, action.type) });
      },
    } as never);
  });
}

/** The SDK docstring's `RobotPath` (`RobotPath.Q.poses.any().position.x.gt(1.0)`, query/generation/api.py). */
const RobotPath = defineOntology({
  name: "RobotPath",
  tag: "robot_path",
  fields: { poses: field.list(field.struct({ position: field.struct({ x: field.float64() }), label: field.utf8() })) },
});

const releases = [
  { release: "0.6", generation: "J2" },
  { release: "0.7", generation: "J3" },
] as const;

for (const { release, generation } of releases) {
  describe(`mosaicod ${release} (${generation}) fixtures`, () => {
    const codec = createJsonWireCodec(generation);

    it("every fixture cites its upstream source", () => {
      for (const path of ["app-metadata/topic.json", "app-metadata/sequence.json", "requests/sequence_create.json"]) {
        const { source } = fixture(release, path);
        expect(source.length).toBeGreaterThan(0);
        for (const s of source) expect(s.repo).toBe("mosaico-labs/mosaico");
      }
    });

    it("decodes the topic app-metadata shape", () => {
      const value = fixture(release, "app-metadata/topic.json").value as JsonObject;
      const meta = codec.decodeTopicAppMetadata(encodeJsonBytes(value))!;
      expect(meta.locator).toBe(value.resource_locator);
      expect(meta.createdAtNs).toBe(BigInt(value.created_at_ns as number | bigint));
      expect(meta.locked).toBe(value.locked ?? meta.completedAtNs !== null);
      if (release === "0.7") {
        const info = value.data_info as JsonObject;
        expect(meta.ontologyTag).toBe(value.ontology_tag);
        expect(meta.dataInfo?.rowCount).toBe(BigInt(info.total_row_count as number));
        expect(meta.dataInfo?.totalBytes).toBe(BigInt(info.total_bytes as number));
        expect(meta.dataInfo?.chunks).toBe(Number(info.total_chunks_count));
      } else if (value.info !== null && value.info !== undefined) {
        expect(meta.dataInfo).toBeDefined();
      }
    });

    it("decodes the sequence app-metadata shape", () => {
      const value = fixture(release, "app-metadata/sequence.json").value as JsonObject;
      const meta = codec.decodeSequenceAppMetadata(encodeJsonBytes(value))!;
      expect(meta.locator).toBe(value.resource_locator);
      expect(meta.sessions).toHaveLength((value.sessions as JsonValue[]).length);
      if (release === "0.7") expect(meta.userMetadata).toEqual(value.user_metadata);
    });

    it("decodes the version/info answer, with the release's limit names", () => {
      const action = release === "0.7" ? "info" : "version";
      const { response } = fixture(release, `responses/${action}.json`).value as { response: JsonObject };
      expect(codec.versionAction).toBe(action);
      const version = codec.decodeServerVersion(response);
      expect(version.version).toBe(response.version);
      if (release === "0.7") {
        const config = response.config as JsonObject;
        expect(version.config).toEqual({
          maxDecodeMessageBytes: Number(config.grpc_max_decode_message_size),
          maxEncodeMessageBytes: Number(config.grpc_max_encode_message_size),
          targetEncodeMessageBytes: Number(config.grpc_target_encode_message_size),
        });
      }
    });

    it("writes the GetFlightInfo and DoPut descriptor commands upstream reads", () => {
      const info = fixture(release, "descriptors/get_flight_info_cmd.json").value as { cmd: JsonObject };
      const cmd = info.cmd;
      const ours = decodeJsonBytes(
        codec.encodeFlightInfoCommand(cmd.resource_locator as string, {
          startNs: BigInt(cmd.timestamp_ns_start as number),
          endNs: BigInt(cmd.timestamp_ns_end as number),
        }),
      );
      expect(stringifyJson(ours)).toBe(stringifyJson(cmd));
      const put = (fixture(release, "descriptors/do_put_cmd.json").value as { cmd: JsonObject }).cmd;
      const ourPut = decodeJsonBytes(codec.encodeDoPutCommand(put.resource_locator as string, put.topic_uuid as string)) as JsonObject;
      // Upstream's fields, exactly; `key` is the J1 spelling, ignored by serde on 0.6/0.7 (no deny_unknown_fields).
      expect({ resource_locator: ourPut.resource_locator, topic_uuid: ourPut.topic_uuid }).toEqual(put);
    });

    describe("request bodies through the client", () => {
      const sent: Array<{ type: string; body: JsonValue }> = [];
      let client: MosaicoClient;
      beforeAll(async () => {
        client = await MosaicoClient.connect({ url: "http://127.0.0.1:1", transport: fixtureTransport(release, sent) });
      });
      afterAll(() => client.close());

      const expectSent = (action: string) => {
        const request = fixture(release, `requests/${action}.json`).value as { action: string; body: JsonValue };
        const last = sent.at(-1)!;
        expect(last.type).toBe(request.action);
        expect(stringifyJson(last.body)).toBe(stringifyJson(request.body));
      };

      it("detects the generation from the fixture answer", () => {
        expect(client.generation).toBe(generation);
      });

      it("sequence and session actions", async () => {
        const create = fixture(release, "requests/sequence_create.json").value as { body: JsonObject };
        await client.createSequence(create.body.locator as string, { userMetadata: create.body.user_metadata as JsonObject });
        expectSent("sequence_create");
        await client.deleteSequence("drive_a");
        expectSent("sequence_delete");
        await client.createSession("drive_a");
        expectSent("session_create");
        const finalize = fixture(release, "requests/session_finalize.json").value as { body: JsonObject };
        await client.finalizeSession(finalize.body.session_uuid as string);
        expectSent("session_finalize");
        const del = fixture(release, "requests/session_delete.json").value as { body: JsonObject };
        await client.deleteSession(del.body.locator as string);
        expectSent("session_delete");
      });

      it("topic actions", async () => {
        const create = fixture(release, "requests/topic_create.json").value as { body: JsonObject };
        const b = create.body;
        await client.createTopic({
          locator: b.locator as string,
          sessionUuid: b.session_uuid as string,
          ontologyTag: b.ontology_tag as string,
          serializationFormat: b.serialization_format as "default",
          userMetadata: b.user_metadata as JsonObject,
        });
        expectSent("topic_create");
        await client.deleteTopic("drive_a/sensors/imu");
        expectSent("topic_delete");
      });

      it("notification actions", async () => {
        const msg = ((fixture(release, "requests/sequence_notification_create.json").value as { body: JsonObject }).body.msg) as string;
        await client.createSequenceNotification("drive_a", msg);
        expectSent("sequence_notification_create");
        await client.listSequenceNotifications("drive_a");
        expectSent("sequence_notification_list");
        await client.purgeSequenceNotifications("drive_a");
        expectSent("sequence_notification_purge");
        await client.createTopicNotification("drive_a/sensors/imu", msg);
        expectSent("topic_notification_create");
        await client.listTopicNotifications("drive_a/sensors/imu");
        expectSent("topic_notification_list");
        await client.purgeTopicNotifications("drive_a/sensors/imu");
        expectSent("topic_notification_purge");
      });

      it("temporal filters send both bounds, as upstream's SDK does", async () => {
        const request = fixture(release, "requests/topic_filter_clusterize.json").value as { body: JsonObject };
        const range = request.body.timestamp_range as JsonObject;
        for await (const _ of client.topicFilterClusterize({
          locator: request.body.locator as string,
          ontology: IMU.Q.acceleration.x.gt(5),
          clusteringDtNs: BigInt(request.body.clustering_dt_ns as number),
          timestampRange: { startNs: BigInt(range.start_ns as number), endNs: BigInt(range.end_ns as number) },
        })) {
          // windows from the fixture answer
        }
        const last = sent.at(-1)!;
        expect(last.type).toBe("topic_filter_clusterize");
        expect(parseJson(stringifyJson(last.body))).toEqual(parseJson(stringifyJson(request.body)));
      });

      it("list conditions send the SDK's specifier keys (requests/query_lists.json)", async () => {
        await client.query([
          RobotJoint.Q.positions.any().gt(1.5),
          RobotJoint.Q.names.all().match("arm_*"),
          RobotJoint.Q.efforts.at(0).leq(10),
          RobotJoint.Q.velocities.eq([0, 0.5]),
          RobotPath.Q.poses.any().position.x.gt(1),
          RobotPath.Q.poses.at(2).label.eq("goal"),
        ]);
        expectSent("query_lists");
      });

      it("user-metadata wildcards and $match go out verbatim (requests/query_metadata_keys.json)", async () => {
        await client.query([
          Query.sequence()
            .name.match("drive_##")
            .userMetadata("status.*").ex()
            .userMetadata("**.battery").gt(50)
            .userMetadata("logs[*].id").eq(2)
            .userMetadata("site").match("lab-#"),
          Query.topic().name.match("/sensors/*").userMetadata("payload_manifest.sensors.**").eq("online").userMetadata("tags[0]").nex(),
        ]);
        expectSent("query_metadata_keys");
      });

      it("query answers decode into sequences and topics", async () => {
        const items = await client.query([Query.sequence().name.match("drive_*")]);
        const { response } = fixture(release, "responses/query.json").value as { response: { items: JsonValue[] } };
        expect(items).toHaveLength(response.items.length);
        expect(sent.at(-1)!.type).toBe("query");
      });
    });
  });
}
