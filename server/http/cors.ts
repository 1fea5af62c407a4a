/**
 * CORS for browser clients (gRPC-Web / Connect from another origin). mosaicod
 * has no CORS layer (docs/protocol.md §12.1); the reference server adds one so that a
 * page can talk to it directly.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { cors } from "@connectrpc/connect";

export type NodeRequest = IncomingMessage | Http2ServerRequest;
export type NodeResponse = ServerResponse | Http2ServerResponse;
export type NodeHandler = (req: NodeRequest, res: NodeResponse) => void;

export const ALLOWED_HEADERS = [
  ...new Set([
    ...cors.allowedHeaders,
    "mosaico-api-key-token",
    "grpc-encoding",
    "grpc-accept-encoding",
  ]),
];
export const EXPOSED_HEADERS = [...new Set([...cors.exposedHeaders, "grpc-encoding"])];
export const ALLOWED_METHODS = [...new Set([...cors.allowedMethods, "OPTIONS"])];

function allowedOrigin(origins: readonly string[], origin: string): string | undefined {
  if (origins.includes("*")) return "*";
  return origins.includes(origin) ? origin : undefined;
}

/** Wraps `handler` with preflight answers and CORS response headers. */
export function withCors(handler: NodeHandler, origins: readonly string[]): NodeHandler {
  return (req, res) => {
    const origin = req.headers.origin;
    const allowed = typeof origin === "string" ? allowedOrigin(origins, origin) : undefined;
    const isPreflight =
      req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
    if (isPreflight) {
      if (allowed === undefined) {
        res.writeHead(403);
        res.end();
        return;
      }
      res.writeHead(204, {
        "access-control-allow-origin": allowed,
        "access-control-allow-methods": ALLOWED_METHODS.join(", "),
        "access-control-allow-headers": ALLOWED_HEADERS.join(", "),
        "access-control-max-age": "7200",
        vary: "Origin",
      });
      res.end();
      return;
    }
    if (allowed !== undefined) {
      res.setHeader("access-control-allow-origin", allowed);
      res.setHeader("access-control-expose-headers", EXPOSED_HEADERS.join(", "));
      res.setHeader("vary", "Origin");
    }
    handler(req, res);
  };
}
