/**
 * Ontology search (docs/protocol.md §8): the form becomes a query (the SDK's
 * builder: `Query.sequence()`, `Query.topic()`, `ontologyField(tag, path)`)
 * and, for each matching topic, a `topic_filter_clusterize` call for the
 * time windows where the condition holds (§8.6). The optional time window is
 * in seconds since each sequence's first sample: `timestamp_ns` is a
 * monotonic timer (Python SDK 0.6, mosaico#564), so one absolute range would
 * mean a different moment in every recording. It is therefore not part of
 * the query: it bounds each topic's windows, and a topic without a window in
 * it is dropped. A server that answers UNIMPLEMENTED to either is stood in
 * for by the browser: the same rules on the catalog descriptions and on the
 * topics' rows, and the page says so.
 */
import { ontologyField, Query, toQueryJson, type JsonObject, type JsonScalar, type MosaicoClient, type OntologyExpression, type QueryPart } from "../sdk.js";
import { leafValues, timestamps } from "./arrow-fields.js";
import { loadCatalog, type SequenceSummary } from "./catalog-data.js";
import { matchesLocally, sequenceQuery, typedValue, type MetadataCondition } from "./catalog-filter.js";
import { isUnimplemented } from "./explain-error.js";
import { parseSecondsToNs } from "./time.js";

export type ValueOp = "$gt" | "$geq" | "$lt" | "$leq" | "$eq" | "$neq" | "$between" | "$outside";

export const VALUE_OPS: { op: ValueOp; label: string; two?: boolean }[] = [
  { op: "$gt", label: ">" },
  { op: "$geq", label: "≥" },
  { op: "$lt", label: "<" },
  { op: "$leq", label: "≤" },
  { op: "$eq", label: "=" },
  { op: "$neq", label: "≠" },
  { op: "$between", label: "between", two: true },
  { op: "$outside", label: "outside", two: true },
];

export interface SearchForm {
  sequenceGlob: string;
  metadata: MetadataCondition[];
  tag: string;
  field: string;
  op: ValueOp;
  value: string;
  value2: string;
  /** Optional window, seconds since each sequence's first sample ("60", "12.5"), both ends included. */
  windowFrom: string;
  windowTo: string;
  /** Gap that separates two windows, in seconds. */
  gapSeconds: string;
}

export interface SearchWindow {
  startNs: bigint;
  endNs: bigint;
  /** Browser scans only: matching rows and the most extreme matching value. */
  rows?: number;
  peak?: number;
}

export interface SearchTopicHit {
  locator: string;
  name: string;
  ontologyTag?: string;
  windows?: SearchWindow[];
}

export interface SearchHit {
  sequence: string;
  summary?: SequenceSummary;
  topics: SearchTopicHit[];
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** Who matched sequences and topics (`query`). */
  evaluatedBy: "server" | "browser";
  /** Who found the time windows (`topic_filter_clusterize`). */
  windowsBy: "server" | "browser";
  scannedTopics: number;
  body: JsonObject;
}

/** A time range in `timestamp_ns`, both ends included; an end left out is open. */
export interface NsRange {
  startNs?: bigint;
  endNs?: bigint;
}

function offsetNs(text: string, which: string): bigint | undefined {
  if (!text.trim()) return undefined;
  const ns = parseSecondsToNs(text);
  if (ns === undefined || ns < 0n) throw new Error(`${which} of the time window: enter seconds since the start of the sequence, e.g. 60 or 12.5`);
  return ns;
}

/** The form's window as offsets from a sequence's first sample; throws on text that is not seconds ≥ 0. */
export function windowOffsets(form: SearchForm): { fromNs?: bigint; toNs?: bigint } {
  const fromNs = offsetNs(form.windowFrom, "From");
  const toNs = offsetNs(form.windowTo, "To");
  if (fromNs !== undefined && toNs !== undefined && toNs < fromNs) throw new Error("To of the time window must not be before From");
  return { fromNs, toNs };
}

