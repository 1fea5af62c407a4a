/**
 * How a handler gets its MosaicoClient. Runtimes differ here, nowhere else:
 * a Worker connects per request (workerd ties I/O to the request that
 * started it, and isolates come and go), a Deno server keeps one client for
 * the process.
 */
import { Code, MosaicoError, type MosaicoClient } from "mosaico-web";

export interface ClientSource {
  /** Runs `fn` with a connected client. */
  use<T>(fn: (client: MosaicoClient) => Promise<T>): Promise<T>;
}

/** Connects for each use and closes afterwards (Workers). */
export function perRequestClient(open: () => Promise<MosaicoClient>): ClientSource {
  return {
    async use(fn) {
      const client = await open();
      try {
        return await fn(client);
      } finally {
        await client.close();
      }
    },
  };
}

// After these the connection (or the key) is suspect: connect again next time.
const reconnectCodes = new Set<Code>([Code.Unavailable, Code.Unauthenticated, Code.PermissionDenied]);

/** Connects once, on first use, and shares the client (long-lived servers such as Deno). */
export function sharedClient(open: () => Promise<MosaicoClient>): ClientSource & { close(): Promise<void> } {
  let pending: Promise<MosaicoClient> | undefined;
  const drop = async (failed: Promise<MosaicoClient>) => {
    if (pending !== failed) return;
    pending = undefined;
    await failed.then((client) => client.close()).catch(() => {});
  };
  return {
    async use(fn) {
      const current = (pending ??= open());
      let client: MosaicoClient;
      try {
        client = await current;
      } catch (reason) {
        // A failed connect is never cached: the server may be back next time.
        await drop(current);
        throw reason;
      }
      try {
        return await fn(client);
      } catch (reason) {
        if (reconnectCodes.has(MosaicoError.from(reason).code)) await drop(current);
        throw reason;
      }
    },
    async close() {
      if (pending) await drop(pending);
    },
  };
}
