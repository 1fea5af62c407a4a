/**
 * Finding the row of a cursor in a sorted `timestamp_ns` column (each topic's
 * rows arrive in time order, so a binary search is exact and O(log n)).
 */

/** Index of the last timestamp at or before `cursor`, or -1 when every row is later. */
export function indexAtOrBefore(timestamps: ArrayLike<bigint>, cursor: bigint): number {
  let lo = 0;
  let hi = timestamps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (timestamps[mid]! <= cursor) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the timestamp closest to `cursor` (the earlier one on a tie), or -1 when there are none. */
export function nearestIndex(timestamps: ArrayLike<bigint>, cursor: bigint): number {
  if (timestamps.length === 0) return -1;
  const before = indexAtOrBefore(timestamps, cursor);
  if (before < 0) return 0;
  const after = before + 1;
  if (after >= timestamps.length) return before;
  return cursor - timestamps[before]! <= timestamps[after]! - cursor ? before : after;
}
