/** Turns (host, port, tls) or a URL into the base URL of the Flight service. */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/**
 * `http(s)://host:port` from parts; IPv6 hosts are bracketed.
 *
 * @throws MosaicoError INVALID_ARGUMENT for an empty host or a port outside 1..65535.
 */
export function serverUrlFromHostPort(host: string, port: number, tls: boolean): URL {
  if (!host) throw new MosaicoError(Code.InvalidArgument, "host is empty");
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new MosaicoError(Code.InvalidArgument, `port must be an integer in 1..65535, got ${String(port)}`);
  }
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return new URL(`${tls ? "https" : "http"}://${bracketed}:${port}`);
}

/**
 * Parses a server URL; `grpc://` and `grpc+tls://` (pyarrow's schemes) map to
 * http/https, and `tls` upgrades http to https.
 *
 * @throws MosaicoError INVALID_ARGUMENT for an unparsable URL or another scheme.
 */
export function serverUrlFromString(text: string, tls: boolean): URL {
  let url: URL;
  try {
    // grpc:// and grpc+tls:// are what pyarrow users write.
    url = new URL(text.replace(/^grpc\+tls:/, "https:").replace(/^grpc:/, "http:"));
  } catch {
    throw new MosaicoError(Code.InvalidArgument, `not a valid server URL: ${JSON.stringify(text)} (expected http(s)://host:port)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MosaicoError(Code.InvalidArgument, `unsupported URL scheme ${url.protocol} (use http:, https:, grpc: or grpc+tls:)`);
  }
  if (tls && url.protocol === "http:") url.protocol = "https:";
  return url;
}

/** The base URL string without a trailing slash. */
export function baseUrlOf(url: URL): string {
  return url.href.replace(/\/+$/, "");
}
