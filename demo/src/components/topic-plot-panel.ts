/**
 * Plot tab of a topic: pick fields, pick a range on the overview, and watch
 * the rows of that range stream into the chart (progress, cancel).
 */
import { useMemo, useState } from "preact/hooks";
import { html } from "../html.js";
import { defaultLeaves, numericLeaves } from "../lib/arrow-fields.js";
import { formatBytes, formatCount } from "../lib/format.js";
import { timelineHref } from "../lib/timeline-layout.js";
import { numericListFields } from "../lib/timeline-views.js";
import { unitOfField } from "../lib/units.js";
import { useOverview } from "../lib/use-overview.js";
import { useTopicSeries } from "../lib/use-topic-series.js";
import type { MosaicoClient, TopicInfo } from "../sdk.js";
import { EmptyState, ErrorCallout, Notice, ProgressBar } from "./feedback.js";
import { FieldPicker } from "./field-picker.js";
import { Card } from "./page.js";
import { RangeControls, type TimeRangeNs } from "./range-controls.js";
import { UPlotChart } from "./uplot-chart.js";

export interface TopicPanelProps {
  client: MosaicoClient;
  topic: TopicInfo;
  baseNs: bigint;
  whole: TimeRangeNs;
  range: TimeRangeNs;
  onRange: (range: TimeRangeNs) => void;
}

export function TopicPlotPanel({ client, topic, baseNs, whole, range, onRange }: TopicPanelProps) {
  const leaves = useMemo(() => (topic.schema ? numericLeaves(topic.schema) : []), [topic.schema]);
  const [selected, setSelected] = useState<string[]>(() => defaultLeaves(leaves));
  const [showAll, setShowAll] = useState(false);
  const byLabel = new Map(leaves.map((l) => [l.label, l]));
  const paths = selected.map((s) => byLabel.get(s)?.path).filter((p): p is string[] => !!p);
  const series = useTopicSeries(
    client,
    paths.length ? { locator: topic.locator, leaves: paths, startNs: range.startNs, endNs: range.endNs, baseNs } : null,
  );
  // No field picked (a topic whose only numbers are header or covariance fields, such as joint states):
  // the range card shows the plain timeline rather than an overview that never loads.
  const overview = useOverview(client, topic.locator, paths[0], { startNs: whole.startNs, endNs: whole.endNs - 1n }, baseNs);

  const plotted = selected.filter((s) => byLabel.has(s));
  const units = plotted.map((label) => unitOfField(topic.ontologyTag, byLabel.get(label)!.path));
  const lists = numericListFields(topic.schema);
  // Joint states keep their values in lists (one element per joint): the timeline plots them per joint.
  const perJoint = lists.length > 0 && html`<${Notice} testid="per-joint-notice">${lists.join(", ")} hold one value per element (per joint):
    <a href=${timelineHref(topic.locator.split("/")[0] ?? "", { panels: lists.map((field) => ({ topic: topic.name, view: "plot", fields: [field] })) })} data-testid="per-joint-link">plot them per joint on the timeline</a>.</${Notice}>`;
  if (leaves.length === 0) {
    return html`<${Card}><${EmptyState} icon="chart" title="Nothing to plot">This topic has no numeric fields. See its schema, or its frames if it holds images.</${EmptyState}></${Card}>`;
  }
  const loading = series.status === "loading";
  const fraction = series.expected ? series.rows / series.expected : undefined;
  const statusText =
    series.status === "loading"
      ? `Streaming… ${formatCount(series.rows)}${series.expected !== undefined ? ` of ${formatCount(series.expected)}` : ""} rows · ${formatBytes(series.bytes)}`
      : series.status === "cancelled"
        ? `Cancelled after ${formatCount(series.rows)}${series.expected !== undefined ? ` of ${formatCount(series.expected)}` : ""} rows: the plot keeps what arrived`
        : `${formatCount(series.rows)} rows · ${formatBytes(series.bytes)} in ${(series.elapsedMs / 1000).toFixed(2)} s`;
  return html`
    <${Card} title="Time range" testid="range-card">
      <${RangeControls} baseNs=${baseNs} whole=${whole} range=${range} onRange=${onRange} overview=${paths.length > 0 ? overview.data : undefined} overviewLabel=${selected[0]} />
    </${Card}>
    ${perJoint}
    <${Card} title="Signals" testid="signals-card"
      actions=${html`<label class="check small"><input type="checkbox" checked=${showAll} onChange=${(e: Event) => setShowAll((e.target as HTMLInputElement).checked)} /> header & covariance fields</label>`}>
      <${FieldPicker} leaves=${leaves} selected=${selected} onChange=${setSelected} showAll=${showAll} />
      ${paths.length === 0
        ? html`<${Notice}>Pick one or more fields to plot.</${Notice}>`
        : html`<div class="plot-wrap" data-testid="detail-plot-wrap" data-state=${series.status} data-rows=${series.rows} data-expected=${series.expected ?? ""}>
            <${UPlotChart} data=${series.data} series=${plotted.map((label, i) => ({ label, unit: units[i] }))} height=${320}
              yLabel=${units.length > 0 && units.every((u) => u === units[0]) ? units[0] : undefined}
              xLabel="seconds since the recording started" testid="detail-plot" />
          </div>
          <${ProgressBar} fraction=${series.status === "done" ? 1 : fraction} label=${statusText} state=${series.status} testid="read-progress" onCancel=${loading ? series.cancel : undefined} />
          ${series.error && html`<${ErrorCallout} error=${series.error} />`}
          <div class="muted small">Drag on the chart to zoom, double-click to reset. The chart holds every row of the range (no downsampling).</div>`}
    </${Card}>`;
}
