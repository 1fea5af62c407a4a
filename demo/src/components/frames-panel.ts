/**
 * Frames tab of an image topic: the frame at the scrubber, a filmstrip,
 * play/pause at the recorded rate, and each frame's time and size. The time
 * is `timestamp_ns` since the sequence start (a monotonic timer, not a date);
 * wall-clock time only from the frame's header stamp.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { html } from "../html.js";
import { formatBytes, formatCount } from "../lib/format.js";
import { formatHeaderStamp, formatSinceStart } from "../lib/time.js";
import { mimeOf, useFrames, type Frame } from "../lib/use-frames.js";
import type { MosaicoClient, TopicInfo } from "../sdk.js";
import { EmptyState, ErrorCallout, Notice, ProgressBar } from "./feedback.js";
import { Icon } from "./icons.js";
import { Card } from "./page.js";
import { RangeControls, type TimeRangeNs } from "./range-controls.js";

/** An object URL for a frame's bytes, revoked when the frame changes or the view goes. */
export function useObjectUrl(frame: Frame | undefined): string | undefined {
  const url = useMemo(() => {
    const mime = frame && mimeOf(frame.format);
    return frame && mime ? URL.createObjectURL(new Blob([frame.bytes as Uint8Array<ArrayBuffer>], { type: mime })) : undefined;
  }, [frame]);
  useEffect(() => () => url && URL.revokeObjectURL(url), [url]);
  return url;
}

function Thumb({ frame, active, onClick }: { frame: Frame; active: boolean; onClick: () => void }) {
  const url = useObjectUrl(frame);
  return html`<button class=${`thumb ${active ? "active" : ""}`} onClick=${onClick}>${url && html`<img src=${url} alt="" />`}</button>`;
}

export interface FramesPanelProps {
  client: MosaicoClient;
  topic: TopicInfo;
  baseNs: bigint;
  whole: TimeRangeNs;
  range: TimeRangeNs;
  onRange: (range: TimeRangeNs) => void;
}

export function FramesPanel({ client, topic, baseNs, whole, range, onRange }: FramesPanelProps) {
  const read = useFrames(client, topic.locator, range.startNs, range.endNs);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [size, setSize] = useState<[number, number] | null>(null);
  const frames = read.frames;
  const current = frames[Math.min(index, Math.max(0, frames.length - 1))];
  const url = useObjectUrl(current);

  useEffect(() => setIndex(0), [range.startNs, range.endNs]);
  useEffect(() => {
    if (!playing || frames.length < 2) return;
    const period = Math.max(20, Number(frames[1]!.timestampNs - frames[0]!.timestampNs) / 1e6);
    const timer = setInterval(() => setIndex((i) => (i + 1 < frames.length ? i + 1 : (setPlaying(false), i))), period);
    return () => clearInterval(timer);
  }, [playing, frames.length]);

  const strip = useMemo(() => {
    const n = Math.min(12, frames.length);
    return Array.from({ length: n }, (_, k) => Math.round((k * (frames.length - 1)) / Math.max(1, n - 1)));
  }, [frames.length]);

  const loading = read.status === "loading";
  return html`
    <${Card} title="Time range"><${RangeControls} baseNs=${baseNs} whole=${whole} range=${range} onRange=${onRange} overview=${undefined} /></${Card}>
    <${Card} title="Frames" testid="frames-card">
      ${loading && html`<${ProgressBar} fraction=${read.expected ? frames.length / read.expected : undefined} label=${`Reading frames… ${formatCount(frames.length)}${read.expected ? ` of ${formatCount(read.expected)}` : ""}`} onCancel=${read.cancel} testid="frames-progress" />`}
      ${read.status === "cancelled" && html`<${Notice} kind="warn">Cancelled: ${formatCount(frames.length)} frames arrived.</${Notice}>`}
      ${read.error && html`<${ErrorCallout} error=${read.error} />`}
      ${read.status === "done" && frames.length === 0 && html`<${EmptyState} icon="image" title="No frames in this range" />`}
      ${current &&
      html`<div class="viewer">
        <div class="frame-stage">
          ${url
            ? html`<img class="frame" src=${url} alt=${`frame ${index + 1}`} data-testid="frame-image" data-index=${index}
                onLoad=${(e: Event) => setSize([(e.target as HTMLImageElement).naturalWidth, (e.target as HTMLImageElement).naturalHeight])} />`
            : html`<${EmptyState} icon="image" title=${`Format “${current.format}” cannot be shown by a browser`}>Frames are still listed with their time and size.</${EmptyState}>`}
        </div>
        <div class="frame-meta" data-testid="frame-meta">
          <div class="frame-counter"><b>${index + 1}</b> / ${formatCount(frames.length)}</div>
          <dl class="kv">
            <dt>Time</dt><dd class="mono" data-testid="frame-time" title="timestamp_ns, since the sequence's first sample">${formatSinceStart(current.timestampNs, baseNs)} <span class="muted small">from the sequence start</span></dd>
            <dt>Sensor time</dt><dd class="mono small" data-testid="frame-stamp" title="header.timestamp of this frame">${current.stampNs === null ? html`<span class="muted">no header stamp</span>` : formatHeaderStamp(current.stampNs)}</dd>
            <dt>timestamp_ns</dt><dd class="mono small">${current.timestampNs.toString()}</dd>
            <dt>Format</dt><dd>${current.format || "—"}</dd>
            <dt>Size</dt><dd>${formatBytes(current.bytes.byteLength)}${size ? ` · ${size[0]}×${size[1]} px` : ""}</dd>
          </dl>
        </div>
      </div>
      <div class="scrubber">
        <button class="btn btn-icon" onClick=${() => setIndex(Math.max(0, index - 1))} title="Previous frame" data-testid="frame-prev"><${Icon} name="prev" /></button>
        <button class="btn btn-icon" onClick=${() => setPlaying(!playing)} title=${playing ? "Pause" : "Play"} data-testid="frame-play"><${Icon} name=${playing ? "pause" : "play"} /></button>
        <button class="btn btn-icon" onClick=${() => setIndex(Math.min(frames.length - 1, index + 1))} title="Next frame" data-testid="frame-next"><${Icon} name="next" /></button>
        <input class="range" type="range" min="0" max=${Math.max(0, frames.length - 1)} value=${index} data-testid="frame-scrubber"
          onInput=${(e: Event) => { setPlaying(false); setIndex(Number((e.target as HTMLInputElement).value)); }} />
      </div>
      <div class="filmstrip">${strip.map((i) => html`<${Thumb} frame=${frames[i]!} active=${i === index} onClick=${() => setIndex(i)} />`)}</div>`}
    </${Card}>`;
}
