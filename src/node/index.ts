/**
 * mosaico-web for Node: everything of the main entry, with a MosaicoClient
 * that speaks native gRPC by default (`protocol: "grpc-web"` still selects
 * the fetch transport).
 */
import { setLz4CodecLoader } from "../protocol/index.js";
import { nodeLz4CodecLoader } from "./node-lz4.js";

export * from "../index.js";
export { MosaicoClient } from "./node-client.js";
export { createNodeGrpcTransport } from "./node-transport.js";
export { createNodeSessionManager, type NodeSessionManagerOptions } from "./guarded-session-manager.js";
export { loadNodeLz4Codec, nodeLz4CodecLoader } from "./node-lz4.js";

// LZ4 under Node: native lz4-napi, else wasm (loaded on the first LZ4 buffer, not here).
setLz4CodecLoader(nodeLz4CodecLoader);
