/**
 * One condition on a topic's data (the `ontology` section of §8.1):
 * `"<ontology_tag>.<field path>" -> {"$op": value}`.
 */
import type { JsonObject, JsonValue } from "../protocol/json.js";
import { makeOperators, type Operator, type ScalarOps } from "./operators.js";
import { misuse } from "./value-checks.js";

/**
 * A condition on one field of one ontology, e.g. what
 * `IMU.Q.acceleration.x.gt(5)` returns. Immutable.
 */
export interface OntologyExpression<Tag extends string = string> {
  /** Discriminant (see `isOntologyExpression`). */
  readonly kind: "ontology-expression";
  /** The ontology tag the key starts with (`imu`). */
  readonly tag: Tag;
  /** The field path inside the topic schema (`acceleration.x`). */
  readonly path: string;
  /** `tag.path`, the key sent to the server (`imu.acceleration.x`). */
  readonly key: string;
  /** The condition operator (`$gt`). */
  readonly op: Operator;
  /** The checked operand, as sent (bigint kept for 64-bit integers; `[lo, hi]` for ranges). */
  readonly value: JsonValue;
  /** `{ "imu.acceleration.x": { "$gt": 5 } }` */
  toJSON(): JsonObject;
}

/** True for values produced by `.Q` proxies or `ontologyField`. */
export function isOntologyExpression(value: unknown): value is OntologyExpression {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "ontology-expression";
}

/** Internal: builds an expression from already validated parts. */
export function makeOntologyExpression<Tag extends string>(tag: Tag, path: string, op: Operator, value: JsonValue): OntologyExpression<Tag> {
  const key = `${tag}.${path}`;
  return Object.freeze({
    kind: "ontology-expression" as const,
    tag,
    path,
    key,
    op,
    value,
    toJSON: (): JsonObject => ({ [key]: { [op]: value } }),
  });
}

/** Checks an ontology tag: non-empty, no dot (the dot separates tag and path). */
export function checkTag(tag: unknown): string {
  if (typeof tag !== "string" || tag.length === 0 || tag.includes(".")) {
    return misuse(`invalid ontology tag ${JSON.stringify(tag)}: expected a non-empty string without dots (e.g. "imu")`);
  }
  return tag;
}

/** Checks a dot path such as `acceleration.x` (no empty segments). */
export function checkPath(path: unknown, what: string): string {
  if (typeof path !== "string" || path.length === 0 || path.split(".").some((s) => s.length === 0)) {
    return misuse(`invalid ${what} ${JSON.stringify(path)}: expected a dot path such as "acceleration.x"`);
  }
  return path;
}

/**
 * An untyped condition builder for a field path of any ontology, for topics
 * without a local model (unmodeled data) or fields the model does not declare.
 * Prefer `<Model>.Q.<path>` when a model exists: it checks paths and value
 * types at compile time.
 *
 * @example
 * ```ts
 * const expr = ontologyField("lidar_summary", "points.count").geq(1000);
 * // {"lidar_summary.points.count": {"$geq": 1000}}
 * ```
 */
export function ontologyField<Tag extends string>(tag: Tag, path: string): ScalarOps<OntologyExpression<Tag>> {
  checkTag(tag);
  checkPath(path, "field path");
  const where = `${tag}.${path}`;
  return makeOperators("scalar", where, (op, value) => makeOntologyExpression(tag, path, op, value)) as unknown as ScalarOps<
    OntologyExpression<Tag>
  >;
}
