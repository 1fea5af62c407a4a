/**
 * The dashboard's redraw policy for streaming reads: a late animation frame
 * never overwrites the final state (the flake that kept a finished plot on
 * "loading" when Chromium throttled frames under CI load).
 */
import { describe, expect, it } from "vitest";
import { createFrameThrottle } from "../../../demo/src/lib/frame-throttle.js";

function harness() {
  let clock = 1_000;
  let nextHandle = 1;
  const frames = new Map<number, () => void>();
  const draws: number[] = [];
  const throttle = createFrameThrottle({
    intervalMs: 120,
    publish: () => draws.push(clock),
    now: () => clock,
    requestFrame: (callback) => {
      frames.set(nextHandle, callback);
      return nextHandle++;
    },
    cancelFrame: (handle) => void frames.delete(handle),
  });
  const runFrames = () => {
    const due = [...frames.values()];
    frames.clear();
    due.forEach((callback) => callback());
  };
  return { throttle, draws, frames, runFrames, advance: (ms: number) => (clock += ms) };
}

describe("createFrameThrottle", () => {
  it("draws the first change at once and coalesces quick ones into one frame", () => {
    const { throttle, draws, frames, runFrames, advance } = harness();
    throttle.changed();
    expect(draws).toHaveLength(1);
    advance(10);
    throttle.changed();
    throttle.changed();
    expect(frames.size).toBe(1);
    runFrames();
    expect(draws).toHaveLength(2);
  });

  it("a direct draw drops the frame it supersedes", () => {
    const { throttle, draws, frames, advance } = harness();
    throttle.changed(); // direct
    advance(10);
    throttle.changed(); // frame scheduled
    advance(500); // the frame has not fired (throttled), the next batch comes late
    throttle.changed(); // direct again
    expect(draws).toHaveLength(2);
    expect(frames.size).toBe(0);
  });

  it("no draw after settle, even from a frame scheduled before it", () => {
    const { throttle, draws, frames, runFrames, advance } = harness();
    throttle.changed();
    advance(10);
    throttle.changed();
    const scheduled = [...frames.values()];
    throttle.settle();
    expect(throttle.settled).toBe(true);
    expect(frames.size).toBe(0);
    scheduled.forEach((callback) => callback()); // a frame the browser fires anyway
    runFrames();
    advance(1_000);
    throttle.changed();
    expect(draws).toHaveLength(1);
  });
});
