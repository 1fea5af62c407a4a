/**
 * JSON responses for the edge demos. Nanosecond times and other 64-bit
 * integers are bigint in the SDK; JSON.parse in a browser would round them,
 * so they travel as decimal strings.
 */
import { Code, MosaicoError } from "mosaico-web";
import { ConfigError } from "./client-options.js";

/** JSON.stringify replacer: bigint -> decimal string. */
export function bigintToString(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** A JSON response; `body` may contain bigint values. */
export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body, bigintToString, 2), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** gRPC status -> HTTP status, after the table of the gRPC HTTP mapping (grpc/doc/http-grpc-status-mapping). */
const httpStatusOfCode: Partial<Record<Code, number>> = {
  [Code.InvalidArgument]: 400,
  [Code.OutOfRange]: 400,
  [Code.FailedPrecondition]: 400,
  [Code.Unauthenticated]: 401,
  [Code.PermissionDenied]: 403,
  [Code.NotFound]: 404,
  [Code.AlreadyExists]: 409,
  [Code.Aborted]: 409,
  [Code.ResourceExhausted]: 429,
  [Code.Canceled]: 499,
  [Code.Unimplemented]: 501,
  [Code.Unavailable]: 502,
  [Code.DeadlineExceeded]: 504,
};

/** The HTTP status a failed Mosaico call is answered with (500 for the rest). */
export function httpStatusOf(error: MosaicoError): number {
  return httpStatusOfCode[error.code] ?? 500;
}

// Errors about the request itself: their message helps the caller.
const requestErrors = new Set<Code>([Code.InvalidArgument, Code.NotFound, Code.AlreadyExists, Code.OutOfRange]);

/**
 * A compression setting the server (or the transport) cannot do: the SDK
 * fails at connect with UNIMPLEMENTED; say which setting to change.
 */
function compressionProblem(error: MosaicoError): string | undefined {
  if (error.code !== Code.Unimplemented) return undefined;
  if (/StreamGzip/.test(error.message) && /native gRPC/.test(error.message)) {
    return "MOSAICO_COMPRESSION=stream-gzip works over gRPC-Web only (native gRPC has no stream-level compression): use gzip, or MOSAICO_PROTOCOL=grpc-web";
  }
  if (/compress|encoding/i.test(error.message)) {
    return "the Mosaico server does not accept gzip: MOSAICO_COMPRESSION needs a server or gateway started with --gzip (mosaicod: MOSAICOD_GZIP_ENABLED=true); unset MOSAICO_COMPRESSION to send uncompressed";
  }
  return undefined;
}

/**
 * What a caller of this public endpoint may read. Messages about the
 * request pass through; the others would reveal the internal server URL or
 * configuration, so they get a fixed text and the details go to the log.
 */
function publicMessage(error: MosaicoError): string {
  if (requestErrors.has(error.code)) return error.rawMessage;
  const compression = compressionProblem(error);
  if (compression) return compression;
  if (error.code === Code.Unauthenticated || error.code === Code.PermissionDenied) {
    return "the Mosaico server refused the API key of this service (check its MOSAICO_API_KEY secret and the key's permission)";
  }
  if (error.code === Code.Unavailable || error.code === Code.DeadlineExceeded) return "the Mosaico server is not reachable right now";
  return "the Mosaico call failed; see the service log";
}

/**
 * `{ "error": { "code": "PERMISSION_DENIED", "message": "..." } }` with the
 * HTTP status of the gRPC code. SDK messages never contain API keys.
 */
export function errorResponse(reason: unknown): Response {
  if (reason instanceof ConfigError) {
    console.error(`mosaico edge demo: ${reason.message}`);
    return jsonResponse({ error: { code: "MISCONFIGURED", message: "this service is misconfigured; see the service log" } }, 500);
  }
  const error = MosaicoError.from(reason);
  if (!requestErrors.has(error.code)) console.error(`mosaico edge demo: ${error.message}`);
  return jsonResponse({ error: { code: error.codeName, message: publicMessage(error) } }, httpStatusOf(error));
}

/** A client mistake found before any call (bad path or query parameter). */
export function badRequest(message: string, status = 400): Response {
  return jsonResponse({ error: { code: status === 404 ? "NOT_FOUND" : "INVALID_ARGUMENT", message } }, status);
}
