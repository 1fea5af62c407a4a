/**
 * Nanosecond time helpers. Timestamps stay bigint; only differences from a
 * base (small enough for a double) become numbers, for plots and labels.
 */

export const NS_PER_S = 1_000_000_000n;

/** Seconds from `base` to `ns`, exact up to the double's precision of the difference. */
export function secondsSince(ns: bigint, base: bigint): number {
  return Number(ns - base) / 1e9;
}

/** Parses a decimal number of seconds ("12", "-0.5", "3.0251") to exact nanoseconds. */
export function parseSecondsToNs(text: string): bigint | undefined {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return undefined;
  const whole = BigInt(match[2] || "0");
  const fraction = BigInt(((match[3] ?? "") + "000000000").slice(0, 9));
  const ns = whole * NS_PER_S + fraction;
  return match[1] === "-" ? -ns : ns;
}

/** Exact nanoseconds of a value in `unit` given as decimal text (CSV cells, form fields). */
export function parseScaledToNs(text: string, unit: "s" | "ms" | "us" | "ns"): bigint | undefined {
  const digits = { s: 9, ms: 6, us: 3, ns: 0 }[unit];
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return undefined;
  const whole = match[2] || "0";
  const fraction = match[3] ?? "";
  const shift = digits + Number(match[4] ?? 0);
  if (shift < 0) return undefined;
  // Move the decimal point right by `shift` digits, dropping what is below 1 ns.
  const moved = fraction.slice(0, shift).padEnd(shift, "0");
  const ns = BigInt(whole + moved);
  return match[1] === "-" ? -ns : ns;
}

/** Nanoseconds since the epoch of an ISO-8601 text; sub-millisecond digits kept. */
export function parseIsoToNs(text: string): bigint | undefined {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? "";
  const subMs = BigInt((fraction.slice(3) + "000000").slice(0, 6));
  return BigInt(ms) * 1_000_000n + subMs;
}

/**
 * `2026-03-25 08:14:05.123 UTC`, for values that are wall-clock time: the
 * server's creation and completion times, key expiry, header stamps that
 * pass `isUnixStamp`. Never for `timestamp_ns`: since the Python SDK 0.6
 * (mosaico#564) it is a monotonic timer, not Unix time (use `formatSinceStart`).
 */
export function formatWallClock(ns: bigint, withMs = true): string {
  const ms = Number(ns / 1_000_000n);
  const iso = new Date(ms).toISOString(); // 2026-03-25T08:14:05.123Z
  return `${iso.slice(0, 10)} ${iso.slice(11, withMs ? 23 : 19)} UTC`;
}

/** `T+12.345 s`: a `timestamp_ns` as time since `originNs` (the sequence's or topic's first sample). */
export function formatSinceStart(ns: bigint, originNs: bigint, digits = 3): string {
  return `T${formatOffset(secondsSince(ns, originNs), digits)}`;
}

/**
 * 2000-01-01T00:00:00Z. The ontology's `Time` counts "since the epoch (Unix
 * time) or process start (clock time)" (Python SDK `models/data/time.py`):
 * a stamp before this is a clock since process start, not a date.
 */
const UNIX_2000_NS = 946_684_800n * NS_PER_S;

/** True when a header stamp reads as Unix time rather than a clock since process start. */
export function isUnixStamp(ns: bigint): boolean {
  return ns >= UNIX_2000_NS;
}

/** A header stamp: wall-clock when it is Unix time, else seconds on the sensor's own clock. */
export function formatHeaderStamp(ns: bigint): string {
  return isUnixStamp(ns) ? formatWallClock(ns) : `${secondsText(ns)} s on the sensor clock (not a date)`;
}

/** Human duration of a nanosecond span: `1 h 02 min`, `2 min 05 s`, `12.4 s`, `850 ms`. */
export function formatDuration(ns: bigint): string {
  const s = Number(ns) / 1e9;
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min ${String(sec).padStart(2, "0")} s`;
}

/** `T+12.345 s` style offset label. */
export function formatOffset(seconds: number, digits = 3): string {
  return `${seconds < 0 ? "−" : "+"}${Math.abs(seconds).toFixed(digits)} s`;
}

/** Seconds as an input value ("12.5"), without float noise. */
export function secondsText(ns: bigint): string {
  const negative = ns < 0n;
  const abs = negative ? -ns : ns;
  const whole = abs / NS_PER_S;
  const fraction = (abs % NS_PER_S).toString().padStart(9, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Now, in nanoseconds since the epoch. */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/**
 * The exclusive end of "the whole" topic or sequence: just past the last
 * sample, rounded up to a tenth of a second from `baseNs`, so that fields
 * read "120" rather than "119.995000001" (no sample lies in between).
 */
export function roundedEnd(lastNs: bigint, baseNs: bigint): bigint {
  const step = 100_000_000n;
  const offset = lastNs - baseNs + 1n;
  return baseNs + ((offset + step - 1n) / step) * step;
}
