/**
 * What `[?]`, `[!]`, `[N]` and whole-list `$eq` / `$neq` mean for one list
 * value, as mosaicod's DataFusion expressions compute them (mosaicod-query
 * `timeseries.rs`: `any_op_to_df_expr`, `all_op_to_df_expr`,
 * `struct_elem_predicate`, `list_value_eq_expr`). `items` holds the
 * elements (for struct lists, the addressed leaf of each element), `null`
 * for a null element or leaf. A null list matches nothing (callers skip it).
 *
 * - `[N]`: the element exists, is not null and satisfies the condition.
 * - `[?]`: some non-null element satisfies it; on a list of scalars `$neq`
 *   is `cardinality(array_remove_all(l, v)) > 0`, so a null element counts.
 * - `[!]` on a list of scalars: `$eq $lt $leq $gt $geq $between` compare
 *   `array_min` / `array_max` (nulls ignored, an empty or all-null list
 *   fails); `$neq` is "no element equals" (an empty list passes); `$in`,
 *   `$match` (and `$outside`, which the revision read lacks: assumed alike)
 *   need every element non-null and satisfying (an empty list passes).
 * - `[!]` on a list of structs: every element satisfies (`NOT any(NOT p)`:
 *   a null leaf fails, an empty list passes).
 * - whole list: same length and every position equal (`$eq`); `$neq` is its
 *   negation, and a null element makes both unknown (no match).
 */
import type { ListSpecifier } from "../../src/protocol/index.js";
import type { Operator } from "./conditions.js";
import type { Scalar } from "./values.js";

export type Items = ReadonlyArray<Scalar | null>;

const MIN_MAX: ReadonlySet<Operator> = new Set(["$eq", "$lt", "$leq", "$gt", "$geq", "$between"]);

const nonNull = (v: Scalar | null): v is Scalar => v !== null;

function all(op: Operator, test: (v: Scalar) => boolean, structItems: boolean): (items: Items) => boolean {
  if (!structItems && MIN_MAX.has(op)) {
    return (items) => {
      const values = items.filter(nonNull);
      return values.length > 0 && values.every(test);
    };
  }
  if (!structItems && op === "$neq") return (items) => items.every((v) => v === null || test(v));
  return (items) => items.every((v) => v !== null && test(v));
}

/** The list predicate of a specifier and an element condition. */
export function quantify(
  specifier: ListSpecifier,
  op: Operator,
  test: (v: Scalar) => boolean,
  structItems: boolean,
): (items: Items) => boolean {
  switch (specifier.kind) {
    case "at":
      return (items) => {
        const v = items[specifier.index];
        return v !== undefined && v !== null && test(v);
      };
    case "any":
      if (!structItems && op === "$neq") return (items) => items.some((v) => v === null || test(v));
      return (items) => items.some((v) => v !== null && test(v));
    case "all":
      return all(op, test, structItems);
  }
}

/** Whole-list `$eq` (`negate` false) or `$neq`: `equal[k]` tests position k. */
export function wholeList(equal: ReadonlyArray<(v: Scalar) => boolean>, negate: boolean): (items: Items) => boolean {
  return (items) => {
    if (items.length !== equal.length) return negate;
    let unknown = false;
    for (const [k, v] of items.entries()) {
      if (v === null) unknown = true;
      else if (!equal[k]!(v)) return negate;
    }
    return unknown ? false : !negate;
  };
}
