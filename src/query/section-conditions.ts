/**
 * Conditions of the `sequence` and `topic` sections (protocol §8.1): plain
 * fields (`name`, `created_at_ns`, ...) plus user-metadata conditions keyed by
 * dot path and nested under `user_metadata`, as the Python SDK sends them.
 */
import type { JsonObject, JsonValue } from "../protocol/json.js";
import type { Operator } from "./operators.js";
import { misuse } from "./value-checks.js";

/** One condition of a sequence/topic section. */
export interface SectionCondition {
  /** Field name (`created_at_ns`) or, for user metadata, the dot path (`vehicle.id`). */
  readonly key: string;
  /** The condition operator (`$eq`, `$match`, ...). */
  readonly op: Operator;
  /** The checked operand, as sent (Dates already converted to nanoseconds). */
  readonly value: JsonValue;
  /** True for user-metadata conditions. */
  readonly userMetadata: boolean;
}

function fullKey(c: SectionCondition): string {
  return c.userMetadata ? `user_metadata.${c.key}` : c.key;
}

/** Returns `list` + `condition`; one condition per key, as the server's JSON object allows. */
export function appendCondition(
  list: readonly SectionCondition[],
  condition: SectionCondition,
  section: string,
): readonly SectionCondition[] {
  const key = fullKey(condition);
  const clash = list.find((c) => fullKey(c) === key);
  if (clash) {
    misuse(
      `${section} query already has a condition on "${key}" (${clash.op}); one condition per key is allowed — combine bounds with between([lo, hi])`,
    );
  }
  return Object.freeze([...list, Object.freeze(condition)]);
}

/** The section body: plain fields in insertion order, then `user_metadata`. */
export function sectionJson(list: readonly SectionCondition[]): JsonObject {
  const body: JsonObject = {};
  const metadata: JsonObject = {};
  for (const c of list) (c.userMetadata ? metadata : body)[c.key] = { [c.op]: c.value };
  if (Object.keys(metadata).length > 0) body.user_metadata = metadata;
  return body;
}
