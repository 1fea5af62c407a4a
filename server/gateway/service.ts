/**
 * The FlightService of gateway mode: every RPC is forwarded to the upstream
 * through a connect client, message by message.
 *
 * - Unary calls (GetFlightInfo, GetSchema, PollFlightInfo) await the
 *   upstream answer.
 * - Server streams (DoGet, DoAction, ListFlights, ListActions) are async
 *   generators that yield each upstream message as it arrives: nothing is
 *   buffered beyond the message in hand; connect pulls the next one only
 *   after the previous was written to the client (backpressure reaches the
 *   upstream through HTTP/2 flow control), and a client that goes away
 *   aborts the upstream call (the handler signal).
 * - DoPut (and the other bidi/client streams) hands connect's request
 *   iterable to the upstream call: each FlightData goes upstream as it is
 *   read from the client, whether it arrives streamed (HTTP/2, chunked
 *   HTTP/1.1) or as one buffered gRPC-Web body (http/node-adapter.ts).
 * - Errors keep their code, message and details; the protocol's own headers
 *   in the upstream metadata are dropped (ours are written anew). When the
 *   upstream cannot be reached at all: UNAVAILABLE "gateway: cannot reach …".
 * - The allow-list is checked before anything goes upstream: PERMISSION_DENIED.
 * - The incoming deadline (grpc-timeout) is passed on with what is left of it.
 */
import { Code, ConnectError, type CallOptions, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import type { FlightService } from "../../src/protocol/index.js";
import { notForwarded, type AllowList } from "./allow-list.js";
import { API_KEY_HEADER, type Upstream } from "./upstream.js";

/** Headers of the transport itself, never copied from an upstream error's metadata. */
const PROTOCOL_HEADER =
  /^(:|grpc-|content-|connect-|date$|server$|vary$|access-control-|connection$|keep-alive$|transfer-encoding$|te$|trailer$)/i;

/**
 * The upstream's error as our own: same code, message and details. A failure
 * of the connection itself (no gRPC status came back: refused, reset, TLS
 * verification) becomes UNAVAILABLE naming the upstream, as Envoy would
 * answer, instead of e.g. INTERNAL "self-signed certificate".
 */
export function passThrough(reason: unknown, upstreamUrl: string): ConnectError {
  const error = ConnectError.from(reason);
  const systemCode = (error.cause as { code?: unknown } | undefined)?.code;
  if (!error.metadata.has("grpc-status") && typeof systemCode === "string") {
    return new ConnectError(
      `gateway: cannot reach the upstream ${upstreamUrl}: ${error.rawMessage} (${systemCode})`,
      Code.Unavailable,
      undefined,
      undefined,
      error,
    );
  }
  const metadata = new Headers();
  error.metadata.forEach((value, key) => {
    if (!PROTOCOL_HEADER.test(key)) metadata.append(key, value);
  });
  const forwarded = new ConnectError(error.rawMessage, error.code, metadata, undefined, error.cause ?? error);
  // Incoming details (type URL + bytes) are re-sent as they came.
  forwarded.details.push(...error.details);
  return forwarded;
}

export interface GatewayConfig {
  upstream: Upstream;
  /** undefined: forward everything. */
  allow?: AllowList;
}

export function gatewayServiceImpl(config: GatewayConfig): ServiceImpl<typeof FlightService> {
  const { client } = config.upstream;
  const allow = config.allow;

  const requireRpc = (name: string) => {
    // DoAction is checked per action.
    if (allow && name !== "DoAction" && !allow.rpc(name)) throw notForwarded(name, allow);
  };

  const callOptions = (ctx: HandlerContext): CallOptions => {
    const headers = new Headers();
    if (!config.upstream.injectsKey) {
      const key = ctx.requestHeader.get(API_KEY_HEADER);
      if (key !== null) headers.set(API_KEY_HEADER, key);
    }
    const options: CallOptions = { signal: ctx.signal, headers };
    const left = ctx.timeoutMs();
    // A deadline that is already over still goes upstream as 1 ms (it fails there).
    if (left !== undefined) options.timeoutMs = Math.max(1, left);
    return options;
  };

  async function unary<I, O>(name: string, call: (req: I, opts: CallOptions) => Promise<O>, req: I, ctx: HandlerContext): Promise<O> {
    requireRpc(name);
    try {
      return await call(req, callOptions(ctx));
    } catch (reason) {
      throw passThrough(reason, config.upstream.baseUrl);
    }
  }

  async function* stream<O>(name: string, responses: () => AsyncIterable<O>): AsyncGenerator<O> {
    requireRpc(name);
    try {
      yield* responses();
    } catch (reason) {
      throw passThrough(reason, config.upstream.baseUrl);
    }
  }

  return {
    handshake(requests, ctx) {
      return stream("Handshake", () => client.handshake(requests, callOptions(ctx)));
    },
    listFlights(criteria, ctx) {
      return stream("ListFlights", () => client.listFlights(criteria, callOptions(ctx)));
    },
    getFlightInfo(descriptor, ctx) {
      return unary("GetFlightInfo", (r, o) => client.getFlightInfo(r, o), descriptor, ctx);
    },
    pollFlightInfo(descriptor, ctx) {
      return unary("PollFlightInfo", (r, o) => client.pollFlightInfo(r, o), descriptor, ctx);
    },
    getSchema(descriptor, ctx) {
      return unary("GetSchema", (r, o) => client.getSchema(r, o), descriptor, ctx);
    },
    doGet(ticket, ctx) {
      return stream("DoGet", () => client.doGet(ticket, callOptions(ctx)));
    },
    doPut(requests, ctx) {
      // Refused before the first request message is even read.
      return stream("DoPut", () => client.doPut(requests, callOptions(ctx)));
    },
    doExchange(requests, ctx) {
      return stream("DoExchange", () => client.doExchange(requests, callOptions(ctx)));
    },
    async *doAction(action, ctx) {
      if (allow && !allow.action(action.type)) throw notForwarded(action.type, allow);
      yield* stream("DoAction", () => client.doAction(action, callOptions(ctx)));
    },
    listActions(empty, ctx) {
      return stream("ListActions", () => client.listActions(empty, callOptions(ctx)));
    },
  };
}
