/** The upload page's drop zone and its preview of the dropped file (first rows, mapped column, time span). */
import { useState } from "preact/hooks";
import { html } from "../html.js";
import { formatCount } from "../lib/format.js";
import type { TabularFile } from "../lib/tabular-file.js";
import { formatDuration, formatWallClock } from "../lib/time.js";
import type { TimeUnit } from "../lib/timestamp-column.js";
import type { TimePlan } from "../lib/upload-plan.js";
import { Icon } from "./icons.js";

export function Dropzone({ onFile, busy }: { onFile: (f: File) => void; busy: boolean }) {
  const [over, setOver] = useState(false);
  return html`<label class=${`dropzone ${over ? "over" : ""}`} data-testid="dropzone"
      onDragOver=${(e: DragEvent) => { e.preventDefault(); setOver(true); }} onDragLeave=${() => setOver(false)}
      onDrop=${(e: DragEvent) => { e.preventDefault(); setOver(false); const f = e.dataTransfer?.files[0]; if (f) onFile(f); }}>
    <input type="file" accept=".csv,.arrow,.arrows,.ipc,.feather,.mcap,.bag,text/csv" hidden data-testid="file-input" disabled=${busy}
      onChange=${(e: Event) => { const input = e.target as HTMLInputElement; const f = input.files?.[0]; input.value = ""; if (f) onFile(f); }} />
    <div class="dropzone-icon"><${Icon} name="upload" size=${28} /></div>
    <div class="dropzone-title">Drop a CSV, Arrow IPC or MCAP file here</div>
    <div class="muted">or click to choose one · CSV: one header row; dotted headers such as <code>acceleration.x</code> become nested fields ·
      MCAP (ROS 2 bags, Foxglove) and ROS 1 bags: one topic per channel</div>
  </label>`;
}

export interface PreviewProps {
  file: TabularFile;
  timestampColumn: string;
  unit: TimeUnit;
  plan: TimePlan | undefined;
}

export function Preview({ file, timestampColumn, unit, plan }: PreviewProps) {
  const shown = Math.min(6, file.rowCount);
  const span = plan?.span;
  return html`<div data-testid="upload-preview">
    <div class="muted small">${file.fileName} · ${file.format.toUpperCase()} · ${formatCount(file.rowCount)} rows · ${file.columns.length} columns</div>
    <div class="table-wrap"><table class="table compact">
      <thead><tr>${file.columns.map((c) => html`<th class=${c.name === timestampColumn ? "mapped" : ""}>${c.name}<div class="th-type">${c.name === timestampColumn ? `→ timestamp_ns (${unit})` : c.type}</div></th>`)}</tr></thead>
      <tbody>${Array.from({ length: shown }, (_, r) => html`<tr>${file.columns.map((c) => html`<td class="mono small">${file.cell(r, c.name)}</td>`)}</tr>`)}</tbody>
    </table></div>
    ${span &&
    html`<div class="muted small" data-testid="upload-span">Time span: ${formatDuration(span.last - span.first)}${
      // Only ISO dates say the column is wall-clock time; a number may be any clock (timestamp_ns is a monotonic timer since the Python SDK 0.6).
      unit === "iso" ? ` (${formatWallClock(span.first)} → ${formatWallClock(span.last)})` : ` (timestamp_ns ${span.first} → ${span.last})`}</div>`}
  </div>`;
}
