/**
 * Starts a reference server on an ephemeral port with a fresh data directory,
 * for one test file. Real sockets, real store.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer, type ServerOptions } from "../../../server/index.js";

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Stops the server and deletes its data directory. */
  dispose(): Promise<void>;
}

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "mosaico-test-"));
  const server = await startServer({ host: "127.0.0.1", port: 0, ...options, dataDir });
  return Object.assign(server, {
    dataDir,
    async dispose() {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Both wire protocols the Node client speaks. */
export const protocols = ["grpc", "grpc-web"] as const;
export type WireProtocol = (typeof protocols)[number];
