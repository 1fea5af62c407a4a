/**
 * Play, pause and speed of the shared cursor, a scrubber over the window,
 * and the cursor's time since the sequence start (exact to the nanosecond in
 * its tooltip). Keyboard: the scrubber takes arrows, as any range input.
 */
import { html } from "../../html.js";
import { formatSinceStart } from "../../lib/time.js";
import { SPEEDS, type Speed } from "../../lib/use-playback.js";
import { Icon } from "../icons.js";
import type { TimeRangeNs } from "../range-controls.js";

export interface TransportBarProps {
  baseNs: bigint;
  window: TimeRangeNs;
  cursorNs: bigint;
  playing: boolean;
  speed: Speed;
  onPlaying: (playing: boolean) => void;
  onSpeed: (speed: Speed) => void;
  onCursor: (ns: bigint) => void;
}

const MS = 1_000_000n;

export function TransportBar({ baseNs, window, cursorNs, playing, speed, onPlaying, onSpeed, onCursor }: TransportBarProps) {
  const spanMs = Number((window.endNs - window.startNs) / MS);
  const valueMs = Number((cursorNs - window.startNs) / MS);
  return html`<div class="transport" data-testid="transport">
    <button class="btn btn-icon" type="button" onClick=${() => onPlaying(!playing)} title=${playing ? "Pause" : "Play"} data-testid="timeline-play" data-playing=${String(playing)}>
      <${Icon} name=${playing ? "pause" : "play"} /></button>
    <div class="segmented" role="group" aria-label="Playback speed">${SPEEDS.map(
      (s) => html`<button type="button" class=${`segment ${s === speed ? "on" : ""}`} aria-pressed=${s === speed} onClick=${() => onSpeed(s)} data-testid=${`speed-${s}`}>${s}×</button>`,
    )}</div>
    <input class="range grow" type="range" min="0" max=${spanMs} step="1" value=${Math.max(0, Math.min(spanMs, valueMs))} aria-label="Cursor" data-testid="timeline-scrubber"
      onInput=${(e: Event) => {
        onPlaying(false);
        onCursor(window.startNs + BigInt((e.target as HTMLInputElement).value) * MS);
      }} />
    <span class="mono cursor-time" data-testid="cursor-time" data-ns=${String(cursorNs)} title=${`timestamp_ns ${cursorNs}`}>${formatSinceStart(cursorNs, baseNs)}</span>
  </div>`;
}
