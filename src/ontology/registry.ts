/**
 * Tag -> model lookup. Readers see only a topic's ontology tag (query results,
 * topic info); the registry maps it back to a model, like the Python SDK's
 * class registry. A tag without a model is "unmodeled": read its rows with
 * `readRows(batch)`, which follows the batch's own Arrow schema.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import * as builtins from "./builtins/index.js";
import type { OntologyModelBase } from "./define-ontology.js";

const byTag = new Map<string, OntologyModelBase>();
for (const model of Object.values(builtins) as OntologyModelBase[]) byTag.set(model.tag, model);

/** Tags of the built-in models. */
export const builtinTags: readonly string[] = Object.freeze([...byTag.keys()]);

/**
 * The model registered for an ontology tag, or `undefined` when the topic is
 * unmodeled.
 *
 * @example
 * ```ts
 * const model = ontologyByTag(topic.ontologyTag ?? "");
 * const rows = model ? model.fromRecordBatch(batch) : readRows(batch);
 * ```
 */
export function ontologyByTag(tag: string): OntologyModelBase | undefined {
  return byTag.get(tag);
}

/** True when a tag has a model (built-in or registered). */
export function isModeledTag(tag: string): boolean {
  return byTag.has(tag);
}

/**
 * Registers a user model so that `ontologyByTag` finds it. Registering the
 * same model twice is a no-op; another model under a taken tag is rejected.
 */
export function registerOntology<M extends OntologyModelBase>(model: M): M {
  const existing = byTag.get(model.tag);
  if (existing !== undefined && existing !== model) {
    throw new MosaicoError(Code.AlreadyExists, `ontology tag "${model.tag}" is already registered for ${existing.name}; give ${model.name} another tag`);
  }
  byTag.set(model.tag, model);
  return model;
}

/** All registered models (built-ins first). */
export function listOntologies(): OntologyModelBase[] {
  return [...byTag.values()];
}
