/** Checkbox chips of a topic's numeric fields, grouped by their parent struct. */
import type { LeafField } from "../lib/arrow-fields.js";
import { isSignalLeaf } from "../lib/arrow-fields.js";
import { html } from "../html.js";
import { PALETTE } from "./uplot-chart.js";

export function FieldPicker({ leaves, selected, onChange, showAll }: { leaves: LeafField[]; selected: string[]; onChange: (next: string[]) => void; showAll: boolean }) {
  const visible = showAll ? leaves : leaves.filter(isSignalLeaf);
  const groups = new Map<string, LeafField[]>();
  for (const leaf of visible) {
    const group = leaf.path.length > 1 ? leaf.path.slice(0, -1).join(".") : "fields";
    groups.set(group, [...(groups.get(group) ?? []), leaf]);
  }
  const toggle = (label: string) => onChange(selected.includes(label) ? selected.filter((s) => s !== label) : [...selected, label]);
  return html`<div class="field-picker" data-testid="field-picker">${[...groups].map(
    ([group, items]) => html`<div class="field-group"><span class="field-group-name">${group}</span>${items.map((leaf) => {
      const index = selected.indexOf(leaf.label);
      const on = index >= 0;
      return html`<button type="button" class=${`field-chip ${on ? "on" : ""}`} style=${on ? `--chip:${PALETTE[index % PALETTE.length]}` : ""}
        title=${`${leaf.label}: ${leaf.type}`} data-testid=${`field-${leaf.label}`} onClick=${() => toggle(leaf.label)}>${leaf.path[leaf.path.length - 1]}</button>`;
    })}</div>`,
  )}</div>`;
}
