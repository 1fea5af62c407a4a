/**
 * What the demo routes answer, computed with the SDK's public API only.
 * Every function takes a connected client and returns plain data (bigint
 * allowed; http-json turns it into strings).
 */
import type { JsonValue, MosaicoClient, SequenceInfo, TopicInfo } from "mosaico-web";
import { batchToJsonRows, type JsonRow } from "./arrow-json.js";

const NS_PER_MS = 1_000_000n;

/** Nanoseconds since the epoch -> ISO 8601 (millisecond precision). */
export function isoFromNs(ns: bigint): string {
  return new Date(Number(ns / NS_PER_MS)).toISOString();
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight: Workers allow
 * six open connections per request, and a catalog can be long.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface SequenceSummary {
  name: string;
  createdAtNs: bigint;
  createdAt: string;
  userMetadata: JsonValue;
  topicCount: number;
}

function summary(info: SequenceInfo): SequenceSummary {
  return {
    name: info.name,
    createdAtNs: info.createdAtNs,
    createdAt: isoFromNs(info.createdAtNs),
    userMetadata: info.userMetadata,
    topicCount: info.topics.length,
  };
}

/** `GET /sequences`: every sequence with its creation time and user metadata, by name. */
export async function listSequenceSummaries(client: MosaicoClient): Promise<{ sequences: SequenceSummary[] }> {
  const names = (await client.listSequences()).sort();
  const infos = await mapLimit(names, 6, (name) => client.sequenceInfo(name));
  return { sequences: infos.map(summary) };
}

export interface TopicSummary {
  name: string;
  locator: string;
  ontologyTag: string | null;
  /** Stored rows (null when the server does not report them). */
  rows: number | null;
  /** First and last timestamp, inclusive (null for a topic without data). */
  startNs: bigint | null;
  endNs: bigint | null;
  start: string | null;
  end: string | null;
  fields: string[];
}

/**
 * Stored rows of a topic. 0.7 servers (J3) report them in the FlightInfo;
 * 0.6 servers (J2) only in the `message_count` of the DoGet schema, so there
 * we open the stream, read its schema and cancel before the data flows.
 */
async function rowCount(client: MosaicoClient, topic: TopicInfo): Promise<bigint | undefined> {
  if (topic.dataInfo?.rowCount !== undefined) return topic.dataInfo.rowCount;
  if (!topic.dataInfo?.interval) return 0n;
  const reader = await client.topicReader(topic.locator, { prefetch: 1 });
  try {
    return reader.metadata.rowCount;
  } finally {
    await reader.cancel();
  }
}

function topicSummary(topic: TopicInfo, rows: bigint | undefined): TopicSummary {
  const interval = topic.dataInfo?.interval ?? null;
  return {
    name: topic.name,
    locator: topic.locator,
    ontologyTag: topic.ontologyTag ?? null,
    rows: rows === undefined ? null : Number(rows),
    startNs: interval?.startNs ?? null,
    endNs: interval?.endNs ?? null,
    start: interval ? isoFromNs(interval.startNs) : null,
    end: interval ? isoFromNs(interval.endNs) : null,
    fields: topic.schema?.fields.map((field) => field.name) ?? [],
  };
}

/**
 * `GET /sequences/:name`: the sequence and its topics. The topic entries of
 * a sequence's FlightInfo lack the schema (and, on 0.6 servers, the
 * ontology tag), so each topic is described on its own.
 */
export async function describeSequence(client: MosaicoClient, name: string): Promise<SequenceSummary & { topics: TopicSummary[] }> {
  const info = await client.sequenceInfo(name);
  const topics = await mapLimit(info.topics, 3, async (entry) => {
    const topic = await client.topicInfo(entry.locator);
    return topicSummary(topic, await rowCount(client, topic));
  });
  return { ...summary(info), topics: topics.sort((a, b) => a.name.localeCompare(b.name)) };
}

export interface LatestRows {
  topic: string;
  locator: string;
  ontologyTag: string | null;
  windowMs: number;
  /** The window, inclusive on both ends; null when the topic has no data. */
  startNs: bigint | null;
  endNs: bigint | null;
  /** True when the window held more than `maxRows` rows and only the last ones are listed. */
  truncated: boolean;
  rows: JsonRow[];
}

/**
 * `GET /topics/:seq/:topic/latest?window_ms=`: the rows whose timestamp is
 * within `windowMs` of the topic's last one, i.e. in `(last - window, last]`,
 * at most the last `maxRows` of them.
 */
export async function latestRows(client: MosaicoClient, locator: string, windowMs: number, maxRows: number): Promise<LatestRows> {
  const topic = await client.topicInfo(locator);
  const base = { topic: topic.name, locator: topic.locator, ontologyTag: topic.ontologyTag ?? null, windowMs };
  const last = topic.dataInfo?.interval?.endNs;
  if (last === undefined) return { ...base, startNs: null, endNs: null, truncated: false, rows: [] };
  const startNs = last - BigInt(windowMs) * NS_PER_MS + 1n;
  // Reader ranges are half-open [startNs, endNs).
  const reader = await client.topicReader(locator, { startNs, endNs: last + 1n });
  let rows: JsonRow[] = [];
  let truncated = false;
  for await (const batch of reader) {
    rows.push(...batchToJsonRows(batch));
    if (rows.length > maxRows) {
      rows = rows.slice(-maxRows);
      truncated = true;
    }
  }
  return { ...base, startNs, endNs: last, truncated, rows };
}
