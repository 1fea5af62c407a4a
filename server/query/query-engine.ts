/**
 * The `query` action (docs/protocol.md §8): sections `sequence`, `topic`, `ontology`
 * combined with AND.
 *
 * - A sequence qualifies when it satisfies the `sequence` section.
 * - Its topics qualify when they satisfy the `topic` section.
 * - Without an `ontology` section, every qualifying sequence with at least one
 *   qualifying topic is listed with those topics (a sequence without topics
 *   is not listed, as in mosaicod, whose results are built from topics).
 * - With an `ontology` section, conditions are grouped by ontology tag. A
 *   topic matches a group when its tag is the group's tag and at least one of
 *   its rows satisfies every condition of the group (row-level AND). A
 *   sequence is listed when every group has a matching topic in it (mosaicod
 *   intersects the per-tag sequence sets and joins their topics); it lists
 *   the matching topics of all groups.
 * - Items are sorted by sequence name, topics by locator.
 *
 * Ontology field names and value types are checked against the stored Arrow
 * schemas of the topics carrying the tag: a path found in none of them, or a
 * value/operator that fits none of them, is INVALID_ARGUMENT; a topic whose
 * schema lacks the path (or types it differently) simply does not match.
 * A tag no topic carries checks nothing and matches nothing.
 */
import { Code, ConnectError } from "@connectrpc/connect";
import type { Schema } from "apache-arrow";
import type { JsonObject, JsonValue } from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import { decodeSchemaMessage } from "../flight/arrow-schema.js";
import type { FlightContext } from "../flight/context.js";
import type { SequenceRow, TopicRow } from "../store/rows.js";
import {
  parseCatalogSection,
  sequenceMatches,
  topicMatches,
  type CatalogFilter,
} from "./catalog-filter.js";
import {
  bindCondition,
  groupByTag,
  isBindFailure,
  parseOntologySection,
  type BindFailure,
  type ColumnCondition,
  type OntologyCondition,
} from "./ontology.js";
import { topicHasMatch } from "./scan.js";
import { compareText } from "../data/column-stats.js";

export interface QueryFilter {
  sequence?: CatalogFilter;
  topic?: CatalogFilter;
  /** Conditions by ontology tag. */
  ontology?: Map<string, OntologyCondition[]>;
}

const SECTIONS = ["sequence", "topic", "ontology"];

/** Parses and checks the query body (catalog fields fully, ontology fields by shape). */
export function parseQuery(body: JsonObject): QueryFilter {
  const filter: QueryFilter = {};
  for (const [key, value] of Object.entries(body)) {
    if (!SECTIONS.includes(key)) {
      throw errors.badRequest(`unknown query section \`${key}\` (expected sequence, topic or ontology)`);
    }
    if (value === null) continue; // serde: an Option set to null is absent
    if (key === "sequence") filter.sequence = parseCatalogSection("sequence", value);
    else if (key === "topic") filter.topic = parseCatalogSection("topic", value);
    else {
      const conditions = parseOntologySection(value);
      if (conditions.length > 0) filter.ontology = groupByTag(conditions);
    }
  }
  return filter;
}

class SchemaCache {
  private readonly schemas = new Map<bigint, Schema | null>();

  get(topic: TopicRow): Schema | null {
    if (topic.arrow_schema === null) return null;
    let schema = this.schemas.get(topic.topic_id);
    if (schema === undefined) {
      try {
        schema = decodeSchemaMessage(topic.arrow_schema);
      } catch {
        schema = null;
      }
      this.schemas.set(topic.topic_id, schema);
    }
    return schema;
  }
}

/**
 * Checks every ontology condition against the schemas of the topics that
 * carry its tag (catalog-wide, independent of the other sections).
 */
function validateOntology(groups: Map<string, OntologyCondition[]>, allTopics: readonly TopicRow[], schemas: SchemaCache): void {
  for (const [tag, conditions] of groups) {
    const tagged = allTopics.map((t) => (t.ontology_tag === tag ? schemas.get(t) : null)).filter((s) => s !== null);
    if (tagged.length === 0) continue;
    for (const condition of conditions) {
      let best: BindFailure | undefined;
      let bound = false;
      for (const schema of tagged) {
        const result = bindCondition(schema, condition);
        if (!isBindFailure(result)) {
          bound = true;
          break;
        }
        if (!best || result.rank > best.rank) best = result;
      }
      if (!bound && best) throw best.error;
    }
  }
}

/** The group's conditions bound to this topic's schema, or undefined if they do not fit it. */
function bindTopic(topic: TopicRow, conditions: readonly OntologyCondition[], schemas: SchemaCache): ColumnCondition[] | undefined {
  const schema = schemas.get(topic);
  if (!schema) return undefined;
  const bound: ColumnCondition[] = [];
  for (const c of conditions) {
    const result = bindCondition(schema, c);
    if (isBindFailure(result)) return undefined;
    bound.push(result);
  }
  return bound;
}

async function hasMatch(ctx: FlightContext, topic: TopicRow, conditions: ColumnCondition[], signal?: AbortSignal) {
  try {
    return await topicHasMatch(ctx.catalog, topic, conditions, signal);
  } catch (cause) {
    // Deleted while we were reading it: it no longer matches anything.
    if (cause instanceof ConnectError && cause.code === Code.NotFound) return false;
    throw cause;
  }
}

function item(sequence: SequenceRow, topics: readonly TopicRow[]): JsonObject {
  const sorted = [...topics].sort((a, b) => compareText(a.locator, b.locator));
  return {
    sequence: sequence.locator,
    topics: sorted.map((t) => ({ locator: t.locator, ontology_tag: t.ontology_tag })),
  };
}

export async function runQuery(ctx: FlightContext, filter: QueryFilter, signal?: AbortSignal): Promise<JsonValue> {
  const { catalog } = ctx;
  const sequences = catalog.sequences.list().sort((a, b) => compareText(a.locator, b.locator));
  const topicsOf = new Map(sequences.map((s) => [s.sequence_id, catalog.topics.listBySequence(s.sequence_id)]));
  const schemas = new SchemaCache();
  if (filter.ontology) validateOntology(filter.ontology, [...topicsOf.values()].flat(), schemas);

  const items: JsonObject[] = [];
  for (const sequence of sequences) {
    if (!sequenceMatches(filter.sequence, sequence)) continue;
    const topics = topicsOf.get(sequence.sequence_id)!.filter((t) => topicMatches(filter.topic, t));
    if (topics.length === 0) continue;
    if (!filter.ontology) {
      items.push(item(sequence, topics));
      continue;
    }
    // Every tag needs a candidate before any file is read.
    const groups = [...filter.ontology].map(([tag, conditions]) => ({
      candidates: topics
        .filter((t) => t.ontology_tag === tag)
        .map((t) => ({ topic: t, bound: bindTopic(t, conditions, schemas) }))
        .filter((c): c is { topic: TopicRow; bound: ColumnCondition[] } => c.bound !== undefined),
    }));
    if (groups.some((g) => g.candidates.length === 0)) continue;
    const matched: TopicRow[] = [];
    let all = true;
    for (const group of groups) {
      let any = false;
      for (const { topic, bound } of group.candidates) {
        if (await hasMatch(ctx, topic, bound, signal)) {
          matched.push(topic);
          any = true;
        }
      }
      if (!any) {
        all = false;
        break;
      }
    }
    if (all) items.push(item(sequence, matched));
  }
  return { items };
}
