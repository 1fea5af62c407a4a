/**
 * Where a user-metadata key points, as mosaicod's PostgreSQL finds it.
 *
 * Every operator but `$match` runs `jsonb_path_exists(user_metadata,
 * '$.<key> ? (<filter>)')` (mosaicod-db `pg_queries/compilers.rs`,
 * JsonQueryCompiler, glob-era revision): an SQL/JSON path in lax mode, so
 * a key step on an array applies to each element, `[*]` / `[0]` on a
 * non-array is the item itself, `*` takes every member, `**` the item and
 * everything below it. `$match` runs `mosaico_regex_match(user_metadata
 * #>> '{a,b}', …)` instead: a literal path (numeric steps index arrays).
 */
import { type JsonValue, type MetadataKeyStep, isJsonObject } from "../../src/protocol/index.js";

function members(item: JsonValue): JsonValue[] {
  return isJsonObject(item) ? Object.values(item) : [];
}

/** Lax mode: an object step on an array reaches into each of its elements. */
function laxObjects(item: JsonValue): JsonValue[] {
  return Array.isArray(item) ? item : [item];
}

function descendants(item: JsonValue, out: JsonValue[]): void {
  out.push(item);
  const children = Array.isArray(item) ? item : members(item);
  for (const child of children) descendants(child, out);
}

function step(item: JsonValue, s: MetadataKeyStep): JsonValue[] {
  switch (s.kind) {
    case "key":
      return laxObjects(item).flatMap((o) => (isJsonObject(o) && Object.hasOwn(o, s.name) ? [o[s.name]!] : []));
    case "anyKey":
      return laxObjects(item).flatMap(members);
    case "anyDepth": {
      const out: JsonValue[] = [];
      descendants(item, out);
      return out;
    }
    case "anyElement":
      return Array.isArray(item) ? item : [item];
    case "element":
      if (!Array.isArray(item)) return s.index === 0 ? [item] : [];
      return s.index < item.length ? [item[s.index]!] : [];
  }
}

/** The items `$.<key>` yields (empty when nothing is there). */
export function resolveMetadataKey(metadata: JsonValue | undefined, steps: readonly MetadataKeyStep[]): JsonValue[] {
  if (metadata === undefined) return [];
  let items: JsonValue[] = [metadata];
  for (const s of steps) items = items.flatMap((item) => step(item, s));
  return items;
}

/** The value `#>> '{…}'` reads: the key split at dots, taken literally. */
export function literalMetadataValue(metadata: JsonValue | undefined, key: string): JsonValue | undefined {
  let node = metadata;
  for (const part of key.split(".")) {
    if (isJsonObject(node) && Object.hasOwn(node, part)) node = node[part];
    else if (Array.isArray(node) && /^-?[0-9]+$/.test(part)) {
      const i = Number(part) < 0 ? node.length + Number(part) : Number(part);
      if (i < 0 || i >= node.length) return undefined;
      node = node[i];
    } else return undefined;
  }
  return node;
}
