/**
 * Mutated server answers for the client fuzzer: action Result bodies (JSON
 * mutations, non-JSON, missing / extra / duplicated Results), FlightInfo
 * (app_metadata JSON and bytes, schema bytes, endpoints, tickets, counts),
 * ListFlights items, DoGet FlightData streams (see mutate-flight-data.ts),
 * PutResults, injected errors (any code, hostile messages, before or in the
 * middle of a stream) and, rarely, a server that never answers.
 */
import { appendFileSync } from "node:fs";
import { clone, create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import {
  FlightDataSchema,
  FlightEndpointSchema,
  FlightInfoSchema,
  PutResultSchema,
  ResultSchema,
  type FlightData,
  type FlightInfo,
  type Result,
} from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { decodeJsonBytes, type JsonValue } from "../../src/protocol/json.js";
import { Message, Schema } from "apache-arrow";
import { CONTEXT_KEY, encodeSchemaFlightData, PROPERTIES_KEY, USER_METADATA_KEY } from "../../src/protocol/index.js";
import { answerSchemaOf, type Answer, type Player } from "./client-tape.js";
import { hexPreview, mutateBytes } from "./mutate-bytes.js";
import { applyStreamOp, STREAM_OPS } from "./mutate-flight-data.js";
import { HOSTILE_STRINGS, jsonBytes, mutateJson, nonJsonBody, randomJson } from "./mutate-json.js";
import { caseSeed, Rng } from "./prng.js";

const CODES = Object.values(Code).filter((c): c is Code => typeof c === "number");

/** What a case's mutations did: the codes it injected (passed through, not the SDK's doing) and the ops. */
export interface MutationLog {
  injected: Set<Code>;
  ops: string[];
}

function mutateJsonBytes(rng: Rng, bytes: Uint8Array): Uint8Array {
  let value: JsonValue;
  try {
    value = decodeJsonBytes(bytes);
  } catch {
    return mutateBytes(rng, bytes).bytes;
  }
  return jsonBytes(mutateJson(rng, value));
}

function mutateResults(rng: Rng, results: Result[]): string {
  const op = rng.weighted([[45, "json"], [10, "non-json"], [8, "bytes"], [8, "none"], [8, "duplicate"], [8, "extra"], [8, "jsonl"], [5, "action-name"]] as const);
  const k = rng.int(0, Math.max(0, results.length - 1));
  const r = results[k];
  if (!r) {
    results.push(create(ResultSchema, { body: jsonBytes(randomJson(rng)) }));
    return "invented";
  }
  switch (op) {
    case "json": r.body = mutateJsonBytes(rng, r.body); break;
    case "non-json": r.body = nonJsonBody(rng, r.body); break;
    case "bytes": r.body = mutateBytes(rng, r.body).bytes; break;
    case "none": results.length = 0; break;
    case "duplicate": results.splice(k, 0, clone(ResultSchema, r)); break;
    case "extra": results.push(create(ResultSchema, { body: jsonBytes({ action: "info", response: randomJson(rng) }) })); break;
    case "jsonl": r.body = Uint8Array.from([...r.body, ...rng.pick([[0x0a], [0x0a, 0x0a], [0x0a, ...r.body], [0x0d, 0x0a], [0x0a, 0x7b]])]); break;
    case "action-name": {
      const v = decodeJsonBytes(r.body) as Record<string, JsonValue>;
      r.body = jsonBytes({ ...v, action: rng.pick(["info", "version", "query", "", "sequence_create", ...HOSTILE_STRINGS.slice(0, 8)]) });
      break;
    }
  }
  return op;
}

function mutateFlightInfo(rng: Rng, info: FlightInfo): string {
  const op = rng.weighted([
    [20, "app-json"], [20, "endpoint-app-json"], [6, "app-bytes"], [12, "schema-bytes"], [4, "schema-empty"], [5, "endpoints-none"],
    [5, "endpoints-dup"], [8, "ticket-bytes"], [4, "descriptor"], [4, "counts"], [8, "proto-bytes"], [4, "endpoint-hostile"],
  ] as const);
  const e = info.endpoint.length ? info.endpoint[rng.int(0, info.endpoint.length - 1)] : undefined;
  switch (op) {
    case "app-json": info.appMetadata = mutateJsonBytes(rng, info.appMetadata.byteLength ? info.appMetadata : jsonBytes({})); break;
    case "endpoint-app-json": if (e) e.appMetadata = mutateJsonBytes(rng, e.appMetadata); break;
    case "app-bytes": info.appMetadata = rng.chance(0.5) ? nonJsonBody(rng, info.appMetadata) : rng.bytes(rng.size(200)); break;
    case "schema-bytes": info.schema = mutateBytes(rng, info.schema, 4).bytes; break;
    case "schema-empty": info.schema = rng.chance(0.5) ? new Uint8Array() : rng.bytes(rng.size(32)); break;
    case "endpoints-none": info.endpoint = []; break;
    case "endpoints-dup": if (e) info.endpoint.push(clone(FlightEndpointSchema, e)); break;
    case "ticket-bytes": if (e?.ticket) e.ticket.ticket = mutateBytes(rng, e.ticket.ticket).bytes; else if (e) e.ticket = undefined; break;
    case "descriptor": info.flightDescriptor = rng.chance(0.5) ? undefined : { ...info.flightDescriptor!, path: [rng.pick(HOSTILE_STRINGS)] }; break;
    case "counts": info.totalRecords = rng.pick([-1n, 0n, 1n << 62n, -(1n << 63n)]); info.totalBytes = rng.pick([-1n, 0n, 1n << 62n]); break;
    case "endpoint-hostile": if (e) e.location = [{ $typeName: "arrow.flight.protocol.Location", uri: rng.pick(HOSTILE_STRINGS) }]; break;
    case "proto-bytes":
      try {
        Object.assign(info, fromBinary(FlightInfoSchema, mutateBytes(rng, toBinary(FlightInfoSchema, info), 2).bytes));
      } catch {
        // not a FlightInfo any more: keep the original
      }
      break;
  }
  return op;
}

/** The schema message again, with `mosaico:*` metadata (0.6 style) mutated or made up. */
function withSchemaMetadata(rng: Rng, first: FlightData | undefined): FlightData {
  if (!first) return create(FlightDataSchema, {});
  let schema: Schema;
  try {
    const message = Message.decode(first.dataHeader);
    if (!message.isSchema()) return first;
    schema = message.header();
  } catch {
    return first;
  }
  const metadata = new Map(schema.metadata);
  const props = { message_count: 1000, timestamp_ns_min: 1, timestamp_ns_max: 2, ontology_tag: "imu", serialization_format: "default" };
  const samples: Record<string, JsonValue> = { [CONTEXT_KEY]: "topic", [PROPERTIES_KEY]: props, [USER_METADATA_KEY]: { a: 1 } };
  for (const key of [CONTEXT_KEY, PROPERTIES_KEY, USER_METADATA_KEY]) {
    if (!rng.chance(0.6)) continue;
    const current = metadata.get(key);
    let base: JsonValue = samples[key]!;
    try {
      if (current !== undefined) base = decodeJsonBytes(new TextEncoder().encode(current));
    } catch {
      // keep the sample
    }
    const value = rng.chance(0.8) ? new TextDecoder().decode(jsonBytes(mutateJson(rng, base))) : rng.pick(HOSTILE_STRINGS);
    metadata.set(key, value);
  }
  return encodeSchemaFlightData(new Schema(schema.fields, metadata));
}

function stall(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new ConnectError("stalled call aborted", Code.Canceled));
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
}

