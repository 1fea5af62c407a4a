/**
 * Temporal filters (docs/protocol.md §8.6): clustering one topic's matching
 * timestamps into windows, and intersecting the window streams of several
 * topics (the k-way walk mosaicod's docs describe).
 */

export interface Window {
  start: bigint;
  end: bigint;
}

/**
 * Groups timestamps fed in non-decreasing order: two consecutive matches
 * farther apart than `dt` start a new window; `dt = 0` never splits (one
 * window `[first, last]`).
 */
export class Clusterer {
  private start: bigint | undefined;
  private last: bigint | undefined;

  constructor(private readonly dt: bigint) {}

  /** Adds one timestamp; returns the window it closed, if any. */
  push(t: bigint): Window | undefined {
    if (this.start === undefined || this.last === undefined) {
      this.start = this.last = t;
      return undefined;
    }
    if (this.dt > 0n && t - this.last > this.dt) {
      const closed = { start: this.start, end: this.last };
      this.start = this.last = t;
      return closed;
    }
    this.last = t;
    return undefined;
  }

  /**
   * Closes the open window when every timestamp still to come is at least
   * `next`, and `next` is too far to join it (streams windows early).
   */
  closeBefore(next: bigint): Window | undefined {
    if (this.dt === 0n || this.start === undefined || this.last === undefined) return undefined;
    if (next - this.last <= this.dt) return undefined;
    const closed = { start: this.start, end: this.last };
    this.start = this.last = undefined;
    return closed;
  }

  finish(): Window | undefined {
    if (this.start === undefined || this.last === undefined) return undefined;
    const closed = { start: this.start, end: this.last };
    this.start = this.last = undefined;
    return closed;
  }
}

/**
 * Intersects per-topic window streams (each in time order). At each step the
 * current windows of all topics are compared: when the latest start is at
 * most `dt` after the earliest end, a window is emitted — the plain overlap
 * `[maxStart, minEnd]` when they overlap, otherwise the gap widened by
 * `dt` split in two halves (`[maxStart - ⌊dt/2⌋, minEnd + ⌈dt/2⌉]`, as
 * mosaicod does). Then the stream whose window ends first advances (the
 * first such stream on ties). Any stream running out ends the walk, so a
 * topic without matches gives no window at all.
 */
export async function* intersectWindows(streams: readonly AsyncIterator<Window>[], dt: bigint): AsyncGenerator<Window> {
  try {
    yield* walk(streams, dt);
  } finally {
    // A stream may still be suspended (another ran out first, or the client left).
    await Promise.allSettled(streams.map((s) => s.return?.()));
  }
}

async function* walk(streams: readonly AsyncIterator<Window>[], dt: bigint): AsyncGenerator<Window> {
  const current: Window[] = [];
  for (const stream of streams) {
    const next = await stream.next();
    if (next.done) return;
    current.push(next.value);
  }
  const lo = dt / 2n;
  const hi = dt - lo;
  for (;;) {
    let minIndex = 0;
    let maxStart = current[0]!.start;
    for (const [i, w] of current.entries()) {
      if (w.end < current[minIndex]!.end) minIndex = i;
      if (w.start > maxStart) maxStart = w.start;
    }
    const minEnd = current[minIndex]!.end;
    if (maxStart <= minEnd + dt) {
      yield maxStart <= minEnd ? { start: maxStart, end: minEnd } : { start: maxStart - lo, end: minEnd + hi };
    }
    const next = await streams[minIndex]!.next();
    if (next.done) return;
    current[minIndex] = next.value;
  }
}
