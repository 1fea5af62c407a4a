/**
 * Conditions `{"$op": value}` (docs/protocol.md §8.2): reading their JSON shape,
 * checking the value against the type of the field they apply to, and
 * compiling them into a row predicate plus a min/max pruning test.
 *
 * Field types and the operators they accept:
 *   text                    $eq $neq $lt $leq $gt $geq $between $outside $in $match
 *   integer / timestamp     $eq $neq $lt $leq $gt $geq $between $outside $in   (integer values only)
 *   float                   $eq $neq $lt $leq $gt $geq $between $outside $in   (any number)
 *   bool                    $eq $neq $in
 * `$ex` / `$nex` exist for user metadata only (server/query/metadata.ts).
 * Every error is `INVALID_ARGUMENT Bad request: …` naming the field.
 */
import { type GlobOptions, type JsonValue, GlobError, globToRegExp, isJsonObject, literalPrefix } from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import { compareScalar, isIntegral, isNumeric, show, type Scalar } from "./values.js";

export const OPERATORS = [
  "$eq",
  "$neq",
  "$lt",
  "$leq",
  "$gt",
  "$geq",
  "$between",
  "$outside",
  "$in",
  "$match",
  "$ex",
  "$nex",
] as const;
export type Operator = (typeof OPERATORS)[number];

/** A condition as written, its JSON shape checked (not yet its value type). */
export interface RawCondition {
  /** The field as the caller wrote it, for messages (`sequence.name`, `imu.acceleration.x`). */
  field: string;
  op: Operator;
  /** The operand; `[lo, hi]` for ranges, the list for `$in`, null for `$ex`/`$nex`. */
  value: JsonValue;
}

export function badField(field: string, detail: string) {
  return errors.badRequest(`\`${field}\`: ${detail}`);
}

/** What `readCondition` lets through besides single values. */
export interface ReadOptions {
  /** `$eq` / `$neq` may take an array of scalars (a whole list column, ontology section only). */
  arrays?: boolean;
}

function isScalarArray(value: JsonValue): boolean {
  return Array.isArray(value) && value.every((v) => v !== null && !Array.isArray(v) && !isJsonObject(v));
}

/** Reads `{"$op": value}` and checks its shape (one operator, ranges of two, non-empty lists). */
export function readCondition(field: string, json: JsonValue, options: ReadOptions = {}): RawCondition {
  // serde reads a unit variant from its bare name too: the daemon docs write `"field": "$ex"`.
  if (json === "$ex" || json === "$nex") return { field, op: json, value: null };
  if (!isJsonObject(json) || Object.keys(json).length !== 1) {
    throw badField(field, `a condition is an object with exactly one operator, e.g. {"$eq": …}; got ${show(json)}`);
  }
  const [key, value] = Object.entries(json)[0]!;
  if (!(OPERATORS as readonly string[]).includes(key)) {
    throw badField(field, `unknown operator \`${key}\` (expected one of ${OPERATORS.join(" ")})`);
  }
  const op = key as Operator;
  if (op === "$between" || op === "$outside") {
    if (!Array.isArray(value) || value.length !== 2) {
      throw badField(field, `${op} expects [lo, hi], got ${show(value)}`);
    }
  } else if (op === "$in") {
    if (!Array.isArray(value) || value.length === 0) {
      throw badField(field, `$in expects a non-empty array of values, got ${show(value)}`);
    }
  } else if (op === "$ex" || op === "$nex") {
    if (value !== null) throw badField(field, `${op} takes null as its value, got ${show(value)}`);
  } else if (options.arrays && (op === "$eq" || op === "$neq") && isScalarArray(value)) {
    // a whole list compared element-wise; binding checks the column is a list
  } else if (Array.isArray(value) || isJsonObject(value) || value === null) {
    throw badField(field, `${op} expects a single value, got ${show(value)}`);
  }
  return { field, op, value };
}

/** The value domain of a typed field (catalog fields, ontology columns). */
export type FieldType = "text" | "integer" | "timestamp" | "float" | "bool";

const ALLOWED: Record<FieldType, ReadonlySet<Operator>> = {
  text: new Set(["$eq", "$neq", "$lt", "$leq", "$gt", "$geq", "$between", "$outside", "$in", "$match"]),
  integer: new Set(["$eq", "$neq", "$lt", "$leq", "$gt", "$geq", "$between", "$outside", "$in"]),
  timestamp: new Set(["$eq", "$neq", "$lt", "$leq", "$gt", "$geq", "$between", "$outside", "$in"]),
  float: new Set(["$eq", "$neq", "$lt", "$leq", "$gt", "$geq", "$between", "$outside", "$in"]),
  bool: new Set(["$eq", "$neq", "$in"]),
};

const EXPECTED: Record<FieldType, string> = {
  text: "a string",
  integer: "an integer",
  timestamp: "an integer (nanoseconds)",
  float: "a number",
  bool: "a boolean",
};

function fitsType(type: FieldType, value: JsonValue): boolean {
  switch (type) {
    case "text":
      return typeof value === "string";
    case "integer":
    case "timestamp":
      return isIntegral(value);
    case "float":
      return isNumeric(value);
    case "bool":
      return typeof value === "boolean";
  }
}

/** Min/max statistics of one leaf in one chunk (server/data/column-stats.ts). */
export interface LeafStats {
  min: Scalar | null;
  max: Scalar | null;
  null_count?: number;
  nan_count?: number;
}

