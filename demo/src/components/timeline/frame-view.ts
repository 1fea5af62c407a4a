/**
 * The camera frame nearest the shared cursor. Frames are read in 10-second
 * windows aligned to 5-second blocks around the cursor (not the whole
 * range), so memory stays at a few hundred frames however long the
 * recording; while the next window loads, the last frame stays up.
 */
import { useMemo, useRef } from "preact/hooks";
import { html } from "../../html.js";
import { formatBytes } from "../../lib/format.js";
import { nearestIndex } from "../../lib/nearest-row.js";
import { formatHeaderStamp, formatSinceStart } from "../../lib/time.js";
import { frameAccumulator, type FrameData } from "../../lib/timeline-accumulators.js";
import { mimeOf, type Frame } from "../../lib/use-frames.js";
import { useWindowRead } from "../../lib/use-window-read.js";
import { EmptyState } from "../feedback.js";
import { useObjectUrl } from "../frames-panel.js";
import { ReadStatus } from "./read-status.js";
import type { TimelineViewProps } from "./view-props.js";

const BLOCK_NS = 5_000_000_000n;
const MAX_FRAMES = 2_000;
const EMPTY: FrameData = { ts: [], frames: [] };

/** The window of frames around a cursor: the 5 s block holding it and the next one, inside the sequence. */
export function frameWindow(cursorNs: bigint, baseNs: bigint, whole: { startNs: bigint; endNs: bigint }): { startNs: bigint; endNs: bigint } {
  const offset = cursorNs - baseNs;
  const block = (offset >= 0n ? offset : offset - BLOCK_NS + 1n) / BLOCK_NS;
  const startNs = baseNs + block * BLOCK_NS;
  const start = startNs > whole.startNs ? startNs : whole.startNs;
  const endNs = startNs + 2n * BLOCK_NS;
  return { startNs: start, endNs: endNs < whole.endNs ? endNs : whole.endNs };
}

export function FrameView({ client, topic, baseNs, whole, cursorNs }: TimelineViewProps) {
  const span = frameWindow(cursorNs, baseNs, whole);
  const read = useWindowRead(client, { locator: topic.locator, ...span, accumulate: frameAccumulator, shape: "frames", maxRows: MAX_FRAMES }, EMPTY);
  const index = nearestIndex(read.data.ts, cursorNs);
  const found = index >= 0 ? read.data.frames[index] : undefined;
  const last = useRef<Frame | undefined>(undefined);
  if (found) last.current = found;
  const frame = found ?? last.current;
  const url = useObjectUrl(frame);
  const mime = frame && mimeOf(frame.format);
  const stale = !found && !!frame;
  const size = useMemo(() => (frame ? formatBytes(frame.bytes.byteLength) : ""), [frame]);
  return html`<div class="frame-view">
    <div class="frame-stage frame-stage-small">
      ${frame && url
        ? html`<img class=${`frame ${stale ? "frame-stale" : ""}`} src=${url} alt=${`frame at ${formatSinceStart(frame.timestampNs, baseNs)}`}
            data-testid="timeline-frame" data-timestamp-ns=${String(frame.timestampNs)} data-stale=${stale ? "true" : "false"} />`
        : frame && !mime
          ? html`<${EmptyState} icon="image" title=${`Format “${frame.format}” cannot be shown by a browser`} />`
          : html`<div class="muted small">${read.status === "loading" ? "Reading frames…" : "No frame near the cursor"}</div>`}
    </div>
    ${frame && html`<div class="frame-caption small">
      <span class="mono" data-testid="timeline-frame-time" title="timestamp_ns since the sequence start">${formatSinceStart(frame.timestampNs, baseNs)}</span>
      ${frame.stampNs !== null && html` · <span title="header.timestamp of this frame">${formatHeaderStamp(frame.stampNs)}</span>`}
      · ${frame.format || "—"} · ${size}</div>`}
    <${ReadStatus} read=${read} noun="frames" />
  </div>`;
}
