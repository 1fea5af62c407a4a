/** What every panel of the shared timeline receives. */
import type { TimeRangeNs } from "../range-controls.js";
import type { PanelSpec } from "../../lib/timeline-layout.js";
import type { MosaicoClient, TopicInfo } from "../../sdk.js";

export interface TimelineViewProps {
  client: MosaicoClient;
  topic: TopicInfo;
  spec: PanelSpec;
  /** Time origin of every axis: the sequence's first sample. */
  baseNs: bigint;
  /** The brushed window every panel shows. */
  window: TimeRangeNs;
  /** The whole sequence. */
  whole: TimeRangeNs;
  cursorNs: bigint;
  onCursor: (ns: bigint) => void;
  onRange: (range: TimeRangeNs) => void;
  onSpec: (spec: PanelSpec) => void;
}

/** Seconds since the sequence start, as exact as a double of the difference allows. */
export const seconds = (ns: bigint, baseNs: bigint): number => Number(ns - baseNs) / 1e9;

/** Seconds since the sequence start back to exact nanoseconds (to the microsecond). */
export const fromSeconds = (s: number, baseNs: bigint): bigint => baseNs + BigInt(Math.round(s * 1e6)) * 1000n;
