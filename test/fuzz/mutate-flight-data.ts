/**
 * Mutations of a FlightData stream (DoPut requests, DoGet answers): bytes
 * of dataHeader / dataBody, lies in the header's lengths and counts,
 * truncated or extended bodies, duplicated / reordered / dropped / empty
 * messages, a second schema, junk app_metadata.
 */
import { create } from "@bufbuild/protobuf";
import { FlightDataSchema, type FlightData } from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { copyBytes, mutateBytes } from "./mutate-bytes.js";
import type { Rng } from "./prng.js";

/** A copy of `m` with some parts replaced. */
export function copyFlightData(m: FlightData, patch: Partial<Pick<FlightData, "dataHeader" | "dataBody" | "appMetadata" | "flightDescriptor">> = {}): FlightData {
  return create(FlightDataSchema, {
    dataHeader: m.dataHeader,
    dataBody: m.dataBody,
    appMetadata: m.appMetadata,
    ...(m.flightDescriptor && { flightDescriptor: m.flightDescriptor }),
    ...patch,
  });
}

/** Replaces one 8-aligned int64 of the header that looks like a length or count. */
export function lieAboutLength(rng: Rng, header: Uint8Array): Uint8Array {
  const out = copyBytes(header);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const candidates: number[] = [];
  for (let off = 0; off + 8 <= out.byteLength; off += 8) {
    const v = view.getBigInt64(off, true);
    if (v > 0n && v < 1n << 32n) candidates.push(off);
  }
  if (candidates.length === 0) return out;
  const off = rng.pick(candidates);
  const v = view.getBigInt64(off, true);
  view.setBigInt64(off, rng.pick([v + 8n, v - 1n, v * 2n, 0n, -1n, 1n << 31n, 1n << 62n, v + 1n]), true);
  return out;
}

/** The stream-level operations, by weight. */
export const STREAM_OPS = [
  [14, "header-bytes"], [14, "body-bytes"], [12, "length-lie"], [6, "body-truncate"], [4, "body-extend"], [3, "header-truncate"],
  [6, "duplicate"], [6, "reorder"], [5, "drop"], [4, "empty-message"], [4, "second-schema"], [3, "app-metadata"],
] as const;

/** Applies stream operation `op` to `msgs` in place (message `k` when it targets one). */
export function applyStreamOp(rng: Rng, msgs: FlightData[], op: string): void {
  if (msgs.length === 0) {
    msgs.push(create(FlightDataSchema, { dataHeader: rng.bytes(rng.size(64)) }));
    return;
  }
  const k = rng.int(0, msgs.length - 1);
  const m = msgs[k]!;
  switch (op) {
    case "header-bytes": msgs[k] = copyFlightData(m, { dataHeader: mutateBytes(rng, m.dataHeader, 3).bytes }); break;
    case "body-bytes": msgs[k] = copyFlightData(m, { dataBody: mutateBytes(rng, m.dataBody, 3).bytes }); break;
    case "length-lie": msgs[k] = copyFlightData(m, { dataHeader: lieAboutLength(rng, m.dataHeader) }); break;
    case "body-truncate": msgs[k] = copyFlightData(m, { dataBody: m.dataBody.subarray(0, rng.int(0, Math.max(0, m.dataBody.byteLength - 1))) }); break;
    case "body-extend": msgs[k] = copyFlightData(m, { dataBody: Uint8Array.from([...m.dataBody, ...rng.bytes(rng.int(1, 64))]) }); break;
    case "header-truncate": msgs[k] = copyFlightData(m, { dataHeader: m.dataHeader.subarray(0, rng.int(0, Math.max(0, m.dataHeader.byteLength - 1))) }); break;
    case "duplicate": msgs.splice(rng.int(0, msgs.length), 0, copyFlightData(m)); break;
    case "reorder": {
      const j = rng.int(0, msgs.length - 1);
      [msgs[k], msgs[j]] = [msgs[j]!, msgs[k]!];
      break;
    }
    case "drop": if (msgs.length > 1) msgs.splice(k, 1); break;
    case "empty-message": msgs.splice(rng.int(0, msgs.length), 0, create(FlightDataSchema, {})); break;
    case "second-schema": msgs.splice(rng.int(1, msgs.length), 0, copyFlightData(msgs[0]!, { appMetadata: new Uint8Array() })); break;
    case "app-metadata": msgs[k] = copyFlightData(m, { appMetadata: rng.bytes(rng.size(512)) }); break;
    default: throw new Error(`unknown stream op ${op}`);
  }
}
