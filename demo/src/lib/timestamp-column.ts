/**
 * The column that becomes `timestamp_ns`: which one (by name, never by
 * position), its unit, and its exact nanoseconds row by row.
 */
import type { RowProblem } from "./refused-file.js";
import type { TabularFile } from "./tabular-file.js";
import { parseIsoToNs, parseScaledToNs } from "./time.js";

export type TimeUnit = "ns" | "us" | "ms" | "s" | "iso";

/**
 * Numbers keep their clock: `timestamp_ns` is the recorder's indexing timer
 * (monotonic since the Python SDK 0.6), so a number is only scaled to
 * nanoseconds, never read as a date. ISO dates become ns since the Unix epoch.
 */
export const TIME_UNITS: { unit: TimeUnit; label: string }[] = [
  { unit: "ns", label: "nanoseconds" },
  { unit: "us", label: "microseconds" },
  { unit: "ms", label: "milliseconds" },
  { unit: "s", label: "seconds" },
  { unit: "iso", label: "ISO-8601 date-time (→ ns since the Unix epoch)" },
];

export function unitLabel(unit: TimeUnit): string {
  return TIME_UNITS.find((u) => u.unit === unit)!.label;
}

const TIME_NAME = /time|stamp|date|^t$|^ts$/i;

/** The names guessTimestamp recognises, for the message shown when none matches. */
export const RECOGNISED_TIMESTAMP_NAMES = "timestamp_ns, a name with “time”, “stamp” or “date” in it (time_s, stamp_ns, header.stamp), t or ts";

/**
 * Guesses the timestamp column from its name and the unit from a `_ns`/`_us`/`_ms`/`_s`
 * suffix or the first value's magnitude (epoch-sized numbers; a monotonic clock
 * needs its unit picked). Undefined when no column has a recognised name.
 */
export function guessTimestamp(file: TabularFile): { column: string; unit: TimeUnit } | undefined {
  const column = file.columns.find((c) => c.name === "timestamp_ns") ?? file.columns.find((c) => TIME_NAME.test(c.name));
  if (!column) return undefined;
  const suffix = /_(ns|us|ms|s)$/i.exec(column.name)?.[1]?.toLowerCase() as TimeUnit | undefined;
  if (suffix) return { column: column.name, unit: suffix };
  const sample = file.cell(0, column.name).trim();
  if (!/^[+-]?\d/.test(sample) || /\d{4}-\d\d-\d\d/.test(sample)) return { column: column.name, unit: "iso" };
  const magnitude = Math.abs(Number(sample));
  const unit: TimeUnit = magnitude > 1e17 ? "ns" : magnitude > 1e14 ? "us" : magnitude > 1e11 ? "ms" : "s";
  return { column: column.name, unit };
}

export function toNs(text: string, unit: TimeUnit): bigint | undefined {
  return unit === "iso" ? parseIsoToNs(text) : parseScaledToNs(text, unit);
}

const INT64_MAX = 2n ** 63n - 1n;

/** Exact timestamps of every row, and a problem for each cell that is not a time in `unit` or does not fit timestamp_ns (Int64). */
export function timestampsOf(file: TabularFile, column: string, unit: TimeUnit): { ns: bigint[]; problems: RowProblem[] } {
  const ns = new Array<bigint>(file.rowCount);
  const problems: RowProblem[] = [];
  for (let i = 0; i < file.rowCount; i++) {
    const text = file.cell(i, column);
    const value = toNs(text, unit);
    const row = file.rowNumber(i);
    if (text.trim() === "") problems.push({ row, message: `no time in ${column}; every row needs one` });
    else if (value === undefined) problems.push({ row, message: `“${text}” in ${column} is not a time in ${unitLabel(unit)}` });
    else if (value > INT64_MAX || value < -INT64_MAX - 1n) problems.push({ row, message: `“${text}” ${unitLabel(unit)} is beyond what timestamp_ns (Int64 nanoseconds) holds: is the unit right?` });
    ns[i] = value ?? 0n;
  }
  return { ns, problems };
}
