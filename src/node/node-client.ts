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

export class MosaicoClient extends WebMosaicoClient {
  protected static override runtimeHooks: RuntimeHooks = nodeHooks;
}
