/**
 * Ontology conditions on list columns (mosaicod 0.6+, upstream #578 #581,
 * SDK #600): `tag.ranges[?]`, `tag.poses[!].position.x`, `tag.samples[0].x`
 * (one specifier, then struct fields of the element), and whole lists
 * compared with an array (`{"tag.ranges": {"$eq": [1, 2]}}`). List,
 * LargeList and FixedSizeList columns of scalars or structs are queryable;
 * lists of lists are not (daemon docs `query.md`). Semantics:
 * server/query/list-quantifiers.ts.
 */
import { Type, type Data, type DataType, type Field, type RecordBatch, type Schema } from "apache-arrow";
import { formatListSpecifier } from "../../src/protocol/index.js";
import { childChain, fieldType, leafChain, validIn, valueReader } from "./arrow-leaves.js";
import { badField, compileCondition, type FieldType } from "./conditions.js";
import { quantify, wholeList, type Items } from "./list-quantifiers.js";
import type { BindFailure, ColumnCondition, OntologyCondition } from "./ontology.js";
import { walkFields, isWalkFailure } from "./schema-walk.js";
import type { Scalar } from "./values.js";

/** mosaicod's `MOSAICOD_MAX_SIZE_PLAIN_LIST_EQ` default. */
export const MAX_PLAIN_LIST_EQ = 1024;

export function isListType(type: DataType): boolean {
  return type.typeId === Type.List || type.typeId === Type.LargeList || type.typeId === Type.FixedSizeList;
}

type Leaf = { type: FieldType; label: string; structItems: boolean };
type Bound = ColumnCondition | BindFailure;

/** The queryable leaf of each element, or why there is none. */
function elementLeaf(list: Field, sub: readonly string[], c: OntologyCondition, listPath: string): Leaf | BindFailure {
  const item = (list.type.children as Field[])[0]!;
  if (isListType(item.type)) {
    return { rank: 1, error: badField(c.raw.field, `bad ontology field: \`${listPath}\` is a list of lists, which cannot be queried`) };
  }
  let leaf = item;
  if (sub.length > 0) {
    if (item.type.typeId !== Type.Struct) {
      return { rank: 0, error: badField(c.raw.field, `bad ontology field: \`${listPath}\` holds ${String(item.type)}, not structs; drop \`.${sub.join(".")}\``) };
    }
    const found = walkFields(item.type.children as Field[], sub, c, `${listPath}[…]`);
    if (isWalkFailure(found)) return found;
    leaf = found;
  }
  const type = fieldType(leaf.type);
  if (type === undefined) {
    const what = [listPath, ...sub].join(".");
    return { rank: 1, error: badField(c.raw.field, `bad ontology field: elements of \`${what}\` have type ${String(leaf.type)}, which cannot be queried`) };
  }
  return { type, label: String(leaf.type), structItems: sub.length > 0 };
}

function attempt(compile: () => (items: Items) => boolean, make: (test: (items: Items) => boolean) => ColumnCondition): Bound {
  try {
    return make(compile());
  } catch (cause) {
    return { rank: 2, error: cause as BindFailure["error"] };
  }
}

/** Binds a condition whose path carries a specifier, or that ends on a list column. */
export function bindListCondition(schema: Schema, c: OntologyCondition, listField?: Field): Bound {
  const { segments, list } = c.fieldPath;
  const k = list ? list.segment : segments.length - 1;
  const listSegments = segments.slice(0, k + 1);
  const listPath = listSegments.join(".");
  const found = listField ?? walkFields(schema.fields, listSegments, c);
  if (isWalkFailure(found)) return found;
  if (!isListType(found.type)) {
    const spec = list ? formatListSpecifier(list.specifier) : "";
    return { rank: 1, error: badField(c.raw.field, `bad ontology field: \`${listPath}\` is ${String(found.type)}, not a list; ${spec} needs a list column`) };
  }
  const sub = segments.slice(k + 1);
  const leaf = elementLeaf(found, sub, c, listPath);
  if ("error" in leaf) return leaf;
  const { raw } = c;
  const make = (test: (items: Items) => boolean): ColumnCondition => ({
    path: c.path,
    segments: listSegments,
    rows: (batch) => listRows(batch, listSegments, sub, test),
  });
  if (!list) {
    return attempt(() => {
      if ((raw.op !== "$eq" && raw.op !== "$neq") || !Array.isArray(raw.value)) {
        throw badField(raw.field, `\`${listPath}\` is a list: compare it whole with $eq/$neq and an array, or pick elements with [?], [!] or [N]`);
      }
      if (raw.value.length > MAX_PLAIN_LIST_EQ) {
        throw badField(raw.field, `list literal exceeds the maximum size of ${MAX_PLAIN_LIST_EQ} for equality comparison`);
      }
      const equal = raw.value.map((value, i) => compileCondition({ field: `${raw.field}[${i}]`, op: "$eq", value }, leaf.type, leaf.label).test);
      return wholeList(equal, raw.op === "$neq");
    }, make);
  }
  return attempt(() => {
    if (Array.isArray(raw.value) && (raw.op === "$eq" || raw.op === "$neq")) {
      throw badField(raw.field, `an array operand compares a whole list; ${formatListSpecifier(list.specifier)} compares single elements`);
    }
    const condition = compileCondition(raw, leaf.type, leaf.label);
    return quantify(list.specifier, raw.op, condition.test, leaf.structItems);
  }, make);
}

/** The elements of row `i` of a list Data: `[begin, end)` in its child. */
function bounds(list: Data, i: number): [number, number] {
  if (list.type.typeId === Type.FixedSizeList) return [i * list.stride, (i + 1) * list.stride];
  const offsets = list.valueOffsets as ArrayLike<number | bigint>;
  return [Number(offsets[i]), Number(offsets[i + 1])];
}

/** Row predicate over one batch, or undefined when the batch lacks the column. */
function listRows(
  batch: RecordBatch,
  listSegments: readonly string[],
  sub: readonly string[],
  test: (items: Items) => boolean,
): ((i: number) => boolean) | undefined {
  const chain = leafChain(batch, listSegments);
  const list = chain?.[chain.length - 1];
  const elements = list && childChain(list.children[0]!, sub);
  if (!chain || !list || !elements) return undefined;
  const read = valueReader(elements[elements.length - 1]!);
  return (i) => {
    if (!validIn(chain, i)) return false; // a null list (or parent) matches nothing
    const [begin, end] = bounds(list, i);
    const items: Array<Scalar | null> = [];
    for (let j = begin; j < end; j++) items.push(validIn(elements, j) ? read(j) : null);
    return test(items);
  };
}
