/**
 * A pose trajectory seen from above: `position.x` east and `position.y`
 * north in the pose's frame (metres), equal scale on both axes, the pose at
 * the cursor with its heading (yaw of `orientation`).
 */
import { useMemo } from "preact/hooks";
import { html } from "../../html.js";
import { fitBounds, roundLength, toScreen } from "../../lib/geo.js";
import { indexAtOrBefore } from "../../lib/nearest-row.js";
import { planarAccumulator, type PlanarData } from "../../lib/timeline-accumulators.js";
import { positionPath } from "../../lib/timeline-views.js";
import { useWindowRead } from "../../lib/use-window-read.js";
import { CANVAS_HEIGHT, CANVAS_WIDTH, PlanarCanvas } from "./planar-canvas.js";
import { ReadStatus } from "./read-status.js";
import type { TimelineViewProps } from "./view-props.js";

const MAX_ROWS = 200_000;
const EMPTY: PlanarData = { ts: [], a: [], b: [], yaw: [] };

export function TrajectoryView({ client, topic, window, cursorNs }: TimelineViewProps) {
  const path = positionPath(topic.schema) ?? ["position"];
  const orientation = [...path.slice(0, -1), path[0] === "translation" ? "rotation" : "orientation"];
  const read = useWindowRead(
    client,
    { locator: topic.locator, ...window, accumulate: () => planarAccumulator(path, orientation), shape: `trajectory:${path.join(".")}`, maxRows: MAX_ROWS },
    EMPTY,
  );
  const { a: east, b: north, ts, yaw } = read.data;
  const drawn = useMemo(() => {
    // Screen y grows downwards: north is -y.
    const fit = fitBounds(east, north.map((n) => -n), CANVAS_WIDTH, CANVAS_HEIGHT, 24);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < east.length; i++) {
      const [x, y] = toScreen(fit, east[i]!, -north[i]!);
      xs.push(x);
      ys.push(y);
    }
    const length = roundLength(120 / fit.scale);
    return { xs, ys, scaleBar: east.length > 1 ? { length: length * fit.scale, label: length >= 1000 ? `${length / 1000} km` : `${length} m` } : undefined };
  }, [read.data]);
  const current = indexAtOrBefore(ts, cursorNs);
  const heading = current >= 0 && yaw[current] !== null ? -yaw[current]! : null;
  return html`<div class="planar-view">
    <${PlanarCanvas} xs=${drawn.xs} ys=${drawn.ys} current=${current} heading=${heading} scaleBar=${drawn.scaleBar} testid="pose-trajectory" label="Trajectory seen from above" />
    <div class="planar-caption small">
      ${current >= 0
        ? html`<span class="mono" data-testid="pose-position">x ${east[current]!.toFixed(2)} m, y ${north[current]!.toFixed(2)} m${yaw[current] !== null ? `, yaw ${((yaw[current]! * 180) / Math.PI).toFixed(1)}°` : ""}</span>`
        : html`<span class="muted">no pose at the cursor yet</span>`}
      · <span title="The Pose model states no unit; poses from ROS are in metres (REP 103), as the seeded drives are">top view, x east, y north, metres</span>
    </div>
    <${ReadStatus} read=${read} noun="poses" />
  </div>`;
}
