/**
 * Catalog: every sequence with its creation time (the server's clock; data
 * times are not dates, `timestamp_ns` being a monotonic timer), size,
 * topics, duration and user metadata; filter by name glob and metadata (a §8 query, or the
 * browser when the server lacks `query`); sortable columns; empty states.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { useClient } from "../state/connection.js";
import { href } from "../routing/router.js";
import { EmptyState, ErrorCallout, Notice, Spinner } from "../components/feedback.js";
import { Icon } from "../components/icons.js";
import { MetadataChips, PageHeader, Stat, TagBadge } from "../components/page.js";
import { compareValues, SortHeader, type SortState } from "../components/sort-table.js";
import { html } from "../html.js";
import { loadCatalog, type SequenceSummary } from "../lib/catalog-data.js";
import { applyCatalogFilter, isActive, OPERATORS, type CatalogFilter, type ConditionOp, type FilterOutcome } from "../lib/catalog-filter.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { reportCallFailure } from "../lib/reachability.js";
import { formatBytes, formatCount } from "../lib/format.js";
import { formatDuration, formatWallClock } from "../lib/time.js";

type SortKey = "name" | "created" | "size" | "topics" | "duration";

const sortValue: Record<SortKey, (s: SequenceSummary) => unknown> = {
  name: (s) => s.name,
  created: (s) => s.createdAtNs,
  size: (s) => s.totalBytes,
  topics: (s) => s.topicCount,
  duration: (s) => (s.startNs !== undefined && s.endNs !== undefined ? s.endNs - s.startNs : undefined),
};

const emptyFilter: CatalogFilter = { nameGlob: "", metadata: [] };

function FilterBar({ filter, onApply, busy }: { filter: CatalogFilter; onApply: (f: CatalogFilter) => void; busy: boolean }) {
  const [draft, setDraft] = useState<CatalogFilter>(filter);
  const update = (i: number, patch: Partial<CatalogFilter["metadata"][number]>) =>
    setDraft({ ...draft, metadata: draft.metadata.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const submit = (e: Event) => {
    e.preventDefault();
    onApply(draft);
  };
  return html`<form class="filter-bar" onSubmit=${submit} data-testid="catalog-filter">
    <div class="filter-row">
      <label class="field field-inline grow">
        <span class="field-label">Name</span>
        <input class="input mono" placeholder="drive_* · glob: * ? [a-z] #" value=${draft.nameGlob} data-testid="filter-name"
          onInput=${(e: Event) => setDraft({ ...draft, nameGlob: (e.target as HTMLInputElement).value })} />
      </label>
      <button type="button" class="btn" onClick=${() => setDraft({ ...draft, metadata: [...draft.metadata, { path: "", op: "$eq", value: "" }] })} data-testid="add-metadata-filter">+ Metadata condition</button>
      <button type="submit" class="btn btn-primary" disabled=${busy} data-testid="apply-filter">${busy ? html`<${Spinner} />` : "Apply"}</button>
      ${isActive(filter) && html`<button type="button" class="btn btn-ghost" onClick=${() => { setDraft(emptyFilter); onApply(emptyFilter); }} data-testid="clear-filter">Clear</button>`}
    </div>
    ${draft.metadata.map(
      (c, i) => html`<div class="filter-row condition">
        <span class="muted">user_metadata</span>
        <input class="input mono" placeholder="vehicle.id" value=${c.path} data-testid=${`meta-path-${i}`} onInput=${(e: Event) => update(i, { path: (e.target as HTMLInputElement).value })} />
        <select class="input select" value=${c.op} data-testid=${`meta-op-${i}`} onChange=${(e: Event) => update(i, { op: (e.target as HTMLSelectElement).value as ConditionOp })}>
          ${OPERATORS.map((o) => html`<option value=${o.op}>${o.label}</option>`)}
        </select>
        ${c.op !== "$ex" && html`<input class="input" placeholder="veh-7" value=${c.value} data-testid=${`meta-value-${i}`} onInput=${(e: Event) => update(i, { value: (e.target as HTMLInputElement).value })} />`}
        <button type="button" class="btn btn-icon" title="Remove" onClick=${() => setDraft({ ...draft, metadata: draft.metadata.filter((_, j) => j !== i) })}><${Icon} name="x" /></button>
      </div>`,
    )}
  </form>`;
}

export function CatalogPage() {
  const { client } = useClient();
  const [rows, setRows] = useState<SequenceSummary[] | null>(null);
  const [error, setError] = useState<Explanation | null>(null);
  const [filter, setFilter] = useState<CatalogFilter>(emptyFilter);
  const [outcome, setOutcome] = useState<FilterOutcome | null>(null);
  const [filtering, setFiltering] = useState(false);
  const [sort, setSort] = useState<SortState<SortKey>>({ key: "created", dir: -1 });
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    loadCatalog(client, abort.signal).then(setRows, (reason) => {
      if (abort.signal.aborted) return;
      // A failed refresh is not an empty catalog: what was listed before is dropped, the error shown.
      setRows(null);
      setOutcome(null);
      setError(explainError(reason, "list the catalog"));
      reportCallFailure(reason);
    });
    return () => abort.abort();
  }, [client, reload]);

  const apply = async (next: CatalogFilter) => {
    setFilter(next);
    if (!isActive(next) || !rows) {
      setOutcome(null);
      return;
    }
    setFiltering(true);
    try {
      setOutcome(await applyCatalogFilter(client, rows, next));
      setError(null);
    } catch (reason) {
      setError(explainError(reason, "filter the catalog"));
    } finally {
      setFiltering(false);
    }
  };

  const shown = useMemo(() => {
    if (!rows) return [];
    const kept = outcome ? rows.filter((r) => outcome.names.has(r.name)) : rows;
    return [...kept].sort((a, b) => sort.dir * compareValues(sortValue[sort.key](a), sortValue[sort.key](b)));
  }, [rows, outcome, sort]);

  const totals = useMemo(() => {
    const all = rows ?? [];
    return {
      bytes: all.reduce((a, r) => a + (r.totalBytes ?? 0n), 0n),
      topics: all.reduce((a, r) => a + r.topicCount, 0),
    };
  }, [rows]);

  const header = html`<${PageHeader} title="Catalog" subtitle="Recordings stored on this server: one sequence per run, one topic per sensor stream."
    actions=${html`<button class="btn" onClick=${() => setReload(reload + 1)} data-testid="reload-catalog"><${Icon} name="refresh" /> Refresh</button>
      <a class="btn btn-primary" href=${href.upload()}><${Icon} name="upload" /> Upload</a>`} />`;

  if (error && !rows) return html`${header}<div data-testid="catalog-error"><${ErrorCallout} error=${error} /></div>`;
  if (!rows) return html`${header}<div class="card"><div class="card-body"><${Spinner} label="Loading the catalog…" /></div></div>`;
  if (rows.length === 0) {
    return html`${header}<div class="card"><${EmptyState} icon="database" title="No sequences yet" testid="catalog-empty">
      This server holds no recordings. <a href=${href.upload()}>Upload a CSV or Arrow file</a> to create the first one,
      or start the demo server with <code>npm start</code>, which seeds a sample drive.
    </${EmptyState}></div>`;
  }
  return html`${header}
    <div class="stats-row">
      <${Stat} label="Sequences" value=${formatCount(rows.length)} testid="stat-sequences" />
      <${Stat} label="Topics" value=${formatCount(totals.topics)} />
      <${Stat} label="Stored" value=${formatBytes(totals.bytes)} />
    </div>
    <div class="card">
      <div class="card-body">
        <${FilterBar} filter=${filter} onApply=${apply} busy=${filtering} />
        ${error && html`<${ErrorCallout} error=${error} />`}
        ${outcome?.evaluatedBy === "browser" &&
        html`<${Notice} kind="warn" testid="filter-fallback">This server answers <code>UNIMPLEMENTED</code> to <code>query</code>: the filter was evaluated in your browser, with the server's glob and comparison rules.</${Notice}>`}
        ${outcome?.evaluatedBy === "server" && html`<${Notice} kind="ok" testid="filter-server">Filtered by the server (query action): ${outcome.names.size} matching sequence${outcome.names.size === 1 ? "" : "s"}.</${Notice}>`}
      </div>
      ${shown.length === 0
        ? html`<${EmptyState} icon="search" title="No sequence matches these filters" testid="catalog-no-match"><button class="btn" onClick=${() => apply(emptyFilter)}>Clear the filters</button></${EmptyState}>`
        : html`<div class="table-wrap"><table class="table" data-testid="catalog-table">
        <thead><tr>
          <${SortHeader} label="Sequence" sortKey="name" sort=${sort} onSort=${setSort} />
          <${SortHeader} label="Created" sortKey="created" sort=${sort} onSort=${setSort} />
          <${SortHeader} label="Duration" sortKey="duration" sort=${sort} onSort=${setSort} align="right" />
          <${SortHeader} label="Topics" sortKey="topics" sort=${sort} onSort=${setSort} align="right" />
          <${SortHeader} label="Size" sortKey="size" sort=${sort} onSort=${setSort} align="right" />
          <th>Sensors</th>
          <th>User metadata</th>
        </tr></thead>
        <tbody>${shown.map(
          (s) => html`<tr class="row-link" data-testid="catalog-row" data-name=${s.name} onClick=${() => (location.hash = href.sequence(s.name))}>
            <td><a class="strong mono" href=${href.sequence(s.name)} onClick=${(e: Event) => e.stopPropagation()}>${s.name}</a>
              ${s.openSessions > 0 && html` <span class="badge badge-warn" title="A session is still open">writing</span>`}</td>
            <td class="nowrap" data-testid="catalog-created" title="When the sequence was created, on the server's clock">${formatWallClock(s.createdAtNs, false)}
              ${s.startNs === undefined && html`<div class="muted small">no data</div>`}</td>
            <td class="num">${s.startNs !== undefined && s.endNs !== undefined ? formatDuration(s.endNs - s.startNs) : "—"}</td>
            <td class="num">${s.topicCount}</td>
            <td class="num nowrap">${formatBytes(s.totalBytes)}</td>
            <td><span class="chips">${s.tags.map((t) => html`<${TagBadge} tag=${t} />`)}</span></td>
            <td><${MetadataChips} value=${s.info.userMetadata} max=${4} /></td>
          </tr>`,
        )}</tbody>
      </table></div>`}
      <div class="card-foot muted" data-testid="catalog-count">${shown.length} of ${rows.length} sequences</div>
    </div>`;
}
