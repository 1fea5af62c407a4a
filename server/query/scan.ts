/**
 * Reading a topic's chunks for the query engine. Like mosaicod, chunks whose
 * per-leaf min/max statistics (`chunks.column_stats`) show that no value can
 * satisfy a condition are skipped without opening their file; the others
 * are read one at a time and evaluated row by row.
 *
 * `scanStats` counts chunk files read and chunks skipped (tests observe the
 * pruning through it; the server runs in-process there).
 */
import type { RecordBatch } from "apache-arrow";
import { type JsonObject, isJsonObject, parseJson } from "../../src/protocol/index.js";
import { readChunk } from "../data/chunk-reader.js";
import { TIMESTAMP_FIELD } from "../data/chunk-writer.js";
import type { Catalog } from "../store/catalog.js";
import type { ChunkRow, TopicRow } from "../store/rows.js";
import type { LeafStats } from "./conditions.js";
import { matchRows, type ColumnCondition } from "./ontology.js";

export const scanStats = {
  /** Chunk files opened by query / temporal-filter scans. */
  chunksRead: 0,
  /** Chunks skipped by their statistics. */
  chunksSkipped: 0,
  reset(): void {
    this.chunksRead = 0;
    this.chunksSkipped = 0;
  },
};

function parseStats(chunk: ChunkRow): JsonObject {
  try {
    const stats = parseJson(chunk.column_stats);
    return isJsonObject(stats) ? stats : {};
  } catch {
    return {};
  }
}

/** False when the chunk's statistics rule out every row (or it has none). */
export function chunkMayMatch(chunk: ChunkRow, conditions: readonly ColumnCondition[]): boolean {
  if (chunk.row_count === 0n) return false;
  const stats = parseStats(chunk);
  for (const c of conditions) {
    const leaf = stats[c.path];
    if (c.condition && isJsonObject(leaf) && !c.condition.mayMatch(leaf as unknown as LeafStats)) return false;
  }
  return true;
}

/** Committed chunks that may hold matches; skipped ones are counted. */
export function candidateChunks(catalog: Catalog, topic: TopicRow, conditions: readonly ColumnCondition[]): ChunkRow[] {
  // Chunks appear only when an upload commits; a running upload shows none.
  if (topic.upload_state !== "done") return [];
  const out: ChunkRow[] = [];
  for (const chunk of catalog.topics.listChunks(topic.topic_id)) {
    if (chunkMayMatch(chunk, conditions)) out.push(chunk);
    else scanStats.chunksSkipped++;
  }
  return out;
}

async function read(catalog: Catalog, topic: TopicRow, chunk: ChunkRow, signal?: AbortSignal) {
  scanStats.chunksRead++;
  return readChunk(catalog, topic, chunk, signal);
}

/** Whether any row of the topic satisfies all conditions (stops at the first). */
export async function topicHasMatch(
  catalog: Catalog,
  topic: TopicRow,
  conditions: readonly ColumnCondition[],
  signal?: AbortSignal,
): Promise<boolean> {
  for (const chunk of candidateChunks(catalog, topic, conditions)) {
    signal?.throwIfAborted();
    for (const batch of await read(catalog, topic, chunk, signal)) {
      if (matchRows(batch, conditions, true)) return true;
    }
  }
  return false;
}

const byValue = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** One run of chunks whose time spans overlap, with its matching timestamps sorted. */
export interface MatchGroup {
  /** Smallest timestamp of the group's chunks (matches or not). */
  minTimestamp: bigint;
  timestamps: bigint[];
}

/**
 * The timestamps of the matching rows, in time order, group by group: chunks
 * are taken by their minimum timestamp, and chunks whose time spans overlap
 * are read together and their matches sorted (DoPut keeps rows in arrival
 * order, so a topic need not be sorted). Data arriving in order gives one
 * group per chunk: one chunk in memory at a time.
 */
export async function* matchingTimestamps(
  catalog: Catalog,
  topic: TopicRow,
  conditions: readonly ColumnCondition[],
  signal?: AbortSignal,
): AsyncGenerator<MatchGroup> {
  const chunks = candidateChunks(catalog, topic, conditions)
    .filter((c) => c.min_timestamp_ns !== null && c.max_timestamp_ns !== null)
    .sort((a, b) => byValue(a.min_timestamp_ns!, b.min_timestamp_ns!));
  let i = 0;
  while (i < chunks.length) {
    const group = [chunks[i]!];
    let groupMax = chunks[i]!.max_timestamp_ns!;
    while (i + group.length < chunks.length && chunks[i + group.length]!.min_timestamp_ns! <= groupMax) {
      const next = chunks[i + group.length]!;
      if (next.max_timestamp_ns! > groupMax) groupMax = next.max_timestamp_ns!;
      group.push(next);
    }
    i += group.length;
    const timestamps: bigint[] = [];
    let sorted = true;
    for (const chunk of group) {
      signal?.throwIfAborted();
      for (const batch of await read(catalog, topic, chunk, signal)) {
        const mask = matchRows(batch, conditions);
        if (!mask) continue;
        const ts = timestampValues(batch);
        if (!ts) continue;
        for (let row = 0; row < mask.length; row++) {
          if (mask[row] === 0 || !ts.valid(row)) continue;
          const t = ts.values[row]!;
          if (sorted && timestamps.length > 0 && t < timestamps[timestamps.length - 1]!) sorted = false;
          timestamps.push(t);
        }
      }
    }
    if (!sorted) timestamps.sort(byValue);
    yield { minTimestamp: group[0]!.min_timestamp_ns!, timestamps };
  }
}

function timestampValues(batch: RecordBatch) {
  const index = batch.schema.fields.findIndex((f) => f.name === TIMESTAMP_FIELD);
  if (index < 0) return undefined;
  const data = batch.data.children[index]!;
  const values = data.values as BigInt64Array;
  const nullable = data.nullCount > 0;
  return { values, valid: (row: number) => !nullable || data.getValid(row) };
}
