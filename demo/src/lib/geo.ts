/**
 * Drawing GPS fixes without a map service: Web Mercator coordinates (the
 * projection of slippy-map tiles, so an optional tile layer lines up), a fit
 * of the track's bounds into the panel, and the tiles that cover it when a
 * tile-server URL is configured. Nothing here touches the network.
 */

/** Web Mercator at zoom 0: the world is 256 × 256 units. */
export function mercator(lat: number, lon: number): [number, number] {
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const rad = (clamped * Math.PI) / 180;
  const x = ((lon + 180) / 360) * 256;
  const y = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 256;
  return [x, y];
}

export interface Fit {
  /** Screen units per zoom-0 unit. */
  scale: number;
  /** Zoom-0 coordinate at the panel's top-left corner. */
  originX: number;
  originY: number;
}

/** Scale and origin that fit `points` (any planar units, y down) into width × height with a margin, aspect kept. */
export function fitBounds(xs: ArrayLike<number>, ys: ArrayLike<number>, width: number, height: number, margin = 16): Fit {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!, y = ys[i]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (!Number.isFinite(minX)) return { scale: 1, originX: 0, originY: 0 };
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  // Centre the track in the panel.
  const originX = (minX + maxX) / 2 - width / 2 / scale;
  const originY = (minY + maxY) / 2 - height / 2 / scale;
  return { scale, originX, originY };
}

/** A point in panel coordinates. */
export function toScreen(fit: Fit, x: number, y: number): [number, number] {
  return [(x - fit.originX) * fit.scale, (y - fit.originY) * fit.scale];
}

export interface Tile {
  url: string;
  x: number;
  y: number;
  size: number;
}

/** Fills `{z}`, `{x}`, `{y}` of a tile URL template. */
export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template.replaceAll("{z}", String(z)).replaceAll("{x}", String(x)).replaceAll("{y}", String(y));
}

/** The tiles (at the zoom closest below the fit's scale) that cover the panel. */
export function coveringTiles(template: string, fit: Fit, width: number, height: number, maxZoom = 19): Tile[] {
  const zoom = Math.max(0, Math.min(maxZoom, Math.floor(Math.log2(fit.scale))));
  const units = 256 / 2 ** zoom; // zoom-0 units per tile
  const size = units * fit.scale;
  const first = [Math.floor(fit.originX / units), Math.floor(fit.originY / units)] as const;
  const last = [Math.floor((fit.originX + width / fit.scale) / units), Math.floor((fit.originY + height / fit.scale) / units)] as const;
  const count = 2 ** zoom;
  const tiles: Tile[] = [];
  for (let ty = Math.max(0, first[1]); ty <= Math.min(count - 1, last[1]); ty++) {
    for (let tx = first[0]; tx <= last[0]; tx++) {
      const [x, y] = toScreen(fit, tx * units, ty * units);
      tiles.push({ url: tileUrl(template, zoom, ((tx % count) + count) % count, ty), x, y, size });
    }
  }
  return tiles.length > 64 ? [] : tiles;
}

/** Great-circle distance in metres (haversine), for the track's scale bar. */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = 6_371_008.8;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The largest round length (1, 2 or 5 × 10^n) not above `target`, for scale bars. */
export function roundLength(target: number): number {
  if (!(target > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(target));
  const step = [5, 2, 1].find((m) => m * power <= target) ?? 1;
  return Number((step * power).toPrecision(12));
}
