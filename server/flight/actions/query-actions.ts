/**
 * The DoAction verbs of the query engine: `query`, `topic_filter_clusterize`
 * and `topic_filter_intersect` (docs/protocol.md §8, §8.6; read permission).
 *
 * Body checks happen in two steps, like mosaicod: the JSON shape (missing
 * field, wrong JSON type: `Bad request: body deserialization error.`, before
 * the permission check), then the meaning (unknown fields, operators, value
 * types, tags: `Bad request: <what is wrong, naming the field>.`).
 */
import { type JsonObject, type JsonValue, isJsonObject, toBigInt } from "../../../src/protocol/index.js";
import { errors } from "../../core/errors.js";
import { parseTopicLocator, requireTopicLocator } from "../../core/locators.js";
import { bindAll, parseOntologySection, timestampCondition, type ColumnCondition } from "../../query/ontology.js";
import { parseQuery, runQuery } from "../../query/query-engine.js";
import { matchingTimestamps } from "../../query/scan.js";
import { Clusterer, intersectWindows, type Window } from "../../query/temporal.js";
import type { TopicRow } from "../../store/rows.js";
import { decodeSchemaMessage } from "../arrow-schema.js";
import type { FlightContext } from "../context.js";
import { defineAction, JsonlStream } from "./action.js";
import { BodyError, requireField, requireString } from "./body.js";

const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

function requireU64(body: JsonObject, key: string): bigint {
  const value = requireField(body, key);
  const int = typeof value === "string" ? undefined : toBigInt(value);
  if (int === undefined || int < 0n || int > U64_MAX) throw new BodyError(`field \`${key}\` must be a u64`);
  return int;
}

function optionalI64(body: JsonObject, key: string): bigint | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const int = typeof value === "string" ? undefined : toBigInt(value);
  if (int === undefined || int < I64_MIN || int > I64_MAX) throw new BodyError(`field \`${key}\` must be an i64`);
  return int;
}

/** One topic's temporal filter request, as the JSON shape gives it. */
export interface ClusterizeParams {
  locator: string;
  clusteringDtNs: bigint;
  ontology: JsonObject;
  /** Inclusive bounds; either may be open. */
  range?: { start?: bigint; end?: bigint };
}

function parseClusterizeParams(body: JsonValue): ClusterizeParams {
  if (!isJsonObject(body)) throw new BodyError("a topic filter must be an object");
  const ontology = requireField(body, "ontology");
  if (!isJsonObject(ontology)) throw new BodyError("field `ontology` must be an object");
  const params: ClusterizeParams = {
    locator: requireString(body, "locator"),
    clusteringDtNs: requireU64(body, "clustering_dt_ns"),
    ontology,
  };
  const range = body.timestamp_range;
  if (range !== undefined && range !== null) {
    if (!isJsonObject(range)) throw new BodyError("field `timestamp_range` must be an object");
    const start = optionalI64(range, "start_ns");
    const end = optionalI64(range, "end_ns");
    // Upstream's SDK and docs always send both bounds; the range struct has no optional side.
    if (start === undefined || end === undefined) throw new BodyError("`timestamp_range` needs both start_ns and end_ns");
    params.range = { start, end };
  }
  return params;
}

interface PreparedFilter {
  topic: TopicRow;
  conditions: ColumnCondition[];
  clusteringDtNs: bigint;
}

