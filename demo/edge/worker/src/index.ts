/**
 * Cloudflare Worker (module syntax) serving a Mosaico catalog as JSON.
 *
 * Bindings (see ../wrangler.toml):
 * - MOSAICO_URL (var): the gRPC-Web endpoint, e.g. https://mosaico-gateway.example.com
 *   (Workers cannot speak native gRPC: a real mosaicod needs a gRPC-Web gateway in front).
 * - MOSAICO_API_KEY (secret, `wrangler secret put MOSAICO_API_KEY`): a read-only key
 *   is enough. It stays in the Worker; browsers only ever see the JSON. Leave it
 *   unset behind a gateway that injects the key itself.
 * - MOSAICO_COMPRESSION (var, optional): none | gzip | gzip-low | gzip-medium |
 *   gzip-high | stream-gzip; MOSAICO_COMPRESS_MIN_BYTES (var, optional). See
 *   ../../shared/client-options.ts.
 */
import { MosaicoClient } from "mosaico-web";
import { connectOptionsFromEnv, createMosaicoHandler, perRequestClient, serverAddress } from "../../shared/index.js";

// A type alias, not an interface: fromEnv's EnvSource is an index-signature
// record, which interfaces do not satisfy in TypeScript.
export type Env = {
  MOSAICO_URL: string;
  MOSAICO_API_KEY?: string;
  MOSAICO_COMPRESSION?: string;
  MOSAICO_COMPRESS_MIN_BYTES?: string;
};

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { host, port, enableTls } = serverAddress(env.MOSAICO_URL);
    // A client per request: workerd binds I/O to the request that started it.
    // A bad setting throws inside the handler, which answers a JSON 500.
    const clients = perRequestClient(() =>
      MosaicoClient.fromEnv(host, port, { env, enableTls, timeoutMs: 10_000, ...connectOptionsFromEnv((name) => env[name as keyof Env]) }),
    );
    return createMosaicoHandler({ clients })(request);
  },
};
