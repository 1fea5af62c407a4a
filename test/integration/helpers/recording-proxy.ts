/**
 * A real HTTP proxy on 127.0.0.1 that forwards every request to a reference
 * server and records what went over the wire: request and response headers,
 * body bytes in each direction, and the gRPC envelopes seen in each body
 * (how many, how many with the compressed flag). One listener per protocol:
 * h2c for native gRPC, HTTP/1.1 for gRPC-Web.
 *
 * With `stallMethod`, requests whose path ends with it are recorded and then
 * get no answer at all, like a server that hangs.
 */
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";

/** Counts length-prefixed gRPC envelopes in a byte stream fed in chunks. */
export class EnvelopeCounter {
  messages = 0;
  compressed = 0;
  /** gRPC-Web trailer frames (flag 0x80). */
  trailers = 0;
  private header: number[] = [];
  private remaining = 0;

  feed(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.byteLength) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.byteLength - offset);
        this.remaining -= take;
        offset += take;
        continue;
      }
      this.header.push(chunk[offset++]!);
      if (this.header.length === 5) {
        const [flags] = this.header as [number];
        this.remaining = new DataView(Uint8Array.from(this.header).buffer).getUint32(1);
        if (flags & 0x80) this.trailers++;
        else {
          this.messages++;
          if (flags & 0x01) this.compressed++;
        }
        this.header = [];
      }
    }
  }
}

export interface RecordedCall {
  /** Method name, e.g. "DoPut". */
  method: string;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  requestBytes: number;
  responseBytes: number;
  /** Envelopes in the request body (meaningless for Content-Encoding: gzip bodies). */
  request: EnvelopeCounter;
  response: EnvelopeCounter;
}

export interface RecordingProxyOptions {
  /** A path suffix (e.g. "/ListFlights") whose requests are held without an answer. */
  stallMethod?: string;
}

export interface RecordingProxy {
  url: string;
  /** Requests currently held without an answer (see `stallMethod`). */
  stalled(): number;
  calls: RecordedCall[];
  /** Calls of one method, e.g. "DoPut". */
  callsOf(method: string): RecordedCall[];
  clear(): void;
  close(): Promise<void>;
}

export function flatHeaders(headers: http.IncomingHttpHeaders | http2.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined || key.startsWith(":")) continue;
    out[key] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}

function newCall(path: string, headers: http.IncomingHttpHeaders | http2.IncomingHttpHeaders): RecordedCall {
  return {
    method: path.split("?")[0]!.split("/").pop() ?? path,
    requestHeaders: flatHeaders(headers),
    responseHeaders: {},
    requestBytes: 0,
    responseBytes: 0,
    request: new EnvelopeCounter(),
    response: new EnvelopeCounter(),
  };
}

export async function startRecordingProxy(
  upstream: string,
  protocol: "grpc" | "grpc-web",
  options: RecordingProxyOptions = {},
): Promise<RecordingProxy> {
  const calls: RecordedCall[] = [];
  let held = 0;
  const stalls = (path: string) => options.stallMethod !== undefined && path.split("?")[0]!.endsWith(options.stallMethod);
  const upstreamUrl = new URL(upstream);
  let server: http.Server | http2.Http2Server;
  let upstreamSession: http2.ClientHttp2Session | undefined;
  const sessions = new Set<http2.ServerHttp2Session>();
  if (protocol === "grpc") {
    upstreamSession = http2.connect(upstreamUrl.origin);
    upstreamSession.on("error", () => {});
    const h2 = http2.createServer();
    h2.on("session", (session) => {
      sessions.add(session);
      session.on("close", () => sessions.delete(session));
    });
    h2.on("stream", (stream, headers) => {
      const path = String(headers[":path"]);
      const call = newCall(path, headers);
      calls.push(call);
      if (stalls(path)) {
        held++;
        stream.on("close", () => held--);
        stream.on("error", () => {});
        return;
      }
      const { ":method": _m, ":path": _p, ":scheme": _s, ":authority": _a, ...rest } = headers;
      const forwarded = upstreamSession!.request({ ":method": "POST", ":path": path, ...rest });
      forwarded.on("response", (responseHeaders) => {
        call.responseHeaders = flatHeaders(responseHeaders);
        const { ":status": status, ...other } = responseHeaders;
        stream.respond({ ":status": status, ...other }, { waitForTrailers: true });
      });
      let trailers: http2.OutgoingHttpHeaders = {};
      forwarded.on("trailers", (t) => {
        trailers = t;
        Object.assign(call.responseHeaders, flatHeaders(t));
      });
      stream.on("wantTrailers", () => stream.sendTrailers(trailers));
      stream.on("data", (chunk: Buffer) => {
        call.requestBytes += chunk.byteLength;
        call.request.feed(chunk);
      });
      forwarded.on("data", (chunk: Buffer) => {
        call.responseBytes += chunk.byteLength;
        call.response.feed(chunk);
      });
      stream.pipe(forwarded);
      forwarded.pipe(stream);
      forwarded.on("error", () => stream.close(http2.constants.NGHTTP2_CANCEL));
      stream.on("error", () => forwarded.close(http2.constants.NGHTTP2_CANCEL));
    });
    server = h2;
  } else {
    server = http.createServer((req, res) => {
      const call = newCall(req.url ?? "", req.headers);
      calls.push(call);
      if (stalls(req.url ?? "")) {
        held++;
        req.socket.on("close", () => held--);
        return;
      }
      const forwarded = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, path: req.url, method: req.method, headers: req.headers },
        (upstreamRes) => {
          call.responseHeaders = flatHeaders(upstreamRes.headers);
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.on("data", (chunk: Buffer) => {
            call.responseBytes += chunk.byteLength;
            call.response.feed(chunk);
          });
          upstreamRes.pipe(res);
        },
      );
      forwarded.on("error", () => res.destroy());
      req.on("data", (chunk: Buffer) => {
        call.requestBytes += chunk.byteLength;
        call.request.feed(chunk);
      });
      req.pipe(forwarded);
    });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stalled: () => held,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    clear: () => void calls.splice(0),
    async close() {
      upstreamSession?.close();
      for (const session of sessions) session.destroy();
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
