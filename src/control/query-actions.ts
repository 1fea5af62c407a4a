/**
 * The catalog search actions (docs/protocol.md §8), on JSON bodies: `query` answers
 * with the matching sequences and topics; the temporal filters
 * `topic_filter_clusterize` and `topic_filter_intersect` (§8.6) answer with
 * one JSONL Result per time window, streamed as the server finds them. The
 * typed builders in src/query produce these bodies.
 */
import type { CallOptions } from "../options.js";
import { asObject, readArray, readBigInt, readString } from "../protocol/json-fields.js";
import { toBigInt, type JsonObject, type JsonValue } from "../protocol/json.js";
import { splitTopicLocator } from "../protocol/locators.js";
import { runAction, streamAction } from "./action-runner.js";
import type { ControlContext } from "./control-context.js";

/** One topic of a query result. */
export interface QueryResultTopic {
  /** `<sequence>/<topic path>`: pass it to topicReader(). */
  locator: string;
  /** Topic path with a leading slash. */
  name: string;
  /** The topic's ontology tag (J2+). */
  ontologyTag?: string;
  /** J1 only, when requested. */
  timestampRange?: [bigint, bigint];
}

/** The matches of a query in one sequence. */
export interface QueryResultItem {
  sequence: string;
  topics: QueryResultTopic[];
}

/** One matching window `[startNs, endNs]` with its id (0, 1, … in time order). */
export interface TimeWindow {
  id: bigint;
  startNs: bigint;
  endNs: bigint;
}

function readTopic(value: JsonValue): QueryResultTopic {
  // L servers answered plain locator strings; J1 adds timestamp_range; J2+ ontology_tag.
  if (typeof value === "string") return { locator: value, name: splitTopicLocator(value).name };
  const obj = asObject(value, "query topic");
  const locator = readString(obj, "locator", "query topic");
  const topic: QueryResultTopic = { locator, name: splitTopicLocator(locator).name };
  if (typeof obj.ontology_tag === "string") topic.ontologyTag = obj.ontology_tag;
  if (Array.isArray(obj.timestamp_range) && obj.timestamp_range.length === 2) {
    const [start, end] = obj.timestamp_range.map((v) => toBigInt(v));
    if (start !== undefined && end !== undefined) topic.timestampRange = [start, end];
  }
  return topic;
}

/** Runs the `query` action with a JSON filter body. */
export async function runQuery(ctx: ControlContext, filter: JsonObject, options?: CallOptions): Promise<QueryResultItem[]> {
  const response = asObject(await runAction(ctx, "query", filter, options), "query");
  return readArray(response, "items", "query").map((value) => {
    const item = asObject(value, "query item");
    return { sequence: readString(item, "sequence", "query item"), topics: readArray(item, "topics", "query item").map(readTopic) };
  });
}

function readWindow(value: JsonValue): TimeWindow {
  const item = asObject(value, "time window");
  const ts = asObject(item.ts, "time window ts");
  return { id: readBigInt(item, "id", "time window"), startNs: readBigInt(ts, "start_ns", "time window"), endNs: readBigInt(ts, "end_ns", "time window") };
}

/** The temporal filter actions. */
export type TemporalFilterAction = "topic_filter_clusterize" | "topic_filter_intersect";

/** Runs a temporal filter with its JSON body, yielding each window as it arrives. */
export async function* runTemporalFilter(
  ctx: ControlContext,
  action: TemporalFilterAction,
  body: JsonObject,
  options?: CallOptions,
): AsyncGenerator<TimeWindow> {
  for await (const item of streamAction(ctx, action, body, options)) yield readWindow(item);
}
