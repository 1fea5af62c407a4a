/** Error callouts, notices, empty states, spinners and progress bars. */
import type { Explanation } from "../lib/explain-error.js";
import { html, type View } from "../html.js";
import { Icon } from "./icons.js";

export function ErrorCallout({ error, testid = "error" }: { error: Explanation; testid?: string }) {
  return html`<div class="callout callout-error" role="alert" data-testid=${testid}>
    <div class="callout-icon"><${Icon} name="alert" /></div>
    <div>
      <div class="callout-title">${error.title}</div>
      <div class="callout-detail">${error.detail}</div>
      ${error.hint && html`<div class="callout-hint">${error.hint}</div>`}
      ${error.code && html`<code class="callout-code">${error.code}</code>`}
    </div>
  </div>`;
}

export function Notice({ kind = "info", children, testid }: { kind?: "info" | "warn" | "ok"; children: View; testid?: string }) {
  return html`<div class=${`callout callout-${kind}`} data-testid=${testid}>
    <div class="callout-icon"><${Icon} name=${kind === "ok" ? "check" : kind === "warn" ? "alert" : "bell"} /></div>
    <div class="callout-detail">${children}</div>
  </div>`;
}

export function EmptyState({ icon, title, children, testid }: { icon: string; title: string; children?: View; testid?: string }) {
  return html`<div class="empty" data-testid=${testid}>
    <div class="empty-icon"><${Icon} name=${icon} size=${30} /></div>
    <div class="empty-title">${title}</div>
    <div class="empty-body">${children}</div>
  </div>`;
}

export function Spinner({ label }: { label?: string }) {
  return html`<span class="spinner-wrap"><span class="spinner" aria-hidden="true"></span>${label && html`<span>${label}</span>`}</span>`;
}

export interface ProgressProps {
  /** 0..1, or undefined for an indeterminate bar. */
  fraction?: number;
  label: string;
  onCancel?: () => void;
  testid?: string;
  state?: string;
}

export function ProgressBar({ fraction, label, onCancel, testid = "progress", state }: ProgressProps) {
  const pct = fraction === undefined ? undefined : Math.max(0, Math.min(1, fraction)) * 100;
  return html`<div class="progress" data-testid=${testid} data-state=${state}>
    <div class=${`progress-track ${pct === undefined ? "indeterminate" : ""}`}>
      <div class="progress-fill" style=${pct === undefined ? "" : `width:${pct.toFixed(1)}%`}></div>
    </div>
    <div class="progress-row">
      <span class="progress-label">${label}</span>
      ${onCancel && html`<button class="btn btn-small btn-ghost-danger" data-testid="cancel-read" onClick=${onCancel}>Cancel</button>`}
    </div>
  </div>`;
}
