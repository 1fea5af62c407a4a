/** Sortable table headers: click to sort, click again to reverse. */
import { html } from "../html.js";

export interface SortState<K extends string> {
  key: K;
  dir: 1 | -1;
}

export function SortHeader<K extends string>({ label, sortKey, sort, onSort, align }: { label: string; sortKey: K; sort: SortState<K>; onSort: (s: SortState<K>) => void; align?: "right" }) {
  const active = sort.key === sortKey;
  const next: SortState<K> = { key: sortKey, dir: active ? ((-sort.dir) as 1 | -1) : 1 };
  return html`<th class=${`sortable ${active ? "sorted" : ""} ${align === "right" ? "num" : ""}`} aria-sort=${active ? (sort.dir === 1 ? "ascending" : "descending") : "none"}>
    <button class="th-button" onClick=${() => onSort(next)} data-testid=${`sort-${sortKey}`}>${label}<span class="sort-arrow">${active ? (sort.dir === 1 ? "▲" : "▼") : "↕"}</span></button>
  </th>`;
}

/** Compares two cell values of any of the types the tables hold. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}
