/**
 * Search: an ontology query form (e.g. IMU acceleration.x > 5, optionally
 * within a time window, in seconds since each sequence's first sample, and a
 * set of sequences) listing the matching
 * sequences and topics, with the time windows where the condition holds;
 * each window opens the topic page at that window.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { useClient } from "../state/connection.js";
import { href } from "../routing/router.js";
import { EmptyState, ErrorCallout, Notice, ProgressBar } from "../components/feedback.js";
import { Icon } from "../components/icons.js";
import { Card, MetadataChips, PageHeader, TagBadge } from "../components/page.js";
import { html } from "../html.js";
import { isSignalLeaf, numericLeaves } from "../lib/arrow-fields.js";
import { loadCatalog, type SequenceSummary } from "../lib/catalog-data.js";
import { OPERATORS, type ConditionOp } from "../lib/catalog-filter.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { runSearch, searchBody, VALUE_OPS, type SearchForm, type SearchOutcome, type SearchWindow, type ValueOp } from "../lib/search.js";
import { formatDuration, formatOffset, formatSinceStart, secondsSince } from "../lib/time.js";
import { MosaicoError, stringifyJson } from "../sdk.js";

const initialForm: SearchForm = {
  sequenceGlob: "",
  metadata: [],
  tag: "imu",
  field: "acceleration.x",
  op: "$gt",
  value: "5",
  value2: "",
  windowFrom: "",
  windowTo: "",
  gapSeconds: "1",
};

const PAD_NS = 1_000_000_000n;

/** The request body as the builder makes it, or why it cannot be built yet. */
function previewBody(form: SearchForm): string {
  try {
    return stringifyJson(searchBody(form));
  } catch (reason) {
    return `// ${reason instanceof MosaicoError ? reason.rawMessage : String(reason)}`;
  }
}

function WindowChip({ locator, window, baseNs, index }: { locator: string; window: SearchWindow; baseNs: bigint; index: number }) {
  const link = href.topic(locator, { startNs: window.startNs - PAD_NS, endNs: window.endNs + PAD_NS });
  return html`<a class="window-chip" href=${link} data-testid="search-window" data-index=${index}
    title="Since the sequence's first sample · open the topic at this window (±1 s of context)">
    <span class="mono">${formatSinceStart(window.startNs, baseNs, 2)} → ${formatOffset(secondsSince(window.endNs, baseNs), 2)}</span>
    <span class="muted">${formatDuration(window.endNs - window.startNs)}${window.rows !== undefined ? ` · ${window.rows} rows` : ""}${window.peak !== undefined ? ` · peak ${window.peak.toFixed(2)}` : ""}</span>
  </a>`;
}

