/**
 * What the upload page says before writing: a refused file and its rows,
 * the problems that hold the upload back, the notice that rows will be
 * sorted, and the 1970 warning that waits for the user's word.
 */
import type { EpochWarning } from "../lib/epoch-check.js";
import { RefusedFile, type RowProblem } from "../lib/refused-file.js";
import { formatWallClock } from "../lib/time.js";
import { unitLabel, type TimeUnit } from "../lib/timestamp-column.js";
import { html } from "../html.js";
import { Notice } from "./feedback.js";
import { Icon } from "./icons.js";

const SHOWN = 20;

export function rowText(p: RowProblem): string {
  return `row ${p.row}: ${p.message}`;
}

/** A list of problems, the first 20 and a count of the rest. */
export function ProblemList({ items, testid }: { items: string[]; testid: string }) {
  if (items.length === 0) return null;
  const rest = items.length - SHOWN;
  return html`<ul class="problems" data-testid=${testid}>${items.slice(0, SHOWN).map((p) => html`<li>${p}</li>`)}${rest > 0 && html`<li>… and ${rest} more</li>`}</ul>`;
}

/** A file refused when read: nothing can be written from it. */
export function RefusedCallout({ fileName, error }: { fileName: string; error: Error }) {
  const problems = error instanceof RefusedFile ? error.problems : [];
  return html`<div class="callout callout-error" role="alert" data-testid="upload-refused">
    <div class="callout-icon"><${Icon} name="alert" /></div>
    <div>
      <div class="callout-title">Not uploaded: ${fileName} cannot be written as it is</div>
      <div class="callout-detail">${error.message}</div>
      <${ProblemList} items=${problems.map(rowText)} testid="upload-row-problems" />
      ${problems.length > 0 && html`<div class="callout-hint">Rows are numbered as lines of the file: the header is row 1.</div>`}
    </div>
  </div>`;
}

export function SortNotice({ backwardsRow }: { backwardsRow: number }) {
  return html`<${Notice} kind="info" testid="upload-sorted">The rows are not in time order (row ${backwardsRow} is earlier than the row before it):
    they will be written sorted by time, since timestamps must strictly increase within a topic. The file itself is not changed.</${Notice}>`;
}

export interface EpochNoticeProps {
  warning: EpochWarning;
  column: string;
  accepted: boolean;
  onAccept: (accepted: boolean) => void;
  onUnit: (unit: TimeUnit) => void;
}

export function EpochNotice({ warning, column, accepted, onAccept, onUnit }: EpochNoticeProps) {
  const { suggestion } = warning;
  return html`<${Notice} kind="warn" testid="upload-epoch-warning">
    <b>These times land in ${formatWallClock(warning.first).slice(0, 4)}</b> if read as Unix time: ${formatWallClock(warning.first)} → ${formatWallClock(warning.last)}.
    ${suggestion
      ? html` If ${column} is in ${unitLabel(suggestion.unit)}, the first row is ${formatWallClock(suggestion.firstNs, false)}:
        <button class="btn btn-small" data-testid="upload-use-unit" onClick=${() => onUnit(suggestion.unit)}>use ${unitLabel(suggestion.unit)}</button>`
      : " That is how seconds or milliseconds look when taken for nanoseconds: check the unit."}
    <div>Small values are fine if they are a monotonic clock (time since the recorder started): timestamp_ns need not be Unix time since the Python SDK 0.6.</div>
    <label class="check"><input type="checkbox" checked=${accepted} data-testid="upload-accept-times" onChange=${(e: Event) => onAccept((e.target as HTMLInputElement).checked)} />
      <span>Write these times as they are</span></label>
  </${Notice}>`;
}
