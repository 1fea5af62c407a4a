/** Runtime-neutral pieces of the edge demos (only fetch-standard APIs and mosaico-web). */
export { createMosaicoHandler, type MosaicoHandlerOptions } from "./routes.js";
export { perRequestClient, sharedClient, type ClientSource } from "./client-source.js";
export { serverAddress, type ServerAddress } from "./server-address.js";
export { connectOptionsFromEnv, compressionSettings, ConfigError, type EnvConnectOptions, type EnvReader } from "./client-options.js";
