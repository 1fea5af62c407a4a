/**
 * Units of plotted fields, from the SDK's ontology models (`unitOf`, whose
 * table cites the Python SDK's model docstrings). A topic without a known tag,
 * or a field the model gives no unit, shows none rather than a guess.
 */
import { unitOf } from "../sdk.js";

/** The unit of a field of a topic with ontology tag `tag`, if its model states one. */
export function unitOfField(tag: string | undefined, path: string[]): string | undefined {
  if (!tag) return undefined;
  return unitOf(tag, path) ?? undefined;
}
