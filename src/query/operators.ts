/**
 * The condition operators of docs/protocol.md §8.2 and the typed method sets that
 * build them. One runtime factory (`makeOperators`) serves ontology fields,
 * sequence/topic fields and user metadata; the interfaces below decide, at
 * compile time, which operators a field offers and which values it takes.
 */
import type { JsonValue } from "../protocol/json.js";
import {
  checkList,
  checkPattern,
  checkRange,
  checkValue,
  type JsonScalar,
  type ValueKind,
} from "./value-checks.js";

/** A condition operator of docs/protocol.md §8.2. */
export type Operator =
  | "$eq"
  | "$neq"
  | "$lt"
  | "$leq"
  | "$gt"
  | "$geq"
  | "$between"
  | "$outside"
  | "$in"
  | "$match"
  | "$ex"
  | "$nex";

/** `eq`, `neq`, `in`: offered by every field. */
export interface EqualityOps<V, R> {
  /** `{"$eq": value}` */
  eq(value: V): R;
  /** `{"$neq": value}` */
  neq(value: V): R;
  /** `{"$in": [values]}`; the list must not be empty. */
  in(values: readonly V[]): R;
}

/** Comparisons and ranges: numbers, timestamps, strings (J2+ lexicographic). */
export interface OrderedOps<V, R> extends EqualityOps<V, R> {
  /** `{"$lt": value}` */
  lt(value: V): R;
  /** `{"$leq": value}` */
  leq(value: V): R;
  /** `{"$gt": value}` */
  gt(value: V): R;
  /** `{"$geq": value}` */
  geq(value: V): R;
  /** `{"$between": [lo, hi]}`, inclusive; lo <= hi. */
  between(lo: V, hi: V): R;
  between(range: readonly [V, V]): R;
  /** `{"$outside": [lo, hi]}`: matches `v < lo or v > hi` (J2+); lo <= hi. */
  outside(lo: V, hi: V): R;
  outside(range: readonly [V, V]): R;
}

/** Text fields: ordered operators plus `$match` (J2+ glob: `*`, `?`, `[…]`, `#`). */
export interface TextOps<R> extends OrderedOps<string, R> {
  /** `{"$match": pattern}` */
  match(pattern: string): R;
}

/** Untyped paths (unmodeled ontology fields): any JSON scalar. */
export interface ScalarOps<R> extends OrderedOps<JsonScalar, R> {
  /** `{"$match": pattern}` */
  match(pattern: string): R;
}

/** User-metadata values: any JSON scalar, plus key existence. */
export interface MetadataOps<R> extends ScalarOps<R> {
  /** `{"$ex": null}`: the key exists. */
  ex(): R;
  /** `{"$nex": null}`: the key does not exist. */
  nex(): R;
}

/** Receives a validated operator and value and returns the builder's result. */
export type EmitCondition<R> = (op: Operator, value: JsonValue) => R;

const ordered = new Set<ValueKind>(["float", "integer", "int64", "timestamp", "string", "scalar", "metadata"]);
const textual = new Set<ValueKind>(["string", "scalar", "metadata"]);

/**
 * Builds the operator methods for a value kind. `where` names the field in
 * error messages. Internal: callers expose it through the typed interfaces.
 */
export function makeOperators<R>(kind: ValueKind, where: string, emit: EmitCondition<R>): Record<string, (...args: never[]) => R> {
  const one = (op: Operator) => (value: unknown) => emit(op, checkValue(kind, value, `${where} ${op}`));
  const range = (op: Operator) => (...args: unknown[]) => emit(op, checkRange(kind, args, `${where} ${op}`));
  const ops: Record<string, (...args: never[]) => R> = {
    eq: one("$eq"),
    neq: one("$neq"),
    in: (values: unknown) => emit("$in", checkList(kind, values, `${where} $in`)),
  };
  if (ordered.has(kind)) {
    Object.assign(ops, {
      lt: one("$lt"),
      leq: one("$leq"),
      gt: one("$gt"),
      geq: one("$geq"),
      between: range("$between"),
      outside: range("$outside"),
    });
  }
  if (textual.has(kind)) ops.match = (pattern: unknown) => emit("$match", checkPattern(pattern, `${where} $match`));
  if (kind === "metadata") {
    ops.ex = () => emit("$ex", null);
    ops.nex = () => emit("$nex", null);
  }
  return Object.freeze(ops);
}
