/**
 * The LZ4_FRAME buffers of the reference server's DoGet bodies decode with
 * liblz4 (Debian's `lz4` CLI), which is what pyarrow and mosaicod's arrow-rs
 * side use, not only with our own decoder: a Python SDK user reading from
 * this server must not meet frames that liblz4 rejects.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/index.js";
import { inspectIpcMessage } from "../../src/protocol/index.js";
import { doGet, putTable } from "../integration/helpers/data.js";
import { seedSequence } from "../integration/helpers/fixtures.js";
import { clientFor, cmdDescriptor, transportsFor, type FlightClient } from "../integration/helpers/flight-clients.js";
import { imuTable, timestamps } from "../integration/helpers/imu-table.js";
import { removeDataDirs, startTestServer } from "../integration/helpers/test-server.js";

describe("DoGet LZ4 frames and liblz4", { timeout: 60_000 }, () => {
  let server: RunningServer;
  let client: FlightClient;
  let work: string;
  beforeAll(async () => {
    server = await startTestServer({ generation: "0.7" });
    client = clientFor(transportsFor(server.url)[0]!.transport);
    work = mkdtempSync(join(tmpdir(), "mosaico-lz4-"));
  });
  afterAll(async () => {
    await server.close();
    removeDataDirs();
    rmSync(work, { recursive: true, force: true });
  });

  it("every compressed buffer of a DoGet stream is a frame liblz4 decodes to its declared length", async () => {
    const seed = await seedSequence(client, ["imu"]);
    const locator = `${seed.sequence}/imu`;
    // Seeded values: some runs repeat (compressible), some do not, and buffers end at many offsets.
    await putTable(client, locator, seed.topicUuids[0]!, imuTable(timestamps(30_000), 7), 3_000);
    const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }));
    const { messages, batches } = await doGet(client, info.endpoint[0]!.ticket!.ticket);
    expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(30_000);
    let frames = 0;
    for (const message of messages) {
      if (message.dataHeader.byteLength === 0) continue;
      const ipc = inspectIpcMessage(message.dataHeader);
      if (ipc.compression === null) continue;
      for (const region of ipc.buffers) {
        if (region.length < 8) continue;
        const buffer = message.dataBody.subarray(region.offset, region.offset + region.length);
        const declared = Number(new DataView(buffer.buffer, buffer.byteOffset, 8).getBigInt64(0, true));
        if (declared === -1) continue; // stored raw
        const input = join(work, `frame-${frames}.lz4`);
        const output = join(work, `frame-${frames}.raw`);
        writeFileSync(input, buffer.subarray(8));
        execFileSync("lz4", ["-d", "-f", "-q", input, output], { stdio: "pipe" });
        expect(readFileSync(output).byteLength).toBe(declared);
        frames++;
      }
    }
    expect(frames).toBeGreaterThan(10);
  });
});
