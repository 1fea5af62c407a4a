/**
 * The inverse of protobuf-flatten.ts, for the export of a protobuf topic back
 * to its original channel: a row already nested back into the message's shape
 * (nestRow in mcap-original-export.ts) is encoded with the channel's kept
 * FileDescriptorSet through @bufbuild/protobuf's registry and reflection, as
 * the Python MCAP bridge rebuilds it (UnmodeledAdapter.to_mcap:
 * `__mcap_class__(**raw_data)`). It reads what either SDK stores: proto field
 * names, enums as integers (or names), 64-bit integers as bigint (or text),
 * bytes as binary (or base64 text), maps as lists of `{key, value}` (keys as
 * text) or as objects, and message values as objects or as JSON text (a type
 * nested in itself, google.protobuf.Struct, is kept as its JSON text; a
 * Timestamp may come as RFC 3339 text).
 */
import { createFileRegistry, fromBinary, fromJson, ScalarType, toBinary, type DescField, type DescMessage, type JsonValue, type Registry } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { RosObject } from "./ros-mappings.js";

/** Encodes one nested message of a protobuf channel. */
export type ProtobufMessageEncoder = (message: RosObject) => Uint8Array;

const LONG = new Set([ScalarType.INT64, ScalarType.UINT64, ScalarType.SINT64, ScalarType.FIXED64, ScalarType.SFIXED64]);

const isObject = (v: unknown): v is RosObject => typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function scalarOf(type: ScalarType, v: unknown): unknown {
  if (LONG.has(type)) return typeof v === "bigint" ? v : BigInt(v as string | number);
  switch (type) {
    case ScalarType.BYTES:
      return typeof v === "string" ? fromBase64(v) : v;
    case ScalarType.BOOL:
    case ScalarType.STRING:
      return v;
    default:
      return typeof v === "bigint" ? Number(v) : v; // a 32-bit or floating value read from a wider column
  }
}

/** A map key as reflection takes it: ours are text (as MessageToDict writes them), the Python layout's of the key's type. */
function mapKeyOf(type: ScalarType, key: unknown): unknown {
  if (LONG.has(type)) return typeof key === "bigint" ? key : BigInt(key as string | number);
  if (type === ScalarType.STRING) return String(key);
  if (type === ScalarType.BOOL) return typeof key === "string" ? key === "true" : key;
  return typeof key === "string" || typeof key === "bigint" ? Number(key) : key;
}

/** JSON text as a JSON value; text that is not JSON (an RFC 3339 Timestamp, a Duration) as a JSON string. */
function jsonOf(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

interface Context {
  registry: Registry;
  schemaName: string;
}

/** One value of a field without its list-ness: a list item, a map value, a singular value. */
function valueOf(f: DescField, v: unknown, ctx: Context, at: string): unknown {
  const message = (f as { message?: DescMessage }).message;
  if (message) {
    if (isObject(v)) {
      const child = reflect(message);
      fill(child, v, ctx, at);
      return child;
    }
    const json = typeof v === "string" ? jsonOf(v) : (v as JsonValue);
    return reflect(message, fromJson(message, json, { registry: ctx.registry }));
  }
  const en = (f as { enum?: { values: ReadonlyArray<{ name: string; number: number }> } }).enum;
  if (en) return typeof v === "string" ? (en.values.find((x) => x.name === v)?.number ?? Number(v)) : Number(v);
  return scalarOf((f as { scalar: ScalarType }).scalar, v);
}

function entriesOf(v: unknown): Array<[unknown, unknown]> {
  if (Array.isArray(v)) return v.filter(isObject).map((e) => [e.key, e.value]);
  return isObject(v) ? Object.entries(v) : [];
}

function setField(r: ReflectMessage, f: DescField, v: unknown, ctx: Context, at: string): void {
  if (f.fieldKind === "list") {
    const list = r.get(f);
    for (const [i, item] of Array.from(v as Iterable<unknown>).entries()) if (item !== null && item !== undefined) list.add(valueOf(f, item, ctx, `${at}[${i}]`));
  } else if (f.fieldKind === "map") {
    const map = r.get(f);
    for (const [key, value] of entriesOf(v)) if (value !== null && value !== undefined) map.set(mapKeyOf(f.mapKey, key), valueOf(f, value, ctx, `${at}[${String(key)}]`));
  } else {
    r.set(f, valueOf(f, v, ctx, at));
  }
}

function fill(r: ReflectMessage, value: RosObject, ctx: Context, path: string): void {
  for (const f of r.fields) {
    const v = value[f.name] ?? value[f.jsonName];
    if (v === null || v === undefined) continue;
    const at = path ? `${path}.${f.name}` : f.name;
    try {
      setField(r, f, v, ctx, at);
    } catch (reason) {
      if (reason instanceof MosaicoError) throw reason;
      throw new MosaicoError(Code.InvalidArgument, `the value of ${at} does not fit the field ${f.toString()} of ${ctx.schemaName}: ${(reason as Error).message}; check the topic's columns against its _mcap_ schema_def`, { cause: reason });
    }
  }
}

/** The encoder of the message named `schemaName` in the FileDescriptorSet `fds` (the kept `_mcap_.schema_def`, decoded). */
export function protobufEncoderOf(schemaName: string, fds: Uint8Array): ProtobufMessageEncoder {
  let registry: Registry;
  let desc: DescMessage | undefined;
  try {
    registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, fds));
    desc = registry.getMessage(schemaName);
  } catch (reason) {
    throw new MosaicoError(Code.InvalidArgument, `the kept schema_def of the protobuf schema ${schemaName} is not a valid FileDescriptorSet: ${(reason as Error).message}`, { cause: reason });
  }
  if (!desc) throw new MosaicoError(Code.InvalidArgument, `the kept FileDescriptorSet does not define ${schemaName}; the topic's _mcap_ schema_name must be the message's full name`);
  const message = desc;
  const ctx: Context = { registry, schemaName };
  return (value) => {
    const r = reflect(message);
    fill(r, value, ctx, "");
    return toBinary(message, r.message);
  };
}
