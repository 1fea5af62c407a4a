/**
 * The `.Q` proxy of a model: a tree of the model's queryable fields whose
 * leaves build ontology expressions. Counterpart of the Python SDK's `.Q`
 * (protocol §16), but checked at compile time: a misspelled path is a type
 * error and each leaf offers only the operators and values its type allows.
 *
 * Not queryable (absent from the proxy): lists, fixed-size lists and binary
 * fields. The JSON syntax for list-element predicates is not settled (§8.1,
 * §17.4); use `ontologyField(tag, path)` to send such a path anyway.
 */
import type { FieldMap, FieldSpec, ScalarKind, ScalarSpec, StructSpec } from "./field-spec.js";
import { makeOntologyExpression, type OntologyExpression } from "../query/ontology-expression.js";
import { makeOperators, type EqualityOps, type OrderedOps, type TextOps } from "../query/operators.js";
import type { ValueKind } from "../query/value-checks.js";

type FloatKind = "float16" | "float32" | "float64";
type SmallIntKind = "int8" | "int16" | "int32" | "uint8" | "uint16" | "uint32";

/** Operators offered by a leaf of a given Arrow kind. */
export type LeafOps<Tag extends string, K extends ScalarKind> = K extends FloatKind | SmallIntKind
  ? OrderedOps<number, OntologyExpression<Tag>>
  : K extends "int64" | "uint64"
    ? OrderedOps<bigint | number, OntologyExpression<Tag>>
    : K extends "utf8" | "large_utf8"
      ? TextOps<OntologyExpression<Tag>>
      : K extends "bool"
        ? EqualityOps<boolean, OntologyExpression<Tag>>
        : never;

/** The proxy node of one field spec (a sub-proxy for structs). */
export type QueryNode<Tag extends string, S> =
  S extends StructSpec<infer F, boolean> ? QueryProxy<Tag, F> : S extends ScalarSpec<infer K, boolean> ? LeafOps<Tag, K> : never;

/** Queryable fields of a field map (lists and binary fields are left out). */
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

function proxyOf(tag: string, fields: FieldMap, prefix: string): object {
  const node: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields) as Array<[string, FieldSpec]>) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    if (spec.kind === "struct") {
      node[name] = proxyOf(tag, spec.fields, path);
      continue;
    }
    if (spec.kind === "list" || spec.kind === "fixed_size_list") continue;
    const kind = leafKinds[spec.kind];
    if (kind === undefined) continue;
    node[name] = makeOperators(kind, `${tag}.${path}`, (op, value) => makeOntologyExpression(tag, path, op, value));
  }
  return Object.freeze(node);
}

/** Internal: builds the runtime `.Q` tree of a model (envelope first). */
export function buildQueryProxy<Tag extends string, F extends FieldMap>(tag: Tag, fields: F): ModelQueryProxy<Tag, F> {
  const all: FieldMap = { timestamp_ns: { kind: "int64", nullable: false }, ...fields };
  return proxyOf(tag, all, "") as ModelQueryProxy<Tag, F>;
}
