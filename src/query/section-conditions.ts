/**
 * Conditions of the `sequence` and `topic` sections (docs/protocol.md §8.1): plain
 * fields (`name`, `created_at_ns`, ...) plus user-metadata conditions keyed by
 * dot path and nested under `user_metadata`, as the Python SDK sends them.
 */
import type { JsonObject, JsonValue } from "../protocol/json.js";
import { MetadataKeyError, isMetadataKeyPattern, parseMetadataKey } from "../protocol/metadata-key.js";
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

/**
 * Checks a user-metadata key as mosaicod does (protocol/metadata-key.ts):
 * a dot path, optionally with the wildcards `*`, `**`, `[*]`, `[N]`.
 */
export function checkMetadataKey(path: unknown): string {
  if (typeof path !== "string") return misuse(`invalid user-metadata path ${String(path)}: expected a dot path such as "vehicle.id"`);
  try {
    parseMetadataKey(path);
  } catch (cause) {
    if (cause instanceof MetadataKeyError) return misuse(`invalid user-metadata path "${path}": ${cause.message}`);
    throw cause;
  }
  return path;
}

/**
 * mosaicod evaluates `$match` on user metadata with `#>>` (a literal key
 * path), not with the SQL/JSON path its other operators use, so a wildcard
 * key would match nothing: refused here instead.
 */
export function checkMetadataOperator(key: string, op: Operator): void {
  if (op === "$match" && isMetadataKeyPattern(key)) {
    misuse(`user-metadata "${key}": match() takes a plain key; mosaicod resolves $match keys literally, so wildcards would match nothing`);
  }
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
