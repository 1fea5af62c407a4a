/**
 * One port, every protocol.
 *   plaintext: a net.Server sniffs the first bytes of each connection; the
 *     HTTP/2 preface goes to an h2c server (native gRPC), anything else to an
 *     HTTP/1.1 server (gRPC-Web / Connect from browsers);
 *   TLS: http2.createSecureServer with allowHTTP1 (ALPN h2 + http/1.1).
 * close() stops accepting, closes HTTP/2 sessions and destroys what remains.
 *
 * Deadlines (`timeouts`): a connection that has not shown its protocol
 * within `handshakeMs` (silent, a partial HTTP/2 preface, an unfinished TLS
 * handshake or HTTP/1.1 header block) is destroyed; a connection, HTTP/2
 * session or stream with no traffic either way for `idleMs` is closed (a
 * request that promised a body and sent none, a client that stopped reading).
 */
import { once } from "node:events";
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import type { NodeHandler } from "./cors.js";

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

export interface ListenOptions {
  host: string;
  port: number;
  tls?: TlsMaterial;
  /** Defaults: handshake 10 s, idle 60 s. */
  timeouts?: { handshakeMs: number; idleMs: number };
}

export interface Listener {
  host: string;
  port: number;
  close(): Promise<void>;
}

const H2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");
const GRACE_MS = 250;

/**
 * Routes a fresh socket by its first bytes; waits while they are ambiguous,
 * at most `handshakeMs` (the socket is destroyed then).
 */
function sniff(socket: net.Socket, handshakeMs: number, onH1: (s: net.Socket) => void, onH2: (s: net.Socket) => void) {
  let seen = Buffer.alloc(0);
  const timer = setTimeout(() => socket.destroy(), handshakeMs);
  const onData = (chunk: Buffer) => {
    seen = Buffer.concat([seen, chunk]);
    const n = Math.min(seen.length, H2_PREFACE.length);
    const maybeH2 = seen.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
    if (maybeH2 && seen.length < H2_PREFACE.length) return;
    clearTimeout(timer);
    socket.off("data", onData);
    socket.pause();
    socket.unshift(seen);
    (maybeH2 ? onH2 : onH1)(socket);
  };
  socket.on("data", onData);
  socket.once("close", () => clearTimeout(timer));
}

/**
 * HTTP/1.1 keep-alive bookkeeping. Our HTTP/1 server never listens itself (it
 * gets sockets from the sniffer or from the TLS server's fallback), so Node's
 * closeIdleConnections() knows none of them: we track busy sockets ourselves
 * and half-close idle ones at shutdown so clients drop them from their pools.
 */
class Http1Connections {
  private readonly busy = new Map<net.Socket, number>();
  private readonly known = new Set<net.Socket>();
  private closing = false;

  wrap(handler: NodeHandler): NodeHandler {
    return (req, res) => {
      if (req.httpVersionMajor === 1) {
        const socket = req.socket as net.Socket;
        if (!this.known.has(socket)) {
          this.known.add(socket);
          socket.once("close", () => {
            this.known.delete(socket);
            this.busy.delete(socket);
          });
        }
        this.busy.set(socket, (this.busy.get(socket) ?? 0) + 1);
        res.once("close", () => {
          const left = (this.busy.get(socket) ?? 1) - 1;
          this.busy.set(socket, left);
          if (this.closing && left === 0) socket.end();
        });
      }
      handler(req, res);
    };
  }

  closeIdle(): void {
    this.closing = true;
    for (const socket of this.known) if (!this.busy.get(socket)) socket.end();
  }
}

export async function listen(appHandler: NodeHandler, options: ListenOptions): Promise<Listener> {
  const http1 = new Http1Connections();
  const handler = http1.wrap(appHandler);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.Http2Session>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("error", () => {}); // client resets must never crash the process
    socket.once("close", () => sockets.delete(socket));
  };
  const { handshakeMs, idleMs } = options.timeouts ?? { handshakeMs: 10_000, idleMs: 60_000 };
  const trackSession = (session: http2.Http2Session) => {
    sessions.add(session);
    // No stream and no frame for idleMs: GOAWAY, then gone.
    session.setTimeout(idleMs, () => {
      session.close();
      setTimeout(() => session.destroy(), GRACE_MS).unref();
    });
    // Node's 64 KiB default connection window throttles uploads (DoPut) to a
    // WINDOW_UPDATE round trip per 64 KiB; see http2Settings for streams.
    session.once("connect", () => session.setLocalWindowSize(16 * 1024 * 1024));
    session.on("error", () => {});
    session.once("close", () => sessions.delete(session));
  };

  // A per-stream receive window of 4 MiB instead of 64 KiB (uploads).
  const http2Settings = { initialWindowSize: 4 * 1024 * 1024 };
  // A stream with no traffic for idleMs (headers that promised a body, a reader that stopped) is cancelled.
  const guardStream = (stream: http2.ServerHttp2Stream) => {
    stream.setTimeout(idleMs, () => stream.close(http2.constants.NGHTTP2_CANCEL));
  };
  // HTTP/1.1: the header block within handshakeMs, then no silence longer than idleMs.
  const guardHttp1 = (server: http.Server) => {
    server.headersTimeout = handshakeMs;
    server.requestTimeout = 0; // long uploads and downloads are fine while bytes move
    server.setTimeout(idleMs, (socket) => socket.destroy());
  };
  let server: net.Server;
  if (options.tls) {
    const secure = http2.createSecureServer(
      { cert: options.tls.cert, key: options.tls.key, allowHTTP1: true, settings: http2Settings },
      handler,
    );
    secure.on("connection", track);
    secure.on("session", trackSession);
    secure.on("stream", guardStream);
    // TLS handshake, and HTTP/1.1 fallback sockets, within the same deadlines.
    (secure as unknown as { handshakeTimeout?: number }).handshakeTimeout = handshakeMs;
    secure.setTimeout(idleMs);
    secure.on("sessionError", () => {});
    secure.on("tlsClientError", () => {});
    server = secure;
  } else {
    const h2 = http2.createServer({ settings: http2Settings }, handler);
    h2.on("session", trackSession);
    h2.on("stream", guardStream);
    h2.on("sessionError", () => {});
    const h1Server = http.createServer(handler);
    guardHttp1(h1Server);
    server = net.createServer((socket) => {
      track(socket);
      sniff(
        socket,
        handshakeMs,
        (s) => {
          h1Server.emit("connection", s);
          // The HTTP/1 parser reads the unshifted bytes through 'data' events,
          // which a paused socket would never emit.
          s.resume();
        },
        (s) => h2.emit("connection", s),
      );
    });
  }

  server.listen(options.port, options.host);
  await Promise.race([
    once(server, "listening"),
    once(server, "error").then(([error]) => Promise.reject(error)),
  ]);
  server.on("error", () => {}); // after listening: per-connection errors only

  const address = server.address() as net.AddressInfo;
  let closing: Promise<void> | undefined;

  async function close(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const session of sessions) session.close();
    http1.closeIdle();
    const deadline = Date.now() + GRACE_MS;
    while (sockets.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const session of sessions) session.destroy();
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  return {
    host: options.host,
    port: address.port,
    close: () => (closing ??= close()),
  };
}
