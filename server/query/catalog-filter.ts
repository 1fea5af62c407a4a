/**
 * The `sequence` and `topic` sections of a query (docs/protocol.md §8.1): conditions
 * on catalog fields and on user metadata, all combined with AND.
 *
 * Field names: `name` (text; for topics the path without the sequence,
 * `sensors/imu`), creation time `created_at_ns` (integer ns), and for topics
 * `ontology_tag` and `serialization_format` (text), plus `user_metadata`
 * (dot path -> condition). Accepted aliases, because docs/protocol.md §8.1 cannot
 * tell which server revision takes which spelling: `created_timestamp`
 * (L/J1 server code) and `created_at` (daemon docs) for `created_at_ns`;
 * `locator` (before 0.6.0) for `name`. Unknown fields are refused.
 */
import { type JsonValue, isJsonObject } from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import type { SequenceRow, TopicRow } from "../store/rows.js";
import { compileCondition, readCondition, type CompiledCondition, type FieldType } from "./conditions.js";
import { compileMetadataCondition, parseStoredMetadata, type MetadataCondition } from "./metadata.js";
import type { Scalar } from "./values.js";

export type SectionName = "sequence" | "topic";

type CatalogField = "name" | "created_at_ns" | "ontology_tag" | "serialization_format";

const FIELD_TYPES: Record<CatalogField, [FieldType, string]> = {
  name: ["text", "string"],
  created_at_ns: ["timestamp", "timestamp"],
  ontology_tag: ["text", "string"],
  serialization_format: ["text", "string"],
};

const FIELDS: Record<SectionName, Record<string, CatalogField>> = {
  sequence: {
    name: "name",
    locator: "name",
    created_at_ns: "created_at_ns",
    created_timestamp: "created_at_ns",
    created_at: "created_at_ns",
  },
  topic: {
    name: "name",
    locator: "name",
    created_at_ns: "created_at_ns",
    created_timestamp: "created_at_ns",
    created_at: "created_at_ns",
    ontology_tag: "ontology_tag",
    serialization_format: "serialization_format",
  },
};

export interface CatalogFilter {
  fields: Array<{ field: CatalogField; condition: CompiledCondition }>;
  metadata: MetadataCondition[];
}

export function parseCatalogSection(section: SectionName, json: JsonValue): CatalogFilter {
  if (!isJsonObject(json)) {
    throw errors.badRequest(`the \`${section}\` section must be an object of conditions, got ${JSON.stringify(typeof json)}`);
  }
  const filter: CatalogFilter = { fields: [], metadata: [] };
  const seen = new Map<CatalogField, string>();
  for (const [key, value] of Object.entries(json)) {
    const where = `${section}.${key}`;
    if (key === "user_metadata") {
      if (!isJsonObject(value)) {
        throw errors.badRequest(`\`${where}\` must be an object of "<dot.path>": {"$op": value} conditions`);
      }
      for (const [path, condition] of Object.entries(value)) {
        filter.metadata.push(compileMetadataCondition(readCondition(`${where}.${path}`, condition), path));
      }
      continue;
    }
    // Own keys only: `constructor` or `toString` must be unknown fields, not Object.prototype's.
    const field = Object.hasOwn(FIELDS[section], key) ? FIELDS[section][key] : undefined;
    if (field === undefined) {
      throw errors.badRequest(
        `unknown field \`${where}\` (expected ${[...Object.keys(FIELDS[section]), "user_metadata"].join(", ")})`,
      );
    }
    const previous = seen.get(field);
    if (previous !== undefined) {
      throw errors.badRequest(`\`${section}.${previous}\` and \`${where}\` name the same field; give one condition`);
    }
    seen.set(field, key);
    const [type, label] = FIELD_TYPES[field];
    // Names are matched by PostgreSQL's `~` (mosaico_regex_match), where `.` also takes a newline.
    filter.fields.push({ field, condition: compileCondition(readCondition(where, value), type, label, { dotAll: true }) });
  }
  return filter;
}

function matches(filter: CatalogFilter, get: (field: CatalogField) => Scalar, metadataText: string | null): boolean {
  for (const { field, condition } of filter.fields) if (!condition.test(get(field))) return false;
  if (filter.metadata.length === 0) return true;
  const metadata = parseStoredMetadata(metadataText);
  return filter.metadata.every((c) => c.test(metadata));
}

export function sequenceMatches(filter: CatalogFilter | undefined, row: SequenceRow): boolean {
  if (!filter) return true;
  return matches(
    filter,
    (field) => (field === "created_at_ns" ? row.created_at_ns : field === "name" ? row.locator : ""),
    row.user_metadata,
  );
}

/** The topic's name as the `topic.name` field sees it: the path part of the locator. */
export function topicName(row: TopicRow): string {
  return row.locator.slice(row.locator.indexOf("/") + 1);
}

export function topicMatches(filter: CatalogFilter | undefined, row: TopicRow): boolean {
  if (!filter) return true;
  return matches(
    filter,
    (field) => {
      switch (field) {
        case "name":
          return topicName(row);
        case "created_at_ns":
          return row.created_at_ns;
        case "ontology_tag":
          return row.ontology_tag;
        case "serialization_format":
          return row.serialization_format;
      }
    },
    row.user_metadata,
  );
}
