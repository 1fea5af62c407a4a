/**
 * One sequence: its topics (ontology tag, rows, bytes, time span with a
 * coverage bar, user metadata), sessions and their state, notifications.
 * Data times are offsets from the sequence's first sample (`timestamp_ns` is
 * a monotonic timer); creation and completion times are the server's clock.
 * "Download as MCAP" exports it through the MCAP bridge (download-mcap.ts).
 */
import { useEffect, useState } from "preact/hooks";
import { useClient } from "../state/connection.js";
import { href, navigate } from "../routing/router.js";
import { DownloadMcapButton } from "../components/download-mcap.js";
import { timelineHref } from "../lib/timeline-layout.js";
import { EmptyState, ErrorCallout, Spinner } from "../components/feedback.js";
import { Icon } from "../components/icons.js";
import { Card, MetadataChips, MetadataList, PageHeader, Stat, TagBadge } from "../components/page.js";
import { html } from "../html.js";
import { probeRowCount, summarize, withTopicDetails, type SequenceSummary } from "../lib/catalog-data.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { formatBytes, formatCount } from "../lib/format.js";
import { mapLimit } from "../lib/pool.js";
import { formatDuration, formatSinceStart, formatWallClock } from "../lib/time.js";
import type { NotificationItem, TopicInfo } from "../sdk.js";

interface Loaded {
  summary: SequenceSummary;
  notifications: NotificationItem[];
}

function Coverage({ topic, startNs, endNs }: { topic: TopicInfo; startNs?: bigint; endNs?: bigint }) {
  const interval = topic.dataInfo?.interval;
  if (!interval || startNs === undefined || endNs === undefined || endNs <= startNs) return html`<span class="muted">no data</span>`;
  const span = Number(endNs - startNs);
  const left = (Number(interval.startNs - startNs) / span) * 100;
  const width = Math.max(1, (Number(interval.endNs - interval.startNs) / span) * 100);
  return html`<div class="coverage" title=${`${formatSinceStart(interval.startNs, startNs)} → ${formatSinceStart(interval.endNs, startNs)} since the sequence start`}>
    <div class="coverage-bar" style=${`left:${left}%;width:${width}%`}></div>
  </div>
  <div class="coverage-label">${formatSinceStart(interval.startNs, startNs, 1)} · ${formatDuration(interval.endNs - interval.startNs)}</div>`;
}

function TopicsTable({ summary, rowCounts }: { summary: SequenceSummary; rowCounts: Map<string, bigint | undefined> }) {
  const topics = summary.info.topics;
  if (topics.length === 0) return html`<${EmptyState} icon="database" title="No topics yet">This sequence was created but no session wrote a topic.</${EmptyState}>`;
  return html`<div class="table-wrap"><table class="table" data-testid="topics-table">
    <thead><tr><th>Topic</th><th>Ontology tag</th><th class="num">Rows</th><th class="num">Size</th><th class="w-coverage">Time span</th><th>User metadata</th></tr></thead>
    <tbody>${topics.map((t) => {
      const rows = t.dataInfo?.rowCount ?? rowCounts.get(t.locator);
      return html`<tr class="row-link" data-testid="topic-row" data-locator=${t.locator} onClick=${() => navigate(href.topic(t.locator))}>
        <td><a class="strong mono" href=${href.topic(t.locator)} onClick=${(e: Event) => e.stopPropagation()}>${t.name}</a>
          ${!t.locked && html` <span class="badge badge-warn">open</span>`}
          ${t.serializationFormat && t.serializationFormat !== "default" && html` <span class="badge badge-muted">${t.serializationFormat}</span>`}</td>
        <td><${TagBadge} tag=${t.ontologyTag} /></td>
        <td class="num" data-testid="topic-rows">${rows === undefined ? html`<span class="muted" title="counting…">…</span>` : formatCount(rows)}</td>
        <td class="num nowrap">${formatBytes(t.dataInfo?.totalBytes)}</td>
        <td><${Coverage} topic=${t} startNs=${summary.startNs} endNs=${summary.endNs} /></td>
        <td><${MetadataChips} value=${t.userMetadata} max=${3} /></td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}

