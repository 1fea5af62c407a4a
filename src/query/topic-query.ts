/** The `topic` section builder (docs/protocol.md §8.1). */
import type { JsonObject, JsonValue } from "../protocol/json.js";
import type { SerializationFormat } from "../protocol/serialization-format.js";
import { makeOperators, type EqualityOps, type MetadataOps, type OrderedOps, type TextOps } from "./operators.js";
import { appendCondition, checkMetadataKey, checkMetadataOperator, sectionJson, type SectionCondition } from "./section-conditions.js";
import type { TimestampInput, ValueKind } from "./value-checks.js";

/**
 * Conditions on topics, combined with AND. Immutable. Create with
 * `Query.topic()`.
 *
 * @example
 * ```ts
 * Query.topic().ontologyTag.eq(IMU.tag).userMetadata("calibrated").eq(true);
 * // {"ontology_tag":{"$eq":"imu"},"user_metadata":{"calibrated":{"$eq":true}}}
 * ```
 */
export class TopicQuery {
  /** Discriminant of query parts. */
  readonly kind = "topic" as const;
  /** The conditions, in the order they were added. */
  readonly conditions: readonly SectionCondition[];

  /** Internal: use `Query.topic()`. */
  constructor(conditions: readonly SectionCondition[] = []) {
    this.conditions = conditions;
    Object.freeze(this);
  }

  #ops<T>(key: string, kind: ValueKind, userMetadata: boolean): T {
    const where = userMetadata ? `topic user_metadata "${key}"` : `topic ${key}`;
    // Topic names are matched without the leading slash the SDK shows (`/imu` -> `imu`).
    const normalize = key === "name" && !userMetadata ? stripLeadingSlashes : (value: JsonValue) => value;
    return makeOperators(kind, where, (op, value) => {
      if (userMetadata) checkMetadataOperator(key, op);
      return new TopicQuery(appendCondition(this.conditions, { key, op, value: normalize(value), userMetadata }, "topic"));
    }) as unknown as T;
  }

  /** The topic path without the sequence (`sensors/imu`). */
  get name(): TextOps<TopicQuery> {
    return this.#ops("name", "string", false);
  }

  /** The ontology tag (`imu`); `IMU.tag` avoids hard-coding it. */
  get ontologyTag(): TextOps<TopicQuery> {
    return this.#ops("ontology_tag", "string", false);
  }

  /** The storage format declared at creation (`default`, `ragged`, `image`). */
  get serializationFormat(): EqualityOps<SerializationFormat, TopicQuery> {
    return this.#ops("serialization_format", "string", false);
  }

  /** Creation time (`created_at_ns`), in nanoseconds or as a Date. */
  get createdAt(): OrderedOps<TimestampInput, TopicQuery> {
    return this.#ops("created_at_ns", "timestamp", false);
  }

  /**
   * A user-metadata value by dot path, with the mosaicod 0.6+ wildcards `*`,
   * `**`, `[*]`, `[N]` (see `SequenceQuery.userMetadata`).
   */
  userMetadata(path: string): MetadataOps<TopicQuery> {
    return this.#ops(checkMetadataKey(path), "metadata", true);
  }

  /** The section body. */
  toJSON(): JsonObject {
    return sectionJson(this.conditions);
  }
}

function stripLeadingSlashes(value: JsonValue): JsonValue {
  if (typeof value === "string") return value.replace(/^\/+/, "");
  if (Array.isArray(value)) return value.map(stripLeadingSlashes);
  return value;
}
