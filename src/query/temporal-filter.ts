/**
 * Request bodies of `topic_filter_clusterize` and `topic_filter_intersect`
 * (docs/protocol.md §8.6, J2+), built from the same ontology expressions as queries.
 */
import type { JsonObject, JsonValue } from "../protocol/json.js";
import { resolveTopicLocator, splitTopicLocator } from "../protocol/locators.js";
import { isOntologyExpression, type OntologyExpression } from "./ontology-expression.js";
import { OntologyQuery } from "./ontology-query.js";
import { checkValue, misuse } from "./value-checks.js";

/** Options of one topic's temporal filter. */
export interface ClusterizeOptions {
  /** Topic locator `<sequence>/<topic path>` (a query result's `locator`). */
  locator: string;
  /** Conditions on this topic's data; non-empty, all with the topic's tag. */
  ontology: OntologyQuery | OntologyExpression | readonly OntologyExpression[];
  /** Matches farther apart than this (ns) start a new cluster; default 0 = one cluster `[first, last]`. */
  clusteringDtNs?: bigint | number | undefined;
  /**
   * Only consider `[startNs, endNs]` (inclusive); default: the whole topic. An
   * omitted bound is sent as 0 or 2^63-1, since the server needs both.
   */
  timestampRange?: { startNs?: bigint | number; endNs?: bigint | number } | null | undefined;
  /** The topic's ontology tag when known (query results carry it); every key must use it. */
  ontologyTag?: string | undefined;
}

/** Options of an intersection of several topics of one sequence. */
export interface IntersectOptions {
  /** At least two topics, all of the same sequence. */
  topics: readonly ClusterizeOptions[];
  /** Tolerance (ns) when intersecting clusters; default 0 = strict overlap. */
  intersectDtNs?: bigint | number | undefined;
}

/** The largest `timestamp_ns`, standing for "no upper bound". */
const I64_MAX = 2n ** 63n - 1n;

function unsignedNs(value: unknown, where: string): bigint | number {
  const v = checkValue("int64", value, where) as bigint | number;
  if (v < 0) misuse(`${where}: must not be negative, got ${v}`);
  return v;
}

function expressionsOf(ontology: ClusterizeOptions["ontology"]): readonly OntologyExpression[] {
  if (ontology instanceof OntologyQuery) return ontology.expressions;
  if (isOntologyExpression(ontology)) return [ontology];
  if (Array.isArray(ontology)) return new OntologyQuery().and(...ontology).expressions;
  return misuse("ontology must be an OntologyQuery, an expression or an array of expressions");
}

function splitLocator(locator: unknown): { locator: string; sequence: string } {
  if (typeof locator !== "string") misuse(`${JSON.stringify(locator)} is not a topic locator (expected <sequence>/<topic>)`);
  const clean = resolveTopicLocator(locator);
  return { locator: clean, sequence: splitTopicLocator(clean).sequence };
}

function clusterizeBody(options: ClusterizeOptions): { body: JsonObject; sequence: string } {
  const { locator, sequence } = splitLocator(options.locator);
  const expressions = expressionsOf(options.ontology);
  if (expressions.length === 0) misuse(`temporal filter of ${locator}: the ontology conditions are empty`);
  const tag = options.ontologyTag ?? expressions[0]!.tag;
  const foreign = expressions.find((e) => e.tag !== tag);
  if (foreign) {
    misuse(`temporal filter of ${locator}: "${foreign.key}" does not use the topic's ontology tag "${tag}"; every key must start with "${tag}."`);
  }
  const body: JsonObject = {
    locator,
    clustering_dt_ns: unsignedNs(options.clusteringDtNs ?? 0, `${locator} clusteringDtNs`),
    ontology: new OntologyQuery(expressions).toJSON(),
  };
  const range = options.timestampRange;
  if (range) {
    const start = range.startNs === undefined ? undefined : unsignedNs(range.startNs, `${locator} timestampRange.startNs`);
    const end = range.endNs === undefined ? undefined : unsignedNs(range.endNs, `${locator} timestampRange.endNs`);
    if (start !== undefined && end !== undefined && start > end) misuse(`${locator} timestampRange: startNs ${start} is after endNs ${end}`);
    // mosaicod reads both bounds (the Python SDK always sends both): an open
    // side is completed to the whole i64 range rather than left out.
    body.timestamp_range = { start_ns: start ?? 0, end_ns: end ?? I64_MAX };
  }
  return { body, sequence };
}

/**
 * Body of `topic_filter_clusterize`: when, in one topic, the conditions hold.
 *
 * @example
 * ```ts
 * clusterizeRequestBody({ locator: "drive_a/sensors/imu", ontology: IMU.Q.acceleration.x.gt(5), clusteringDtNs: 1_000_000_000n });
 * // {"locator":"drive_a/sensors/imu","clustering_dt_ns":1000000000,"ontology":{"imu.acceleration.x":{"$gt":5}}}
 * ```
 */
export function clusterizeRequestBody(options: ClusterizeOptions): JsonObject {
  return clusterizeBody(options).body;
}

/**
 * Body of `topic_filter_intersect`: when the conditions of several topics of
 * one sequence hold together.
 *
 * @example
 * ```ts
 * intersectRequestBody({
 *   topics: [
 *     { locator: "drive_a/imu", ontology: IMU.Q.acceleration.x.gt(5) },
 *     { locator: "drive_a/gps", ontology: GPS.Q.status.satellites.geq(4) },
 *   ],
 *   intersectDtNs: 10_000_000n,
 * });
 * ```
 */
export function intersectRequestBody(options: IntersectOptions): JsonObject {
  const topics = options.topics;
  if (!Array.isArray(topics) || topics.length < 2) misuse("topic_filter_intersect needs at least two topics");
  const built = topics.map((t) => clusterizeBody(t));
  const sequence = built[0]!.sequence;
  const other = built.find((b) => b.sequence !== sequence);
  if (other) misuse(`topic_filter_intersect needs topics of one sequence, got "${sequence}" and "${other.sequence}"`);
  return {
    topics: built.map((b) => b.body),
    intersect_dt_ns: unsignedNs(options.intersectDtNs ?? 0, "intersectDtNs"),
  };
}
