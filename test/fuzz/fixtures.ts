/**
 * Server state the fuzzers work on, made over raw Flight before fuzzing:
 * the baseline topic (uploaded and finalized; must read back byte-identical
 * at the end), a sequence the action fuzzer may touch (`fuzz_act`), a
 * sequence it may delete (`fuzz_victim`, re-created on demand) and an open
 * session for the DoPut fuzzer's topics (`fuzz_put`).
 */
import { createHash } from "node:crypto";
import { RecordBatchStreamWriter, type RecordBatch, type Schema } from "apache-arrow";
import { create } from "@bufbuild/protobuf";
import { decodeFlightData, encodeFlightData } from "../../src/protocol/index.js";
import { FlightDescriptorSchema, FlightDescriptor_DescriptorType, type FlightData } from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { encodeJsonBytes, type JsonValue } from "../../src/protocol/json.js";
import { imuBatch, imuSchema } from "../integration/helpers/imu-data.js";
import { batchesOf, imuTable, timestamps } from "../integration/helpers/imu-table.js";
import { encodeTicket } from "../../server/flight/bincode-ticket.js";
import { action, AUTH, type FlightClient } from "./server-harness.js";

/** Every item of an async iterable, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** An array as an async iterable (a request stream, a decoder's input). */
export async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** The FlightData of a whole DoPut of `batches` to topic `locator` / `uuid`. */
export async function uploadMessages(locator: string, uuid: string, batches: readonly RecordBatch[], schema: Schema = imuSchema): Promise<FlightData[]> {
  const descriptor = create(FlightDescriptorSchema, {
    type: FlightDescriptor_DescriptorType.CMD,
    cmd: encodeJsonBytes({ resource_locator: locator, topic_uuid: uuid }),
  });
  return collect(encodeFlightData(schema, batches, { descriptor }));
}

/** Runs one DoPut of `messages` to completion. */
export async function doPut(flight: FlightClient, messages: readonly FlightData[], signal?: AbortSignal): Promise<void> {
  await collect(flight.doPut(iterate(messages), { headers: AUTH, ...(signal && { signal }) }));
}

/** DoGet of a ticket: every FlightData message. */
export async function doGet(flight: FlightClient, ticket: Uint8Array, signal?: AbortSignal): Promise<FlightData[]> {
  return collect(flight.doGet({ ticket }, { headers: AUTH, ...(signal && { signal }) }));
}

/**
 * SHA-256 of what a DoGet carries: the decoded batches re-encoded as
 * uncompressed IPC, and every message's app metadata. Not of the wire bytes:
 * LZ4 output depends on the encoder (lz4js until lz4-napi has loaded, so the
 * first read after a start differs from later ones), the data does not.
 */
export async function digestOf(messages: readonly FlightData[]): Promise<string> {
  const hash = createHash("sha256");
  for (const m of messages) hash.update(String(m.appMetadata.byteLength)).update(":").update(m.appMetadata);
  const reader = await decodeFlightData(iterate(messages));
  hash.update(RecordBatchStreamWriter.writeAll(await collect<RecordBatch>(reader)).toUint8Array(true));
  hash.update(JSON.stringify(reader.schema.fields.map((f) => [f.name, String(f.type), f.nullable])));
  return hash.digest("hex");
}

/** Creates a topic in an open session; returns its UUID. */
export async function createTopic(flight: FlightClient, locator: string, sessionUuid: string, userMetadata: JsonValue = {}): Promise<string> {
  const created = (await action(flight, "topic_create", {
    locator,
    session_uuid: sessionUuid,
    serialization_format: "default",
    ontology_tag: "imu",
    user_metadata: userMetadata,
  })) as { uuid: string };
  return created.uuid;
}

async function ignoreExists(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!/already exists/i.test(String(error))) throw error;
  }
}

/** Everything the fuzz classes point their inputs at. */
export interface FuzzFixtures {
  baseline: { locator: string; uuid: string; ticket: Uint8Array; digest: string };
  act: { sequence: string; sessionUuid: string; sessionLocator: string; topics: string[]; emptyTopic: string };
  victim: { sequence: string; sessionUuid: string; sessionLocator: string; topic: string; keyFingerprint: string };
  put: { sequence: string; sessionUuid: string };
}

