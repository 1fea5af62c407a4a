/**
 * The `query` action with a raw JSON filter (protocol §8). The typed builder
 * lives in src/query and produces the same body.
 */
import { runAction } from "./action-runner.js";
import type { CallOptions } from "./call-options.js";
import { asObject, readArray, readString } from "./codec/json-fields.js";
import type { ControlContext } from "./control-context.js";
import { toBigInt, type JsonObject, type JsonValue } from "./json.js";
import { splitTopicLocator } from "./locators.js";

export interface QueryResultTopic {
  locator: string;
  /** Topic path with a leading slash. */
  name: string;
  ontologyTag?: string;
  /** J1 only, when requested. */
  timestampRange?: [bigint, bigint];
}

export interface QueryResultItem {
  sequence: string;
  topics: QueryResultTopic[];
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

export async function runQuery(ctx: ControlContext, filter: JsonObject, options?: CallOptions): Promise<QueryResultItem[]> {
  const response = asObject(await runAction(ctx, "query", filter, options), "query");
  return readArray(response, "items", "query").map((value) => {
    const item = asObject(value, "query item");
    return { sequence: readString(item, "sequence", "query item"), topics: readArray(item, "topics", "query item").map(readTopic) };
  });
}
