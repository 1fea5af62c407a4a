/**
 * An SVG of a planar path: the window's points as one polyline, the point at
 * the cursor as a marker (with a heading arrow when there is one), a scale
 * bar, and optional map tiles underneath. Coordinates arrive in screen units.
 */
import { html } from "../../html.js";
import type { Tile } from "../../lib/geo.js";

export const CANVAS_WIDTH = 640;
export const CANVAS_HEIGHT = 360;

export interface PlanarCanvasProps {
  xs: number[];
  ys: number[];
  /** Index of the point at the cursor, -1 for none. */
  current: number;
  /** Heading of the current point in screen radians (0 = right, clockwise positive), if known. */
  heading?: number | null;
  /** Scale bar: its length in screen units and its label. */
  scaleBar?: { length: number; label: string };
  tiles?: Tile[];
  testid: string;
  label: string;
}

export function PlanarCanvas({ xs, ys, current, heading, scaleBar, tiles = [], testid, label }: PlanarCanvasProps) {
  const points = xs.map((x, i) => `${x.toFixed(1)},${ys[i]!.toFixed(1)}`).join(" ");
  const cx = current >= 0 ? xs[current] : undefined;
  const cy = current >= 0 ? ys[current] : undefined;
  return html`<svg class="planar" viewBox=${`0 0 ${CANVAS_WIDTH} ${CANVAS_HEIGHT}`} role="img" aria-label=${label} data-testid=${testid} data-points=${xs.length} data-current=${current}>
    ${tiles.map((t) => html`<image href=${t.url} x=${t.x} y=${t.y} width=${t.size} height=${t.size} preserveAspectRatio="none" />`)}
    <polyline class="planar-path" points=${points} data-testid=${`${testid}-path`} data-points=${xs.length} />
    ${xs.length > 0 && html`<circle class="planar-start" cx=${xs[0]} cy=${ys[0]} r="4"><title>window start</title></circle>`}
    ${cx !== undefined && cy !== undefined &&
    html`<g class="planar-marker" data-testid=${`${testid}-marker`} transform=${`translate(${cx.toFixed(1)} ${cy.toFixed(1)})`}>
      ${heading !== undefined && heading !== null && html`<line x1="0" y1="0" x2=${(18 * Math.cos(heading)).toFixed(1)} y2=${(18 * Math.sin(heading)).toFixed(1)} class="planar-heading" />`}
      <circle r="6" />
    </g>`}
    ${scaleBar && html`<g class="planar-scale" transform=${`translate(16 ${CANVAS_HEIGHT - 16})`}>
      <line x1="0" y1="0" x2=${scaleBar.length.toFixed(1)} y2="0" /><text x="0" y="-6">${scaleBar.label}</text></g>`}
  </svg>`;
}