function Results({ outcome }: { outcome: SearchOutcome }) {
  const topics = outcome.hits.reduce((a, h) => a + h.topics.length, 0);
  const windows = outcome.hits.reduce((a, h) => a + h.topics.reduce((b, t) => b + (t.windows?.length ?? 0), 0), 0);
  return html`<div data-testid="search-results">
    <div class="results-head">
      <b data-testid="search-summary">${outcome.hits.length} sequence${outcome.hits.length === 1 ? "" : "s"} · ${topics} topic${topics === 1 ? "" : "s"} · ${windows} window${windows === 1 ? "" : "s"}</b>
    </div>
    ${outcome.evaluatedBy === "browser"
      ? html`<${Notice} kind="warn" testid="search-fallback">This server answers <code>UNIMPLEMENTED</code> to <code>query</code>: the query was evaluated in your browser, with the server's rules, over the catalog and the rows of ${outcome.scannedTopics} topic${outcome.scannedTopics === 1 ? "" : "s"}.</${Notice}>`
      : html`<${Notice} kind="ok" testid="search-server">Matched by the server (<code>query</code>).${" "}
          ${outcome.windowsBy === "server" ? html`Windows from <code>topic_filter_clusterize</code>.` : html`The server lacks <code>topic_filter_clusterize</code>: windows were computed in your browser from the matching rows.`}</${Notice}>`}
    ${outcome.hits.length === 0 && html`<${EmptyState} icon="search" title="Nothing matches" testid="search-empty">Loosen the condition or the time window.</${EmptyState}>`}
    ${outcome.hits.map(
      (hit) => html`<div class="hit" data-testid="search-hit" data-sequence=${hit.sequence}>
        <div class="hit-head">
          <a class="strong mono" href=${href.sequence(hit.sequence)}>${hit.sequence}</a>
          ${hit.summary && html`<${MetadataChips} value=${hit.summary.info.userMetadata} max=${4} />`}
        </div>
        ${hit.topics.map(
          (t) => html`<div class="hit-topic">
            <div class="hit-topic-name"><a class="mono" href=${href.topic(t.locator)} data-testid="search-topic">${t.name}</a> <${TagBadge} tag=${t.ontologyTag} /></div>
            <div class="windows">${(t.windows ?? []).map((w, i) => html`<${WindowChip} locator=${t.locator} window=${w} baseNs=${hit.summary?.startNs ?? w.startNs} index=${i} />`)}
              ${t.windows?.length === 0 && html`<span class="muted small">no row of this topic satisfies the condition in the range</span>`}</div>
          </div>`,
        )}
      </div>`,
    )}
  </div>`;
}

export function SearchPage() {
  const { client } = useClient();
  const [form, setForm] = useState<SearchForm>(initialForm);
  const [catalog, setCatalog] = useState<SequenceSummary[] | null>(null);
  const [fields, setFields] = useState<string[]>([]);
  const [busy, setBusy] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<SearchOutcome | null>(null);
  const [error, setError] = useState<Explanation | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const set = (patch: Partial<SearchForm>) => setForm({ ...form, ...patch });

  useEffect(() => {
    loadCatalog(client).then(setCatalog, (reason) => setError(explainError(reason, "list the catalog")));
    return () => abortRef.current?.abort();
  }, [client]);

  const tags = [...new Set((catalog ?? []).flatMap((s) => s.tags))].sort();
  useEffect(() => {
    const sample = catalog?.flatMap((s) => s.info.topics).find((t) => t.ontologyTag === form.tag.trim());
    if (!sample) return setFields([]);
    let live = true;
    client.topicInfo(sample.locator).then((t) => live && setFields(t.schema ? numericLeaves(t.schema).filter(isSignalLeaf).map((l) => l.label) : []), () => {});
    return () => void (live = false);
  }, [client, catalog, form.tag]);

  const submit = async (e: Event) => {
    e.preventDefault();
    abortRef.current?.abort();
    const abort = new AbortController();
    abortRef.current = abort;
    setError(null);
    setOutcome(null);
    setBusy({ done: 0, total: 0 });
    try {
      setOutcome(await runSearch(client, form, (done, total) => setBusy({ done, total }), abort.signal));
    } catch (reason) {
      if (!abort.signal.aborted) setError(explainError(reason, "run this query"));
    } finally {
      setBusy(null);
    }
  };
  const two = VALUE_OPS.find((o) => o.op === form.op)?.two;
  const updateMeta = (i: number, patch: Partial<SearchForm["metadata"][number]>) => set({ metadata: form.metadata.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  return html`<${PageHeader} title="Search" subtitle="Find where sensor values meet a condition, across every recording." />
    <div class="search-layout">
      <form class="card search-form" onSubmit=${submit} data-testid="search-form">
        <div class="card-head"><h2 class="card-title">Query</h2></div>
        <div class="card-body">
          <div class="form-section">Sensor condition</div>
          <div class="form-grid">
            <label class="field"><span class="field-label">Ontology tag</span>
              <input class="input mono" list="tag-options" value=${form.tag} data-testid="search-tag" onInput=${(e: Event) => set({ tag: (e.target as HTMLInputElement).value })} />
              <datalist id="tag-options">${tags.map((t) => html`<option value=${t} />`)}</datalist></label>
            <label class="field"><span class="field-label">Field</span>
              <input class="input mono" list="field-options" value=${form.field} data-testid="search-field" onInput=${(e: Event) => set({ field: (e.target as HTMLInputElement).value })} />
              <datalist id="field-options">${fields.map((f) => html`<option value=${f} />`)}</datalist></label>
          </div>
          <div class="form-grid form-grid-3">
            <label class="field"><span class="field-label">Operator</span>
              <select class="input select" value=${form.op} data-testid="search-op" onChange=${(e: Event) => set({ op: (e.target as HTMLSelectElement).value as ValueOp })}>
                ${VALUE_OPS.map((o) => html`<option value=${o.op}>${o.label}</option>`)}</select></label>
            <label class="field"><span class="field-label">${two ? "From" : "Value"}</span>
              <input class="input mono" value=${form.value} data-testid="search-value" onInput=${(e: Event) => set({ value: (e.target as HTMLInputElement).value })} /></label>
            ${two && html`<label class="field"><span class="field-label">To</span>
              <input class="input mono" value=${form.value2} data-testid="search-value2" onInput=${(e: Event) => set({ value2: (e.target as HTMLInputElement).value })} /></label>`}
          </div>
          <div class="form-section">Time window <span class="muted">(optional, seconds since each sequence's first sample)</span></div>
          <div class="form-grid">
            <label class="field"><span class="field-label">From</span>
              <span class="input-suffix"><input class="input mono" placeholder="0" value=${form.windowFrom} data-testid="search-from" onInput=${(e: Event) => set({ windowFrom: (e.target as HTMLInputElement).value })} /><span>s</span></span></label>
            <label class="field"><span class="field-label">To</span>
              <span class="input-suffix"><input class="input mono" placeholder="end" value=${form.windowTo} data-testid="search-to" onInput=${(e: Event) => set({ windowTo: (e.target as HTMLInputElement).value })} /><span>s</span></span></label>
          </div>
          <div class="muted small">Not a date: <code>timestamp_ns</code> is the recorder's timer, so the window bounds each topic's <code>topic_filter_clusterize</code> range rather than the query.</div>
          <div class="form-section">Sequences <span class="muted">(optional)</span></div>
          <label class="field"><span class="field-label">Name</span>
            <input class="input mono" placeholder="drive_*" value=${form.sequenceGlob} data-testid="search-sequence" onInput=${(e: Event) => set({ sequenceGlob: (e.target as HTMLInputElement).value })} /></label>
          ${form.metadata.map(
            (c, i) => html`<div class="filter-row condition">
              <input class="input mono" placeholder="weather" value=${c.path} onInput=${(e: Event) => updateMeta(i, { path: (e.target as HTMLInputElement).value })} />
              <select class="input select" value=${c.op} onChange=${(e: Event) => updateMeta(i, { op: (e.target as HTMLSelectElement).value as ConditionOp })}>${OPERATORS.map((o) => html`<option value=${o.op}>${o.label}</option>`)}</select>
              ${c.op !== "$ex" && html`<input class="input" placeholder="rain" value=${c.value} onInput=${(e: Event) => updateMeta(i, { value: (e.target as HTMLInputElement).value })} />`}
              <button type="button" class="btn btn-icon" onClick=${() => set({ metadata: form.metadata.filter((_, j) => j !== i) })}><${Icon} name="x" /></button>
            </div>`,
          )}
          <button type="button" class="btn btn-small" onClick=${() => set({ metadata: [...form.metadata, { path: "", op: "$eq", value: "" }] })}>+ Metadata condition</button>
          <div class="form-section">Windows</div>
          <label class="field"><span class="field-label">Split windows on gaps longer than</span>
            <span class="input-suffix"><input class="input mono" value=${form.gapSeconds} data-testid="search-gap" onInput=${(e: Event) => set({ gapSeconds: (e.target as HTMLInputElement).value })} /><span>s</span></span></label>
          <details class="json-preview"><summary>Request body (docs/protocol.md §8)</summary><pre class="code" data-testid="search-json">${previewBody(form)}</pre></details>
          <button class="btn btn-primary btn-block" type="submit" disabled=${!!busy} data-testid="search-run"><${Icon} name="search" /> Search</button>
        </div>
      </form>
      <${Card} title="Results" className="search-results">
        ${error && html`<${ErrorCallout} error=${error} />`}
        ${busy && html`<${ProgressBar} fraction=${busy.total ? busy.done / busy.total : undefined} label=${busy.total ? `Scanning topics for windows… ${busy.done} / ${busy.total}` : "Querying…"} onCancel=${() => abortRef.current?.abort()} testid="search-progress" />`}
        ${outcome ? html`<${Results} outcome=${outcome} />` : !busy && !error && html`<${EmptyState} icon="search" title="Run a query">The default asks for hard accelerations: IMU <code>acceleration.x</code> above 5 m/s².</${EmptyState}>`}
      </${Card}>
    </div>`;
}
