/**
 * The `version` (J1/J2) and `info` (J3) responses (docs/protocol.md §4.6), and the
 * generation a `version` answer implies.
 */
import { isJsonObject, toBigInt, type JsonValue } from "../json.js";
import { asObject, readString } from "../json-fields.js";
import type { ProtocolGeneration, SemVer, ServerLimits, ServerVersion } from "./wire-types.js";

function readSemVer(value: JsonValue | undefined, version: string): SemVer {
  if (isJsonObject(value)) {
    const n = (v: JsonValue | undefined) => Number(toBigInt(v) ?? 0n);
    return { major: n(value.major), minor: n(value.minor), patch: n(value.patch), pre: typeof value.pre === "string" ? value.pre : "" };
  }
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-(.*))?$/.exec(version);
  return match
    ? { major: +match[1]!, minor: +match[2]!, patch: +match[3]!, pre: match[4] ?? "" }
    : { major: 0, minor: 0, patch: 0, pre: "" };
}

function readSize(value: JsonValue | undefined): number | undefined {
  const size = toBigInt(value);
  return size === undefined ? undefined : Number(size);
}

function readConfig(value: JsonValue | undefined): ServerLimits | undefined {
  if (!isJsonObject(value)) return undefined;
  // The 0.7 release names (mosaicod-grpc `info`, docs/protocol.md §0.1); an earlier
  // development revision said `max_grpc_message_size` / `target_message_size`.
  return {
    maxDecodeMessageBytes: readSize(value.grpc_max_decode_message_size ?? value.max_grpc_message_size),
    maxEncodeMessageBytes: readSize(value.grpc_max_encode_message_size),
    targetEncodeMessageBytes: readSize(value.grpc_target_encode_message_size ?? value.target_message_size),
  };
}

/** Decodes a version/info response as a server of `generation` sends it. */
export function decodeServerVersionJson(raw: JsonValue, generation: ProtocolGeneration): ServerVersion {
  const obj = asObject(raw, "version");
  const version = readString(obj, "version", "version");
  return { version, semver: readSemVer(obj.semver, version), generation, config: readConfig(obj.config), raw };
}

/** J1 and J2 both answer `version`; J2 is the 0.6 line and later. */
export function generationOfVersion(semver: SemVer): "J1" | "J2" {
  return semver.major === 0 && semver.minor < 6 ? "J1" : "J2";
}