function SessionsTable({ summary }: { summary: SequenceSummary }) {
  const sessions = summary.info.sessions;
  if (sessions.length === 0) return html`<div class="muted pad">No sessions.</div>`;
  return html`<div class="table-wrap"><table class="table" data-testid="sessions-table">
    <thead><tr><th>Session</th><th>Created</th><th>Completed</th><th>State</th><th class="num">Topics</th></tr></thead>
    <tbody>${sessions.map(
      (s) => html`<tr>
        <td class="mono small">${s.locator.split(":")[1] ?? s.locator}</td>
        <td class="nowrap">${formatWallClock(s.createdAtNs)}</td>
        <td class="nowrap">${s.completedAtNs === null ? html`<span class="muted">—</span>` : formatWallClock(s.completedAtNs)}</td>
        <td>${s.locked ? html`<span class="badge badge-ok">finalized</span>` : html`<span class="badge badge-warn">open</span>`}</td>
        <td class="num">${s.topics.length}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

function Notifications({ items }: { items: NotificationItem[] }) {
  if (items.length === 0) return html`<div class="muted pad" data-testid="no-notifications">No notifications: every session ended cleanly.</div>`;
  return html`<ul class="notes" data-testid="notifications">${items.map(
    (n) => html`<li class="note"><span class="badge badge-error">${n.type}</span><div><div>${n.message}</div><div class="muted small">${n.createdDatetime}</div></div></li>`,
  )}</ul>`;
}

function DeleteButton({ name }: { name: string }) {
  const { client } = useClient();
  const [stage, setStage] = useState<"idle" | "confirm" | "busy">("idle");
  const [error, setError] = useState<Explanation | null>(null);
  const run = async () => {
    setStage("busy");
    try {
      await client.deleteSequence(name);
      navigate(href.catalog());
    } catch (reason) {
      setError(explainError(reason, "delete sequences"));
      setStage("idle");
    }
  };
  return html`<span class="row gap">
    ${stage === "idle" && html`<button class="btn btn-ghost-danger" onClick=${() => setStage("confirm")} data-testid="delete-sequence">Delete…</button>`}
    ${stage !== "idle" && html`<button class="btn btn-danger" disabled=${stage === "busy"} onClick=${run} data-testid="confirm-delete">Delete ${name} and its data</button>
      <button class="btn" onClick=${() => setStage("idle")}>Keep it</button>`}
    ${error && html`<span class="inline-error" title=${error.detail}>${error.title}</span>`}
  </span>`;
}

export function SequencePage({ name }: { name: string }) {
  const { client } = useClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<Explanation | null>(null);
  const [rowCounts, setRowCounts] = useState(new Map<string, bigint | undefined>());

  useEffect(() => {
    const abort = new AbortController();
    const signal = abort.signal;
    // A new client or target starts over: nothing of the previous one stays on screen.
    setError(null);
    setLoaded(null);
    setRowCounts(new Map());
    (async () => {
      const info = await withTopicDetails(client, await client.sequenceInfo(name, { signal }), signal);
      const notifications = await client.listSequenceNotifications(name, { signal }).catch(() => []);
      setLoaded({ summary: summarize(info), notifications });
      // J2 servers report no row counts: ask each topic's DoGet schema metadata.
      const missing = info.topics.filter((t) => t.dataInfo?.rowCount === undefined && t.dataInfo?.interval);
      await mapLimit(missing, 3, async (t) => {
        const count = await probeRowCount(client, t.locator, signal).catch(() => undefined);
        setRowCounts((m) => new Map(m).set(t.locator, count));
      });
    })().catch((reason) => !signal.aborted && setError(explainError(reason, "describe this sequence")));
    return () => abort.abort();
  }, [client, name]);

  const crumbs = [{ label: "Catalog", href: href.catalog() }, { label: name }];
  if (error) return html`<${PageHeader} title=${name} crumbs=${crumbs} /><${ErrorCallout} error=${error} />`;
  if (!loaded) return html`<${PageHeader} title=${name} crumbs=${crumbs} /><${Spinner} label="Loading…" />`;
  const { summary, notifications } = loaded;
  const rows = summary.totalRows ?? (rowCounts.size ? [...rowCounts.values()].reduce<bigint>((a, b) => a + (b ?? 0n), 0n) : undefined);
  return html`<${PageHeader} title=${html`<span class="mono">${name}</span>`} crumbs=${crumbs} testid="sequence-header"
      subtitle=${html`<${Icon} name="clock" size=${14} /> created ${formatWallClock(summary.createdAtNs)} (server clock)${summary.startNs !== undefined && summary.endNs !== undefined ? html` · ${formatDuration(summary.endNs - summary.startNs)} of data, times since its first sample` : ""}`}
      actions=${html`${summary.info.topics.length > 0 && html`<a class="btn btn-primary" href=${timelineHref(name)} data-testid="open-timeline"><${Icon} name="chart" size=${16} /> Open timeline</a>`}<${DownloadMcapButton} name=${name} /><${DeleteButton} name=${name} />`} />
    <div class="stats-row">
      <${Stat} label="Topics" value=${String(summary.topicCount)} />
      <${Stat} label="Rows" value=${formatCount(rows)} />
      <${Stat} label="Size" value=${formatBytes(summary.totalBytes)} />
      <${Stat} label="Duration" value=${summary.startNs !== undefined && summary.endNs !== undefined ? formatDuration(summary.endNs - summary.startNs) : "—"} />
      <${Stat} label="Sessions" value=${`${summary.info.sessions.length}${summary.openSessions ? ` (${summary.openSessions} open)` : ""}`} />
    </div>
    <${Card} title="Topics" testid="topics-card"><${TopicsTable} summary=${summary} rowCounts=${rowCounts} /></${Card}>
    <div class="grid-2">
      <${Card} title="User metadata"><${MetadataList} value=${summary.info.userMetadata} /></${Card}>
      <${Card} title=${html`Notifications <span class="count">${notifications.length}</span>`} testid="notifications-card"><${Notifications} items=${notifications} /></${Card}>
    </div>
    <${Card} title="Sessions" testid="sessions-card"><${SessionsTable} summary=${summary} /></${Card}>`;
}
