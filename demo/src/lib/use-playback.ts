/**
 * Playback of the shared cursor: while playing, each animation frame moves
 * it by the elapsed wall time × speed (0.5×, 1×, 2×). The frame loop lives
 * only while playing; the page decides where the cursor may go.
 */
import { useEffect, useRef } from "preact/hooks";

export const SPEEDS = [0.5, 1, 2] as const;
export type Speed = (typeof SPEEDS)[number];

/** Calls `advance(deltaNs)` on every animation frame while `playing`. */
export function usePlayback(playing: boolean, speed: Speed, advance: (deltaNs: bigint) => void): void {
  const step = useRef(advance);
  step.current = advance;
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let handle = requestAnimationFrame(function frame(now) {
      const elapsedMs = Math.max(0, now - last);
      last = now;
      step.current(BigInt(Math.round(elapsedMs * speed * 1e6)));
      handle = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(handle);
  }, [playing, speed]);
}
