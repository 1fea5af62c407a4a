/**
 * gzip at the transport level, like mosaicod's `--gzip` (docs/protocol.md §11).
 *
 * Per-message gRPC compression (`grpc-encoding: gzip`, the compressed flag on
 * each envelope) is connect's own: the router's `acceptCompression` lists the
 * request encodings it inflates, and the same list decides response
 * compression (a response is gzipped only when the client advertises gzip in
 * `grpc-accept-encoding`, and only messages of >= 1 KiB, connect's
 * compressMinBytes). With gzip off the list is empty: connect-node's adapter
 * would otherwise default to gzip + br.
 *
 * Two things are decided here before connect sees the request:
 *   - a gRPC / gRPC-Web request whose `grpc-encoding` is not accepted (with
 *     gzip off: anything but identity; with gzip on: anything but gzip and
 *     identity, e.g. br) is answered like tonic does: UNIMPLEMENTED "Content
 *     is compressed with `gzip` which isn't supported", plus
 *     `grpc-accept-encoding` (connect would refuse too, in other words);
 *   - the experimental StreamGzip: a gRPC / gRPC-Web request body sent with
 *     HTTP `Content-Encoding: gzip`. With gzip on it is inflated here, as a
 *     stream, and at most `streamGzipMaxBytes` (default: the read limit) may
 *     come out of one body, so a gzip bomb ends with RESOURCE_EXHAUSTED. With
 *     gzip off it is refused with UNIMPLEMENTED. (mosaicod has no stream-level
 *     compression at all; this server accepts it so that the SDK's
 *     experimental mode can be exercised.)
 * Connect-protocol requests are left to connect (their Content-Encoding is
 * the Connect protocol's own message compression).
 */
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { Code, ConnectError } from "@connectrpc/connect";
import { compressionGzip } from "@connectrpc/connect-node";
import type { Compression } from "@connectrpc/connect/protocol";
import type { NodeRequest, NodeResponse } from "./cors.js";

/** The `acceptCompression` list of the router. */
export function acceptedCompressions(gzip: boolean): Compression[] {
  return gzip ? [compressionGzip] : [];
}

export interface RequestEncodingOptions {
  /** `--gzip`: per-message gzip and StreamGzip bodies accepted. */
  gzip: boolean;
  /** StreamGzip: most bytes one request body may inflate to. */
  streamGzipMaxBytes: number;
}

/** What to do with a request, decided from its headers. */
export type EncodingDecision =
  | { action: "pass" }
  | { action: "inflate" }
  | { action: "refuse"; error: ConnectError };

function header(req: NodeRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** gRPC or gRPC-Web (not the Connect protocol). */
export function isGrpcContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/grpc(-web(-text)?)?([+;]|$)/i.test(contentType);
}

export const GZIP_FLAG_HINT = "this server runs without --gzip / MOSAICOD_GZIP_ENABLED=true";

export function decideRequestEncoding(req: NodeRequest, options: RequestEncodingOptions): EncodingDecision {
  if (!isGrpcContentType(header(req, "content-type"))) return { action: "pass" };
  const contentEncoding = header(req, "content-encoding")?.trim().toLowerCase();
  if (contentEncoding !== undefined && contentEncoding !== "" && contentEncoding !== "identity") {
    if (contentEncoding === "gzip" && options.gzip) return { action: "inflate" };
    const why = contentEncoding === "gzip" ? `stream gzip needs a server started with --gzip; ${GZIP_FLAG_HINT}` : "only gzip is supported, and only with --gzip";
    return {
      action: "refuse",
      error: new ConnectError(
        `Request body sent with Content-Encoding \`${contentEncoding}\` (StreamGzip, experimental) which isn't supported: ${why}.`,
        Code.Unimplemented,
        { "grpc-accept-encoding": options.gzip ? "gzip,identity" : "identity" },
      ),
    };
  }
  const grpcEncoding = header(req, "grpc-encoding")?.trim();
  const accepted = options.gzip ? ["gzip", "identity"] : ["identity"];
  if (grpcEncoding !== undefined && grpcEncoding !== "" && !accepted.includes(grpcEncoding)) {
    // tonic's wording (codec/compression.rs), plus how to turn gzip on here.
    const hint = options.gzip ? "only gzip is enabled" : GZIP_FLAG_HINT;
    return {
      action: "refuse",
      error: new ConnectError(
        `Content is compressed with \`${grpcEncoding}\` which isn't supported (${hint})`,
        Code.Unimplemented,
        { "grpc-accept-encoding": accepted.join(",") },
      ),
    };
  }
  return { action: "pass" };
}

/**
 * Answers a gRPC / gRPC-Web request with a trailers-only error: the status
 * travels in the response headers, there is no body.
 */
export function writeTrailersOnlyError(req: NodeRequest, res: NodeResponse, error: ConnectError): void {
  const contentType = header(req, "content-type") ?? "application/grpc";
  const headers: Record<string, string> = {
    "content-type": contentType.split(";")[0]!.trim(),
    "grpc-status": String(error.code),
    "grpc-message": encodeURIComponent(error.rawMessage),
  };
  error.metadata.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(200, headers);
  res.end();
}

export function streamGzipTooLarge(limit: number): ConnectError {
  return new ConnectError(
    `request body is larger than ${limit} bytes after gzip decompression (StreamGzip); use per-message GRPCCompressionAlgorithm.Gzip for large uploads`,
    Code.ResourceExhausted,
  );
}

/**
 * Inflates a gzip request body as it arrives (pulled: backpressure reaches
 * the client), refusing it once more than `limit` bytes came out.
 */
export async function* inflateRequestBody(
  body: AsyncIterable<Uint8Array>,
  limit: number,
): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip();
  const source = Readable.from(body, { objectMode: false });
  source.on("error", (cause) => gunzip.destroy(cause));
  source.pipe(gunzip);
  let total = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > limit) throw streamGzipTooLarge(limit);
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } catch (cause) {
    if (cause instanceof ConnectError) throw cause;
    const code = (cause as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("Z_")) {
      throw new ConnectError(
        "request body sent with Content-Encoding gzip does not decompress",
        Code.InvalidArgument,
        undefined,
        undefined,
        cause,
      );
    }
    throw ConnectError.from(cause);
  } finally {
    source.unpipe(gunzip);
    source.destroy();
    gunzip.destroy();
  }
}
