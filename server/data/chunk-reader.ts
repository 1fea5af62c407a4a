/**
 * Reading stored chunks back: time-window pruning by the chunk bounds, row
 * selection by `timestamp_ns` in `[start, end)`, and the exact row count and
 * bounds of a window (DoGet schema metadata, J3 `time_window_info`).
 *
 * Only one chunk file is in memory at a time.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { RecordBatchFileReader, type Data, type RecordBatch } from "apache-arrow";
import { parseJson, isJsonObject } from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import type { Catalog } from "../store/catalog.js";
import type { ChunkRow, TopicRow } from "../store/rows.js";
import { TIMESTAMP_FIELD } from "./chunk-writer.js";

/** A `timestamp_ns` range: start inclusive, end exclusive; either may be open. */
export interface TimeWindow {
  start?: bigint;
  end?: bigint;
}

/** How much of a chunk a window keeps. */
export type ChunkCoverage = "none" | "all" | "scan";

function timestampNullCount(chunk: ChunkRow): number | undefined {
  try {
    const stats = parseJson(chunk.column_stats);
    if (!isJsonObject(stats)) return undefined;
    const leaf = stats[TIMESTAMP_FIELD];
    if (!isJsonObject(leaf)) return undefined;
    const nulls = leaf.null_count;
    return typeof nulls === "number" ? nulls : undefined;
  } catch {
    return undefined;
  }
}

/** Prunes by the chunk's min/max; "scan" when rows must be tested one by one. */
export function chunkCoverage(chunk: ChunkRow, window: TimeWindow | undefined): ChunkCoverage {
  if (chunk.row_count === 0n) return "none";
  if (!window) return "all";
  const min = chunk.min_timestamp_ns;
  const max = chunk.max_timestamp_ns;
  if (min === null || max === null) return "none"; // only null timestamps: never in a range
  if (window.start !== undefined && max < window.start) return "none";
  if (window.end !== undefined && min >= window.end) return "none";
  const inside =
    (window.start === undefined || min >= window.start) &&
    (window.end === undefined || max < window.end);
  return inside && timestampNullCount(chunk) === 0 ? "all" : "scan";
}

/** Reads one chunk file; a missing file means the topic was deleted meanwhile. */
export async function readChunk(
  catalog: Catalog,
  topic: TopicRow,
  chunk: ChunkRow,
  signal?: AbortSignal,
): Promise<RecordBatch[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(catalog.topicDataDir(topic.data_path), chunk.file_name), {
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") throw errors.notFound(topic.locator);
    throw cause;
  }
  try {
    return [...RecordBatchFileReader.from(bytes)];
  } catch (cause) {
    throw errors.internal(`chunk ${chunk.file_name} of ${topic.locator} is unreadable (${String(cause)})`);
  }
}

function timestampData(batch: RecordBatch): Data {
  const index = batch.schema.fields.findIndex((field) => field.name === TIMESTAMP_FIELD);
  if (index < 0) throw errors.internal(`stored batch without ${TIMESTAMP_FIELD}`);
  return batch.data.children[index]!;
}

function inWindow(value: bigint, window: TimeWindow): boolean {
  return (
    (window.start === undefined || value >= window.start) &&
    (window.end === undefined || value < window.end)
  );
}

/** Visits the rows of `batch` whose timestamp lies in the window. */
function forEachMatch(
  batch: RecordBatch,
  window: TimeWindow,
  visit: (row: number, timestamp: bigint) => void,
): void {
  const data = timestampData(batch);
  const values = data.values as BigInt64Array; // a sliced Data's buffer starts at its row 0
  const nullable = data.nullCount > 0;
  for (let i = 0; i < data.length; i++) {
    if (nullable && !data.getValid(i)) continue;
    const value = values[i]!;
    if (inWindow(value, window)) visit(i, value);
  }
}

/** Maximal runs `[begin, end)` of consecutive matching rows, in order. */
export function matchingRuns(batch: RecordBatch, window: TimeWindow): [number, number][] {
  const runs: [number, number][] = [];
  let begin = -1;
  let last = -2;
  forEachMatch(batch, window, (row) => {
    if (row !== last + 1) {
      if (begin >= 0) runs.push([begin, last + 1]);
      begin = row;
    }
    last = row;
  });
  if (begin >= 0) runs.push([begin, last + 1]);
  return runs;
}

export interface WindowStats {
  rows: bigint;
  min: bigint | null;
  max: bigint | null;
}

/**
 * Exact row count and timestamp bounds of the rows a window keeps. Chunks
 * wholly inside or outside are answered from the catalog; the others are read.
 */
export async function windowStats(
  catalog: Catalog,
  topic: TopicRow,
  window: TimeWindow | undefined,
  options: { chunks?: readonly ChunkRow[]; signal?: AbortSignal } = {},
): Promise<WindowStats> {
  const out: WindowStats = { rows: 0n, min: null, max: null };
  const fold = (rows: bigint, min: bigint | null, max: bigint | null) => {
    out.rows += rows;
    if (min !== null && (out.min === null || min < out.min)) out.min = min;
    if (max !== null && (out.max === null || max > out.max)) out.max = max;
  };
  for (const chunk of options.chunks ?? catalog.topics.listChunks(topic.topic_id)) {
    const coverage = chunkCoverage(chunk, window);
    if (coverage === "none") continue;
    if (coverage === "all" || !window) {
      fold(chunk.row_count, chunk.min_timestamp_ns, chunk.max_timestamp_ns);
      continue;
    }
    for (const batch of await readChunk(catalog, topic, chunk, options.signal)) {
      let rows = 0n;
      let min: bigint | null = null;
      let max: bigint | null = null;
      forEachMatch(batch, window, (_row, value) => {
        rows++;
        if (min === null || value < min) min = value;
        if (max === null || value > max) max = value;
      });
      fold(rows, min, max);
    }
  }
  return out;
}
