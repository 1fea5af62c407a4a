/**
 * What a client can hand a reader worker so that it reaches the same server
 * the same way: the connect options that survive structured clone, and the
 * generation and limits the client's probe settled.
 */
import type { ConnectOptions } from "../options.js";
import type { ProtocolGeneration } from "../protocol/codec/wire-types.js";
import type { WorkerConnection } from "./worker-messages.js";

let clients = 0;

/**
 * The worker's connection for a client, or why there cannot be one (the
 * reason says what to do): a transport or fetch of the caller's own cannot
 * travel to a worker, and the worker speaks gRPC-Web only.
 * Internal: called by MosaicoClient.connect().
 */
export function workerConnectionOf(
  url: URL,
  options: ConnectOptions,
  generation: ProtocolGeneration,
  maxMessageBytes: number | undefined,
): WorkerConnection | string {
  if (options.transport) return "this client was connected with a transport of its own, which cannot move to a worker; read without the worker option";
  if (options.fetch) return "this client was connected with a fetch of its own, which cannot move to a worker; read without the worker option";
  if (options.protocol === "grpc") return 'worker readers speak gRPC-Web; connect with protocol: "grpc-web" (through a gateway for a real mosaicod)';
  return {
    connectionId: `client-${++clients}-${Math.random().toString(36).slice(2, 10)}`,
    url: url.href,
    apiKey: options.apiKey,
    allowInsecure: options.allowInsecure,
    enableTls: options.enableTls,
    tlsCertPath: options.tlsCertPath,
    tlsCaPem: options.tlsCaPem,
    compression: options.compression,
    compressMinBytes: options.compressMinBytes,
    readMaxBytes: options.readMaxBytes,
    timeoutMs: options.timeoutMs,
    generation,
    maxMessageBytes,
  };
}
