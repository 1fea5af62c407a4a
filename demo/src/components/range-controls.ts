/**
 * The time range of a topic page: an overview strip with a brush, and exact
 * From/To fields in seconds since the recording started (converted to
 * nanoseconds without passing through a float).
 */
import { useEffect, useState } from "preact/hooks";
import type uPlot from "uplot";
import { html } from "../html.js";
import { formatDuration, parseSecondsToNs, secondsText } from "../lib/time.js";
import { UPlotChart } from "./uplot-chart.js";

export interface TimeRangeNs {
  startNs: bigint;
  endNs: bigint;
}

export interface RangeControlsProps {
  baseNs: bigint;
  /** The whole topic, end exclusive. */
  whole: TimeRangeNs;
  range: TimeRangeNs;
  onRange: (range: TimeRangeNs) => void;
  /** Overview data; null while it loads; undefined for a plain timeline (no numeric field). */
  overview: uPlot.AlignedData | null | undefined;
  overviewLabel?: string;
  /** No strip of its own (the page draws one), only the exact fields. */
  plain?: boolean;
  /** Label of the reset button ("Whole topic"). */
  wholeLabel?: string;
}

/** Where the selected range lies in the topic, for topics without a numeric overview. */
function Timeline({ baseNs, whole, range }: { baseNs: bigint; whole: TimeRangeNs; range: TimeRangeNs }) {
  const span = Number(whole.endNs - whole.startNs);
  const left = Math.max(0, (Number(range.startNs - whole.startNs) / span) * 100);
  const width = Math.max(0.5, Math.min(100 - left, (Number(range.endNs - range.startNs) / span) * 100));
  return html`<div class="timeline" data-testid="timeline">
    <div class="timeline-track"><div class="timeline-sel" style=${`left:${left}%;width:${width}%`}></div></div>
    <div class="timeline-scale"><span>${secondsText(whole.startNs - baseNs)} s</span><span>${secondsText(whole.endNs - baseNs)} s</span></div>
  </div>`;
}

const msToNs = (seconds: number) => BigInt(Math.round(seconds * 1000)) * 1_000_000n;

export function RangeControls({ baseNs, whole, range, onRange, overview, overviewLabel, plain = false, wholeLabel = "Whole topic" }: RangeControlsProps) {
  const [from, setFrom] = useState(secondsText(range.startNs - baseNs));
  const [to, setTo] = useState(secondsText(range.endNs - baseNs));
  const [invalid, setInvalid] = useState<string | null>(null);
  useEffect(() => {
    setFrom(secondsText(range.startNs - baseNs));
    setTo(secondsText(range.endNs - baseNs));
  }, [range.startNs, range.endNs, baseNs]);

  const apply = (e: Event) => {
    e.preventDefault();
    const start = parseSecondsToNs(from);
    const end = parseSecondsToNs(to);
    if (start === undefined || end === undefined) return setInvalid("Enter seconds, e.g. 10 or 12.5");
    if (end <= start) return setInvalid("To must be after From");
    setInvalid(null);
    onRange({ startNs: baseNs + start, endNs: baseNs + end });
  };
  const isWhole = range.startNs === whole.startNs && range.endNs === whole.endNs;
  const band: [number, number] = [Number(range.startNs - baseNs) / 1e9, Number(range.endNs - baseNs) / 1e9];
  return html`<div class="range-controls">
    ${plain
      ? null
      : overview === undefined
      ? html`<${Timeline} baseNs=${baseNs} whole=${whole} range=${range} />`
      : html`<div class="overview" data-testid="overview">
      ${overview
        ? html`<${UPlotChart} data=${overview} series=${[{ label: "min", color: "#94a3b8" }, { label: "max", color: "#475569" }]} height=${110} compact=${true} testid="overview-chart"
            band=${isWhole ? undefined : band}
            onSelect=${(a: number, b: number) => onRange({ startNs: baseNs + msToNs(a), endNs: baseNs + msToNs(b) })} />`
        : html`<div class="overview-placeholder">Loading overview…</div>`}
      <div class="overview-hint">${overviewLabel ? html`<b>${overviewLabel}</b> over the whole topic · ` : ""}drag across the strip to pick a time range</div>
    </div>`}
    <form class="range-form" onSubmit=${apply} data-testid="range-form">
      <label class="field field-inline"><span class="field-label">From</span>
        <span class="input-suffix"><input class="input mono" value=${from} data-testid="range-from" onInput=${(e: Event) => setFrom((e.target as HTMLInputElement).value)} /><span>s</span></span></label>
      <label class="field field-inline"><span class="field-label">To</span>
        <span class="input-suffix"><input class="input mono" value=${to} data-testid="range-to" onInput=${(e: Event) => setTo((e.target as HTMLInputElement).value)} /><span>s</span></span></label>
      <button class="btn btn-primary" type="submit" data-testid="range-apply">Apply</button>
      <button class="btn" type="button" disabled=${isWhole} onClick=${() => onRange(whole)} data-testid="range-whole">${wholeLabel}</button>
      <span class="muted small">[From, To) · ${formatDuration(range.endNs - range.startNs)} selected${invalid ? html` · <span class="inline-error">${invalid}</span>` : ""}</span>
    </form>
  </div>`;
}
