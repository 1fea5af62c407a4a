/**
 * Polygon, the Python SDK's model of `geometry_msgs/msg/Polygon` and `PolygonStamped`
 * (mosaico-labs/mosaico@29190ead, mosaico-sdk-py/src/mosaicolabs/models/data/geometry.py:
 * `points: list<Point3d>`, HeaderMixin). Upstream it is a built-in model; this SDK's built-ins
 * (docs/protocol.md §13.3) do not carry it yet, so the bridge defines it. Its mapping, PolygonAdapter,
 * is with the other geometry_msgs families in ros-geometry-mappings.ts.
 */
import { defineOntology } from "../ontology/define-ontology.js";
import { field } from "../ontology/field-spec.js";
import { HeaderMixin } from "../ontology/mixins.js";
import { Point3d } from "../ontology/builtins/index.js";

/**
 * A polygon as its vertices, each a Point3d (tag `polygon`).
 *
 * @example
 * ```ts
 * import { Polygon } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/footprint")) {
 *   for (const row of Polygon.rows(batch)) console.log(row.points.map((p) => [p.x, p.y]));
 * }
 * ```
 */
export const Polygon = defineOntology({
  name: "Polygon",
  tag: "polygon",
  fields: { points: field.list(field.model(Point3d)) },
  mixins: [HeaderMixin],
});
