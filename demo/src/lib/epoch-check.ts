/**
 * Times that read as 1970. A `timestamp_ns` before 2000 is legal (it is a
 * monotonic clock since the Python SDK 0.6, mosaico#564), but as often it
 * is seconds or milliseconds taken for nanoseconds: say so before writing,
 * and name the unit that would make the column a plausible date.
 */
import type { TabularFile } from "./tabular-file.js";
import { isUnixStamp, NS_PER_S } from "./time.js";
import { toNs, type TimeUnit } from "./timestamp-column.js";

export interface EpochWarning {
  /** The earliest and latest times, in ns. */
  first: bigint;
  last: bigint;
  /** A unit under which the earliest row falls in 2000–2100, when one does. */
  suggestion?: { unit: TimeUnit; firstNs: bigint } | undefined;
}

const UNIX_2100_NS = 4_102_444_800n * NS_PER_S;

/** A warning when the earliest time is before 2000 read as Unix time; `earliest` is that row's index. */
export function epochWarning(file: TabularFile, column: string, unit: TimeUnit, first: bigint, last: bigint, earliest: number): EpochWarning | undefined {
  if (isUnixStamp(first)) return undefined;
  const text = file.cell(earliest, column);
  const units: TimeUnit[] = unit === "iso" ? [] : ["s", "ms", "us", "ns"];
  const suggestion = units
    .filter((u) => u !== unit)
    .map((u) => ({ unit: u, firstNs: toNs(text, u) }))
    .find((s): s is { unit: TimeUnit; firstNs: bigint } => s.firstNs !== undefined && isUnixStamp(s.firstNs) && s.firstNs < UNIX_2100_NS);
  return { first, last, suggestion };
}
