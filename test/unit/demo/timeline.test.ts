/**
 * The shared timeline's pure parts: its layout survives the URL, the cursor
 * finds its row by binary search, the window pages forward during playback,
 * camera windows are block-aligned, and GPS fixes fit the panel.
 */
import { describe, expect, it } from "vitest";
import { coveringTiles, fitBounds, mercator, roundLength, tileUrl, toScreen } from "../../../demo/src/lib/geo.js";
import { indexAtOrBefore, nearestIndex } from "../../../demo/src/lib/nearest-row.js";
import { yawOf } from "../../../demo/src/lib/timeline-accumulators.js";
import { defaultWindow, followCursor, windowAround } from "../../../demo/src/lib/timeline-defaults.js";
import { layoutQuery, parseLayout, parsePanel, timelineHref } from "../../../demo/src/lib/timeline-layout.js";
import { frameWindow } from "../../../demo/src/components/timeline/frame-view.js";

const S = 1_000_000_000n;

describe("timeline layout in the URL", () => {
  it("round-trips panels, fields, window and cursor exactly", () => {
    const layout = {
      panels: [
        { topic: "/sensors/imu", view: "plot" as const, fields: ["acceleration.x", "angular_velocity.z"] },
        { topic: "/sensors/camera front~2", view: "frame" as const, fields: [] },
      ],
      startNs: 1_742_890_445_000_000_123n,
      endNs: 1_742_890_465_000_000_000n,
      cursorNs: 1_742_890_450_123_456_789n,
    };
    const parsed = parseLayout(new URLSearchParams(layoutQuery(layout)));
    // A "~" inside a topic name cannot survive the separator: the panel is cut at it, never misread as another view.
    expect(parsed.panels[0]).toEqual(layout.panels[0]);
    expect(parsed.startNs).toBe(layout.startNs);
    expect(parsed.endNs).toBe(layout.endNs);
    expect(parsed.cursorNs).toBe(layout.cursorNs);
    expect(timelineHref("drive a", layout)).toMatch(/^#\/timeline\/drive%20a\?panel=/);
  });

  it("drops panels with an unknown view or a name without a slash", () => {
    expect(parsePanel("/a~map")).toBeUndefined();
    expect(parsePanel("a~plot")).toBeUndefined();
    expect(parsePanel("/a~table")).toEqual({ topic: "/a", view: "table", fields: [] });
    expect(parseLayout(new URLSearchParams("start=1.5&end=x&at=-3")).cursorNs).toBe(-3n);
    expect(parseLayout(new URLSearchParams("start=1.5")).startNs).toBeUndefined();
  });
});

describe("the cursor's row", () => {
  const ts = [10n, 20n, 20n, 30n, 40n];
  it("finds the last row at or before the cursor", () => {
    expect(indexAtOrBefore(ts, 5n)).toBe(-1);
    expect(indexAtOrBefore(ts, 10n)).toBe(0);
    expect(indexAtOrBefore(ts, 20n)).toBe(2);
    expect(indexAtOrBefore(ts, 39n)).toBe(3);
    expect(indexAtOrBefore(ts, 400n)).toBe(4);
    expect(indexAtOrBefore([], 1n)).toBe(-1);
  });
  it("finds the nearest row, the earlier on a tie", () => {
    expect(nearestIndex(ts, 0n)).toBe(0);
    expect(nearestIndex(ts, 25n)).toBe(2);
    expect(nearestIndex(ts, 26n)).toBe(3);
    expect(nearestIndex(ts, 99n)).toBe(4);
    expect(nearestIndex([], 1n)).toBe(-1);
  });
  it("agrees with a linear scan on random sorted columns", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const column = Array.from({ length: 1 + Math.floor(random() * 50) }, () => BigInt(Math.floor(random() * 1000))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const cursor = BigInt(Math.floor(random() * 1100) - 50);
      expect(indexAtOrBefore(column, cursor)).toBe(column.filter((t) => t <= cursor).length - 1);
    }
  });
});

describe("windows", () => {
  const whole = { startNs: 0n, endNs: 120n * S };
  it("open on the first minute of a long sequence, and on all of a short one", () => {
    expect(defaultWindow(whole)).toEqual({ startNs: 0n, endNs: 60n * S });
    expect(defaultWindow({ startNs: 5n, endNs: 30n * S })).toEqual({ startNs: 5n, endNs: 30n * S });
  });
  it("page forward when playback passes the end, and stop at the sequence's end", () => {
    const window = { startNs: 0n, endNs: 20n * S };
    expect(followCursor(10n * S, window, whole)).toEqual({ cursorNs: 10n * S, window, ended: false });
    expect(followCursor(20n * S, window, whole)).toEqual({ cursorNs: 20n * S, window: { startNs: 20n * S, endNs: 40n * S }, ended: false });
    const last = { startNs: 110n * S, endNs: 120n * S };
    expect(followCursor(121n * S, last, whole)).toEqual({ cursorNs: 120n * S - 1n, window: last, ended: true });
    expect(windowAround(115n * S, 20n * S, whole)).toEqual({ startNs: 100n * S, endNs: 120n * S });
  });
  it("read camera frames in 10 s windows aligned to 5 s blocks", () => {
    expect(frameWindow(12n * S, 0n, whole)).toEqual({ startNs: 10n * S, endNs: 20n * S });
    expect(frameWindow(14_999_999_999n, 0n, whole)).toEqual({ startNs: 10n * S, endNs: 20n * S });
    expect(frameWindow(118n * S, 0n, whole)).toEqual({ startNs: 115n * S, endNs: 120n * S });
  });
});

describe("GPS geometry", () => {
  it("projects to Web Mercator as slippy-map tiles do", () => {
    expect(mercator(0, 0)).toEqual([128, 128]);
    const [x, y] = mercator(45.0703, 7.6869);
    // Turin at zoom 16 is tile (34167, 23556), by the OSM wiki formula (asinh of tan).
    expect(Math.floor((x / 256) * 2 ** 16)).toBe(34_167);
    expect(Math.floor((y / 256) * 2 ** 16)).toBe(23_556);
  });
  it("fits a track into the panel with its aspect kept and centred", () => {
    const fit = fitBounds([0, 10], [0, 5], 640, 360, 20);
    expect(fit.scale).toBeCloseTo(60, 9);
    const [left, top] = toScreen(fit, 0, 0);
    const [right, bottom] = toScreen(fit, 10, 5);
    expect(left).toBeCloseTo(20, 9);
    expect(right).toBeCloseTo(620, 9);
    expect((top + bottom) / 2).toBeCloseTo(180, 9);
  });
  it("covers the panel with tiles only when a template is given", () => {
    expect(tileUrl("https://t/{z}/{x}/{y}.png", 3, 4, 5)).toBe("https://t/3/4/5.png");
    const fit = fitBounds([128, 128.01], [128, 128.01], 640, 360);
    const tiles = coveringTiles("t/{z}/{x}/{y}", fit, 640, 360);
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.length).toBeLessThanOrEqual(64);
    for (const t of tiles) expect(t.size).toBeGreaterThanOrEqual(256);
  });
  it("picks round scale-bar lengths and yaw from quaternions", () => {
    expect(roundLength(130)).toBe(100);
    expect(roundLength(170)).toBe(100);
    expect(roundLength(260)).toBe(200);
    expect(roundLength(5)).toBe(5);
    expect(roundLength(0.3)).toBe(0.2);
    expect(yawOf({ x: 0, y: 0, z: Math.sin(0.6), w: Math.cos(0.6) })).toBeCloseTo(1.2, 12);
  });
});