/** A condition checked against its field's type, ready to evaluate. */
export interface CompiledCondition {
  raw: RawCondition;
  type: FieldType;
  /** True when a (non-null) value satisfies the condition. */
  test(value: Scalar): boolean;
  /** False when no value within the statistics can satisfy it (the chunk is skipped). */
  mayMatch(stats: LeafStats): boolean;
}

/**
 * Checks `raw` against a field of type `type` (`typeLabel` names the
 * concrete type in messages, e.g. `Float64`) and compiles it.
 */
export function compileCondition(raw: RawCondition, type: FieldType, typeLabel: string = type, glob: GlobOptions = {}): CompiledCondition {
  const { field, op } = raw;
  if (op === "$ex" || op === "$nex") {
    throw badField(field, `${op} tests the presence of a user-metadata key; it does not apply to ${typeLabel} fields`);
  }
  if (!ALLOWED[type].has(op)) {
    throw badField(field, `operator ${op} is not supported on ${typeLabel} fields (supported: ${[...ALLOWED[type]].join(" ")})`);
  }
  const operands = op === "$between" || op === "$outside" || op === "$in" ? (raw.value as JsonValue[]) : [raw.value];
  operands.forEach((value) => {
    if (!fitsType(type, value)) {
      throw badField(field, `${op} on a ${typeLabel} field expects ${EXPECTED[type]}, got ${show(value)}`);
    }
  });
  const values = operands as Scalar[];
  if ((op === "$between" || op === "$outside") && compareScalar(values[0]!, values[1]!) > 0) {
    throw badField(field, `${op} range is empty: lower bound ${show(values[0])} is greater than upper bound ${show(values[1])}`);
  }
  let regex: RegExp | undefined;
  if (op === "$match") {
    try {
      regex = globToRegExp(values[0] as string, glob);
    } catch (cause) {
      if (cause instanceof GlobError) throw badField(field, `$match pattern ${show(values[0])}: ${cause.message}`);
      throw cause;
    }
  }
  const test = valueTest(op, values, regex);
  const isFloat = type === "float";
  return {
    raw,
    type,
    // NaN compares false to everything, so only $neq holds for it (IEEE).
    test: isFloat ? (v) => (v !== v ? op === "$neq" : test(v)) : test,
    mayMatch: (stats) => statsMayMatch(op, values, stats),
  };
}

/** The predicate of one operator over same-class scalars. */
export function valueTest(op: Operator, values: readonly Scalar[], regex?: RegExp): (v: Scalar) => boolean {
  const [a, b] = values as [Scalar, Scalar];
  const cmp = compareScalar;
  switch (op) {
    case "$eq":
      return (v) => cmp(v, a) === 0;
    case "$neq":
      return (v) => cmp(v, a) !== 0;
    case "$lt":
      return (v) => cmp(v, a) < 0;
    case "$leq":
      return (v) => cmp(v, a) <= 0;
    case "$gt":
      return (v) => cmp(v, a) > 0;
    case "$geq":
      return (v) => cmp(v, a) >= 0;
    case "$between":
      return (v) => cmp(v, a) >= 0 && cmp(v, b) <= 0;
    case "$outside":
      return (v) => cmp(v, a) < 0 || cmp(v, b) > 0;
    case "$in":
      return (v) => values.some((x) => cmp(v, x) === 0);
    case "$match":
      return (v) => regex!.test(v as string);
    case "$ex":
    case "$nex":
      return () => true;
  }
}

function sameClass(a: unknown, b: unknown): boolean {
  return (typeof a === "string") === (typeof b === "string") && (typeof a === "boolean") === (typeof b === "boolean");
}

/** Whether any value in `[min, max]` (plus NaN rows) could satisfy the condition. */
function statsMayMatch(op: Operator, values: readonly Scalar[], stats: LeafStats): boolean {
  const { min, max } = stats;
  const nans = stats.nan_count ?? 0;
  // No ordinary value in the chunk: only NaN rows (which satisfy $neq alone) or nulls.
  if (min === null || max === null) return op === "$neq" && nans > 0;
  if (!values.every((v) => sameClass(v, min) && sameClass(v, max))) return true; // unexpected stats: no pruning
  const cmp = compareScalar;
  const [a, b] = values as [Scalar, Scalar];
  const within = (v: Scalar) => cmp(v, min) >= 0 && cmp(v, max) <= 0;
  switch (op) {
    case "$eq":
      return within(a);
    case "$neq":
      return nans > 0 || !(cmp(min, max) === 0 && cmp(min, a) === 0);
    case "$lt":
      return cmp(min, a) < 0;
    case "$leq":
      return cmp(min, a) <= 0;
    case "$gt":
      return cmp(max, a) > 0;
    case "$geq":
      return cmp(max, a) >= 0;
    case "$between":
      return cmp(max, a) >= 0 && cmp(min, b) <= 0;
    case "$outside":
      return cmp(min, a) < 0 || cmp(max, b) > 0;
    case "$in":
      return values.some(within);
    case "$match": {
      // Every match starts with the literal prefix p: it lies in [p, p + …).
      const prefix = literalPrefix(a as string);
      if (prefix === "" || typeof min !== "string" || typeof max !== "string") return true;
      if (cmp(max, prefix) < 0) return false;
      return !(cmp(min, prefix) > 0 && !min.startsWith(prefix));
    }
    case "$ex":
    case "$nex":
      return true;
  }
}
