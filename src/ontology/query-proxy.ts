/**
 * The `.Q` proxy of a model: a tree of the model's queryable fields whose
 * leaves build ontology expressions. Counterpart of the Python SDK's `.Q`
 * (docs/protocol.md §16), but checked at compile time: a misspelled path is a type
 * error and each leaf offers only the operators and values its type allows.
 *
 * Lists (and fixed-size lists) of scalars or structs offer `any()`, `all()`
 * and `at(i)` like the SDK's `.any()`, `.all()` and `[i]` (mosaicod 0.6+,
 * upstream PR #600), plus whole-list `eq` / `neq` for lists of scalars.
 * mosaicod allows one list specifier per path and no nested lists, so
 * inside a list element further lists are left out, as are binary fields.
 */
import type { FieldMap, FieldSpec, ScalarKind, ScalarSpec, StructSpec } from "./field-spec.js";
import { makeListOperators, type ListOps, type ScalarListOps } from "../query/list-operators.js";
import { makeOntologyExpression, type OntologyExpression } from "../query/ontology-expression.js";
import { makeOperators, type EqualityOps, type OrderedOps, type TextOps } from "../query/operators.js";
import type { ValueKind } from "../query/value-checks.js";

type FloatKind = "float16" | "float32" | "float64";
type SmallIntKind = "int8" | "int16" | "int32" | "uint8" | "uint16" | "uint32";

/** The values a leaf of a given Arrow kind is compared with. */
export type LeafValue<K extends ScalarKind> = K extends FloatKind | SmallIntKind
  ? number
  : K extends "int64" | "uint64"
    ? bigint | number
    : K extends "utf8" | "large_utf8"
      ? string
      : K extends "bool"
        ? boolean
        : never;

/** Operators offered by a leaf of a given Arrow kind. */
export type LeafOps<Tag extends string, K extends ScalarKind> = K extends FloatKind | SmallIntKind | "int64" | "uint64"
  ? OrderedOps<LeafValue<K>, OntologyExpression<Tag>>
  : K extends "utf8" | "large_utf8"
    ? TextOps<OntologyExpression<Tag>>
    : K extends "bool"
      ? EqualityOps<boolean, OntologyExpression<Tag>>
      : never;

/** A field inside a list element: structs and leaves, no second list. */
export type ElementNode<Tag extends string, S> =
  S extends StructSpec<infer F, boolean> ? ElementProxy<Tag, F> : S extends ScalarSpec<infer K, boolean> ? LeafOps<Tag, K> : never;

/** The queryable fields of a struct list element. */
export type ElementProxy<Tag extends string, F extends FieldMap> = {
  readonly [K in keyof F as [ElementNode<Tag, F[K]>] extends [never] ? never : K]: ElementNode<Tag, F[K]>;
};

/** The node of a list whose items have spec `I`. */
export type ListNode<Tag extends string, I> =
  I extends StructSpec<infer F, boolean>
    ? ListOps<ElementProxy<Tag, F>>
    : I extends ScalarSpec<infer K, boolean>
      ? [LeafOps<Tag, K>] extends [never]
        ? never
        : ScalarListOps<LeafOps<Tag, K>, LeafValue<K>, OntologyExpression<Tag>>
      : never;

/** The proxy node of one field spec (a sub-proxy for structs, list operators for lists). */
export type QueryNode<Tag extends string, S> =
  S extends StructSpec<infer F, boolean>
    ? QueryProxy<Tag, F>
    : S extends ScalarSpec<infer K, boolean>
      ? LeafOps<Tag, K>
      : S extends { readonly kind: "list" | "fixed_size_list"; readonly item: infer I }
        ? ListNode<Tag, I>
        : never;

/** Queryable fields of a field map (binary fields and lists of lists are left out). */
export type QueryProxy<Tag extends string, F extends FieldMap> = {
  readonly [K in keyof F as [QueryNode<Tag, F[K]>] extends [never] ? never : K]: QueryNode<Tag, F[K]>;
};

/** A model's `.Q`: its payload fields plus the `timestamp_ns` envelope column. */
export type ModelQueryProxy<Tag extends string, F extends FieldMap> = QueryProxy<Tag, { timestamp_ns: ScalarSpec<"int64", false> } & F>;

const leafKinds: Partial<Record<ScalarKind, ValueKind>> = {
  float16: "float",
  float32: "float",
  float64: "float",
  int8: "integer",
  int16: "integer",
  int32: "integer",
  uint8: "integer",
  uint16: "integer",
  uint32: "integer",
  int64: "int64",
  uint64: "int64",
  utf8: "string",
  large_utf8: "string",
  bool: "bool",
};

function leaf(tag: string, path: string, kind: ValueKind): object {
  return makeOperators(kind, `${tag}.${path}`, (op, value) => makeOntologyExpression(tag, path, op, value));
}

function listNode(tag: string, path: string, item: FieldSpec): object | undefined {
  if (item.kind === "struct") {
    return makeListOperators(`${tag}.${path}`, (suffix) => proxyOf(tag, item.fields, `${path}${suffix}`, true));
  }
  const kind = item.kind === "list" || item.kind === "fixed_size_list" ? undefined : leafKinds[item.kind];
  if (kind === undefined) return undefined;
  return makeListOperators(`${tag}.${path}`, (suffix) => leaf(tag, `${path}${suffix}`, kind), {
    kind,
    emit: (op, value) => makeOntologyExpression(tag, path, op, value),
  });
}

function proxyOf(tag: string, fields: FieldMap, prefix: string, inList: boolean): object {
  const node: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields) as Array<[string, FieldSpec]>) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    let child: object | undefined;
    if (spec.kind === "struct") child = proxyOf(tag, spec.fields, path, inList);
    else if (spec.kind === "list" || spec.kind === "fixed_size_list") child = inList ? undefined : listNode(tag, path, spec.item);
    else child = leafKinds[spec.kind] === undefined ? undefined : leaf(tag, path, leafKinds[spec.kind]!);
    if (child !== undefined) node[name] = child;
  }
  return Object.freeze(node);
}

/** Internal: builds the runtime `.Q` tree of a model (envelope first). */
export function buildQueryProxy<Tag extends string, F extends FieldMap>(tag: Tag, fields: F): ModelQueryProxy<Tag, F> {
  const all: FieldMap = { timestamp_ns: { kind: "int64", nullable: false }, ...fields };
  return proxyOf(tag, all, "", false) as ModelQueryProxy<Tag, F>;
}
