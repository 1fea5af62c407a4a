/**
 * `version` / `info` and wire-generation detection (protocol §4.6).
 *
 * Probe order: `info` with an empty body. A JSON server that knows `info`
 * (J3) rejects the empty body as a deserialization error; one that does not
 * (J1/J2) says it has no such action, and we fall back to `version`. J1 and
 * J2 are told apart by the version number (J2 = the 0.6 line and later).
 * A success on the empty body would mean a protobuf server, not supported yet.
 */
import { create } from "@bufbuild/protobuf";
import { ActionSchema } from "../gen/arrow/flight/protocol/Flight_pb.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { runAction } from "./action-runner.js";
import type { CallOptions } from "./call-options.js";
import { asObject, readString } from "./codec/json-fields.js";
import { createJsonWireCodec } from "./codec/json-wire-codec.js";
import type { ProtocolGeneration } from "./codec/wire-codec.js";
import type { ControlContext } from "./control-context.js";
import { isJsonObject, toBigInt, type JsonValue } from "./json.js";
import type { SemVer, ServerVersion } from "./types.js";

function readSemVer(value: JsonValue | undefined, version: string): SemVer {
  if (isJsonObject(value)) {
    const n = (v: JsonValue | undefined) => Number(toBigInt(v) ?? 0n);
    return { major: n(value.major), minor: n(value.minor), patch: n(value.patch), pre: String(value.pre ?? "") };
  }
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-(.*))?$/.exec(version);
  return match
    ? { major: +match[1]!, minor: +match[2]!, patch: +match[3]!, pre: match[4] ?? "" }
    : { major: 0, minor: 0, patch: 0, pre: "" };
}

function readConfig(value: JsonValue | undefined): ServerVersion["config"] {
  if (!isJsonObject(value)) return undefined;
  // Two spellings were seen (SDK J3 vs 0.7 docs), protocol §4.6.
  const max = toBigInt(value.max_grpc_message_size ?? value.grpc_max_decode_message_size);
  const target = toBigInt(value.target_message_size ?? value.grpc_target_encode_message_size);
  return {
    maxMessageSizeBytes: max === undefined ? undefined : Number(max),
    targetMessageSizeBytes: target === undefined ? undefined : Number(target),
  };
}

export function decodeServerVersion(raw: JsonValue, generation: ProtocolGeneration): ServerVersion {
  const obj = asObject(raw, "version");
  const version = readString(obj, "version", "version");
  return { version, semver: readSemVer(obj.semver, version), generation, config: readConfig(obj.config), raw };
}

/** Reads the server version with the action of the detected generation. */
export async function fetchServerVersion(ctx: ControlContext, options?: CallOptions): Promise<ServerVersion> {
  const action = ctx.codec.generation === "J3" ? "info" : "version";
  return decodeServerVersion(await runAction(ctx, action, {}, options), ctx.codec.generation);
}

async function probeInfoWithEmptyBody(ctx: ControlContext, options?: CallOptions): Promise<"json-info" | "no-info"> {
  try {
    const call = ctx.flight.doAction(create(ActionSchema, { type: "info", body: new Uint8Array() }), ctx.callOptions(options));
    for await (const _ of call) {
      // drain
    }
  } catch (reason) {
    const error = MosaicoError.from(reason);
    if (error.code === Code.InvalidArgument && /deserializ/i.test(error.rawMessage)) return "json-info";
    if (error.code === Code.InvalidArgument && /no available action/i.test(error.rawMessage)) return "no-info";
    throw error;
  }
  throw new MosaicoError(
    Code.Unimplemented,
    "this server speaks the protobuf generation of the Mosaico protocol, which mosaico-web does not support yet",
  );
}

/**
 * Detects the generation, installs the matching codec into `ctx`, and returns
 * the server version. Any failure (unreachable, bad key, ...) propagates.
 */
export async function detectGeneration(ctx: ControlContext, options?: CallOptions): Promise<ServerVersion> {
  const probe = await probeInfoWithEmptyBody(ctx, options);
  if (probe === "json-info") {
    ctx.codec = createJsonWireCodec("J3");
    return fetchServerVersion(ctx, options);
  }
  ctx.codec = createJsonWireCodec("J2");
  const version = decodeServerVersion(await runAction(ctx, "version", {}, options), "J2");
  const generation: ProtocolGeneration =
    version.semver.major === 0 && version.semver.minor < 6 ? "J1" : "J2";
  ctx.codec = createJsonWireCodec(generation);
  return { ...version, generation };
}
