/**
 * Units of a model's numeric fields (issue #16: axes and hovers show them).
 *
 * Units are a client-side annotation of a model, like its name: they never
 * reach the Arrow schema, the topic metadata or anything else on the wire, so
 * a model with units reads and writes exactly the bytes it did without them.
 * Keys are dotted field paths; a key on a group (`acceleration`) covers the
 * group's numeric leaves (`acceleration.x`, `.y`, `.z`) but not the mixin
 * fields every embedded struct carries (a covariance is not in m/s²).
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { FieldMap, FieldSpec } from "./field-spec.js";
import { CovarianceMixin, HeaderMixin, VarianceMixin } from "./mixins.js";

/**
 * Units by dotted field path: `{ acceleration: "m/s²" }` (a group, for all its
 * numeric leaves) or `{ "acceleration.x": "m/s²" }` (one leaf). A list field's
 * unit is the unit of its items.
 */
export type UnitMap = { readonly [path: string]: string };

// Mixins append these to every struct that embeds them; a group's unit stops here.
const MIXIN_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(HeaderMixin),
  ...Object.keys(CovarianceMixin),
  ...Object.keys(VarianceMixin),
]);

const NUMERIC_KINDS: ReadonlySet<string> = new Set([
  "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64",
]);

function childSpec(spec: FieldSpec, segment: string): FieldSpec | undefined {
  if (spec.kind === "struct") return Object.hasOwn(spec.fields, segment) ? (spec.fields as FieldMap)[segment] : undefined;
  if (spec.kind === "list") return /^\d+$/.test(segment) ? spec.item : undefined;
  if (spec.kind === "fixed_size_list") return /^\d+$/.test(segment) && Number(segment) < spec.size ? spec.item : undefined;
  return undefined;
}

/** The spec at a field path (list items by index), or undefined when the path names no field. */
function specAt(fields: FieldMap, path: readonly string[]): FieldSpec | undefined {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(fields, head)) return undefined;
  let spec: FieldSpec | undefined = fields[head];
  for (const segment of rest) spec = spec && childSpec(spec, segment);
  return spec;
}

/** Numeric scalars and lists of them carry units; strings, bytes and booleans do not. */
function isNumeric(spec: FieldSpec): boolean {
  if (spec.kind === "list" || spec.kind === "fixed_size_list") return isNumeric(spec.item);
  return NUMERIC_KINDS.has(spec.kind);
}

function hasNumericLeaf(spec: FieldSpec): boolean {
  if (spec.kind === "struct") return Object.values(spec.fields as FieldMap).some(hasNumericLeaf);
  return isNumeric(spec);
}

function unitAt(units: UnitMap, key: string): string | undefined {
  return Object.hasOwn(units, key) ? units[key] : undefined;
}

function segmentsOf(path: readonly string[] | string): readonly string[] {
  return typeof path === "string" ? path.split(".") : path;
}

/**
 * Checks a model's unit map against its fields and freezes a copy: every key
 * must name a field (or group) with numeric leaves, every unit must be a
 * non-empty string. Internal to `defineOntology`.
 */
export function checkUnits(model: string, fields: FieldMap, units: UnitMap): UnitMap {
  for (const [path, unit] of Object.entries(units)) {
    const spec = specAt(fields, segmentsOf(path));
    if (spec === undefined) {
      throw new MosaicoError(Code.InvalidArgument, `${model}: unit for "${path}" names no field; key units by dotted field path, such as "acceleration" or "acceleration.x"`);
    }
    if (!hasNumericLeaf(spec)) throw new MosaicoError(Code.InvalidArgument, `${model}: "${path}" has no numeric values; give units to numeric fields only`);
    if (typeof unit !== "string" || unit.length === 0) throw new MosaicoError(Code.InvalidArgument, `${model}: the unit of "${path}" must be a non-empty string`);
  }
  return Object.freeze({ ...units });
}

/**
 * The unit of a field path in a model: its own entry, else the entry of the
 * nearest enclosing group when the path is a numeric leaf outside the
 * mixin fields. Internal; the public lookup is `unitOf(tag, path)`.
 */
export function resolveUnit(model: { readonly fields: FieldMap; readonly units: UnitMap }, path: readonly string[] | string): string | undefined {
  const segments = segmentsOf(path);
  const spec = specAt(model.fields, segments);
  if (spec === undefined) return undefined;
  const own = unitAt(model.units, segments.join("."));
  if (own !== undefined) return own;
  if (!isNumeric(spec)) return undefined;
  for (let depth = segments.length - 1; depth > 0; depth--) {
    const unit = unitAt(model.units, segments.slice(0, depth).join("."));
    if (unit === undefined) continue;
    return segments.slice(depth).some((segment) => MIXIN_FIELDS.has(segment)) ? undefined : unit;
  }
  return undefined;
}
