/**
 * A ROS message type without a model becomes a generic topic whose columns are
 * derived from its message definition: nested messages become dotted columns
 * (`pose.position.x`), arrays become list columns (arrays of messages: lists of
 * structs), `uint8[]`/`int8[]`/`char[]` become binary, `time`/`duration`
 * become `<name>.sec` and `<name>.nanosec`. The same plan turns a decoded
 * message into a sample and a row back into a message, so a generic topic
 * exports to CDR with the definition it was imported with.
 */
import type { parse } from "@foxglove/rosmsg";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { field, type FieldMap, type FieldSpec } from "../ontology/field-spec.js";
import type { RosObject } from "./ros-mappings.js";

/** A parsed ROS message definition (@foxglove/rosmsg). */
export type RosDefinition = ReturnType<typeof parse>[number];
type RosField = RosDefinition["definitions"][number];

interface Column {
  name: string;
  path: readonly string[];
  toSample(value: unknown): unknown;
  toRos(value: unknown): unknown;
}

/** The columns of a flattened ROS type and the conversions of its values. */
export interface FlatPlan {
  readonly fields: FieldMap;
  /** Decoded message -> sample (dotted keys). */
  flatten(message: RosObject): RosObject;
  /** Row (dotted keys) -> message for the CDR writer. */
  unflatten(row: RosObject): RosObject;
}

const scalarSpecs: Record<string, () => FieldSpec> = {
  bool: field.bool,
  int8: field.int8,
  uint8: field.uint8,
  byte: field.uint8,
  char: field.uint8,
  int16: field.int16,
  uint16: field.uint16,
  int32: field.int32,
  uint32: field.uint32,
  int64: field.int64,
  uint64: field.uint64,
  float32: field.float32,
  float64: field.float64,
  string: field.utf8,
  wstring: field.utf8,
};
const BYTE_TYPES = new Set(["uint8", "int8", "byte", "char"]);
const TIME_TYPES = new Set(["time", "duration"]);
const timeStruct = () => field.struct({ sec: field.int32(), nanosec: field.uint32() });
// ROS 1 time is { sec, nsec } (@foxglove/rosmsg-serialization), ROS 2 { sec, nanosec }: samples use the ROS 2 names,
// messages going back carry both, each writer reading its own.
const timeSample = (v: unknown) => ({ sec: (v as RosObject).sec, nanosec: (v as RosObject).nanosec ?? (v as RosObject).nsec });
const timeRos = (v: unknown) => ({ sec: (v as RosObject).sec, nanosec: (v as RosObject).nanosec, nsec: (v as RosObject).nanosec });

function lookup(definitions: readonly RosDefinition[], type: string): RosDefinition {
  const found = definitions.find((d) => d.name === type);
  if (!found) throw new MosaicoError(Code.InvalidArgument, `the message definition has no type ${type}; the schema of the channel is incomplete`);
  return found;
}

const fieldsOf = (def: RosDefinition) => def.definitions.filter((f) => !f.isConstant);

/** Spec and converters of one value nested inside a list (no flattening there). */
function nestedSpec(definitions: readonly RosDefinition[], f: Pick<RosField, "type" | "isComplex">): {
  spec: FieldSpec;
  toSample: (v: unknown) => unknown;
  toRos: (v: unknown) => unknown;
} {
  if (TIME_TYPES.has(f.type)) return { spec: timeStruct(), toSample: timeSample, toRos: timeRos };
  if (f.isComplex) {
    const def = lookup(definitions, f.type);
    const parts = fieldsOf(def).map((child) => ({ name: child.name, ...memberSpec(definitions, child) }));
    const spec = field.struct(Object.fromEntries(parts.map((p) => [p.name, p.spec])));
    const map = (v: unknown, pick: "toSample" | "toRos") => {
      const obj = v as RosObject;
      return Object.fromEntries(parts.map((p) => [p.name, p[pick](obj[p.name])]));
    };
    return { spec, toSample: (v) => map(v, "toSample"), toRos: (v) => map(v, "toRos") };
  }
  const make = scalarSpecs[f.type];
  if (!make) throw new MosaicoError(Code.InvalidArgument, `unsupported ROS field type ${f.type}`);
  return { spec: make(), toSample: (v) => v, toRos: (v) => v };
}

function memberSpec(definitions: readonly RosDefinition[], f: RosField): { spec: FieldSpec; toSample: (v: unknown) => unknown; toRos: (v: unknown) => unknown } {
  if (!f.isArray) return nestedSpec(definitions, f);
  if (!f.isComplex && BYTE_TYPES.has(f.type)) {
    return { spec: field.binary(), toSample: (v) => toBytes(v), toRos: (v) => (f.type === "int8" ? new Int8Array(toBytes(v)) : toBytes(v)) };
  }
  const item = nestedSpec(definitions, f);
  return {
    spec: field.list(item.spec),
    toSample: (v) => Array.from(v as ArrayLike<unknown>, item.toSample),
    toRos: (v) => Array.from(v as ArrayLike<unknown>, item.toRos),
  };
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return Uint8Array.from(value as ArrayLike<number>);
}

function collect(definitions: readonly RosDefinition[], def: RosDefinition, path: string[], out: Column[]): void {
  for (const f of fieldsOf(def)) {
    const here = [...path, f.name];
    if (!f.isArray && f.isComplex) {
      collect(definitions, lookup(definitions, f.type), here, out);
    } else if (!f.isArray && TIME_TYPES.has(f.type)) {
      for (const part of ["sec", "nanosec"]) out.push({ name: [...here, part].join("."), path: [...here, part], toSample: (v) => v, toRos: (v) => v });
    } else {
      const member = memberSpec(definitions, f);
      out.push({ name: here.join("."), path: here, toSample: member.toSample, toRos: member.toRos, ...{ spec: member.spec } });
    }
  }
}

function get(message: RosObject, path: readonly string[]): unknown {
  let value: unknown = message;
  for (const key of path) value = (value as RosObject | undefined)?.[key];
  // ROS 1 time is { sec, nsec }.
  if (value === undefined && path[path.length - 1] === "nanosec") return get(message, [...path.slice(0, -1), "nsec"]);
  return value;
}

function set(target: RosObject, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as RosObject;
  node[path[path.length - 1]!] = value;
}

/** Flattens the root type of `definitions` (the first without a name, or the first). */
export function flattenRosDefinition(definitions: readonly RosDefinition[]): FlatPlan {
  const root = definitions.find((d) => !d.name) ?? definitions[0];
  if (!root) throw new MosaicoError(Code.InvalidArgument, "the message definition is empty");
  const columns: Array<Column & { spec?: FieldSpec }> = [];
  collect(definitions, root, [], columns);
  const fields: Record<string, FieldSpec> = {};
  for (const c of columns) fields[c.name] = c.spec ?? (c.name.endsWith(".sec") ? field.int32() : field.uint32());
  return {
    fields,
    flatten: (message) => Object.fromEntries(columns.map((c) => [c.name, c.toSample(get(message, c.path))])),
    unflatten(row) {
      const out: RosObject = {};
      for (const c of columns) {
        const value = c.toRos(row[c.name]);
        set(out, c.path, value);
        if (c.path[c.path.length - 1] === "nanosec") set(out, [...c.path.slice(0, -1), "nsec"], value);
      }
      return out;
    },
  };
}
