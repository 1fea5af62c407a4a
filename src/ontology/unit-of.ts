/**
 * `unitOf(tag, path)`: the unit of a field of the model registered for an
 * ontology tag, for chart axes and hovers (issue #16). The built-in models'
 * units are the ones the Python SDK states (docs/protocol.md §13.4).
 */
import { ontologyByTag } from "./registry.js";
import { resolveUnit } from "./units.js";

/**
 * The unit of a field of the model registered for `tag`, by dotted path or
 * path segments; `undefined` for an unknown tag or path, a field without a
 * stated unit, and the mixin fields (`covariance`, `header`, `variance`, ...).
 * A group's unit covers its numeric leaves; list items take their list's unit.
 *
 * @example
 * ```ts
 * unitOf("imu", "acceleration.x");            // "m/s²" (from the group "acceleration")
 * unitOf("imu", ["angular_velocity", "z"]);   // "rad/s"
 * unitOf("imu", "acceleration.covariance");   // undefined
 * unitOf(topic.ontologyTag ?? "", column) ?? ""; // an axis label that may be blank
 * ```
 */
export function unitOf(tag: string, path: readonly string[] | string): string | undefined {
  const model = ontologyByTag(tag);
  return model === undefined ? undefined : resolveUnit(model, path);
}
