/**
 * Redraws of a streaming read, at most every `intervalMs` while rows arrive
 * and on the next animation frame otherwise, with one final state that no
 * late frame can overwrite.
 *
 * Why a separate piece: a direct redraw must drop the frame it supersedes.
 * When it did not, a frame scheduled before the last batch fired after the
 * read had settled and put the panel back to "loading" for good (seen when
 * the browser throttles animation frames under load).
 */
export interface FrameThrottleOptions {
  intervalMs: number;
  /** Draws the current progress; not called once settled. */
  publish: () => void;
  now?: () => number;
  requestFrame?: (callback: () => void) => number;
  cancelFrame?: (handle: number) => void;
}

/** The redraw policy of one read. */
export interface FrameThrottle {
  /** New rows arrived: draw now if the last draw is old enough, else on the next frame. */
  changed(): void;
  /** The read ended (done, cancelled, failed or torn down): no more progress draws. */
  settle(): void;
  readonly settled: boolean;
}

/** Creates the redraw policy of one read. */
export function createFrameThrottle(options: FrameThrottleOptions): FrameThrottle {
  const now = options.now ?? (() => performance.now());
  const requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(callback));
  const cancelFrame = options.cancelFrame ?? ((handle) => cancelAnimationFrame(handle));
  let pending = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let settled = false;
  const dropFrame = () => {
    if (pending) cancelFrame(pending);
    pending = 0;
  };
  const draw = () => {
    dropFrame();
    lastDraw = now();
    if (!settled) options.publish();
  };
  return {
    changed() {
      if (settled) return;
      if (now() - lastDraw > options.intervalMs) draw();
      else if (!pending) pending = requestFrame(draw);
    },
    settle() {
      dropFrame();
      settled = true;
    },
    get settled() {
      return settled;
    },
  };
}
