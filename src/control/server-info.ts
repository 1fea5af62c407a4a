/**
 * `version` / `info` and the connect probe that detects the wire generation
 * (docs/protocol.md §4.6).
 *
 * Probe order: `info` with an empty body. A JSON server that knows `info`
 * (J3) rejects the empty body as a deserialization error; one that does not
 * (J1/J2) says it has no such action, and we fall back to `version`. J1 and
 * J2 are told apart by the version number (J2 = the 0.6 line and later).
 * A success on the empty body would mean a protobuf server, not supported yet.
 */
import { create } from "@bufbuild/protobuf";
import { createClient, type Transport } from "@connectrpc/connect";
import { ActionSchema, FlightService } from "../gen/arrow/flight/protocol/Flight_pb.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { createJsonWireCodec } from "../protocol/codec/json-wire-codec.js";
import { generationOfVersion } from "../protocol/codec/json-server-version.js";
import type { WireCodec } from "../protocol/codec/wire-codec.js";
import type { ServerVersion } from "../protocol/codec/wire-types.js";
import type { CallOptions } from "../options.js";
import { runAction } from "./action-runner.js";
import type { ActionChannel, FlightClient, ResolvedCallOptions } from "./control-context.js";

/** Reads the server version with the action of the detected generation. */
export async function fetchServerVersion(channel: ActionChannel, options?: CallOptions): Promise<ServerVersion> {
  return channel.codec.decodeServerVersion(await runAction(channel, channel.codec.versionAction, {}, options));
}

async function probeInfoWithEmptyBody(flight: FlightClient, options: ResolvedCallOptions): Promise<"json-info" | "no-info"> {
  try {
    const call = flight.doAction(create(ActionSchema, { type: "info", body: new Uint8Array() }), options);
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

/** What the connect probe settles before the client context is built. */
export interface ServerProbe {
  /** The codec of the detected generation. */
  codec: WireCodec;
  /** The server's version (and, on J3, its limits). */
  version: ServerVersion;
}

/**
 * Detects the generation on a bare transport and reads the server version.
 * Any failure (unreachable, bad key, ...) propagates.
 */
export async function probeServer(transport: Transport, options: ResolvedCallOptions): Promise<ServerProbe> {
  const flight = createClient(FlightService, transport);
  const channel = (codec: WireCodec): ActionChannel => ({ flight, codec, callOptions: () => options });
  if ((await probeInfoWithEmptyBody(flight, options)) === "json-info") {
    const codec = createJsonWireCodec("J3");
    return { codec, version: await fetchServerVersion(channel(codec)) };
  }
  // J1 and J2 share the `version` layout; its number tells them apart.
  const answer = await fetchServerVersion(channel(createJsonWireCodec("J2")));
  const generation = generationOfVersion(answer.semver);
  return { codec: createJsonWireCodec(generation), version: { ...answer, generation } };
}
