/**
 * mosaico-web for Node: everything of the main entry, with a MosaicoClient
 * that speaks native gRPC by default (`protocol: "grpc-web"` still selects
 * the fetch transport).
 */
export * from "../index.js";
export { MosaicoClient } from "./node-client.js";
export { createNodeGrpcTransport } from "./node-transport.js";
export { createNodeSessionManager, type NodeSessionManagerOptions } from "./guarded-session-manager.js";
