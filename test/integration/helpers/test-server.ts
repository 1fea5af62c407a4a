/**
 * Reference servers for the integration tests: real sockets, real store, an
 * ephemeral port on 127.0.0.1 and a fresh data directory each. A test file
 * closes its servers and calls `removeDataDirs()` in its `afterAll`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer, type ServerOptions } from "../../../server/index.js";

const tempDirs: string[] = [];

/** A new empty directory, deleted by `removeDataDirs()`. */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "mosaico-test-"));
  tempDirs.push(dir);
  return dir;
}

/** Deletes every directory `freshDataDir()` made so far. */
export function removeDataDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A reference server on an ephemeral port; its data directory is `options.dataDir` or a fresh one. */
export async function startTestServer(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({ host: "127.0.0.1", port: 0, ...options, dataDir: options.dataDir ?? freshDataDir() });
}

/** Both wire protocols the Node client speaks. */
export const protocols = ["grpc", "grpc-web"] as const;
export type WireProtocol = (typeof protocols)[number];
