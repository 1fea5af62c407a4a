/**
 * One topic: facts, then tabs: Plot (numeric fields, streamed), Frames
 * (image topics), Compare (merged with another topic), Schema. The time
 * range lives in the URL as exact nanoseconds (`?start=&end=`), so a search
 * result or a shared link opens the same window. Times show as seconds since
 * the sequence start: `timestamp_ns` is a monotonic timer (Python SDK 0.6,
 * mosaico#564); wall-clock time comes only from a header stamp.
 */
import { useEffect, useState } from "preact/hooks";
import { useClient } from "../state/connection.js";
import { bigintParam, href, navigate } from "../routing/router.js";
import { ErrorCallout, Spinner } from "../components/feedback.js";
import { FramesPanel } from "../components/frames-panel.js";
import { Icon } from "../components/icons.js";
import { MergedPanel } from "../components/merged-panel.js";
import { Card, MetadataList, PageHeader, Stat, TagBadge } from "../components/page.js";
import type { TimeRangeNs } from "../components/range-controls.js";
import { SchemaTree } from "../components/schema-tree.js";
import { TopicPlotPanel } from "../components/topic-plot-panel.js";
import { html } from "../html.js";
import { roundedEnd } from "../lib/time.js";
import { isImageSchema } from "../lib/arrow-fields.js";
import { probeRowCount, summarize } from "../lib/catalog-data.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { formatBytes, formatCount } from "../lib/format.js";
import { formatDuration, formatHeaderStamp, formatSinceStart } from "../lib/time.js";
import { timelineHref } from "../lib/timeline-layout.js";
import { defaultView } from "../lib/timeline-views.js";
import { useFirstStamp } from "../lib/use-first-stamp.js";
import type { MosaicoClient, SequenceInfo, TopicInfo } from "../sdk.js";

interface Loaded {
  topic: TopicInfo;
  sequence: SequenceInfo;
  /** Time origin of every x axis: when the recording's first topic starts. */
  baseNs: bigint;
  rows?: bigint;
}

/** Wall-clock time of the first sample, from its header stamp; nothing from `timestamp_ns`, a monotonic timer. */
function FirstStampStat({ client, topic }: { client: MosaicoClient; topic: TopicInfo }) {
  const stamp = useFirstStamp(client, topic);
  const value =
    stamp === undefined ? html`<span class="muted small">reading…</span>`
    : stamp === null ? html`<span class="muted small" title="No header.timestamp: this topic's only time is timestamp_ns, a timer, not a date">no header stamp</span>`
    : html`<span class="small" title="header.timestamp of the first row">${formatHeaderStamp(stamp)}</span>`;
  return html`<${Stat} label="Sensor time (header)" value=${value} testid="topic-stamp-stat" />`;
}

type Tab = "plot" | "frames" | "compare" | "schema";

const TABS: { id: Tab; label: string; icon: string }[] = [
  { id: "plot", label: "Plot", icon: "chart" },
  { id: "frames", label: "Frames", icon: "image" },
  { id: "compare", label: "Compare", icon: "merge" },
  { id: "schema", label: "Schema", icon: "tree" },
];

