/** Page frame pieces: header with breadcrumbs, cards, stat tiles, badges, metadata chips. */
import { flattenMetadata, hueOf } from "../lib/format.js";
import { html, type View } from "../html.js";

export interface Crumb {
  label: string;
  href?: string;
}

export function PageHeader({ title, crumbs = [], subtitle, actions, testid }: { title: View | string; crumbs?: Crumb[]; subtitle?: View | string; actions?: View; testid?: string }) {
  return html`<div class="page-header" data-testid=${testid}>
    ${crumbs.length > 0 &&
    html`<nav class="crumbs">${crumbs.map(
      (c, i) => html`${i > 0 && html`<span class="crumb-sep">/</span>`}${c.href ? html`<a href=${c.href}>${c.label}</a>` : html`<span>${c.label}</span>`}`,
    )}</nav>`}
    <div class="page-title-row">
      <div>
        <h1 class="page-title">${title}</h1>
        ${subtitle && html`<div class="page-subtitle">${subtitle}</div>`}
      </div>
      ${actions && html`<div class="page-actions">${actions}</div>`}
    </div>
  </div>`;
}

export function Card({ title, actions, children, className = "", testid }: { title?: View | string; actions?: View; children: View; className?: string; testid?: string }) {
  return html`<section class=${`card ${className}`} data-testid=${testid}>
    ${(title || actions) && html`<div class="card-head"><h2 class="card-title">${title}</h2>${actions && html`<div class="card-actions">${actions}</div>`}</div>`}
    <div class="card-body">${children}</div>
  </section>`;
}

export function Stat({ label, value, testid }: { label: string; value: View | string; testid?: string }) {
  return html`<div class="stat" data-testid=${testid}><div class="stat-value">${value}</div><div class="stat-label">${label}</div></div>`;
}

export function TagBadge({ tag }: { tag?: string }) {
  if (!tag) return html`<span class="badge badge-muted">untagged</span>`;
  const hue = hueOf(tag);
  return html`<span class="badge badge-tag" style=${`--hue:${hue}`}>${tag}</span>`;
}

export function MetadataChips({ value, max = 6 }: { value: unknown; max?: number }) {
  const entries = flattenMetadata(value);
  if (entries.length === 0) return html`<span class="muted">—</span>`;
  const shown = entries.slice(0, max);
  return html`<span class="chips">${shown.map(([k, v]) => html`<span class="chip" title=${`${k} = ${v}`}><span class="chip-key">${k}</span><span class="chip-value">${v}</span></span>`)}${entries.length > max && html`<span class="chip chip-more">+${entries.length - max}</span>`}</span>`;
}

/** A definition list of user metadata, one row per leaf. */
export function MetadataList({ value }: { value: unknown }) {
  const entries = flattenMetadata(value);
  if (entries.length === 0) return html`<div class="muted">No user metadata.</div>`;
  return html`<dl class="kv">${entries.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}
