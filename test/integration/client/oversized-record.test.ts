/**
 * A record larger than one message may carry (Python SDK 0.7, #731): against
 * a 0.7 reference server that takes 4 MiB messages, the writer leaves the
 * 5 MiB frame out, reports it as a topic notification, counts it, and the
 * other frames arrive in a finalized session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompressedImage, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { protocols, removeDataDirs, startTestServer } from "../helpers/test-server.js";

const MiB = 1024 * 1024;

function frames(first: number, sizes: number[]) {
  return CompressedImage.toRecordBatch(
    sizes.map((size, i) => ({ timestamp_ns: BigInt(first + i), data: new Uint8Array(size).fill(i + 1), format: "jpeg" })),
  );
}

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ generation: "0.7", maxDecodeMessageBytes: 4 * MiB });
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

describe.each(protocols)("an oversized record over %s", (protocol) => {
  const seq = `oversized_${protocol.replace("-", "_")}`;

  it("is left out and reported; the upload goes on", async () => {
    await using client = await MosaicoClient.connect({ url: server.url, protocol });
    const seen: Array<{ status: string; dropped: number }> = [];
    await client.writeSequence(seq, {}, async (writer) => {
      const camera = await writer.topicWriter("/camera/front", { model: CompressedImage });
      await camera.push(frames(0, [1024, 1024]));
      seen.push({ status: camera.status, dropped: camera.droppedRecordCount });
      await camera.push(frames(2, [1024, 5 * MiB, 1024])); // timestamp 3 is too large for one message
      seen.push({ status: camera.status, dropped: camera.droppedRecordCount });
      expect(camera.lastError).toMatch(/timestamp_ns 3: \d+ bytes/);
      await camera.push(frames(5, [1024]));
      seen.push({ status: camera.status, dropped: camera.droppedRecordCount });
    });
    expect(seen).toEqual([
      { status: "open", dropped: 0 },
      { status: "record_too_large", dropped: 1 },
      { status: "open", dropped: 1 },
    ]);

    const info = await client.topicInfo(`${seq}/camera/front`);
    expect(info.locked).toBe(true);
    const table = await (await client.topicReader(`${seq}/camera/front`)).readTable();
    expect([...table.getChild("timestamp_ns")!]).toEqual([0n, 1n, 2n, 4n, 5n]);
    expect(table.getChild("data")!.get(3)).toEqual(new Uint8Array(1024).fill(3));

    const notifications = await client.listTopicNotifications(`${seq}/camera/front`);
    expect(notifications.map(({ type, message }) => ({ type, message }))).toEqual([
      {
        type: "error",
        message: "Record dropped for topic '/camera/front': its size alone exceeds the transport's message-size limit and it cannot be split further.",
      },
    ]);
    expect(await client.listSequenceNotifications(seq)).toEqual([]);
  });
});