/** Everything that can be refused is refused here, before any Result is sent. */
function prepareFilter(ctx: FlightContext, params: ClusterizeParams): PreparedFilter {
  const count = Object.keys(params.ontology).length;
  if (count === 0) {
    throw errors.badRequest(`At least 1 filtering condition is required on \`${params.locator}\`, found 0`);
  }
  const { start, end } = params.range ?? {};
  if (start !== undefined && end !== undefined && start > end) {
    throw errors.badRequest(`\`timestamp_range\` of \`${params.locator}\`: start_ns ${start} is after end_ns ${end}`);
  }
  requireTopicLocator(params.locator);
  const topic = ctx.catalog.topics.findByLocator(params.locator);
  if (!topic) throw errors.notFound(params.locator);
  const parsed = parseOntologySection(params.ontology);
  for (const c of parsed) {
    if (c.tag !== topic.ontology_tag) {
      throw errors.badRequest(
        `\`${c.raw.field}\`: wrong ontology tag \`${c.tag}\`, topic \`${topic.locator}\` uses \`${topic.ontology_tag}\``,
      );
    }
  }
  if (topic.arrow_schema === null) throw errors.missingDoPut(topic.locator);
  const conditions = bindAll(decodeSchemaMessage(topic.arrow_schema), parsed);
  if (start !== undefined && end !== undefined) {
    conditions.push(timestampCondition("timestamp_range", "$between", [start, end]));
  } else if (start !== undefined) {
    conditions.push(timestampCondition("timestamp_range.start_ns", "$geq", start));
  } else if (end !== undefined) {
    conditions.push(timestampCondition("timestamp_range.end_ns", "$leq", end));
  }
  return { topic, conditions, clusteringDtNs: params.clusteringDtNs };
}

/** The windows of one topic, in time order, each yielded as soon as it is closed. */
async function* clusterWindows(ctx: FlightContext, filter: PreparedFilter, signal: AbortSignal): AsyncGenerator<Window> {
  const clusterer = new Clusterer(filter.clusteringDtNs);
  for await (const group of matchingTimestamps(ctx.catalog, filter.topic, filter.conditions, signal)) {
    const early = clusterer.closeBefore(group.minTimestamp);
    if (early) yield early;
    for (const t of group.timestamps) {
      const closed = clusterer.push(t);
      if (closed) yield closed;
    }
  }
  const last = clusterer.finish();
  if (last) yield last;
}

async function* numbered(windows: AsyncIterable<Window>): AsyncGenerator<JsonValue> {
  let id = 0;
  for await (const w of windows) yield { ts: { start_ns: w.start, end_ns: w.end }, id: id++ };
}

export const queryAction = defineAction({
  name: "query",
  label: "Query",
  permission: "read",
  parse: (body) => body, // the body is the filter (J1+); checked in run
  run: (ctx, body, signal) => runQuery(ctx, parseQuery(body), signal),
});

export const clusterizeAction = defineAction({
  name: "topic_filter_clusterize",
  label: "TopicFilterClusterize",
  permission: "read",
  parse: parseClusterizeParams,
  run(ctx, params, signal) {
    const filter = prepareFilter(ctx, params);
    return new JsonlStream(numbered(clusterWindows(ctx, filter, signal)));
  },
});

export const intersectAction = defineAction({
  name: "topic_filter_intersect",
  label: "TopicFilterIntersect",
  permission: "read",
  parse: (body) => {
    const topics = requireField(body, "topics");
    if (!Array.isArray(topics)) throw new BodyError("field `topics` must be an array");
    return { topics: topics.map(parseClusterizeParams), intersectDtNs: requireU64(body, "intersect_dt_ns") };
  },
  run(ctx, req, signal) {
    if (req.topics.length < 2) {
      throw errors.badRequest(`at least 2 topics are required, found ${req.topics.length}`);
    }
    const sequences = req.topics.map((t) => {
      const parts = parseTopicLocator(t.locator);
      if (!parts) throw errors.badRequest(`invalid topic locator \`${t.locator}\``);
      return parts.sequence;
    });
    const other = sequences.findIndex((s) => s !== sequences[0]);
    if (other >= 0) {
      throw errors.badRequest(
        `all topics must belong to sequence \`${sequences[0]}\`, but \`${req.topics[other]!.locator}\` belongs to \`${sequences[other]}\``,
      );
    }
    const filters = req.topics.map((t) => prepareFilter(ctx, t));
    const streams = filters.map((f) => clusterWindows(ctx, f, signal));
    return new JsonlStream(numbered(intersectWindows(streams, req.intersectDtNs)));
  },
});

export const queryActions = [queryAction, clusterizeAction, intersectAction];
