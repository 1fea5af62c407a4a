/**
 * The rows around the cursor, for any topic (lists, nested structs, text,
 * topics without a number): the row at or before the cursor highlighted,
 * five on either side, each column's value in short form. Wide topics show
 * their first columns and say how many more there are.
 */
import { html } from "../../html.js";
import { indexAtOrBefore } from "../../lib/nearest-row.js";
import { formatSinceStart } from "../../lib/time.js";
import { rowAccumulator, rowAt, type RowData } from "../../lib/timeline-accumulators.js";
import { useWindowRead } from "../../lib/use-window-read.js";
import { ReadStatus } from "./read-status.js";
import type { TimelineViewProps } from "./view-props.js";

const MAX_ROWS = 50_000;
const AROUND = 5;
const MAX_COLUMNS = 24;
const EMPTY: RowData = { ts: [], batches: [] };

/** A short text of any Arrow value (structs, lists, bytes, bigints). */
export function shortValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toPrecision(6);
  if (typeof value === "string") return value.length > 60 ? `${value.slice(0, 57)}…` : value;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (depth > 2) return "…";
  const items = value as { toArray?: () => unknown; toJSON?: () => unknown; length?: number };
  if (Array.isArray(value) || ArrayBuffer.isView(value) || typeof items.toArray === "function") {
    const array = Array.from((typeof items.toArray === "function" ? items.toArray() : value) as ArrayLike<unknown>);
    const shown = array.slice(0, 6).map((v) => shortValue(v, depth + 1));
    return `[${shown.join(", ")}${array.length > 6 ? `, … ${array.length} items` : ""}]`;
  }
  const object = typeof items.toJSON === "function" ? (items.toJSON() as Record<string, unknown>) : (value as Record<string, unknown>);
  const entries = Object.entries(object).slice(0, 6);
  return `{${entries.map(([k, v]) => `${k}: ${shortValue(v, depth + 1)}`).join(", ")}${Object.keys(object).length > 6 ? ", …" : ""}}`;
}

export function TableView({ client, topic, baseNs, window, cursorNs, onCursor }: TimelineViewProps) {
  const read = useWindowRead(client, { locator: topic.locator, ...window, accumulate: rowAccumulator, shape: "rows", maxRows: MAX_ROWS }, EMPTY);
  const { ts } = read.data;
  const at = indexAtOrBefore(ts, cursorNs);
  const from = Math.max(0, (at < 0 ? 0 : at) - AROUND);
  const to = Math.min(ts.length, from + 2 * AROUND + 1);
  const columns = (topic.schema?.fields ?? []).map((f) => f.name).filter((n) => n !== "timestamp_ns");
  const shown = columns.slice(0, MAX_COLUMNS);
  const rows = Array.from({ length: to - from }, (_, k) => ({ index: from + k, row: rowAt(read.data, from + k) }));
  return html`<div class="table-view">
    <div class="table-wrap"><table class="table table-compact" data-testid="timeline-rows" data-rows=${ts.length} data-cursor-row=${at}>
      <thead><tr><th>Time</th>${shown.map((c) => html`<th class="mono">${c}</th>`)}</tr></thead>
      <tbody>${rows.map(({ index, row }) => html`<tr class=${index === at ? "row-current" : "row-link"} data-current=${index === at ? "true" : "false"} onClick=${() => onCursor(ts[index]!)}>
        <td class="mono nowrap">${formatSinceStart(ts[index]!, baseNs)}</td>
        ${shown.map((c) => html`<td class="mono small">${shortValue(row?.[c])}</td>`)}
      </tr>`)}</tbody>
    </table></div>
    ${columns.length > shown.length && html`<div class="muted small">${columns.length - shown.length} more columns; the topic's Schema tab lists them all.</div>`}
    ${read.status === "done" && ts.length === 0 && html`<div class="muted small">No rows in this window.</div>`}
    <${ReadStatus} read=${read} />
  </div>`;
}
