/**
 * Protobuf MCAP channels (`protobuf` messages, `protobuf` schema = a
 * serialized FileDescriptorSet, MCAP well-known encodings): the columns of a
 * generic topic from the message descriptor and the decoding of one message
 * with @bufbuild/protobuf's registry and reflection. Values follow the Python
 * MCAP bridge's protobuf decoder (MessageToDict with proto field names,
 * fields without presence always written, enums as integers, int64 as
 * integers; ProtobufRulesMatcher: Timestamp as `{seconds, nanos}`, unset
 * singular messages and oneof members null) and its Arrow types
 * (ProtobufSchemaConverter: enum -> int32, bytes -> binary, repeated -> list).
 * As for JSON channels, nested messages become dotted columns
 * (`pose.position.x`); inside lists they stay structs. Maps become lists of
 * `{key, value}` structs (keys as text); a message type nested in itself
 * (google.protobuf.Struct) is kept as its JSON text.
 */
import { createFileRegistry, fromBinary, ScalarType, toJsonString, type DescField, type DescMessage } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { field, type FieldMap, type FieldSpec } from "../ontology/field-spec.js";
import type { RosObject } from "./ros-mappings.js";

/** Columns of a protobuf channel and the decoding of one message. */
export interface ProtobufPlan {
  readonly fields: FieldMap;
  decode(data: Uint8Array): RosObject;
}

const nullable = (spec: FieldSpec): FieldSpec => field.optional(spec as Parameters<typeof field.optional>[0]);

const LONG = new Set([ScalarType.INT64, ScalarType.UINT64, ScalarType.SINT64, ScalarType.FIXED64, ScalarType.SFIXED64]);

function scalarSpec(type: ScalarType): FieldSpec {
  switch (type) {
    case ScalarType.DOUBLE:
      return field.float64();
    case ScalarType.FLOAT:
      return field.float32();
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return field.int64();
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return field.uint64();
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return field.uint32();
    case ScalarType.BOOL:
      return field.bool();
    case ScalarType.STRING:
      return field.utf8();
    case ScalarType.BYTES:
      return field.binary();
    default:
      return field.int32(); // INT32, SINT32, SFIXED32
  }
}

const scalarValue = (type: ScalarType, value: unknown) => (LONG.has(type) ? BigInt(value as bigint | string) : value);

/** A converter from what reflection returns for a value to the sample's value. */
type Convert = (value: unknown) => unknown;
interface Node {
  spec: FieldSpec;
  convert: Convert;
}

/** One value of a field, without its list-ness (list items, map values, struct members). */
function valueNode(f: DescField, stack: readonly DescMessage[]): Node {
  if (f.fieldKind === "scalar" || (f.fieldKind === "list" && f.listKind === "scalar") || (f.fieldKind === "map" && f.mapKind === "scalar")) {
    const type = f.scalar!;
    return { spec: scalarSpec(type), convert: (v) => scalarValue(type, v) };
  }
  if (f.enum) return { spec: field.int32(), convert: (v) => v };
  return messageNode(f.message!, stack);
}

function messageNode(desc: DescMessage, stack: readonly DescMessage[]): Node {
  if (stack.includes(desc)) return { spec: field.utf8(), convert: (v) => toJsonString(desc, (v as ReflectMessage).message) };
  const members = desc.fields.map((f) => ({ f, node: memberNode(f, [...stack, desc]) }));
  return {
    spec: field.struct(Object.fromEntries(members.map(({ f, node }) => [f.name, node.spec]))),
    convert: (v) => {
      const r = v as ReflectMessage;
      const out: RosObject = {};
      for (const { f, node } of members) {
        const value = present(r, f) ? node.convert(r.get(f)) : null;
        if (value !== null) out[f.name] = value;
      }
      return out;
    },
  };
}

/** Whether a field is written: fields without presence always (MessageToDict's always_print_fields_with_no_presence). */
function present(r: ReflectMessage, f: DescField): boolean {
  if (f.fieldKind === "list" || f.fieldKind === "map") return true;
  if (f.fieldKind === "message" || f.oneof || f.presence !== 2 /* IMPLICIT */) return r.isSet(f);
  return true;
}

function memberNode(f: DescField, stack: readonly DescMessage[]): Node {
  const item = valueNode(f, stack);
  if (f.fieldKind === "list") return { spec: field.list(item.spec), convert: (v) => Array.from(v as Iterable<unknown>, item.convert) };
  if (f.fieldKind === "map") {
    const entry = field.struct({ key: field.utf8(), value: item.spec });
    return { spec: field.list(entry), convert: (v) => Array.from(v as Iterable<[unknown, unknown]>, ([key, value]) => ({ key: String(key), value: item.convert(value) })) };
  }
  const nullableMember = f.fieldKind === "message" || f.oneof !== undefined || f.presence !== 2;
  return { spec: nullableMember ? nullable(item.spec) : item.spec, convert: item.convert };
}

interface Column {
  name: string;
  path: readonly DescField[];
  convert: Convert;
}

/** Top-level and nested singular message fields become dotted columns (nullable under a message that may be unset). */
function collect(desc: DescMessage, prefix: string, path: readonly DescField[], under: boolean, stack: readonly DescMessage[], out: Array<Column & { spec: FieldSpec }>) {
  for (const f of desc.fields) {
    const name = prefix + f.name;
    const here = [...path, f];
    if (f.fieldKind === "message" && !stack.includes(f.message) && f.message.typeName !== "google.protobuf.Any") {
      collect(f.message, `${name}.`, here, true, [...stack, desc], out);
      continue;
    }
    const node = memberNode(f, [...stack, desc]);
    out.push({ name, path: here, convert: node.convert, spec: under ? nullable(node.spec) : node.spec });
  }
}

function valueAt(root: ReflectMessage, path: readonly DescField[]): unknown {
  let r = root;
  for (const f of path.slice(0, -1)) {
    if (!r.isSet(f)) return null;
    r = r.get(f) as ReflectMessage;
  }
  const last = path[path.length - 1]!;
  return present(r, last) ? r.get(last) : null;
}

/** The plan of a protobuf channel whose schema is `schemaName` inside the FileDescriptorSet `fds`. */
export function flattenProtobufSchema(schemaName: string, fds: Uint8Array): ProtobufPlan {
  let desc: DescMessage | undefined;
  try {
    desc = createFileRegistry(fromBinary(FileDescriptorSetSchema, fds)).getMessage(schemaName);
  } catch (reason) {
    throw new MosaicoError(Code.InvalidArgument, `the protobuf schema ${schemaName} is not a valid FileDescriptorSet: ${(reason as Error).message}`, { cause: reason });
  }
  if (!desc) throw new MosaicoError(Code.InvalidArgument, `the FileDescriptorSet of the protobuf schema does not define ${schemaName}; the schema name must be the message's full name`);
  const message = desc;
  const columns: Array<Column & { spec: FieldSpec }> = [];
  collect(message, "", [], false, [], columns);
  return {
    fields: Object.fromEntries(columns.map((c) => [c.name, c.spec])),
    decode(data) {
      const r = reflect(message, fromBinary(message, data));
      const out: RosObject = {};
      for (const c of columns) {
        const value = valueAt(r, c.path);
        if (value !== null && value !== undefined) out[c.name] = c.convert(value);
      }
      return out;
    },
  };
}
