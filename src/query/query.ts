/**
 * The query action body (docs/protocol.md §8.1): up to three sections — `sequence`,
 * `topic`, `ontology` — combined with AND.
 */
import type { JsonObject } from "../protocol/json.js";
import { isOntologyExpression, ontologyField, ontologyList, type OntologyExpression } from "./ontology-expression.js";
import { OntologyQuery } from "./ontology-query.js";
import { SequenceQuery } from "./sequence-query.js";
import { TopicQuery } from "./topic-query.js";
import { appendCondition } from "./section-conditions.js";
import { misuse } from "./value-checks.js";

/** A complete query: at most one builder per section. Immutable. */
export class MosaicoQuery {
  /** Discriminant of query parts. */
  readonly kind = "query" as const;
  /** Conditions on sequences, if any. */
  readonly sequence: SequenceQuery | undefined;
  /** Conditions on topics, if any. */
  readonly topic: TopicQuery | undefined;
  /** Conditions on topic data, if any. */
  readonly ontology: OntologyQuery | undefined;

  /** Internal: use `Query.merge(...)`. */
  constructor(sections: { sequence?: SequenceQuery; topic?: TopicQuery; ontology?: OntologyQuery } = {}) {
    this.sequence = sections.sequence;
    this.topic = sections.topic;
    this.ontology = sections.ontology;
    Object.freeze(this);
  }

  /** The `query` action body; empty sections are left out. */
  toJSON(): JsonObject {
    const body: JsonObject = {};
    if (this.sequence && this.sequence.conditions.length > 0) body.sequence = this.sequence.toJSON();
    if (this.topic && this.topic.conditions.length > 0) body.topic = this.topic.toJSON();
    if (this.ontology && this.ontology.expressions.length > 0) body.ontology = this.ontology.toJSON();
    return body;
  }
}

/** Anything that can be merged into a query. */
export type QueryPart = SequenceQuery | TopicQuery | OntologyQuery | OntologyExpression | MosaicoQuery;

function mergeSequence(a: SequenceQuery | undefined, b: SequenceQuery): SequenceQuery {
  if (!a) return b;
  return new SequenceQuery(b.conditions.reduce((list, c) => appendCondition(list, c, "sequence"), a.conditions));
}

function mergeTopic(a: TopicQuery | undefined, b: TopicQuery): TopicQuery {
  if (!a) return b;
  return new TopicQuery(b.conditions.reduce((list, c) => appendCondition(list, c, "topic"), a.conditions));
}

/** Merges builders and expressions into one query (AND; one condition per key). */
export function mergeQuery(...parts: QueryPart[]): MosaicoQuery {
  let sequence: SequenceQuery | undefined;
  let topic: TopicQuery | undefined;
  let ontology: OntologyQuery | undefined;
  const add = (part: QueryPart): void => {
    if (part instanceof SequenceQuery) sequence = mergeSequence(sequence, part);
    else if (part instanceof TopicQuery) topic = mergeTopic(topic, part);
    else if (part instanceof OntologyQuery) ontology = (ontology ?? new OntologyQuery()).and(...part.expressions);
    else if (isOntologyExpression(part)) ontology = (ontology ?? new OntologyQuery()).and(part);
    else if (part instanceof MosaicoQuery) [part.sequence, part.topic, part.ontology].forEach((s) => s && add(s));
    else misuse(`cannot merge ${Object.prototype.toString.call(part)} into a query: pass Query.sequence(), Query.topic(), Query.ontology() or <Model>.Q expressions`);
  };
  parts.forEach(add);
  return new MosaicoQuery({ sequence, topic, ontology });
}

/**
 * The JSON body of the `query` action, bigint values preserved (send it with
 * the SDK's JSON codec, e.g. `stringifyJson`).
 *
 * @throws MosaicoError INVALID_ARGUMENT when there is no condition at all.
 * @example
 * ```ts
 * toQueryJson(Query.topic().ontologyTag.eq("imu"), IMU.Q.acceleration.x.gt(5));
 * // {"topic":{"ontology_tag":{"$eq":"imu"}},"ontology":{"imu.acceleration.x":{"$gt":5}}}
 * ```
 */
export function toQueryJson(...parts: QueryPart[]): JsonObject {
  const body = mergeQuery(...parts).toJSON();
  if (Object.keys(body).length === 0) {
    misuse("the query has no conditions; add some, or list everything with the catalog (listSequences) instead");
  }
  return body;
}

/**
 * Entry points of the query builder (counterpart of the Python SDK's
 * QuerySequence / QueryTopic / QueryOntologyCatalog / Query).
 *
 * @example
 * ```ts
 * const q = Query.merge(
 *   Query.sequence().name.match("drive_*").userMetadata("vehicle.id").eq("veh-7"),
 *   Query.topic().ontologyTag.eq(IMU.tag),
 *   Query.ontology(IMU.Q.acceleration.x.gt(5)),
 * );
 * const body = toQueryJson(q);
 * ```
 */
export const Query = Object.freeze({
  /** A `sequence` section builder. */
  sequence: (): SequenceQuery => new SequenceQuery(),
  /** A `topic` section builder. */
  topic: (): TopicQuery => new TopicQuery(),
  /** An `ontology` section from `.Q` expressions. */
  ontology: (...expressions: OntologyExpression[]): OntologyQuery => new OntologyQuery().and(...expressions),
  /** An untyped ontology field by tag and path (unmodeled topics); the path may carry a list specifier (`ranges[?]`). */
  field: ontologyField,
  /** An untyped list column by tag and path (unmodeled topics): `any()`, `all()`, `at(i)`, whole-list `eq`. */
  list: ontologyList,
  /** Merges sections and expressions into one query. */
  merge: mergeQuery,
});
