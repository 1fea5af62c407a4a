/** The `sequence` section builder (docs/protocol.md §8.1). */
import type { JsonObject } from "../protocol/json.js";
import { makeOperators, type MetadataOps, type OrderedOps, type TextOps } from "./operators.js";
import { appendCondition, checkMetadataKey, checkMetadataOperator, sectionJson, type SectionCondition } from "./section-conditions.js";
import type { TimestampInput, ValueKind } from "./value-checks.js";

/**
 * Conditions on sequences, combined with AND. Immutable: every condition
 * returns a new builder. Create with `Query.sequence()`.
 *
 * @example
 * ```ts
 * Query.sequence()
 *   .name.match("drive_*")
 *   .createdAt.geq(1767225600000000000n)
 *   .userMetadata("vehicle.id").eq("veh-7");
 * // {"name":{"$match":"drive_*"},"created_at_ns":{"$geq":1767225600000000000},
 * //  "user_metadata":{"vehicle.id":{"$eq":"veh-7"}}}
 * ```
 */
export class SequenceQuery {
  /** Discriminant of query parts. */
  readonly kind = "sequence" as const;
  /** The conditions, in the order they were added. */
  readonly conditions: readonly SectionCondition[];

  /** Internal: use `Query.sequence()`. */
  constructor(conditions: readonly SectionCondition[] = []) {
    this.conditions = conditions;
    Object.freeze(this);
  }

  #ops<T>(key: string, kind: ValueKind, userMetadata: boolean): T {
    const where = userMetadata ? `sequence user_metadata "${key}"` : `sequence ${key}`;
    return makeOperators(kind, where, (op, value) => {
      if (userMetadata) checkMetadataOperator(key, op);
      return new SequenceQuery(appendCondition(this.conditions, { key, op, value, userMetadata }, "sequence"));
    }) as unknown as T;
  }

  /** The sequence name (`$match` takes a J2+ glob such as `drive_*`). */
  get name(): TextOps<SequenceQuery> {
    return this.#ops("name", "string", false);
  }

  /** Creation time (`created_at_ns`), in nanoseconds or as a Date. */
  get createdAt(): OrderedOps<TimestampInput, SequenceQuery> {
    return this.#ops("created_at_ns", "timestamp", false);
  }

  /**
   * A user-metadata value by dot path (`"vehicle.id"` addresses `{vehicle: {id}}`).
   * mosaicod 0.6+ wildcards: `*` one key level (`"sensors.*"`), `**` any depth
   * (`"**.battery"`), `[*]` / `[N]` array elements (`"logs[*].id"`); a condition
   * holds when any value the key reaches satisfies it. `match()` takes plain keys.
   */
  userMetadata(path: string): MetadataOps<SequenceQuery> {
    return this.#ops(checkMetadataKey(path), "metadata", true);
  }

  /** The section body. */
  toJSON(): JsonObject {
    return sectionJson(this.conditions);
  }
}
