/**
 * Which views fit a topic, decided from its ontology tag and Arrow schema:
 * frames for images, a track for GPS fixes, a top-view trajectory for poses,
 * plots for numeric fields (also numeric lists such as joint positions), and
 * a table of rows around the cursor for anything, so that every topic opens.
 */
import { DataType, type Field, type Schema } from "apache-arrow";
import type { TopicInfo } from "../sdk.js";
import { isImageSchema, numericLeaves } from "./arrow-fields.js";
import type { ViewKind } from "./timeline-layout.js";

function child(fields: Field[] | undefined, name: string): Field | undefined {
  return fields?.find((f) => f.name === name);
}

/** True when `path` leads to a struct holding numeric x and y. */
function hasXy(schema: Schema | undefined, path: string[]): boolean {
  let fields = schema?.fields;
  for (const name of path) {
    const field = child(fields, name);
    if (!field || !DataType.isStruct(field.type)) return false;
    fields = field.type.children;
  }
  return ["x", "y"].every((n) => {
    const f = child(fields, n);
    return !!f && (DataType.isFloat(f.type) || DataType.isInt(f.type));
  });
}

/** The struct path of a pose's position (`position`, or `pose.position` for MotionState), if any. */
export function positionPath(schema: Schema | undefined): string[] | undefined {
  if (hasXy(schema, ["position"])) return ["position"];
  if (hasXy(schema, ["pose", "position"])) return ["pose", "position"];
  if (hasXy(schema, ["translation"])) return ["translation"];
  return undefined;
}

/** Numeric list columns at the top level (`positions`, `velocities`, `efforts` of joint states). */
export function numericListFields(schema: Schema | undefined): string[] {
  return (schema?.fields ?? [])
    .filter((f) => DataType.isList(f.type) && (DataType.isFloat(f.type.children[0]!.type) || DataType.isInt(f.type.children[0]!.type)))
    .map((f) => f.name);
}

/** The views a topic can be shown as, best first; `table` is always last and always there. */
export function viewsFor(topic: Pick<TopicInfo, "schema" | "ontologyTag">): ViewKind[] {
  const views: ViewKind[] = [];
  const schema = topic.schema;
  if (isImageSchema(schema, topic.ontologyTag)) views.push("frame");
  if (topic.ontologyTag === "gps" && hasXy(schema, ["position"])) views.push("track");
  // Poses, transforms and motion states, and any other topic with a planar position that is not a GPS fix.
  if (!views.includes("track") && positionPath(schema)) views.push("trajectory");
  if (schema && (numericLeaves(schema).length > 0 || numericListFields(schema).length > 0) && !views.includes("frame")) views.push("plot");
  views.push("table");
  return views;
}

/** The first view of a topic. */
export function defaultView(topic: Pick<TopicInfo, "schema" | "ontologyTag">): ViewKind {
  return viewsFor(topic)[0]!;
}

export const VIEW_LABELS: Record<ViewKind, string> = {
  plot: "Plot",
  frame: "Camera frame",
  track: "GPS track",
  trajectory: "Trajectory (top view)",
  table: "Rows at the cursor",
};
