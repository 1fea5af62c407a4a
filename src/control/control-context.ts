/**
 * What every control module needs: the typed Flight client, the wire codec of
 * the detected generation, and the per-call signal/deadline policy.
 */
import { createClient, type Client } from "@connectrpc/connect";
import type { Transport } from "@connectrpc/connect";
import { FlightService } from "../gen/arrow/flight/protocol/Flight_pb.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { CallOptions } from "./call-options.js";
import type { WireCodec } from "./codec/wire-codec.js";

export type FlightClient = Client<typeof FlightService>;

/** Connect call options after merging the client's and the caller's. */
export interface ResolvedCallOptions {
  signal: AbortSignal;
  timeoutMs: number | undefined;
}

export interface ControlContext {
  readonly flight: FlightClient;
  codec: WireCodec;
  /** Merges the caller's options with the client's (closing aborts, default deadline). */
  callOptions(options?: CallOptions): ResolvedCallOptions;
}

export interface ControlContextInit {
  transport: Transport;
  codec: WireCodec;
  /** Aborted when the client closes. */
  lifetime: AbortSignal;
  defaultTimeoutMs: number;
}

export function createControlContext(init: ControlContextInit): ControlContext {
  return {
    flight: createClient(FlightService, init.transport),
    codec: init.codec,
    callOptions(options: CallOptions = {}) {
      if (init.lifetime.aborted) {
        throw new MosaicoError(Code.FailedPrecondition, "the client is closed; create a new one with MosaicoClient.connect()");
      }
      const signal = options.signal ? AbortSignal.any([options.signal, init.lifetime]) : init.lifetime;
      const timeoutMs = options.timeoutMs ?? init.defaultTimeoutMs;
      return { signal, timeoutMs: timeoutMs > 0 ? timeoutMs : undefined };
    },
  };
}
