/**
 * The Node flavour of MosaicoClient: native gRPC over HTTP/2 by default
 * (what a real mosaicod speaks) and CA files read from disk.
 */
import { readFile } from "node:fs/promises";
import { MosaicoClient as WebMosaicoClient } from "../client.js";
import type { RuntimeHooks } from "../client-setup.js";
import { createNodeGzip } from "./node-gzip.js";
import { createNodeGrpcTransport } from "./node-transport.js";

const nodeHooks: RuntimeHooks = {
  defaultProtocol: "grpc",
  grpcTransport: createNodeGrpcTransport,
  readCaFile: (path) => readFile(path, "utf8"),
  gzip: createNodeGzip,
};

/**
 * MosaicoClient for Node: native gRPC over HTTP/2 by default (what mosaicod
 * speaks), `tlsCertPath` read from disk and gzip through Node's zlib.
 * `protocol: "grpc-web"` still selects the fetch transport (e.g. a gateway).
 *
 * @example
 * ```ts
 * import { MosaicoClient } from "mosaico-web/node";
 *
 * await using client = await MosaicoClient.connect("mosaico.example", 6726, {
 *   apiKey: process.env.MOSAICO_API_KEY,
 *   tlsCertPath: "/etc/mosaico/ca.pem",
 * });
 * console.log(await client.listSequences());
 * ```
 */
export class MosaicoClient extends WebMosaicoClient {
  protected static override runtimeHooks: RuntimeHooks = nodeHooks;
}
