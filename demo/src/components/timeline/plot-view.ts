/**
 * A plot panel of the shared timeline: the chosen numeric fields over the
 * window, the shared cursor as a line, and a readout of each value at the
 * cursor (the last sample at or before it) with its unit. A click moves the
 * cursor; a drag brushes the window of every panel. Numeric list columns
 * (joint positions) plot one series per element, named after `names`.
 */
import { useMemo, useState } from "preact/hooks";
import { html } from "../../html.js";
import { defaultLeaves, numericLeaves, type LeafField } from "../../lib/arrow-fields.js";
import { indexAtOrBefore } from "../../lib/nearest-row.js";
import { formatHeaderStamp, formatSinceStart } from "../../lib/time.js";
import { seriesAccumulator, type PlotField, type SeriesData } from "../../lib/timeline-accumulators.js";
import { numericListFields } from "../../lib/timeline-views.js";
import { unitOfField } from "../../lib/units.js";
import { useWindowRead } from "../../lib/use-window-read.js";
import { FieldPicker } from "../field-picker.js";
import { Notice } from "../feedback.js";
import { PALETTE, UPlotChart } from "../uplot-chart.js";
import { ReadStatus } from "./read-status.js";
import { fromSeconds, seconds, type TimelineViewProps } from "./view-props.js";

const MAX_ROWS = 300_000;
const EMPTY: SeriesData = { ts: [], x: [], columns: [] };

/** Leaves and list columns a plot can pick from; list columns are labelled by their name. */
function plotChoices(topic: TimelineViewProps["topic"]): { leaves: LeafField[]; fields: Map<string, PlotField> } {
  const schema = topic.schema;
  const leaves = schema ? numericLeaves(schema) : [];
  const lists = numericListFields(schema).map((name): LeafField => ({ path: [name], label: name, type: "List" }));
  const fields = new Map<string, PlotField>();
  for (const leaf of leaves) fields.set(leaf.label, { label: leaf.label, path: leaf.path, list: false });
  for (const leaf of lists) fields.set(leaf.label, { label: leaf.label, path: leaf.path, list: true });
  return { leaves: [...leaves, ...lists], fields };
}

function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toPrecision(5);
}

export function PlotView({ client, topic, spec, baseNs, window, cursorNs, onCursor, onRange, onSpec }: TimelineViewProps) {
  const { leaves, fields } = useMemo(() => plotChoices(topic), [topic]);
  const [showAll, setShowAll] = useState(false);
  const [picking, setPicking] = useState(false);
  const defaults = useMemo(() => {
    const picked = defaultLeaves(leaves.filter((l) => l.type !== "List"));
    return picked.length ? picked : leaves.filter((l) => l.type === "List").slice(0, 1).map((l) => l.label);
  }, [leaves]);
  const selected = (spec.fields.length ? spec.fields : defaults).filter((label) => fields.has(label));
  const chosen = selected.map((label) => fields.get(label)!);
  const read = useWindowRead(
    client,
    chosen.length ? { locator: topic.locator, startNs: window.startNs, endNs: window.endNs, accumulate: () => seriesAccumulator(baseNs, chosen), shape: selected.join(","), maxRows: MAX_ROWS } : null,
    EMPTY,
  );
  const data = read.data;
  const units = data.columns.map((c) => unitOfField(topic.ontologyTag, c.field.path));
  const sharedUnit = units.length > 0 && units.every((u) => u === units[0]) ? units[0] : undefined;
  const aligned = useMemo(() => [data.x, ...data.columns.map((c) => c.values)] as unknown as import("uplot").AlignedData, [data]);
  const at = indexAtOrBefore(data.ts, cursorNs);
  const stamp = at >= 0 ? data.stamps?.[at] : undefined;

  if (leaves.length === 0) return html`<${Notice}>This topic has no numeric field to plot; show it as rows instead.</${Notice}>`;
  return html`<div class="plot-view">
    <div class="row gap flex-wrap">
      <button class="btn btn-small" type="button" onClick=${() => setPicking(!picking)} data-testid="plot-fields-toggle">${picking ? "Done" : `Fields (${selected.length})`}</button>
      ${picking && html`<label class="check small"><input type="checkbox" checked=${showAll} onChange=${(e: Event) => setShowAll((e.target as HTMLInputElement).checked)} /> header & covariance fields</label>`}
    </div>
    ${picking && html`<${FieldPicker} leaves=${leaves} selected=${selected} showAll=${showAll} onChange=${(next: string[]) => onSpec({ ...spec, fields: next })} />`}
    ${chosen.length === 0
      ? html`<${Notice}>Pick one or more fields to plot.</${Notice}>`
      : html`<div data-testid="timeline-plot" data-state=${read.status} data-rows=${read.rows}>
          <${UPlotChart} data=${aligned} height=${200} testid="timeline-chart" noLegend=${true}
            series=${data.columns.map((c, i) => ({ label: c.label, unit: units[i] }))}
            yLabel=${sharedUnit} xLabel="seconds since the sequence start"
            xRange=${[seconds(window.startNs, baseNs), seconds(window.endNs, baseNs)]}
            cursorX=${seconds(cursorNs, baseNs)}
            onPick=${(x: number) => onCursor(fromSeconds(x, baseNs))}
            onSelect=${(a: number, b: number) => onRange({ startNs: fromSeconds(a, baseNs), endNs: fromSeconds(b, baseNs) })} />
        </div>
        <div class="readout" data-testid="readout" data-row=${at} data-timestamp-ns=${at >= 0 ? String(data.ts[at]) : ""}>
          <span class="readout-time mono" title="timestamp_ns of the sample at or before the cursor">${at >= 0 ? formatSinceStart(data.ts[at]!, baseNs) : "no sample yet"}</span>
          ${stamp !== undefined && stamp !== null && html`<span class="readout-stamp small" data-testid="readout-stamp" title="header.timestamp of this sample">${formatHeaderStamp(stamp)}</span>`}
          ${data.columns.map((c, i) => {
            const value = at >= 0 ? c.values[at] : undefined;
            return html`<span class="readout-item" data-testid="readout-value" data-label=${c.label} data-value=${value === null || value === undefined ? "" : String(value)}>
              <span class="readout-swatch" style=${`background:${PALETTE[i % PALETTE.length]}`}></span><span class="readout-label">${c.label}</span> <b class="mono">${formatValue(value)}</b>${units[i] ? html` <span class="muted">${units[i]}</span>` : ""}</span>`;
          })}
        </div>`}
    <${ReadStatus} read=${read} />
  </div>`;
}
