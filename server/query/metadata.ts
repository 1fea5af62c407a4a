/**
 * User-metadata conditions (docs/protocol.md §8.1), evaluated as mosaicod's
 * PostgreSQL does (mosaicod-db `pg_queries/compilers.rs`, JsonQueryCompiler,
 * glob-era revision). Keys are dot paths with the 0.6 wildcards `*`, `**`,
 * `[*]`, `[N]` (server/query/metadata-path.ts); a condition holds when some
 * value the key reaches satisfies it (`jsonb_path_exists(m, '$.<key> ? (…)')`,
 * lax mode, so an array value is tested element by element):
 * - `$ex` / `$nex`: the key reaches something / nothing (a present `null` counts);
 * - comparisons follow SQL/JSON: numbers with numbers (exactly), strings with
 *   strings (code point order), booleans with booleans; a value of another
 *   type satisfies nothing, except a JSON `null`, which satisfies `$neq`;
 *   `$between` is `>= lo && <= hi`, `$outside` `< lo || > hi`, `$in` any `==`;
 * - `$match` tests the `#>>` text of the literal key (server/query/metadata-text.ts)
 *   against the glob, with PostgreSQL's `~` (a `?` or `*` also takes a newline).
 * Errors (INVALID_ARGUMENT): keys mosaicod refuses (`valid_key`) or cannot
 * resolve, ordering operators with a boolean operand, `$between` / `$outside`
 * bounds of different types or in the wrong order, `$match` with a
 * non-string or malformed pattern, non-scalar operands.
 */
import {
  type JsonValue,
  GlobError,
  MetadataKeyError,
  globToRegExp,
  parseJson,
  parseMetadataKey,
  type MetadataKeyStep,
} from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import { badField, type Operator, type RawCondition } from "./conditions.js";
import { hashArrowText } from "./metadata-text.js";
import { literalMetadataValue, resolveMetadataKey } from "./metadata-path.js";
import { compareScalar, scalarClass, show, type Scalar } from "./values.js";

export interface MetadataCondition {
  raw: RawCondition;
  /** Whether the (parsed) metadata of a sequence or topic satisfies the condition; undefined = none. */
  test(metadata: JsonValue | undefined): boolean;
}

function parseKey(key: string): MetadataKeyStep[] {
  try {
    return parseMetadataKey(key);
  } catch (cause) {
    // mosaicod's text for keys `valid_key` refuses, then what is wrong.
    if (cause instanceof MetadataKeyError) throw errors.badRequest(`Found invalid key in user metadata query filter: ${key} (${cause.message})`);
    throw cause;
  }
}

/** SQL/JSON comparison of one stored item with one operand (unknown counts as false). */
function holds(stored: JsonValue, op: Operator, operand: Scalar): boolean {
  if (stored === null) return op === "$neq"; // null vs non-null: only != is true
  const cls = scalarClass(stored);
  if (cls === undefined || cls !== scalarClass(operand)) return false;
  const c = compareScalar(stored as Scalar, operand);
  switch (op) {
    case "$eq":
      return c === 0;
    case "$neq":
      return c !== 0;
    case "$lt":
      return c < 0;
    case "$leq":
      return c <= 0;
    case "$gt":
      return c > 0;
    case "$geq":
      return c >= 0;
    default:
      return false;
  }
}

function predicate(op: Operator, values: readonly Scalar[]): (item: JsonValue) => boolean {
  const [a, b] = values as [Scalar, Scalar];
  if (op === "$between") return (v) => holds(v, "$geq", a) && holds(v, "$leq", b);
  if (op === "$outside") return (v) => holds(v, "$lt", a) || holds(v, "$gt", b);
  if (op === "$in") return (v) => values.some((x) => holds(v, "$eq", x));
  return (v) => holds(v, op, a);
}

/** Lax mode unwraps an array in the filter, and once more in the comparison. */
function candidates(item: JsonValue): JsonValue[] {
  return Array.isArray(item) ? item.flatMap((e) => (Array.isArray(e) ? e : [e])) : [item];
}

/** Checks the operands' JSON types against the operator; returns them. */
function checkOperands(raw: RawCondition): Scalar[] {
  const { field, op } = raw;
  const operands = op === "$between" || op === "$outside" || op === "$in" ? (raw.value as JsonValue[]) : [raw.value];
  const classes = operands.map((value) => {
    const cls = scalarClass(value);
    if (cls === undefined || (typeof value === "number" && !Number.isFinite(value))) {
      throw badField(field, `${op} expects a string, number or boolean, got ${show(value)}`);
    }
    return cls;
  });
  const values = operands as Scalar[];
  const ordered = op !== "$eq" && op !== "$neq" && op !== "$in" && op !== "$match";
  if (ordered && classes.includes("bool")) {
    throw badField(field, `operator ${op} is not supported for booleans (supported: $eq $neq $in $ex $nex)`);
  }
  if (op === "$between" || op === "$outside") {
    if (classes[0] !== classes[1]) throw badField(field, `${op} bounds must be both numbers or both strings, got ${show(values)}`);
    if (compareScalar(values[0]!, values[1]!) > 0) {
      throw badField(field, `${op} range is empty: lower bound ${show(values[0])} is greater than upper bound ${show(values[1])}`);
    }
  }
  return values;
}

function matchCondition(raw: RawCondition, key: string): MetadataCondition {
  if (typeof raw.value !== "string") throw badField(raw.field, `$match expects a pattern string, got ${show(raw.value)}`);
  let regex: RegExp;
  try {
    regex = globToRegExp(raw.value, { dotAll: true });
  } catch (cause) {
    if (cause instanceof GlobError) throw badField(raw.field, `$match pattern ${show(raw.value)}: ${cause.message}`);
    throw cause;
  }
  return {
    raw,
    test: (metadata) => {
      const text = hashArrowText(literalMetadataValue(metadata, key));
      return text !== undefined && regex.test(text);
    },
  };
}

export function compileMetadataCondition(raw: RawCondition, key: string): MetadataCondition {
  const steps = parseKey(key);
  const { op } = raw;
  if (op === "$ex") return { raw, test: (m) => resolveMetadataKey(m, steps).length > 0 };
  if (op === "$nex") return { raw, test: (m) => resolveMetadataKey(m, steps).length === 0 };
  if (op === "$match") return matchCondition(raw, key);
  const test = predicate(op, checkOperands(raw));
  return { raw, test: (m) => resolveMetadataKey(m, steps).some((item) => candidates(item).some(test)) };
}

/** Parses stored metadata text (NULL = no metadata: every key is missing). */
export function parseStoredMetadata(text: string | null): JsonValue | undefined {
  if (text === null) return undefined;
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}
