/** The read state line under a timeline panel: rows so far, the budget's cut, errors. */
import { html } from "../../html.js";
import { formatCount } from "../../lib/format.js";
import type { WindowReadState } from "../../lib/use-window-read.js";
import { ErrorCallout, Notice } from "../feedback.js";

export function ReadStatus({ read, noun = "rows" }: { read: WindowReadState<unknown>; noun?: string }) {
  const progress = read.expected !== undefined ? ` of ${formatCount(read.expected)}` : "";
  return html`<div class="panel-status" data-testid="panel-status" data-state=${read.status} data-rows=${read.rows}>
    ${read.status === "loading" && html`<span class="muted small">Reading… ${formatCount(read.rows)}${progress} ${noun}</span>`}
    ${read.status === "done" && !read.truncated && html`<span class="muted small">${formatCount(read.rows)} ${noun} in the window</span>`}
    ${read.truncated && html`<${Notice} kind="warn" testid="panel-truncated">Showing the first ${formatCount(read.rows)}${progress} ${noun} of this window, to keep memory bounded. Narrow the range to see the rest.</${Notice}>`}
    ${read.error && html`<${ErrorCallout} error=${read.error} testid="panel-error" />`}
  </div>`;
}
