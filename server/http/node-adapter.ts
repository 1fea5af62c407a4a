/**
 * connect-node's `connectNodeAdapter`, plus DoPut over HTTP/1.1.
 *
 * Why: connect's protocol negotiation (`negotiateProtocol` in
 * @connectrpc/connect/protocol/universal-handler.js) answers every
 * bidi-streaming method with HTTP 505 when the request is HTTP/1.x, because a
 * client that expects full duplex could deadlock there. Flight's DoPut is
 * declared bidi, but Mosaico uses it half-duplex: the server sends no
 * PutResult, only the final status after the request stream ended (protocol
 * §5.5). Browsers on plain http:// speak HTTP/1.1 and send a DoPut as one
 * buffered gRPC-Web request (Node's fetch with `duplex: "half"` and
 * connect-node's HTTP/1.1 transport stream it with chunked encoding); a real
 * gateway such as Envoy forwards both. Either body works here: the handler
 * reads it as a stream, and Node lets HTTP/1.1 responses start before the
 * body ends, which only happens for early errors.
 *
 * How: the only thing connect reads `httpVersion` for is that 505 check, so
 * for the paths listed in `halfDuplexPaths` an HTTP/1.x request is handed to
 * the router as a universal request that reports "2.0". Everything else is
 * connect-node's own code path (universalRequestFromNodeRequest /
 * universalResponseToNodeResponse, public exports of connect-node); other
 * bidi methods still get 505.
 *
 * Compression (http/compression.ts): `acceptCompression` is passed through to
 * the router as given (connect-node's default of gzip + br only applies when
 * it is left undefined); with `requestEncoding`, gRPC requests compressed in
 * a way the server does not accept are refused before the router, and
 * StreamGzip bodies (`Content-Encoding: gzip`) are inflated on the way in.
 */
import { Code, ConnectError, createConnectRouter } from "@connectrpc/connect";
import {
  compressionBrotli,
  compressionGzip,
  universalRequestFromNodeRequest,
  universalResponseToNodeResponse,
  type ConnectNodeAdapterOptions,
} from "@connectrpc/connect-node";
import {
  decideRequestEncoding,
  inflateRequestBody,
  writeTrailersOnlyError,
  type RequestEncodingOptions,
} from "./compression.js";
import type { NodeHandler, NodeRequest, NodeResponse } from "./cors.js";

export const DO_PUT_PATH = "/arrow.flight.protocol.FlightService/DoPut";

export interface FlightNodeAdapterOptions extends ConnectNodeAdapterOptions {
  /** Bidi methods (request paths) served half-duplex over HTTP/1.1; default DoPut. */
  halfDuplexPaths?: readonly string[];
  /** Header checks and StreamGzip inflation for gRPC / gRPC-Web requests. */
  requestEncoding?: RequestEncodingOptions;
}

function notFound(_req: NodeRequest, res: NodeResponse): void {
  res.writeHead(404);
  res.end();
}

/**
 * HTTP/1.1 keep-alive after an early answer: when a DoPut fails on its first
 * message, the status goes out while the client is still sending its body.
 * connect stops reading it but leaves its iterator attached, so Node does not
 * discard the rest (its own dump only runs for unconsumed requests): the
 * socket stalls and the client's next request on it dies with ECONNRESET.
 * Once the response is sent, we read the remaining body and drop it.
 */
function drainAfterResponse(req: NodeRequest, res: NodeResponse): void {
  res.once("finish", () => {
    if (req.complete || req.destroyed) return;
    const drain = () => {
      while (req.read() !== null) {
        // discard
      }
    };
    req.on("readable", drain);
    drain();
  });
}

export function flightNodeAdapter(options: FlightNodeAdapterOptions): NodeHandler {
  // Same defaults as connectNodeAdapter.
  if (options.acceptCompression === undefined) {
    options.acceptCompression = [compressionGzip, compressionBrotli];
  }
  const router = createConnectRouter(options);
  options.routes(router);
  const prefix = options.requestPathPrefix ?? "";
  const halfDuplex = new Set((options.halfDuplexPaths ?? [DO_PUT_PATH]).map((p) => prefix + p));
  const handlers = new Map(router.handlers.map((h) => [prefix + h.requestPath, h]));
  const fallback = (options.fallback as NodeHandler | undefined) ?? notFound;

  return (req, res) => {
    const path = req.url?.split("?", 2)[0] ?? "";
    const handler = handlers.get(path);
    if (!handler) {
      fallback(req, res);
      return;
    }
    const encoding = options.requestEncoding
      ? decideRequestEncoding(req, options.requestEncoding)
      : ({ action: "pass" } as const);
    if (encoding.action === "refuse") {
      if (req.httpVersionMajor === 1) drainAfterResponse(req, res);
      writeTrailersOnlyError(req, res, encoding.error);
      return;
    }
    const universal = universalRequestFromNodeRequest(
      req as never,
      res as never,
      undefined,
      options.contextValues?.(req as never),
    );
    dropUnrepresentableDeadline(universal.header);
    if (encoding.action === "inflate") {
      universal.body = inflateRequestBody(
        universal.body as AsyncIterable<Uint8Array>,
        options.requestEncoding!.streamGzipMaxBytes,
      );
      universal.header.delete("content-encoding");
      universal.header.delete("content-length");
    }
    if (req.httpVersionMajor === 1) {
      if (halfDuplex.has(path)) universal.httpVersion = "2.0";
      drainAfterResponse(req, res);
    }
    handler(universal)
      .then((response) => universalResponseToNodeResponse(response, res as never))
      .catch((reason: unknown) => {
        if (ConnectError.from(reason).code === Code.Aborted) return;
        // A client that goes away mid-stream (a cancelled read) is not a server failure.
        if (res.destroyed || isPeerGone(reason)) return;
        console.error(
          `handler for rpc ${handler.method.name} of ${handler.service.typeName} failed`,
          reason,
        );
      });
  };
}

/** setTimeout's largest delay; a longer one fires after 1 ms (Node clamps it, with a warning). */
const MAX_TIMER_MS = 2 ** 31 - 1;
const GRPC_TIMEOUT_UNIT_MS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };

/**
 * A deadline beyond 24.8 days (gRPC allows `99999999H`, about 11,000
 * years) is dropped rather than handed to connect, whose timer would end
 * the call after 1 ms. Without the header the call has no deadline, which
 * is what such a deadline means in practice (tonic keeps it as a far
 * instant).
 */
function dropUnrepresentableDeadline(header: Headers): void {
  const grpc = /^(\d{1,8})([HMSmun])$/.exec(header.get("grpc-timeout") ?? "");
  if (grpc && Number(grpc[1]) * GRPC_TIMEOUT_UNIT_MS[grpc[2]!]! > MAX_TIMER_MS) header.delete("grpc-timeout");
  const connect = header.get("connect-timeout-ms");
  if (connect !== null && /^\d{1,10}$/.test(connect) && Number(connect) > MAX_TIMER_MS) header.delete("connect-timeout-ms");
}

/** EPIPE / ECONNRESET and friends: the peer closed the connection under us. */
function isPeerGone(reason: unknown): boolean {
  const codes = new Set(["EPIPE", "ECONNRESET", "ERR_STREAM_DESTROYED", "ERR_HTTP2_INVALID_STREAM", "ERR_STREAM_PREMATURE_CLOSE"]);
  for (let cause: unknown = reason; cause instanceof Error; cause = cause.cause) {
    if (codes.has((cause as { code?: unknown }).code as string)) return true;
  }
  return false;
}