/** The window in one sequence whose first sample is at `baseNs` (undefined: no window asked). */
export function windowIn(form: SearchForm, baseNs: bigint): NsRange | undefined {
  const { fromNs, toNs } = windowOffsets(form);
  if (fromNs === undefined && toNs === undefined) return undefined;
  return { startNs: fromNs === undefined ? undefined : baseNs + fromNs, endNs: toNs === undefined ? undefined : baseNs + toNs };
}

const ONE = { $gt: "gt", $geq: "geq", $lt: "lt", $leq: "leq", $eq: "eq", $neq: "neq" } as const;

/** The value condition of the form, if complete. */
export function valueExpression(form: SearchForm): OntologyExpression | undefined {
  if (!form.tag.trim() || !form.field.trim() || !form.value.trim()) return undefined;
  const field = ontologyField(form.tag.trim(), form.field.trim());
  const a = typedValue(form.value) as JsonScalar;
  if (form.op === "$between" || form.op === "$outside") {
    const b = typedValue(form.value2) as JsonScalar;
    return form.op === "$between" ? field.between(a, b) : field.outside(a, b);
  }
  return field[ONE[form.op]](a);
}

/** The query of the form, as builder parts (validated as they are built). */
export function searchParts(form: SearchForm): QueryPart[] {
  const parts: QueryPart[] = [];
  const sequence = sequenceQuery({ nameGlob: form.sequenceGlob, metadata: form.metadata });
  if (sequence.conditions.length) parts.push(sequence);
  if (form.tag.trim()) parts.push(Query.topic().ontologyTag.eq(form.tag.trim()));
  const value = valueExpression(form);
  if (value) parts.push(value);
  return parts;
}

/** The query body of the form (what client.query sends). */
export function searchBody(form: SearchForm): JsonObject {
  return toQueryJson(...searchParts(form));
}

/** The row predicate of the form's ontology condition. */
export function rowPredicate(form: SearchForm): ((v: number) => boolean) | undefined {
  if (!form.field.trim() || !form.value.trim()) return undefined;
  const a = Number(form.value);
  const b = Number(form.value2);
  switch (form.op) {
    case "$gt": return (v) => v > a;
    case "$geq": return (v) => v >= a;
    case "$lt": return (v) => v < a;
    case "$leq": return (v) => v <= a;
    case "$eq": return (v) => v === a;
    case "$neq": return (v) => v !== a;
    case "$between": return (v) => v >= a && v <= b;
    case "$outside": return (v) => v < a || v > b;
  }
}

/** Matching rows in `range` grouped into windows: a gap longer than `gapNs` starts a new one (0 = one window). */
export async function scanWindows(client: MosaicoClient, locator: string, form: SearchForm, range: NsRange = {}, signal?: AbortSignal): Promise<SearchWindow[]> {
  const predicate = rowPredicate(form);
  const path = form.field.trim().split(".");
  const gapNs = parseSecondsToNs(form.gapSeconds || "0") ?? 0n;
  const { startNs, endNs } = range;
  const reader = await client.topicReader(locator, { startNs, endNs: endNs === undefined ? undefined : endNs + 1n, signal });
  const windows: Required<SearchWindow>[] = [];
  let open: Required<SearchWindow> | undefined;
  const extreme = (a: number, b: number) => (form.op === "$lt" || form.op === "$leq" ? Math.min(a, b) : Math.max(a, b));
  for await (const batch of reader) {
    const ts = timestamps(batch);
    const values = predicate ? leafValues(batch, path) : [];
    for (let i = 0; i < ts.length; i++) {
      const v = values[i];
      if (predicate && (v === null || v === undefined || !predicate(v))) continue;
      const t = ts[i]!;
      if (open && (gapNs === 0n || t - open.endNs <= gapNs)) {
        open.endNs = t;
        open.rows++;
        open.peak = extreme(open.peak, v ?? 0);
      } else {
        open = { startNs: t, endNs: t, rows: 1, peak: v ?? 0 };
        windows.push(open);
      }
    }
  }
  return windows;
}

