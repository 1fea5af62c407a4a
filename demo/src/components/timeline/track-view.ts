/**
 * A GPS track: the window's fixes in Web Mercator, drawn offline (no tiles,
 * no network) unless a tile-server URL template is set, the position at the
 * cursor marked. Latitude is the model's `position.x`, longitude `position.y`
 * (the GPS model, as the Python SDK's NavSatFix adapter fills it).
 */
import { useMemo, useState } from "preact/hooks";
import { html } from "../../html.js";
import { coveringTiles, distanceMetres, fitBounds, mercator, roundLength, toScreen } from "../../lib/geo.js";
import { indexAtOrBefore } from "../../lib/nearest-row.js";
import { formatHeaderStamp } from "../../lib/time.js";
import { planarAccumulator, type PlanarData } from "../../lib/timeline-accumulators.js";
import { useWindowRead } from "../../lib/use-window-read.js";
import { CANVAS_HEIGHT, CANVAS_WIDTH, PlanarCanvas } from "./planar-canvas.js";
import { ReadStatus } from "./read-status.js";
import type { TimelineViewProps } from "./view-props.js";

const MAX_ROWS = 200_000;
const EMPTY: PlanarData = { ts: [], a: [], b: [], yaw: [] };
const TILE_KEY = "mosaico-demo:tile-url";

function savedTileUrl(): string {
  try {
    return localStorage.getItem(TILE_KEY) ?? "";
  } catch {
    return "";
  }
}

export function TrackView({ client, topic, window, cursorNs }: TimelineViewProps) {
  const read = useWindowRead(client, { locator: topic.locator, ...window, accumulate: () => planarAccumulator(["position"]), shape: "track", maxRows: MAX_ROWS }, EMPTY);
  const [tiles, setTiles] = useState(savedTileUrl);
  const [editing, setEditing] = useState(false);
  const { a: lat, b: lon, ts } = read.data;
  const drawn = useMemo(() => {
    const mx: number[] = [];
    const my: number[] = [];
    for (let i = 0; i < lat.length; i++) {
      const [x, y] = mercator(lat[i]!, lon[i]!);
      mx.push(x);
      my.push(y);
    }
    const fit = fitBounds(mx, my, CANVAS_WIDTH, CANVAS_HEIGHT, 24);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < mx.length; i++) {
      const [x, y] = toScreen(fit, mx[i]!, my[i]!);
      xs.push(x);
      ys.push(y);
    }
    // Metres per screen unit, measured along the track's first fixes.
    let scaleBar: { length: number; label: string } | undefined;
    if (lat.length > 1) {
      const last = lat.length - 1;
      const metres = distanceMetres(lat[0]!, lon[0]!, lat[last]!, lon[last]!);
      const screen = Math.hypot(xs[last]! - xs[0]!, ys[last]! - ys[0]!);
      if (metres > 0 && screen > 0) {
        const length = roundLength((metres / screen) * 120);
        scaleBar = { length: (length * screen) / metres, label: length >= 1000 ? `${length / 1000} km` : `${length} m` };
      }
    }
    return { xs, ys, fit, scaleBar };
  }, [read.data]);
  const current = indexAtOrBefore(ts, cursorNs);
  const stamp = current >= 0 ? read.data.stamps?.[current] : undefined;
  const tileLayer = tiles ? coveringTiles(tiles, drawn.fit, CANVAS_WIDTH, CANVAS_HEIGHT) : [];
  return html`<div class="planar-view">
    <${PlanarCanvas} xs=${drawn.xs} ys=${drawn.ys} current=${current} scaleBar=${drawn.scaleBar} tiles=${tileLayer} testid="gps-track" label="GPS track of the window" />
    <div class="planar-caption small">
      ${current >= 0
        ? html`<span class="mono" data-testid="gps-position">${lat[current]!.toFixed(6)}°, ${lon[current]!.toFixed(6)}°</span>${stamp ? html` · ${formatHeaderStamp(stamp)}` : ""}`
        : html`<span class="muted">no fix at the cursor yet</span>`}
      · ${tiles ? "tiles from your tile server" : "no map tiles (offline)"}
      <button class="btn btn-link small" type="button" onClick=${() => setEditing(!editing)} data-testid="tile-settings">${editing ? "close" : "map tiles…"}</button>
    </div>
    ${editing && html`<form class="row gap flex-wrap small" onSubmit=${(e: Event) => e.preventDefault()}>
      <input class="input mono grow" placeholder="https://tiles.example.org/{z}/{x}/{y}.png" value=${tiles} data-testid="tile-url"
        onChange=${(e: Event) => {
          const next = (e.target as HTMLInputElement).value.trim();
          setTiles(next);
          try { if (next) localStorage.setItem(TILE_KEY, next); else localStorage.removeItem(TILE_KEY); } catch { /* storage off: this tab only */ }
        }} />
      <span class="muted">A slippy-map template with {z}, {x}, {y}; empty draws the track alone. Tiles load from that server only.</span>
    </form>`}
    <${ReadStatus} read=${read} noun="fixes" />
  </div>`;
}
