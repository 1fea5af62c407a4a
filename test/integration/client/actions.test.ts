/**
 * Every control action through the SDK, over both wire protocols, against
 * the reference server: happy paths and the documented errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { codeOf } from "../helpers/expect-error.js";
import { protocols, removeDataDirs, startTestServer } from "../helpers/test-server.js";


let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

describe.each(protocols)("control actions over %s", (protocol) => {
  let client: MosaicoClient;
  const seq = `actions_${protocol.replace("-", "_")}`;
  beforeAll(async () => {
    client = await MosaicoClient.connect({ url: server.url, protocol });
  });
  afterAll(async () => {
    await client?.close();
  });

  it("creates, lists, describes and deletes a sequence", async () => {
    await client.createSequence(seq, { userMetadata: { vehicle: { id: "veh-7" }, big: 9007199254740993n } });
    expect(await client.listSequences()).toContain(seq);
    expect(await client.sequenceExists(seq)).toBe(true);
    const info = await client.sequenceInfo(seq);
    expect(info.name).toBe(seq);
    expect(info.userMetadata).toEqual({ vehicle: { id: "veh-7" }, big: 9007199254740993n });
    expect(typeof info.createdAtNs).toBe("bigint");
    expect(info.createdAtNs).toBeGreaterThan(2n ** 53n);
    expect(info.topics).toEqual([]);
    expect(await codeOf(client.createSequence(seq))).toBe(Code.AlreadyExists);
  });

  it("runs a session with a topic and enforces the finalize preconditions", async () => {
    const session = await client.createSession(seq);
    expect(session.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.locator).toMatch(new RegExp(`^${seq}:`));
    // A session without topics cannot be finalized.
    expect(await codeOf(client.finalizeSession(session.uuid))).toBe(Code.FailedPrecondition);

    const topicUuid = await client.createTopic({
      locator: `${seq}/sensors/imu`,
      sessionUuid: session.uuid,
      ontologyTag: "imu",
      userMetadata: { mount: "roof" },
    });
    expect(topicUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await client.topicExists(`${seq}/sensors/imu`)).toBe(true);
    const topic = await client.topicInfo(`${seq}/sensors/imu`);
    expect(topic.name).toBe("/sensors/imu");
    expect(topic.sequence).toBe(seq);
    expect(topic.ontologyTag).toBe("imu");
    expect(topic.serializationFormat).toBe("default");
    expect(topic.userMetadata).toEqual({ mount: "roof" });
    expect(topic.locked).toBe(false);
    expect(topic.ticket.byteLength).toBeGreaterThan(0);

    // A topic that never received a DoPut blocks finalize.
    expect(await codeOf(client.finalizeSession(session.uuid))).toBe(Code.FailedPrecondition);

    const info = await client.sequenceInfo(seq);
    expect(info.topics.map((t) => t.locator)).toEqual([`${seq}/sensors/imu`]);
    expect(info.sessions).toHaveLength(1);
    expect(info.sessions[0]!.locator).toBe(session.locator);
    expect(info.sessions[0]!.locked).toBe(false);

    await client.deleteSession(session);
    expect(await client.topicExists(`${seq}/sensors/imu`)).toBe(false);
    expect(await codeOf(client.deleteSession(session))).toBe(Code.NotFound);
  });

  it("deletes a topic", async () => {
    const session = await client.createSession(seq);
    await client.createTopic({ locator: `${seq}/gps`, sessionUuid: session.uuid, ontologyTag: "gps" });
    await client.deleteTopic(`${seq}/gps`);
    expect(await client.topicExists(`${seq}/gps`)).toBe(false);
    expect(await codeOf(client.deleteTopic(`${seq}/gps`))).toBe(Code.NotFound);
  });

  it("creates, lists and purges notifications on sequences and topics", async () => {
    await client.createSequenceNotification(seq, "upload failed: disk full");
    const listed = await client.listSequenceNotifications(seq);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ locator: seq, type: "error", message: "upload failed: disk full" });
    expect(listed[0]!.createdDatetime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ UTC$/);
    await client.purgeSequenceNotifications(seq);
    expect(await client.listSequenceNotifications(seq)).toEqual([]);

    const session = await client.createSession(seq);
    await client.createTopic({ locator: `${seq}/cam`, sessionUuid: session.uuid, ontologyTag: "compressed_image", serializationFormat: "image" });
    await client.createTopicNotification(`${seq}/cam`, "frame dropped");
    expect((await client.listTopicNotifications(`${seq}/cam`)).map((n) => n.message)).toEqual(["frame dropped"]);
    await client.purgeTopicNotifications(`${seq}/cam`);
    expect(await client.listTopicNotifications(`${seq}/cam`)).toEqual([]);
  });

  it("reports NOT_FOUND for unknown resources", async () => {
    expect(await codeOf(client.sequenceInfo("no_such_sequence"))).toBe(Code.NotFound);
    expect(await codeOf(client.topicInfo("no_such_sequence/imu"))).toBe(Code.NotFound);
    expect(await codeOf(client.deleteSequence("no_such_sequence"))).toBe(Code.NotFound);
    expect(await codeOf(client.createSession("no_such_sequence"))).toBe(Code.NotFound);
    expect(await client.sequenceExists("no_such_sequence")).toBe(false);
  });

  it("refuses bad input before or at the server with INVALID_ARGUMENT", async () => {
    expect(await codeOf(client.createSequence("bad name"))).toBe(Code.InvalidArgument);
    expect(await codeOf(client.sequenceInfo(seq, { startNs: 10n, endNs: 10n }))).toBe(Code.InvalidArgument);
    expect(await codeOf(client.createSequence(`${seq}_meta`, { userMetadata: { "a.b": 1 } }))).toBe(Code.InvalidArgument);
  });

  it("deletes the sequence with everything in it", async () => {
    await client.deleteSequence(seq);
    expect(await client.sequenceExists(seq)).toBe(false);
    expect(await client.listSequences()).not.toContain(seq);
  });

  it("takes a per-call AbortSignal", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await codeOf(client.listSequences({ signal: controller.signal }))).toBe(Code.Canceled);
  });
});