/** Reads the baseline back: its digest now. */
export async function baselineDigest(flight: FlightClient, fixtures: FuzzFixtures): Promise<string> {
  return await digestOf(await doGet(flight, fixtures.baseline.ticket));
}

async function sessionOf(flight: FlightClient, sequence: string): Promise<{ uuid: string; locator: string }> {
  return (await action(flight, "session_create", { locator: sequence })) as { uuid: string; locator: string };
}

/** (Re)creates the victim sequence, session, topic and API key where they are gone. */
export async function ensureVictim(flight: FlightClient, fixtures: FuzzFixtures): Promise<void> {
  const v = fixtures.victim;
  await ignoreExists(() => action(flight, "sequence_create", { locator: v.sequence, user_metadata: { role: "victim" } }));
  const topics = await flight.getFlightInfo(
    { type: FlightDescriptor_DescriptorType.CMD, cmd: encodeJsonBytes({ resource_locator: v.topic }) },
    { headers: AUTH },
  ).then(() => true, () => false);
  if (!topics) {
    const session = await sessionOf(flight, v.sequence);
    v.sessionUuid = session.uuid;
    v.sessionLocator = session.locator;
    await createTopic(flight, v.topic, session.uuid);
  }
  const key = await action(flight, "api_key_status", { api_key_fingerprint: v.keyFingerprint }).then(() => true, () => false);
  if (!key) {
    const { api_key_token } = (await action(flight, "api_key_create", { permissions: "read", description: "fuzz victim" })) as { api_key_token: string };
    v.keyFingerprint = api_key_token.slice(-8);
  }
}

/** Builds every fixture on a fresh server. */
export async function createFixtures(flight: FlightClient): Promise<FuzzFixtures> {
  // Baseline: 3 batches of 100 rows, finalized.
  const base = "fuzz_baseline";
  await action(flight, "sequence_create", { locator: base, user_metadata: { role: "baseline" } });
  const baseSession = await sessionOf(flight, base);
  const baseTopic = `${base}/sensors/imu`;
  const baseUuid = await createTopic(flight, baseTopic, baseSession.uuid);
  await doPut(flight, await uploadMessages(baseTopic, baseUuid, [imuBatch(0, 100), imuBatch(100, 100), imuBatch(200, 100)]));
  await action(flight, "session_finalize", { session_uuid: baseSession.uuid });
  const ticket = encodeTicket({ locator: baseTopic });

  // Action playground: two topics with data, one without.
  const act = "fuzz_act";
  await action(flight, "sequence_create", { locator: act, user_metadata: { vehicle: { id: "veh-7" }, n: 3 } });
  const actSession = await sessionOf(flight, act);
  const topics = [`${act}/sensors/imu`, `${act}/sensors/imu2`];
  // The first with plain IMU rows, the second with every column kind (lists, structs, binary, text).
  const imuUuid = await createTopic(flight, topics[0]!, actSession.uuid, { calibrated: true });
  await doPut(flight, await uploadMessages(topics[0]!, imuUuid, [imuBatch(0, 500), imuBatch(500, 500)]));
  const rich = imuTable(timestamps(400));
  const richUuid = await createTopic(flight, topics[1]!, actSession.uuid, { calibrated: false });
  await doPut(flight, await uploadMessages(topics[1]!, richUuid, batchesOf(rich, 150), rich.schema));
  await action(flight, "sequence_notification_create", { locator: act, notification_type: "error", msg: "fixture note" });
  const emptyTopic = `${act}/sensors/empty`;
  await createTopic(flight, emptyTopic, actSession.uuid);

  const put = "fuzz_put";
  await action(flight, "sequence_create", { locator: put, user_metadata: {} });
  const putSession = await sessionOf(flight, put);

  const fixtures: FuzzFixtures = {
    baseline: { locator: baseTopic, uuid: baseUuid, ticket, digest: "" },
    act: { sequence: act, sessionUuid: actSession.uuid, sessionLocator: actSession.locator, topics, emptyTopic },
    victim: { sequence: "fuzz_victim", sessionUuid: "", sessionLocator: "", topic: "fuzz_victim/sensors/imu", keyFingerprint: "00000000" },
    put: { sequence: put, sessionUuid: putSession.uuid },
  };
  await ensureVictim(flight, fixtures);
  fixtures.baseline.digest = await baselineDigest(flight, fixtures);
  return fixtures;
}