/**
 * A tape player mutating each answer with probability `rate` (the probe's
 * `info` calls at a quarter of it, so that most cases get past connect);
 * with `focus`, only the answers of that call key are mutated.
 */
export function mutatingPlayer(seed: number, rate: number, log: MutationLog, focus?: string): Player {
  return async function* (key, recorded: Answer | undefined, signal, n) {
    // One generator per call: concurrent calls may come in either order.
    const rng = new Rng(caseSeed(seed, key, n));
    const method = key.split(":")[0]!;
    const schema = answerSchemaOf(key);
    const messages = (recorded?.messages ?? []).map((m) => (schema ? clone(schema, m as never) : m));
    let error = recorded ? recorded.error : { code: Code.NotFound, message: "not on the tape" };
    let errorAt = messages.length;
    let stallAt = -1;
    const chance = focus !== undefined ? (key === focus ? rate : 0) : key === "DoAction:info" ? rate / 4 : rate;
    if (rng.chance(chance)) {
      const generic = rng.weighted([[70, "specific"], [12, "error"], [10, "error-mid"], [6, "empty"], [2, "stall"]] as const);
      let op: string = generic;
      if (generic === "error" || generic === "error-mid") {
        const code = rng.pick(CODES);
        log.injected.add(code);
        error = { code, message: rng.pick([...HOSTILE_STRINGS.slice(0, 30), "Bad request: body deserialization error.", "no available action"]) };
        errorAt = generic === "error" ? 0 : rng.int(0, messages.length);
      } else if (generic === "empty") {
        messages.length = 0;
        error = undefined;
      } else if (generic === "stall") stallAt = rng.int(0, messages.length);
      else if (method === "DoAction") op = mutateResults(rng, messages as Result[]);
      else if (method === "GetFlightInfo" || method === "PollFlightInfo") op = messages[0] ? mutateFlightInfo(rng, messages[0] as FlightInfo) : "none";
      else if (method === "ListFlights") op = messages.length ? mutateFlightInfo(rng, rng.pick(messages) as FlightInfo) : "none";
      else if (method === "DoGet") {
        op = rng.weighted<string>([...STREAM_OPS, [8, "schema-metadata"]]);
        for (let i = rng.int(1, 3); i > 0; i--) {
          if (op === "schema-metadata") messages[0] = withSchemaMetadata(rng, messages[0] as FlightData | undefined);
          else applyStreamOp(rng, messages as FlightData[], op);
        }
      } else if (method === "DoPut") {
        op = "put-results";
        for (let i = rng.int(1, 3); i > 0; i--) messages.push(create(PutResultSchema, { appMetadata: rng.bytes(rng.size(64)) }));
      }
      if (op === "specific") op = "none";
      log.ops.push(`${key}:${op}`);
      // FUZZ_TRACE=<file>: the ops as they happen, with mutated FlightInfos in hex (for cases that never return).
      if (process.env.FUZZ_TRACE) {
        const first = messages[0];
        const info = !first ? "" : method === "GetFlightInfo" ? ` FlightInfo=${hexPreview(toBinary(FlightInfoSchema, first as FlightInfo), 1 << 20)}`
          : method === "DoGet" ? ` firstHeader=${hexPreview((first as FlightData).dataHeader, 1 << 20)}`
          : method === "DoAction" ? ` firstBody=${JSON.stringify(new TextDecoder().decode((first as Result).body)).slice(0, 4000)}` : "";
        appendFileSync(process.env.FUZZ_TRACE, `${key}:${op}${info}\n`);
      }
    }
    for (let i = 0; i <= messages.length; i++) {
      if (i === stallAt) await stall(signal);
      if (i === errorAt && error) throw new ConnectError(error.message, error.code);
      if (i < messages.length) yield messages[i];
    }
  };
}
