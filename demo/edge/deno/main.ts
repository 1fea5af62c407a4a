/**
 * Deno HTTP server serving a Mosaico catalog as JSON, with the same routes
 * as the Worker.
 *
 *   MOSAICO_URL=http://127.0.0.1:6726 MOSAICO_API_KEY=msco_... \
 *     deno run --allow-net --allow-env=MOSAICO_URL,MOSAICO_API_KEY,MOSAICO_TLS_CERT_FILE,MOSAICO_PROTOCOL,MOSAICO_COMPRESSION,MOSAICO_COMPRESS_MIN_BYTES,HOST,PORT main.ts
 *
 * The key is read from Deno.env by MosaicoClient.fromEnv and never leaves
 * this process (leave it unset behind a gateway that injects the key). One
 * client is shared by all requests.
 *
 * MOSAICO_COMPRESSION (none | gzip | gzip-low | gzip-medium | gzip-high |
 * stream-gzip) and MOSAICO_COMPRESS_MIN_BYTES: see ../shared/client-options.ts.
 * A bad value stops the server at startup.
 *
 * MOSAICO_PROTOCOL picks the wire protocol; unset, the SDK decides: Deno
 * resolves npm packages with the `node` condition, so `npm:mosaico-web` (or a
 * package.json import) gets native gRPC, which reaches mosaicod directly,
 * while a bundle built for the web entry speaks gRPC-Web (needs a gateway).
 */
import { MosaicoClient } from "mosaico-web";
import { connectOptionsFromEnv, createMosaicoHandler, serverAddress, sharedClient } from "../shared/index.js";

/** An optional variable; unset when --allow-env does not list it (like fromEnv's own reads). */
function optionalEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

const { host, port, enableTls } = serverAddress(Deno.env.get("MOSAICO_URL") ?? "http://127.0.0.1:6726");
const protocol = Deno.env.get("MOSAICO_PROTOCOL") || undefined;
if (protocol !== undefined && protocol !== "grpc" && protocol !== "grpc-web") {
  throw new TypeError(`MOSAICO_PROTOCOL must be "grpc" or "grpc-web", got ${JSON.stringify(protocol)}`);
}
const envOptions = connectOptionsFromEnv(optionalEnv);
const clients = sharedClient(() => MosaicoClient.fromEnv(host, port, { enableTls, protocol, timeoutMs: 10_000, ...envOptions }));
const handler = createMosaicoHandler({ clients });

const server = Deno.serve(
  {
    hostname: Deno.env.get("HOST") ?? "127.0.0.1",
    port: Number(Deno.env.get("PORT") ?? 8000),
    // The tests wait for this exact line.
    onListen: ({ hostname, port }) => console.log(`mosaico edge demo listening on http://${hostname}:${port}/`),
  },
  handler,
);

Deno.addSignalListener("SIGTERM", () => {
  void server.shutdown().then(() => clients.close());
});