async function browserQuery(summaries: SequenceSummary[], form: SearchForm): Promise<SearchHit[]> {
  const tag = form.tag.trim();
  return summaries
    .filter((s) => matchesLocally(s, { nameGlob: form.sequenceGlob, metadata: form.metadata }))
    .map((s) => ({
      sequence: s.name,
      summary: s,
      topics: s.info.topics.filter((t) => !tag || t.ontologyTag === tag).map((t) => ({ locator: t.locator, name: t.name, ontologyTag: t.ontologyTag })),
    }))
    .filter((h) => h.topics.length > 0);
}

/** Windows from the server (`topic_filter_clusterize`); undefined when it lacks the action. */
async function serverWindows(client: MosaicoClient, locator: string, form: SearchForm, range: NsRange | undefined, signal?: AbortSignal): Promise<SearchWindow[] | undefined> {
  const condition = valueExpression(form);
  if (!condition) return undefined;
  const windows: SearchWindow[] = [];
  try {
    for await (const w of client.topicFilterClusterize({
      locator,
      ontology: [condition],
      ontologyTag: form.tag.trim(),
      clusteringDtNs: parseSecondsToNs(form.gapSeconds || "0") ?? 0n,
      timestampRange: range ?? null,
      signal,
    })) {
      windows.push({ startNs: w.startNs, endNs: w.endNs });
    }
  } catch (reason) {
    if (isUnimplemented(reason)) return undefined;
    throw reason;
  }
  return windows;
}

/** Runs the search; `onProgress` reports topics scanned for windows. */
export async function runSearch(
  client: MosaicoClient,
  form: SearchForm,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<SearchOutcome> {
  const parts = searchParts(form);
  const body = toQueryJson(...parts);
  const windowAsked = windowIn(form, 0n) !== undefined; // validates the window text before any call
  const summaries = await loadCatalog(client, signal);
  let hits: SearchHit[];
  let evaluatedBy: SearchOutcome["evaluatedBy"] = "server";
  let windowsBy: SearchOutcome["windowsBy"] = "server";
  try {
    const items = await client.query(parts, { signal });
    const byName = new Map(summaries.map((s) => [s.name, s]));
    hits = items.map((i) => ({ sequence: i.sequence, summary: byName.get(i.sequence), topics: i.topics.map((t) => ({ locator: t.locator, name: t.name, ontologyTag: t.ontologyTag })) }));
  } catch (reason) {
    if (!isUnimplemented(reason)) throw reason;
    evaluatedBy = "browser";
    hits = await browserQuery(summaries, form);
  }
  const topics = hits.flatMap((h) => h.topics.map((topic) => ({ topic, baseNs: h.summary?.startNs })));
  let done = 0;
  onProgress(0, topics.length);
  for (const { topic, baseNs } of topics) {
    // A sequence without data has no first sample to count the window from: nothing of it lies in the window.
    const range = windowAsked ? (baseNs === undefined ? null : windowIn(form, baseNs)!) : undefined;
    if (range === null) topic.windows = [];
    else {
      const fromServer = windowsBy === "server" ? await serverWindows(client, topic.locator, form, range, signal) : undefined;
      if (!fromServer) windowsBy = "browser";
      topic.windows = fromServer ?? (await scanWindows(client, topic.locator, form, range, signal));
    }
    onProgress(++done, topics.length);
  }
  // A topic matches only where its rows satisfy the condition: in the browser always, and within the
  // window for every evaluator (the window is not part of the query).
  if (windowAsked || (evaluatedBy === "browser" && rowPredicate(form))) {
    hits = hits.map((h) => ({ ...h, topics: h.topics.filter((t) => (t.windows?.length ?? 0) > 0) })).filter((h) => h.topics.length > 0);
  }
  return { hits, evaluatedBy, windowsBy, scannedTopics: topics.length, body };
}
