/**
 * Sequence and topic descriptions for the pages, from the control plane
 * only (no data is read). J2 servers describe a sequence's topics without
 * their ontology tag, schema or row count: for those, each topic's own
 * GetFlightInfo fills the tag and schema, and row counts come from the DoGet
 * schema metadata (`message_count`) when a page asks for them.
 */
import type { MosaicoClient, SequenceInfo, TopicInfo } from "../sdk.js";
import { mapLimit } from "./pool.js";

export interface SequenceSummary {
  name: string;
  info: SequenceInfo;
  createdAtNs: bigint;
  topicCount: number;
  /** Sum over topics; undefined when a topic does not report it. */
  totalBytes?: bigint;
  totalRows?: bigint;
  /** Earliest and latest data timestamps over all topics. */
  startNs?: bigint;
  endNs?: bigint;
  openSessions: number;
  tags: string[];
}

function sumKnown(values: (bigint | undefined)[]): bigint | undefined {
  if (values.some((v) => v === undefined)) return undefined;
  return values.reduce<bigint>((a, b) => a + (b ?? 0n), 0n);
}

export function summarize(info: SequenceInfo): SequenceSummary {
  let startNs: bigint | undefined;
  let endNs: bigint | undefined;
  for (const topic of info.topics) {
    const interval = topic.dataInfo?.interval;
    if (!interval) continue;
    if (startNs === undefined || interval.startNs < startNs) startNs = interval.startNs;
    if (endNs === undefined || interval.endNs > endNs) endNs = interval.endNs;
  }
  return {
    name: info.name,
    info,
    createdAtNs: info.createdAtNs,
    topicCount: info.topics.length,
    totalBytes: sumKnown(info.topics.map((t) => t.dataInfo?.totalBytes)),
    totalRows: info.topics.length ? sumKnown(info.topics.map((t) => t.dataInfo?.rowCount)) : 0n,
    startNs,
    endNs,
    openSessions: info.sessions.filter((s) => !s.locked).length,
    tags: [...new Set(info.topics.map((t) => t.ontologyTag).filter((t): t is string => !!t))].sort(),
  };
}

/** Fills ontology tags (and schemas) the sequence description lacks (J2), from each topic's own description. */
export async function withTopicDetails(client: MosaicoClient, info: SequenceInfo, signal?: AbortSignal): Promise<SequenceInfo> {
  if (info.topics.every((t) => t.ontologyTag !== undefined)) return info;
  const topics = await mapLimit(info.topics, 4, async (topic): Promise<TopicInfo> => {
    if (topic.ontologyTag !== undefined) return topic;
    const detailed = await client.topicInfo(topic.locator, { signal });
    return { ...topic, ontologyTag: detailed.ontologyTag, serializationFormat: detailed.serializationFormat, schema: detailed.schema, userMetadata: detailed.userMetadata };
  });
  return { ...info, topics };
}

/** Every sequence of the catalog, described (at most 6 calls in flight). */
export async function loadCatalog(client: MosaicoClient, signal?: AbortSignal): Promise<SequenceSummary[]> {
  const names = await client.listSequences({ signal });
  return mapLimit(names, 6, async (name) => summarize(await withTopicDetails(client, await client.sequenceInfo(name, { signal }), signal)));
}

/** Row count of a topic from the DoGet schema metadata, without reading its rows (for J2 servers). */
export async function probeRowCount(client: MosaicoClient, locator: string, signal?: AbortSignal): Promise<bigint | undefined> {
  const reader = await client.topicReader(locator, { signal, prefetch: 1 });
  try {
    return reader.metadata.rowCount ?? 0n;
  } finally {
    await reader.cancel();
  }
}
