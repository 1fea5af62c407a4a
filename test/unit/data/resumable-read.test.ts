/** The resume arithmetic: reopen at the last delivered instant, skip what was delivered there, give up on non-transport errors. */
import { Int64, Table, vectorFromArray, type RecordBatch } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { openResumableRead, type OpenStream } from "../../../src/data/resumable-read.js";
import type { TopicReader } from "../../../src/data/topic-reader.js";
import { Code } from "../../../src/errors/code.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";

const batch = (ts: number[]) => new Table({ timestamp_ns: vectorFromArray(ts.map(BigInt), new Int64()) }).batches[0]!;

/** A reader that yields `batches`, then fails with `error` if given. */
function fakeReader(batches: RecordBatch[], error?: MosaicoError): TopicReader {
  async function* run() {
    yield* batches;
    if (error) throw error;
  }
  const iterable = run();
  return { [Symbol.asyncIterator]: () => iterable, cancel: async () => {} } as unknown as TopicReader;
}

async function timestampsOf(reader: TopicReader): Promise<number[]> {
  const out: number[] = [];
  for await (const b of reader) for (const t of b.getChild("timestamp_ns")!.toArray() as BigInt64Array) out.push(Number(t));
  return out;
}

const lost = new MosaicoError(Code.Unavailable, "the connection was lost");

describe("openResumableRead", () => {
  it("reopens at the last delivered instant and skips the rows already delivered there", async () => {
    const opened: (bigint | undefined)[] = [];
    const streams = [
      fakeReader([batch([1, 2]), batch([3, 3])], lost),
      // From 3 inclusive: two 3s were delivered, a third was not.
      fakeReader([batch([3, 3, 3, 4]), batch([5])]),
    ];
    const open: OpenStream = async ({ startNs }) => {
      opened.push(startNs);
      return streams.shift()!;
    };
    const retries: number[] = [];
    const reader = await openResumableRead(open, { onProgress: (p) => retries.push(p.retries ?? 0) }, { attempts: 3, backoffMs: 1 });
    expect(await timestampsOf(reader)).toEqual([1, 2, 3, 3, 3, 4, 5]);
    expect(opened).toEqual([undefined, 3n]);
    expect(Math.max(...retries)).toBe(1);
  });

  it("counts a reopening that fails as an attempt and stops when they run out", async () => {
    let opens = 0;
    const open: OpenStream = async () => {
      opens++;
      if (opens === 1) return fakeReader([batch([1])], lost);
      throw lost;
    };
    const reader = await openResumableRead(open, {}, { attempts: 2, backoffMs: 1 });
    await expect(timestampsOf(reader)).rejects.toMatchObject({ code: Code.Unavailable });
    expect(opens).toBe(3);
  });

  it("does not retry what a retry cannot fix", async () => {
    let opens = 0;
    const open: OpenStream = async () => {
      opens++;
      return fakeReader([batch([1])], new MosaicoError(Code.PermissionDenied, "no"));
    };
    await expect(timestampsOf(await openResumableRead(open, {}, { attempts: 5, backoffMs: 1 }))).rejects.toMatchObject({ code: Code.PermissionDenied });
    expect(opens).toBe(1);
  });
});
