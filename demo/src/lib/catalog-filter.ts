/**
 * Catalog filters (sequence name glob + user-metadata conditions) as the
 * `sequence` section of a docs/protocol.md §8 query, built with the SDK's query
 * builder. The server evaluates them when it implements `query`; otherwise
 * the same conditions are evaluated here, on the descriptions already
 * loaded, and the page says so.
 */
import { GlobError, matchesGlob, Query, type JsonScalar, type JsonValue, type MosaicoClient, type SequenceQuery } from "../sdk.js";
import type { SequenceSummary } from "./catalog-data.js";
import { isUnimplemented } from "./explain-error.js";
import { metadataAt } from "./format.js";

export type ConditionOp = "$eq" | "$neq" | "$gt" | "$geq" | "$lt" | "$leq" | "$match" | "$ex";

export interface MetadataCondition {
  path: string;
  op: ConditionOp;
  value: string;
}

export interface CatalogFilter {
  nameGlob: string;
  metadata: MetadataCondition[];
}

export const OPERATORS: { op: ConditionOp; label: string }[] = [
  { op: "$eq", label: "=" },
  { op: "$neq", label: "≠" },
  { op: "$gt", label: ">" },
  { op: "$geq", label: "≥" },
  { op: "$lt", label: "<" },
  { op: "$leq", label: "≤" },
  { op: "$match", label: "matches" },
  { op: "$ex", label: "exists" },
];

/** Form text to a JSON scalar: numbers and booleans become themselves, the rest stays text. */
export function typedValue(text: string): JsonValue {
  const trimmed = text.trim();
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  if (/^-?\d+$/.test(trimmed)) {
    const big = BigInt(trimmed);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  if (/^-?\d*\.\d+(e[+-]?\d+)?$/i.test(trimmed)) return Number(trimmed);
  return text;
}

export function isActive(filter: CatalogFilter): boolean {
  return filter.nameGlob.trim() !== "" || filter.metadata.some((c) => c.path.trim() !== "");
}

const METHODS = { $eq: "eq", $neq: "neq", $gt: "gt", $geq: "geq", $lt: "lt", $leq: "leq", $match: "match" } as const;

/** The `sequence` section of the query, as a builder (validated as it is built). */
export function sequenceQuery(filter: CatalogFilter): SequenceQuery {
  let q = Query.sequence();
  if (filter.nameGlob.trim()) q = q.name.match(filter.nameGlob.trim());
  for (const c of filter.metadata) {
    if (!c.path.trim()) continue;
    const ops = q.userMetadata(c.path.trim());
    q = c.op === "$ex" ? ops.ex() : c.op === "$match" ? ops.match(c.value) : ops[METHODS[c.op]](typedValue(c.value) as JsonScalar);
  }
  return q;
}

/**
 * The server's `$match` (the SDK's matcher). A pattern the server would refuse
 * (empty, too long, an unterminated `[`...) matches nothing here, so the page
 * shows no results instead of failing.
 */
function globMatches(text: string, pattern: string): boolean {
  try {
    return matchesGlob(text, pattern);
  } catch (reason) {
    if (reason instanceof GlobError) return false;
    throw reason;
  }
}

function compare(actual: unknown, op: ConditionOp, expected: JsonValue): boolean {
  if (op === "$ex") return actual !== undefined;
  if (actual === undefined) return false;
  if (op === "$match") return typeof actual === "string" && globMatches(actual, String(expected));
  const a = typeof actual === "bigint" ? Number(actual) : actual;
  const b = typeof expected === "bigint" ? Number(expected) : expected;
  switch (op) {
    case "$eq":
      return a === b;
    case "$neq":
      return a !== b;
    case "$gt":
      return (a as number) > (b as number);
    case "$geq":
      return (a as number) >= (b as number);
    case "$lt":
      return (a as number) < (b as number);
    case "$leq":
      return (a as number) <= (b as number);
  }
}

/** The filter evaluated on one loaded description (the server's semantics, §8). */
export function matchesLocally(summary: SequenceSummary, filter: CatalogFilter): boolean {
  if (filter.nameGlob.trim() && !globMatches(summary.name, filter.nameGlob.trim())) return false;
  return filter.metadata.every((c) => !c.path.trim() || compare(metadataAt(summary.info.userMetadata, c.path.trim()), c.op, typedValue(c.value)));
}

export interface FilterOutcome {
  names: Set<string>;
  /** Who evaluated the filter. */
  evaluatedBy: "server" | "browser";
}

/** Runs the filter on the server, or in the browser when the server lacks `query`. */
export async function applyCatalogFilter(client: MosaicoClient, summaries: SequenceSummary[], filter: CatalogFilter): Promise<FilterOutcome> {
  try {
    const items = await client.query(sequenceQuery(filter), { timeoutMs: 15_000 });
    return { names: new Set(items.map((i) => i.sequence)), evaluatedBy: "server" };
  } catch (reason) {
    if (!isUnimplemented(reason)) throw reason;
    return { names: new Set(summaries.filter((s) => matchesLocally(s, filter)).map((s) => s.name)), evaluatedBy: "browser" };
  }
}
