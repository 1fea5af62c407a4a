/**
 * The default transport for browsers, Workers and Deno: gRPC-Web over fetch.
 */
import { createTransport } from "@connectrpc/connect/protocol-grpc-web";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { detectRuntime } from "../runtime/detect-runtime.js";
import { createBufferedFetchClient } from "./fetch-http-client.js";
import { fetchWithCustomCa } from "./custom-ca-fetch.js";
import { canStreamUploads } from "./request-streams.js";

// Flight methods whose requests are streams (everything else sends one message).
const clientStreamingPaths = ["/DoPut", "/DoExchange", "/Handshake"];
import type { MosaicoTransport, TransportConfig } from "./transport-config.js";

/**
 * Creates the gRPC-Web transport over fetch (the default outside Node).
 * Uploads stream where fetch can stream request bodies, else are buffered.
 * Closing it aborts every call still running through it (fetch has no
 * connection to drop).
 *
 * @throws MosaicoError FAILED_PRECONDITION without a fetch, or with `tlsCaPem` outside Deno.
 * @example
 * ```ts
 * const web = createWebTransport({
 *   baseUrl: "https://mosaico.example:6726",
 *   interceptors: [],
 *   readMaxBytes: 128 * 1024 * 1024,
 *   writeMaxBytes: 50 * 1024 * 1024,
 *   sendCompression: null,
 *   acceptCompression: [],
 *   compressMinBytes: 1024,
 * });
 * const client = await MosaicoClient.connect({ url: "https://mosaico.example:6726", transport: web.transport, apiKey });
 * try {
 *   console.log(await client.listSequences());
 * } finally {
 *   await client.close();
 *   web.close(); // a supplied transport stays open until its owner closes it
 * }
 * ```
 */
export function createWebTransport(config: TransportConfig): MosaicoTransport {
  const baseFetch = config.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof baseFetch !== "function") {
    throw new MosaicoError(Code.FailedPrecondition, "this runtime has no fetch(); pass the fetch option");
  }
  const fetchFn = config.tlsCaPem ? fetchWithCustomCa(baseFetch, config.tlsCaPem) : baseFetch;
  const closed = new AbortController();
  const guardedFetch: typeof fetch = (input, init) => {
    const signal = init?.signal ? AbortSignal.any([init.signal, closed.signal]) : closed.signal;
    return fetchFn(input, { ...init, signal });
  };
  const uploadMode =
    config.streamUploads !== "never" && canStreamUploads(new URL(config.baseUrl), detectRuntime()) ? "stream" : "buffered";
  const transport = createTransport({
    baseUrl: config.baseUrl,
    httpClient: createBufferedFetchClient(guardedFetch, {
      streamedPaths: uploadMode === "stream" ? clientStreamingPaths : [],
      gzipBody: config.gzipBody,
    }),
    useBinaryFormat: true,
    interceptors: config.interceptors,
    acceptCompression: config.acceptCompression,
    sendCompression: config.sendCompression,
    compressMinBytes: config.compressMinBytes,
    readMaxBytes: config.readMaxBytes,
    writeMaxBytes: config.writeMaxBytes,
  });
  return {
    transport,
    protocol: "grpc-web",
    uploadMode,
    close: () => closed.abort(new MosaicoError(Code.Canceled, "the client was closed")),
  };
}
