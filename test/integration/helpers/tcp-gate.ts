/**
 * A TCP proxy on 127.0.0.1 that counts the bytes going each way and can hold
 * the upstream → client direction once it has passed a number of bytes (the
 * upstream's socket is paused: TCP backpressure, as on a slow link). Works
 * for any protocol, h2c included.
 */
import net from "node:net";

export interface TcpGate {
  /** host:port to connect to instead of the upstream. */
  address: string;
  /** Bytes client → upstream so far. */
  sentUp(): number;
  /** Bytes upstream → client so far. */
  sentDown(): number;
  /** Whether the downstream direction is held right now. */
  holding(): boolean;
  /** Holds upstream → client data once `sentDown()` reaches `bytes` (from then on). */
  holdDownAfter(bytes: number): void;
  /** Lets held data through, and stops holding. */
  release(): void;
  close(): Promise<void>;
}

export async function startTcpGate(upstreamPort: number): Promise<TcpGate> {
  let up = 0;
  let down = 0;
  let holdAt = Number.POSITIVE_INFINITY;
  let held = false;
  const pausedSockets = new Set<net.Socket>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    client.on("data", (chunk) => {
      up += chunk.byteLength;
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on("drain", () => client.resume());
    upstream.on("data", (chunk) => {
      down += chunk.byteLength;
      if (!client.write(chunk)) upstream.pause();
      if (down >= holdAt) {
        held = true;
        upstream.pause();
        pausedSockets.add(upstream);
      }
    });
    client.on("drain", () => {
      if (!pausedSockets.has(upstream)) upstream.resume();
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    sentUp: () => up,
    sentDown: () => down,
    holding: () => held,
    holdDownAfter(bytes) {
      holdAt = bytes;
    },
    release() {
      holdAt = Number.POSITIVE_INFINITY;
      held = false;
      for (const socket of pausedSockets) socket.resume();
      pausedSockets.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
