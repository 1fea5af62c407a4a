import { describe, expect, it } from "vitest";
import { decodeFlightData, encodeFlightData } from "../../../src/protocol/index.js";
import { collect, countingSource, richBatch, richSchema } from "./helpers.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function messages(batches: number, compression: "lz4_frame" | null = null) {
  const schema = richSchema();
  const list = Array.from({ length: batches }, (_, i) => richBatch(schema, 10, i * 10));
  return collect(encodeFlightData(schema, list, { compression }));
}

describe("decodeFlightData pulls lazily", () => {
  for (const compression of [null, "lz4_frame"] as const) {
    it(`stays within one message of a slow consumer (${compression ?? "uncompressed"})`, async () => {
      const source = countingSource(await messages(30, compression));
      const reader = await decodeFlightData(source);
      // The schema is available before any batch is pulled.
      expect(source.pulled).toBe(1);
      expect(reader.schema.fields).toHaveLength(5);
      let consumed = 0;
      for await (const batch of reader) {
        consumed++;
        expect(batch.numRows).toBe(10);
        // schema + the batches handed out + at most one read ahead
        expect(source.pulled - (1 + consumed)).toBeLessThanOrEqual(1);
        await sleep(2);
        expect(source.pulled - (1 + consumed)).toBeLessThanOrEqual(1);
      }
      expect(consumed).toBe(30);
      expect(source.pulled).toBe(31);
    });
  }

  it("releases the source when the consumer stops early", async () => {
    const source = countingSource(await messages(30));
    const reader = await decodeFlightData(source);
    for await (const batch of reader) {
      void batch;
      break;
    }
    expect(source.closed).toBe(true);
    expect(source.pulled).toBeLessThanOrEqual(3);
  });

  it("releases the source on cancel()", async () => {
    const source = countingSource(await messages(5));
    const reader = await decodeFlightData(source);
    await reader.cancel();
    expect(source.closed).toBe(true);
    expect(await collect(reader)).toEqual([]);
  });

  it("stops with CANCELLED when the signal aborts", async () => {
    const source = countingSource(await messages(10));
    const controller = new AbortController();
    const reader = await decodeFlightData(source, { signal: controller.signal });
    const iterator = reader[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await expect(collect({ [Symbol.asyncIterator]: () => iterator })).rejects.toMatchObject({ codeName: "CANCELLED" });
    expect(source.closed).toBe(true);
  });
});
