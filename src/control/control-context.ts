/**
 * What every control module needs: the typed Flight client, the wire codec of
 * the detected generation, and the per-call signal/deadline policy.
 */
import { createClient, type Client } from "@connectrpc/connect";
import type { Transport } from "@connectrpc/connect";
import { FlightService } from "../gen/arrow/flight/protocol/Flight_pb.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { CallOptions } from "../options.js";
import type { WireCodec } from "../protocol/codec/wire-codec.js";

export type FlightClient = Client<typeof FlightService>;

/** Connect call options after merging the client's and the caller's. */
export interface ResolvedCallOptions {
  signal: AbortSignal;
  timeoutMs: number | undefined;
}

/**
 * Built once per client, after the connect probe has settled the generation
 * and the server's limits; never changed afterwards.
 */
export interface ControlContext {
  readonly flight: FlightClient;
  /** The codec of the generation the probe detected. */
  readonly codec: WireCodec;
  /** How DoPut travels on this transport (see MosaicoTransport.uploadMode). */
  readonly uploadMode: "stream" | "buffered";
  /** The server's largest message, when it reported one (J3 `info`); else mosaicod's default. */
  readonly maxMessageBytes: number;
  /** Whether the server manages keys over Flight (J1, or the caller said so). */
  readonly keyActions: boolean;
  /** Merges the caller's options with the client's (closing aborts, default deadline). */
  callOptions(options?: CallOptions): ResolvedCallOptions;
  /** Same for data streams, which get no default deadline (a large topic takes long). */
  streamOptions(options?: CallOptions): ResolvedCallOptions;
}

export interface ControlContextInit {
  transport: Transport;
  codec: WireCodec;
  /** Aborted when the client closes. */
  lifetime: AbortSignal;
  defaultTimeoutMs: number;
  uploadMode: "stream" | "buffered";
  /** The limit the server reported at connect; mosaicod's default when undefined. */
  maxMessageBytes?: number;
  /** Whether the server manages keys over Flight. */
  keyActions: boolean;
}

/** What runAction/streamAction need: also satisfied by the connect probe before any context exists. */
export type ActionChannel = Pick<ControlContext, "flight" | "codec" | "callOptions">;

/** mosaicod's default gRPC message limit (docs/protocol.md §1). */
export const defaultServerMaxMessageBytes = 50 * 1024 * 1024;

export function createControlContext(init: ControlContextInit): ControlContext {
  const resolve = (options: CallOptions, timeoutMs: number | undefined): ResolvedCallOptions => {
    if (init.lifetime.aborted) {
      throw new MosaicoError(Code.FailedPrecondition, "the client is closed; create a new one with MosaicoClient.connect()");
    }
    const signal = options.signal ? AbortSignal.any([options.signal, init.lifetime]) : init.lifetime;
    return { signal, timeoutMs: timeoutMs !== undefined && timeoutMs > 0 ? timeoutMs : undefined };
  };
  return Object.freeze<ControlContext>({
    flight: createClient(FlightService, init.transport),
    codec: init.codec,
    uploadMode: init.uploadMode,
    maxMessageBytes: init.maxMessageBytes ?? defaultServerMaxMessageBytes,
    keyActions: init.keyActions,
    callOptions(options: CallOptions = {}) {
      return resolve(options, options.timeoutMs ?? init.defaultTimeoutMs);
    },
    streamOptions(options: CallOptions = {}) {
      return resolve(options, options.timeoutMs);
    },
  });
}
