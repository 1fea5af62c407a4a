/**
 * Conditions on list columns (mosaicod 0.6+, upstream PR #600, daemon docs
 * `query.md` "Querying list and complex fields"). The Python SDK writes
 * `<Model>.Q.poses.any().position.x.gt(1)`, `.all()` and `[i]`, which send
 * the keys `tag.poses[?].position.x`, `tag.poses[!]…` and `tag.poses[i]…`
 * with an ordinary condition. A whole list of scalars can also be compared
 * with an array (`{"tag.ranges": {"$eq": [1, 2]}}`, same length, element-wise).
 */
import type { JsonValue } from "../protocol/json.js";
import type { EmitCondition, ScalarOps } from "./operators.js";
import { checkListLiteral, misuse, type JsonScalar, type ValueKind } from "./value-checks.js";

/** Picks the elements a condition applies to; `E` is the element's field (or struct proxy). */
export interface ListOps<E> {
  /** `[?]`: some element satisfies the condition. */
  any(): E;
  /** `[!]`: every element satisfies the condition (see the server docs for empty lists). */
  all(): E;
  /** `[i]`: the element at 0-based position `index` exists and satisfies the condition. */
  at(index: number): E;
}

/** A list of scalars: element conditions plus whole-list equality. */
export interface ScalarListOps<E, V, R> extends ListOps<E> {
  /** `{"$eq": [values]}`: same length and equal element by element. */
  eq(values: readonly V[]): R;
  /** `{"$neq": [values]}`: not `eq` (a null element makes neither hold). */
  neq(values: readonly V[]): R;
}

/** An untyped list path (unmodeled topics); `subPath` reaches into struct elements. */
export interface UntypedListOps<R> {
  /** `[?]` on the list, or on `subPath` inside each struct element. */
  any(subPath?: string): ScalarOps<R>;
  /** `[!]` on the list, or on `subPath` inside each struct element. */
  all(subPath?: string): ScalarOps<R>;
  /** `[index]` on the list, or on `subPath` inside that struct element. */
  at(index: number, subPath?: string): ScalarOps<R>;
  /** `{"$eq": [values]}` on a list of scalars. */
  eq(values: readonly JsonScalar[]): R;
  /** `{"$neq": [values]}` on a list of scalars. */
  neq(values: readonly JsonScalar[]): R;
}

/** Checks a list position: a non-negative safe integer (the SDK refuses others too). */
export function checkListIndex(index: unknown, where: string): number {
  if (typeof index === "number" && Number.isSafeInteger(index) && index >= 0) return index;
  return misuse(`${where}: a list position is a non-negative integer, got ${String(index)}`);
}

/**
 * Builds `any` / `all` / `at` (and `eq` / `neq` when `whole` is given).
 * `element(suffix)` returns the element's field for `[?]`, `[!]` or `[i]`.
 * Internal: callers expose it through the typed interfaces.
 */
export function makeListOperators<R>(
  where: string,
  element: (suffix: string) => unknown,
  whole?: { kind: ValueKind; emit: EmitCondition<R> },
): Record<string, (...args: never[]) => unknown> {
  const ops: Record<string, (...args: never[]) => unknown> = {
    any: () => element("[?]"),
    all: () => element("[!]"),
    at: (index: unknown) => element(`[${checkListIndex(index, `${where}.at()`)}]`),
  };
  if (whole) {
    const compare = (op: "$eq" | "$neq") => (values: unknown) => whole.emit(op, checkListLiteral(whole.kind, values, `${where} ${op}`) as JsonValue);
    ops.eq = compare("$eq");
    ops.neq = compare("$neq");
  }
  return Object.freeze(ops);
}
