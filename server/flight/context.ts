/** What every Flight handler needs: the catalog, the generation, the clock, data sizing. */
import type { Clock } from "../core/time.js";
import type { DataPlaneOptions } from "../data/options.js";
import type { Generation } from "../generation.js";
import type { Catalog } from "../store/catalog.js";

export interface FlightContext {
  catalog: Catalog;
  generation: Generation;
  /** The seed's J1 api_key_* actions are served (--key-actions). */
  keyActions?: boolean;
  now: Clock;
  data: DataPlaneOptions;
  /** DoAction bodies above this are refused before parsing; 0: no cap. */
  maxActionBodyBytes?: number;
}