export function TopicPage({ locator, params }: { locator: string; params: URLSearchParams }) {
  const { client } = useClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<Explanation | null>(null);
  const sequenceName = locator.split("/")[0] ?? "";

  useEffect(() => {
    const abort = new AbortController();
    const signal = abort.signal;
    // A new client or target starts over: nothing of the previous one stays on screen.
    setError(null);
    setLoaded(null);
    (async () => {
      const [topic, sequence] = await Promise.all([client.topicInfo(locator, { signal }), client.sequenceInfo(sequenceName, { signal })]);
      const baseNs = summarize(sequence).startNs ?? topic.dataInfo?.interval?.startNs ?? 0n;
      const rows = topic.dataInfo?.rowCount ?? (topic.dataInfo?.interval ? await probeRowCount(client, locator, signal) : 0n);
      setLoaded({ topic, sequence, baseNs, rows });
    })().catch((reason) => !signal.aborted && setError(explainError(reason, "describe this topic")));
    return () => abort.abort();
  }, [client, locator]);

  const crumbs = [{ label: "Catalog", href: href.catalog() }, { label: sequenceName, href: href.sequence(sequenceName) }, { label: locator.slice(sequenceName.length) }];
  if (error) return html`<${PageHeader} title=${locator} crumbs=${crumbs} /><${ErrorCallout} error=${error} />`;
  if (!loaded) return html`<${PageHeader} title=${locator} crumbs=${crumbs} /><${Spinner} label="Loading…" />`;

  const { topic, sequence, baseNs } = loaded;
  const interval = topic.dataInfo?.interval;
  const image = isImageSchema(topic.schema, topic.ontologyTag);
  const tab = (params.get("tab") as Tab | null) ?? (image ? "frames" : "plot");
  const whole: TimeRangeNs | undefined = interval ? { startNs: interval.startNs, endNs: roundedEnd(interval.endNs, baseNs) } : undefined;
  const range: TimeRangeNs | undefined = whole && {
    startNs: bigintParam(params, "start") ?? whole.startNs,
    endNs: bigintParam(params, "end") ?? whole.endNs,
  };
  const go = (next: { range?: TimeRangeNs; tab?: Tab }) => {
    const r = next.range ?? range;
    const isWhole = r && whole && r.startNs === whole.startNs && r.endNs === whole.endNs;
    navigate(href.topic(locator, { startNs: isWhole ? undefined : r?.startNs, endNs: isWhole ? undefined : r?.endNs, tab: next.tab ?? (params.get("tab") || undefined) }), true);
  };
  const tabs = TABS.filter((t) => (t.id === "frames" ? image : t.id === "plot" || t.id === "compare" ? !image : true));
  const panelProps = { client, topic, baseNs, whole, range, onRange: (r: TimeRangeNs) => go({ range: r }) };

  return html`<${PageHeader} crumbs=${crumbs} testid="topic-header"
      title=${html`<span class="mono">${topic.name}</span> <${TagBadge} tag=${topic.ontologyTag} />`}
      subtitle=${html`in <a href=${href.sequence(sequenceName)} class="mono">${sequenceName}</a> · ${topic.serializationFormat ?? "default"} serialization · ${topic.locked ? "finalized" : "open session"}`}
      actions=${whole && html`<a class="btn" data-testid="topic-timeline" href=${timelineHref(sequenceName, { panels: [{ topic: topic.name, view: defaultView(topic), fields: [] }], startNs: range?.startNs, endNs: range?.endNs })}><${Icon} name="chart" size=${16} /> On the timeline</a>`} />
    <div class="stats-row" data-testid="topic-stats">
      <${Stat} label="Rows" value=${formatCount(loaded.rows)} testid="topic-rows-stat" />
      <${Stat} label="Size" value=${formatBytes(topic.dataInfo?.totalBytes)} />
      <${Stat} label="Duration" value=${interval ? formatDuration(interval.endNs - interval.startNs) : "—"} />
      <${Stat} label="Rate" value=${interval && loaded.rows && interval.endNs > interval.startNs ? `${(Number(loaded.rows - 1n) / (Number(interval.endNs - interval.startNs) / 1e9)).toFixed(1)} Hz` : "—"} />
      <${Stat} label="First sample, since sequence start" testid="topic-first-stat"
        value=${interval ? html`<span class="mono" title=${`timestamp_ns ${interval.startNs}`}>${formatSinceStart(interval.startNs, baseNs)}</span>` : "—"} />
      ${interval && html`<${FirstStampStat} client=${client} topic=${topic} />`}
    </div>
    <div class="tabs" role="tablist">${tabs.map(
      (t) => html`<button role="tab" class=${`tab ${tab === t.id ? "active" : ""}`} aria-selected=${tab === t.id} data-testid=${`tab-${t.id}`} onClick=${() => go({ tab: t.id })}><${Icon} name=${t.icon} size=${16} /> ${t.label}</button>`,
    )}</div>
    ${!whole || !range
      ? html`<${Card}><div class="muted">This topic holds no data yet.</div></${Card}>`
      : tab === "schema"
        ? null
        : tab === "frames"
          ? html`<${FramesPanel} ...${panelProps} whole=${whole} range=${range} />`
          : tab === "compare"
            ? html`<${MergedPanel} client=${client} sequence=${sequence} topic=${topic} baseNs=${baseNs} range=${range} />`
            : html`<${TopicPlotPanel} ...${panelProps} whole=${whole} range=${range} />`}
    ${tab === "schema" &&
    html`<div class="grid-2">
      <${Card} title="Arrow schema">${topic.schema ? html`<${SchemaTree} schema=${topic.schema} />` : html`<div class="muted">No schema yet (no data was written).</div>`}</${Card}>
      <${Card} title="User metadata"><${MetadataList} value=${topic.userMetadata} /></${Card}>
    </div>`}`;
}
