/**
 * The timeline's defaults and window rules: which panels a sequence opens
 * with, the first window, and how the window pages forward when playback
 * runs past its end (so a long recording streams window by window).
 */
import type { TopicInfo } from "../sdk.js";
import type { PanelSpec, ViewKind } from "./timeline-layout.js";
import { viewsFor } from "./timeline-views.js";

export interface Window {
  startNs: bigint;
  endNs: bigint;
}

/** Windows start at most this long: longer sequences open on their first minute. */
export const DEFAULT_WINDOW_NS = 60_000_000_000n;

/** One panel per kind of view the sequence offers (frames, track, trajectory, a plot), else its first topics. */
export function defaultPanels(topics: TopicInfo[], max = 4): PanelSpec[] {
  const shown = topics.filter((t) => t.schema);
  const picked: PanelSpec[] = [];
  const take = (view: ViewKind, prefer?: (t: TopicInfo) => boolean) => {
    const candidates = shown.filter((t) => viewsFor(t)[0] === view && !picked.some((p) => p.topic === t.name));
    const topic = candidates.find((t) => prefer?.(t)) ?? candidates[0];
    if (topic && picked.length < max) picked.push({ topic: topic.name, view, fields: [] });
  };
  take("frame");
  take("track");
  take("trajectory");
  take("plot", (t) => t.ontologyTag === "imu");
  for (const topic of shown) {
    if (picked.length >= Math.min(max, 3)) break;
    if (!picked.some((p) => p.topic === topic.name)) picked.push({ topic: topic.name, view: viewsFor(topic)[0]!, fields: [] });
  }
  return picked;
}

/** The first window: the whole sequence when it is short, else its first minute. */
export function defaultWindow(whole: Window): Window {
  const end = whole.startNs + DEFAULT_WINDOW_NS;
  return { startNs: whole.startNs, endNs: end < whole.endNs ? end : whole.endNs };
}

/** A window of `span` holding `cursorNs`, starting at it where the sequence allows. */
export function windowAround(cursorNs: bigint, span: bigint, whole: Window): Window {
  let start = cursorNs;
  let end = start + span;
  if (end > whole.endNs) {
    end = whole.endNs;
    start = end - span;
  }
  if (start < whole.startNs) start = whole.startNs;
  return { startNs: start, endNs: end };
}

/**
 * Where playback goes next: inside the window nothing changes; past its end
 * the window pages forward by its own width; at the sequence's end playback
 * stops on the last instant.
 */
export function followCursor(cursorNs: bigint, window: Window, whole: Window): { cursorNs: bigint; window: Window; ended: boolean } {
  if (cursorNs < window.endNs) return { cursorNs, window, ended: false };
  if (window.endNs >= whole.endNs) return { cursorNs: whole.endNs - 1n, window, ended: true };
  const span = window.endNs - window.startNs;
  return { cursorNs, window: windowAround(window.endNs, span, whole), ended: false };
}
