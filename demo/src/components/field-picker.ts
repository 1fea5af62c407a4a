/**
 * Checkbox chips of a topic's numeric fields, grouped by their parent struct.
 * A wide topic (hundreds or thousands of columns) gets a search box and shows
 * at most MAX_CHIPS matching chips, the selected ones always among them.
 */
import { useState } from "preact/hooks";
import type { LeafField } from "../lib/arrow-fields.js";
import { isSignalLeaf } from "../lib/arrow-fields.js";
import { html } from "../html.js";
import { PALETTE } from "./uplot-chart.js";

/** Past this many fields the picker searches instead of listing everything. */
const SEARCH_FROM = 40;
const MAX_CHIPS = 60;

export function FieldPicker({ leaves, selected, onChange, showAll }: { leaves: LeafField[]; selected: string[]; onChange: (next: string[]) => void; showAll: boolean }) {
  const [query, setQuery] = useState("");
  const candidates = showAll ? leaves : leaves.filter(isSignalLeaf);
  const searching = candidates.length > SEARCH_FROM;
  const needle = query.trim().toLowerCase();
  const matching = needle ? candidates.filter((leaf) => leaf.label.toLowerCase().includes(needle)) : candidates;
  const unselected = matching.filter((leaf) => !selected.includes(leaf.label));
  const shown = searching ? unselected.slice(0, MAX_CHIPS) : unselected;
  // Small topics keep schema order; a search puts the selected fields first so they stay reachable.
  const visible = searching ? [...candidates.filter((leaf) => selected.includes(leaf.label)), ...shown] : matching;
  const hidden = unselected.length - shown.length;
  const groups = new Map<string, LeafField[]>();
  for (const leaf of visible) {
    const group = leaf.path.length > 1 ? leaf.path.slice(0, -1).join(".") : "fields";
    groups.set(group, [...(groups.get(group) ?? []), leaf]);
  }
  const toggle = (label: string) => onChange(selected.includes(label) ? selected.filter((s) => s !== label) : [...selected, label]);
  const search = searching
    ? html`<div class="field-search"><input class="input" type="search" placeholder=${`Search ${candidates.length} fields`} value=${query} data-testid="field-search"
        onInput=${(e: Event) => setQuery((e.target as HTMLInputElement).value)} />
        ${hidden > 0 && html`<span class="muted small" data-testid="field-search-more">${hidden} more match; refine the search</span>`}</div>`
    : null;
  return html`${search}<div class="field-picker" data-testid="field-picker">${[...groups].map(
    ([group, items]) => html`<div class="field-group"><span class="field-group-name">${group}</span>${items.map((leaf) => {
      const index = selected.indexOf(leaf.label);
      const on = index >= 0;
      return html`<button type="button" class=${`field-chip ${on ? "on" : ""}`} style=${on ? `--chip:${PALETTE[index % PALETTE.length]}` : ""}
        title=${`${leaf.label}: ${leaf.type}`} data-testid=${`field-${leaf.label}`} onClick=${() => toggle(leaf.label)}>${leaf.path[leaf.path.length - 1]}</button>`;
    })}</div>`,
  )}</div>`;
}
