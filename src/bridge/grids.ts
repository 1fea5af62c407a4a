/**
 * GridCells, MapMetadata and OccupancyGrid, the Python SDK's models of `nav_msgs/msg/GridCells`,
 * `MapMetaData` and `OccupancyGrid` (mosaico-labs/mosaico@1d5a48e2,
 * mosaico-sdk-py/src/mosaicolabs/models/futures/grids.py). They are upstream's "futures" models, not
 * among the built-in models here, so the bridge defines them, with upstream's Arrow types: float32 cell
 * sizes and resolution, uint32 width and height, `map_load_time` a Time, `data` list<int8>. MapMetadata
 * has no header (upstream's class has no HeaderMixin). Their mappings are in ros-nav-mappings.ts.
 */
import { defineOntology } from "../ontology/define-ontology.js";
import { field } from "../ontology/field-spec.js";
import { HeaderMixin, TimeStruct } from "../ontology/mixins.js";
import { Point3d, Pose } from "../ontology/builtins/index.js";

/**
 * Grid cells of one size, each as the Point3d at its center (tag `grid_cells`).
 *
 * @example
 * ```ts
 * import { GridCells } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/obstacles")) {
 *   for (const row of GridCells.rows(batch)) console.log(row.cell_width, row.cells.length);
 * }
 * ```
 */
export const GridCells = defineOntology({
  name: "GridCells",
  tag: "grid_cells",
  fields: { cell_width: field.float32(), cell_height: field.float32(), cells: field.list(field.model(Point3d)) },
  mixins: [HeaderMixin],
});

/**
 * The layout of a map: load time, resolution (m/cell), width and height (cells), and the pose of
 * cell (0, 0) in the world (tag `map_metadata`).
 *
 * @example
 * ```ts
 * import { MapMetadata } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/map_metadata")) {
 *   for (const row of MapMetadata.rows(batch)) console.log(row.width, row.height, row.resolution);
 * }
 * ```
 */
export const MapMetadata = defineOntology({
  name: "MapMetadata",
  tag: "map_metadata",
  fields: { map_load_time: TimeStruct, resolution: field.float32(), width: field.uint32(), height: field.uint32(), origin: field.model(Pose) },
});

/**
 * An occupancy grid: its MapMetadata and the cells in row-major order, 0 to 100 occupied, -1 unknown
 * (tag `occupancy_grid`).
 *
 * @example
 * ```ts
 * import { OccupancyGrid } from "mosaico-web/bridge";
 * for await (const batch of await client.topicReader("drive_42/map")) {
 *   for (const row of OccupancyGrid.rows(batch)) console.log(row.info.width, row.data.length);
 * }
 * ```
 */
export const OccupancyGrid = defineOntology({
  name: "OccupancyGrid",
  tag: "occupancy_grid",
  fields: { info: field.model(MapMetadata), data: field.list(field.int8()) },
  mixins: [HeaderMixin],
});
