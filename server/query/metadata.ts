/**
 * User-metadata conditions (protocol §8.1): keys are dot paths into the
 * nested metadata object (`"vehicle.id"` -> `{"vehicle": {"id": …}}`).
 *
 * Metadata is schemaless, so the operand's JSON type decides the comparison:
 * - `$ex` / `$nex`: the key is present / absent (a present `null` counts as present);
 * - any other operator fails on a missing key;
 * - numbers (integers and floats, i64 exact) compare with numbers, strings
 *   with strings (code point order, `$match` glob), booleans with booleans
 *   (`$eq`, `$neq`, `$in` only); a stored value of another JSON type fails
 *   the condition, except `$neq`, which holds for any present value that is
 *   not equal (objects and arrays included).
 * Errors (INVALID_ARGUMENT): ordering operators with a boolean operand,
 * `$between`/`$outside` bounds of different types or in the wrong order,
 * `$match` with a non-string or malformed pattern, non-scalar operands.
 */
import { type JsonValue, GlobError, globToRegExp, isJsonObject, parseJson } from "../../src/protocol/index.js";
import { badField, valueTest, type RawCondition } from "./conditions.js";
import { compareScalar, scalarClass, show, type Scalar, type ScalarClass } from "./values.js";

export interface MetadataCondition {
  raw: RawCondition;
  path: string[];
  /** `value` is undefined when the key is missing. */
  test(value: JsonValue | undefined): boolean;
}

/** Splits a dot path; empty segments are refused. */
export function splitPath(field: string, path: string): string[] {
  const parts = path.split(".");
  if (path.length === 0 || parts.some((p) => p.length === 0)) {
    throw badField(field, "a user-metadata key is a dot path with non-empty segments (e.g. `vehicle.id`)");
  }
  return parts;
}

export function compileMetadataCondition(raw: RawCondition, key: string): MetadataCondition {
  const { field, op } = raw;
  const path = splitPath(field, key);
  if (op === "$ex") return { raw, path, test: (v) => v !== undefined };
  if (op === "$nex") return { raw, path, test: (v) => v === undefined };
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
  let regex: RegExp | undefined;
  if (op === "$match") {
    if (classes[0] !== "text") throw badField(field, `$match expects a pattern string, got ${show(values[0])}`);
    try {
      regex = globToRegExp(values[0] as string);
    } catch (cause) {
      if (cause instanceof GlobError) throw badField(field, `$match pattern ${show(values[0])}: ${cause.message}`);
      throw cause;
    }
  }
  if (op === "$between" || op === "$outside") {
    if (classes[0] !== classes[1]) {
      throw badField(field, `${op} bounds must be both numbers or both strings, got ${show(values)}`);
    }
    if (compareScalar(values[0]!, values[1]!) > 0) {
      throw badField(field, `${op} range is empty: lower bound ${show(values[0])} is greater than upper bound ${show(values[1])}`);
    }
  }
  if (op === "$in") {
    // Each element compares with values of its own class.
    const tests = values.map((v, i) => ({ cls: classes[i]!, test: valueTest("$eq", [v]) }));
    return {
      raw,
      path,
      test: (stored) => {
        const cls = storedClass(stored);
        return cls !== undefined && tests.some((t) => t.cls === cls && t.test(stored as Scalar));
      },
    };
  }
  const cls: ScalarClass = classes[0]!;
  const test = valueTest(op, values, regex);
  return {
    raw,
    path,
    test: (stored) => {
      if (stored === undefined) return false;
      if (storedClass(stored) !== cls) return op === "$neq";
      return test(stored as Scalar);
    },
  };
}

function storedClass(value: JsonValue | undefined): ScalarClass | undefined {
  if (typeof value === "number" && !Number.isFinite(value)) return undefined;
  return scalarClass(value);
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

/** The value at `path`, or undefined when a segment is missing or not an object. */
export function lookup(metadata: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let node: JsonValue | undefined = metadata;
  for (const key of path) {
    if (!isJsonObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}
