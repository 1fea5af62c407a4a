/**
 * The whole sequence as one strip: each panel's topic as a lane of its data
 * span, the brushed window, and the cursor. Dragging across the strip
 * brushes a new window; a click moves the cursor (and the window with it
 * when the click falls outside).
 */
import { useRef, useState } from "preact/hooks";
import { html } from "../../html.js";
import { secondsText } from "../../lib/time.js";
import type { TopicInfo } from "../../sdk.js";
import type { TimeRangeNs } from "../range-controls.js";

export interface TimelineStripProps {
  baseNs: bigint;
  whole: TimeRangeNs;
  window: TimeRangeNs;
  cursorNs: bigint;
  topics: TopicInfo[];
  onCursor: (ns: bigint) => void;
  onRange: (range: TimeRangeNs) => void;
}

const percent = (ns: bigint, whole: TimeRangeNs) => (Number(ns - whole.startNs) / Number(whole.endNs - whole.startNs)) * 100;

export function TimelineStrip({ baseNs, whole, window, cursorNs, topics, onCursor, onRange }: TimelineStripProps) {
  const track = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const at = (clientX: number): number => {
    const box = track.current!.getBoundingClientRect();
    return Math.max(0, Math.min(1, (clientX - box.left) / box.width));
  };
  const toNs = (fraction: number): bigint => whole.startNs + BigInt(Math.round(fraction * Number(whole.endNs - whole.startNs)));
  const onDown = (e: PointerEvent) => {
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    setDrag({ from: at(e.clientX), to: at(e.clientX) });
  };
  const onMove = (e: PointerEvent) => drag && setDrag({ ...drag, to: at(e.clientX) });
  const onUp = (e: PointerEvent) => {
    if (!drag) return;
    const to = at(e.clientX);
    setDrag(null);
    const [a, b] = drag.from < to ? [drag.from, to] : [to, drag.from];
    if (b - a > 0.005) onRange({ startNs: toNs(a), endNs: toNs(b) });
    else onCursor(toNs(to));
  };
  const left = percent(window.startNs, whole);
  const width = Math.max(0.3, percent(window.endNs, whole) - left);
  return html`<div class="tl-strip" data-testid="timeline-strip">
    <div class="tl-track" ref=${track} onPointerDown=${onDown} onPointerMove=${onMove} onPointerUp=${onUp} data-testid="timeline-track">
      ${topics.map((t) => {
        const span = t.dataInfo?.interval;
        if (!span) return html`<div class="tl-lane"></div>`;
        const l = percent(span.startNs, whole);
        return html`<div class="tl-lane" title=${t.name}><div class="tl-lane-bar" style=${`left:${l}%;width:${Math.max(0.3, percent(span.endNs, whole) - l)}%`}></div></div>`;
      })}
      <div class="tl-window" style=${`left:${left}%;width:${width}%`} data-testid="timeline-window"></div>
      ${drag && html`<div class="tl-brush" style=${`left:${Math.min(drag.from, drag.to) * 100}%;width:${Math.abs(drag.to - drag.from) * 100}%`}></div>`}
      <div class="tl-cursor" style=${`left:${percent(cursorNs, whole)}%`}></div>
    </div>
    <div class="timeline-scale"><span>${secondsText(whole.startNs - baseNs)} s</span><span class="muted small">drag to choose the window, click to move the cursor</span><span>${(Number(whole.endNs - baseNs) / 1e9).toFixed(1)} s</span></div>
  </div>`;
}
