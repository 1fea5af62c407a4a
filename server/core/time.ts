/**
 * Time source of the server: nanoseconds since the Unix epoch as bigint
 * (values are ~1.7e18, beyond Number.MAX_SAFE_INTEGER).
 */

export type Clock = () => bigint;

const epochAtStartNs = BigInt(Date.now()) * 1_000_000n;
const hrAtStart = process.hrtime.bigint();

/** Wall-clock ns with sub-millisecond resolution (monotonic within a process). */
export const systemClock: Clock = () => epochAtStartNs + (process.hrtime.bigint() - hrAtStart);

/** `2026-03-25 10:11:12.123456 UTC` (microseconds, as mosaicod prints notification dates). */
export function formatUtcDatetime(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const iso = new Date(Number(ms)).toISOString(); // 2026-03-25T10:11:12.123Z
  const micros = ((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n / 1_000n;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${micros.toString().padStart(6, "0")} UTC`;
}
