/**
 * A real proxy in front of the reference server that forwards every request
 * except those whose path ends with `stallMethod`: those get no answer at
 * all, like a server that hangs. One listener per protocol: h2c for native
 * gRPC, HTTP/1.1 for gRPC-Web.
 */
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";

export interface StallingProxy {
  url: string;
  /** Requests currently held without an answer. */
  stalled(): number;
  close(): Promise<void>;
}

export async function startStallingProxy(upstream: string, protocol: "grpc" | "grpc-web", stallMethod: string): Promise<StallingProxy> {
  let held = 0;
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
      if (String(headers[":path"]).endsWith(stallMethod)) {
        held++;
        stream.on("close", () => held--);
        stream.on("error", () => {});
        return;
      }
      const { ":method": _m, ":path": path, ":scheme": _s, ":authority": _a, ...rest } = headers;
      const forwarded = upstreamSession!.request({ ":method": "POST", ":path": path, ...rest });
      forwarded.on("response", (responseHeaders) => {
        const { ":status": status, ...other } = responseHeaders;
        stream.respond({ ":status": status, ...other }, { waitForTrailers: true });
      });
      let trailers: http2.OutgoingHttpHeaders = {};
      forwarded.on("trailers", (t) => (trailers = t));
      stream.on("wantTrailers", () => stream.sendTrailers(trailers));
      stream.pipe(forwarded);
      forwarded.pipe(stream);
      forwarded.on("error", () => stream.close());
      stream.on("error", () => forwarded.close());
    });
    server = h2;
  } else {
    server = http.createServer((req, res) => {
      if (req.url?.endsWith(stallMethod)) {
        held++;
        req.socket.on("close", () => held--);
        return;
      }
      const forwarded = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, path: req.url, method: req.method, headers: req.headers },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      forwarded.on("error", () => res.destroy());
      req.pipe(forwarded);
    });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stalled: () => held,
    async close() {
      upstreamSession?.close();
      for (const session of sessions) session.destroy();
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
