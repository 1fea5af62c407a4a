/**
 * One condition on a topic's data (the `ontology` section of §8.1):
 * `"<ontology_tag>.<field path>" -> {"$op": value}`.
 */
import type { JsonObject, JsonValue } from "../protocol/json.js";
import { FieldPathError, parseOntologyFieldPath } from "../protocol/ontology-field-path.js";
import { checkListIndex, makeListOperators, type UntypedListOps } from "./list-operators.js";
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
  /** The field path inside the topic schema (`acceleration.x`, or `poses[?].position.x` for list elements). */
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

/**
 * Checks an ontology field path: dot-separated names, at most one list
 * specifier (`ranges[?]`, `poses[!].x`, `samples[0].x`); `plain` refuses
 * specifiers (a path handed to `ontologyList`, or a sub-path inside an element).
 */
export function checkFieldPath(path: unknown, what: string, plain = false): string {
  if (typeof path !== "string") return misuse(`invalid ${what} ${String(path)}: expected a dot path such as "acceleration.x"`);
  try {
    const parsed = parseOntologyFieldPath(path);
    if (plain && parsed.list) return misuse(`invalid ${what} "${path}": no list specifier here (the list operators add it)`);
  } catch (cause) {
    if (cause instanceof FieldPathError) return misuse(`invalid ${what} "${path}": ${cause.message}`);
    throw cause;
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
  checkFieldPath(path, "field path");
  const where = `${tag}.${path}`;
  return makeOperators("scalar", where, (op, value) => makeOntologyExpression(tag, path, op, value)) as unknown as ScalarOps<
    OntologyExpression<Tag>
  >;
}

/**
 * An untyped list column of any ontology (unmodeled topics): element
 * conditions with `any()` / `all()` / `at(i)` (`subPath` reaches into struct
 * elements) and whole-list `eq` / `neq`. With a model, use `<Model>.Q.<list>`.
 *
 * @example
 * ```ts
 * ontologyList("lidar", "ranges").any().gt(50);           // {"lidar.ranges[?]": {"$gt": 50}}
 * ontologyList("robot", "poses").all("position.x").geq(0); // {"robot.poses[!].position.x": {"$geq": 0}}
 * ontologyList("mock", "values").eq([3, 4, 5]);            // {"mock.values": {"$eq": [3, 4, 5]}}
 * ```
 */
export function ontologyList<Tag extends string>(tag: Tag, path: string): UntypedListOps<OntologyExpression<Tag>> {
  checkTag(tag);
  checkFieldPath(path, "list path", true);
  const where = `${tag}.${path}`;
  const element = (suffix: string, subPath?: string) => {
    if (subPath !== undefined) checkFieldPath(subPath, "element sub-path", true);
    return ontologyField(tag, subPath === undefined ? `${path}${suffix}` : `${path}${suffix}.${subPath}`);
  };
  const whole = makeListOperators(where, (suffix) => suffix, {
    kind: "scalar",
    emit: (op, value) => makeOntologyExpression(tag, path, op, value),
  });
  return Object.freeze({
    any: (subPath?: string) => element("[?]", subPath),
    all: (subPath?: string) => element("[!]", subPath),
    at: (index: number, subPath?: string) => element(`[${checkListIndex(index, `${where}.at()`)}]`, subPath),
    eq: whole.eq,
    neq: whole.neq,
  }) as unknown as UntypedListOps<OntologyExpression<Tag>>;
}
