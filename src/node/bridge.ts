/**
 * `mosaico-web/bridge` under Node (its `node` condition): the universal bridge,
 * plus file paths as import sources, read through a file handle (random
 * access, so an indexed MCAP is read channel by channel without loading it).
 */
import { open } from "node:fs/promises";
import type { MosaicoClient } from "../client.js";
import { importRecording as importAny, type ImportRecordingOptions, type ImportResult, type RandomAccessSource, type RecordingSource } from "../bridge/index.js";

export * from "../bridge/index.js";

/** A random-access source over a file; close it with `close()`. */
export async function openRecordingFile(path: string): Promise<RandomAccessSource & { close(): Promise<void> }> {
  const handle = await open(path, "r");
  return {
    size: async () => BigInt((await handle.stat()).size),
    async read(offset, size) {
      const buffer = new Uint8Array(Number(size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, Number(offset));
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

/**
 * importRecording() of the bridge, with a file path accepted as the source.
 *
 * @example
 * ```ts
 * import { importRecording } from "mosaico-web/bridge";
 * await importRecording(client, "./rosbag2_2024_05_01/rosbag2.mcap", { sequence: "drive_42" });
 * ```
 */
export async function importRecording(client: MosaicoClient, source: RecordingSource, options: ImportRecordingOptions): Promise<ImportResult> {
  if (typeof source !== "string") return importAny(client, source, options);
  const file = await openRecordingFile(source);
  try {
    return await importAny(client, file, options);
  } finally {
    await file.close();
  }
}
