/**
 * The shared-timeline view's layout as a URL: which topics are open as which
 * views, the brushed range and the cursor, so that a view can be sent as a
 * link. `#/timeline/<sequence>?panel=/sensors/imu~plot~acceleration.x,acceleration.y&start=…&end=…&at=…`.
 * Times are exact `timestamp_ns` integers (never seconds through a float).
 */

/** What a panel draws. */
export type ViewKind = "plot" | "frame" | "track" | "trajectory" | "table";

export const VIEW_KINDS: readonly ViewKind[] = ["plot", "frame", "track", "trajectory", "table"];

export interface PanelSpec {
  /** Topic name inside the sequence, with its leading slash (`/sensors/imu`). */
  topic: string;
  view: ViewKind;
  /** Plot fields (dotted leaf labels); empty means the view's default. */
  fields: string[];
}

export interface TimelineLayout {
  panels: PanelSpec[];
  startNs?: bigint;
  endNs?: bigint;
  cursorNs?: bigint;
}

const SEP = "~";

function integer(params: URLSearchParams, key: string): bigint | undefined {
  const text = params.get(key);
  return text && /^-?\d+$/.test(text) ? BigInt(text) : undefined;
}

/** One `panel` parameter: `topic~view~field,field`; unknown views are dropped rather than guessed. */
export function parsePanel(text: string): PanelSpec | undefined {
  const [topic = "", view = "", fields = ""] = text.split(SEP);
  if (!topic.startsWith("/") || !(VIEW_KINDS as readonly string[]).includes(view)) return undefined;
  return { topic, view: view as ViewKind, fields: fields ? fields.split(",").filter(Boolean) : [] };
}

/** Reads a layout from the route's query parameters. */
export function parseLayout(params: URLSearchParams): TimelineLayout {
  const panels = params.getAll("panel").map(parsePanel).filter((p): p is PanelSpec => !!p);
  return { panels, startNs: integer(params, "start"), endNs: integer(params, "end"), cursorNs: integer(params, "at") };
}

/** The query string of a layout (without `?`); the inverse of parseLayout. */
export function layoutQuery(layout: TimelineLayout): string {
  const params = new URLSearchParams();
  for (const p of layout.panels) params.append("panel", [p.topic, p.view, p.fields.join(",")].join(SEP).replace(/~$/, ""));
  if (layout.startNs !== undefined) params.set("start", String(layout.startNs));
  if (layout.endNs !== undefined) params.set("end", String(layout.endNs));
  if (layout.cursorNs !== undefined) params.set("at", String(layout.cursorNs));
  return params.toString();
}

/** The link of a timeline view. */
export function timelineHref(sequence: string, layout?: TimelineLayout): string {
  const query = layout ? layoutQuery(layout) : "";
  return `#/timeline/${encodeURIComponent(sequence)}${query ? `?${query}` : ""}`;
}
