/**
 * A recording proxy on 127.0.0.1 between an edge demo and a reference
 * server: it forwards every call unchanged and keeps what went over the wire,
 * so a test can prove compression rather than trust it:
 *   - request and response headers (and HTTP/2 trailers);
 *   - each gRPC envelope in each direction: compressed flag, bytes on the
 *     wire, and for compressed ones the size once inflated (node:zlib, so the
 *     gzip is real) and the gzip header (MTIME, XFL, OS: which codec made it);
 *   - StreamGzip bodies (HTTP `Content-Encoding: gzip`): the body's gzip
 *     header, then the envelopes inside.
 * One listener per protocol: HTTP/1.1 for gRPC-Web (fetch runtimes), h2c for
 * native gRPC (Deno with the Node entry).
 */
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { flatHeaders } from "../../integration/helpers/recording-proxy.js";

/** The fixed part of a gzip member header (RFC 1952). */
export interface GzipHeader {
  /** MTIME: 0 from zlib-based codecs (CompressionStream, node:zlib), the current time from fflate. */
  mtime: number;
  /** XFL: 2 = maximum compression (level 9), 4 = fastest (level 1), 0 = anything between. */
  xfl: number;
  /** OS byte. */
  os: number;
}

export interface Envelope {
  compressed: boolean;
  /** Payload bytes as sent. */
  wireBytes: number;
  /** Payload bytes once inflated (compressed envelopes only). */
  inflatedBytes?: number;
  gzip?: GzipHeader;
}

export interface WireCall {
  /** RPC name, e.g. "DoGet". */
  method: string;
  requestHeaders: Record<string, string>;
  /** Response headers, plus the trailers of native gRPC. */
  responseHeaders: Record<string, string>;
  /** Body bytes as sent (before any StreamGzip inflation). */
  requestBodyBytes: number;
  /** StreamGzip: the gzip header of the whole request body. */
  requestBodyGzip?: GzipHeader;
  requestEnvelopes: Envelope[];
  responseEnvelopes: Envelope[];
  /** False while the call is open, or when it was cut short. */
  complete: boolean;
}

export interface WireRecorder {
  url: string;
  calls(): WireCall[];
  close(): Promise<void>;
}

function gzipHeaderOf(bytes: Uint8Array): GzipHeader | undefined {
  if (bytes.byteLength < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return undefined;
  return { mtime: new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true), xfl: bytes[8]!, os: bytes[9]! };
}

/** Envelopes of a gRPC or gRPC-Web body; gRPC-Web trailer frames (0x80) and a cut-off tail are skipped. */
export function parseEnvelopes(body: Uint8Array): Envelope[] {
  const envelopes: Envelope[] = [];
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let offset = 0;
  while (offset + 5 <= body.byteLength) {
    const flags = body[offset]!;
    const length = view.getUint32(offset + 1);
    if (offset + 5 + length > body.byteLength) break;
    const payload = body.subarray(offset + 5, offset + 5 + length);
    offset += 5 + length;
    if (flags & 0x80) continue;
    const envelope: Envelope = { compressed: (flags & 0x01) === 1, wireBytes: length };
    if (envelope.compressed) {
      envelope.gzip = gzipHeaderOf(payload);
      envelope.inflatedBytes = gunzipSync(payload).byteLength;
    }
    envelopes.push(envelope);
  }
  return envelopes;
}


/** Collects a call's bytes as they pass; parsed when a test asks. */
class Recording {
  readonly request: Buffer[] = [];
  readonly response: Buffer[] = [];
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string> = {};
  complete = false;

  constructor(
    readonly path: string,
    headers: http.IncomingHttpHeaders | http2.IncomingHttpHeaders,
  ) {
    this.requestHeaders = flatHeaders(headers);
  }

  toCall(): WireCall {
    const raw = Buffer.concat(this.request);
    const streamGzip = this.requestHeaders["content-encoding"]?.toLowerCase() === "gzip";
    const call: WireCall = {
      method: this.path.split("?")[0]!.split("/").pop() ?? this.path,
      requestHeaders: this.requestHeaders,
      responseHeaders: this.responseHeaders,
      requestBodyBytes: raw.byteLength,
      requestEnvelopes: parseEnvelopes(streamGzip && raw.byteLength > 0 ? gunzipSync(raw) : raw),
      responseEnvelopes: parseEnvelopes(Buffer.concat(this.response)),
      complete: this.complete,
    };
    if (streamGzip) call.requestBodyGzip = gzipHeaderOf(raw);
    return call;
  }
}

export async function startWireRecorder(upstream: string, protocol: "grpc" | "grpc-web"): Promise<WireRecorder> {
  const recordings: Recording[] = [];
  const upstreamUrl = new URL(upstream);
  let server: http.Server | http2.Http2Server;
  let upstreamSession: http2.ClientHttp2Session | undefined;
  const sessions = new Set<http2.ServerHttp2Session>();
  if (protocol === "grpc") {
    const h2 = http2.createServer();
    h2.on("session", (session) => {
      sessions.add(session);
      session.on("close", () => sessions.delete(session));
    });
    h2.on("stream", (stream, headers) => {
      const path = String(headers[":path"]);
      const recording = new Recording(path, headers);
      recordings.push(recording);
      if (!upstreamSession || upstreamSession.closed || upstreamSession.destroyed) {
        upstreamSession = http2.connect(upstreamUrl.origin);
        upstreamSession.on("error", () => {});
      }
      const { ":method": _m, ":path": _p, ":scheme": _s, ":authority": _a, ...rest } = headers;
      const forwarded = upstreamSession.request({ ":method": "POST", ":path": path, ...rest });
      let trailers: http2.OutgoingHttpHeaders = {};
      forwarded.on("response", (responseHeaders) => {
        recording.responseHeaders = flatHeaders(responseHeaders);
        const { ":status": status, ...other } = responseHeaders;
        stream.respond({ ":status": status, ...other }, { waitForTrailers: true });
      });
      forwarded.on("trailers", (t) => {
        trailers = t;
        Object.assign(recording.responseHeaders, flatHeaders(t));
      });
      stream.on("wantTrailers", () => stream.sendTrailers(trailers));
      stream.on("data", (chunk: Buffer) => recording.request.push(chunk));
      forwarded.on("data", (chunk: Buffer) => recording.response.push(chunk));
      forwarded.on("end", () => (recording.complete = true));
      stream.pipe(forwarded);
      forwarded.pipe(stream);
      forwarded.on("error", () => stream.close(http2.constants.NGHTTP2_CANCEL));
      stream.on("error", () => forwarded.close(http2.constants.NGHTTP2_CANCEL));
      stream.on("close", () => {
        if (!forwarded.closed) forwarded.close(http2.constants.NGHTTP2_CANCEL);
      });
    });
    server = h2;
  } else {
    server = http.createServer((req, res) => {
      const recording = new Recording(req.url ?? "", req.headers);
      recordings.push(recording);
      const forwarded = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, path: req.url, method: req.method, headers: req.headers },
        (upstreamRes) => {
          recording.responseHeaders = flatHeaders(upstreamRes.headers);
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.on("data", (chunk: Buffer) => recording.response.push(chunk));
          upstreamRes.on("end", () => (recording.complete = true));
          upstreamRes.pipe(res);
        },
      );
      forwarded.on("error", () => res.destroy());
      res.on("close", () => forwarded.destroy());
      req.on("data", (chunk: Buffer) => recording.request.push(chunk));
      req.pipe(forwarded);
    });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => recordings.map((recording) => recording.toCall()),
    async close() {
      upstreamSession?.close();
      for (const session of sessions) session.destroy();
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
