/** Finding an ontology field path in an Arrow schema, through struct fields. */
import { Type, type Field } from "apache-arrow";
import { badField } from "./conditions.js";
import type { BindFailure, OntologyCondition } from "./ontology.js";

/**
 * The field at `names` below `fields`, every step but the last a struct;
 * a failure (rank 0) names what is missing. `base` prefixes names in
 * messages (the list a path starts inside of).
 */
export function walkFields(fields: readonly Field[], names: readonly string[], c: OntologyCondition, base?: string): Field | BindFailure {
  let level = fields;
  let field: Field | undefined;
  const at = (i: number) => [...(base ? [base] : []), ...names.slice(0, i + 1)].join(".");
  for (const [i, name] of names.entries()) {
    field = level.find((f) => f.name === name);
    if (!field) {
      const known = level.map((f) => f.name).join(", ");
      return {
        rank: 0,
        error: badField(c.raw.field, `bad ontology field: no column \`${at(i)}\` in the schema of topics tagged \`${c.tag}\` (available here: ${known})`),
      };
    }
    if (i < names.length - 1) {
      if (field.type.typeId !== Type.Struct) {
        return { rank: 0, error: badField(c.raw.field, `bad ontology field: \`${at(i)}\` is ${String(field.type)}, not a struct`) };
      }
      level = field.type.children as Field[];
    }
  }
  return field!;
}

export function isWalkFailure(value: Field | BindFailure): value is BindFailure {
  return "error" in value && "rank" in value;
}
