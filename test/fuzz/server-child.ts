/**
 * The reference server as a child process of the fuzz runner, so that a
 * crash (uncaught exception, unhandled rejection: Node's default is to exit)
 * is seen as an exit and not taken for a failure of the runner. Prints one
 * JSON line `{"url": ...}` when listening; exits when its stdin closes.
 *
 * argv: <dataDir> <bootstrapApiKey> [generation: 0.6 | 0.7]
 */
import { startServer, type GenerationName } from "../../server/index.js";

const [dataDir, bootstrapApiKey, generation = "0.7"] = process.argv.slice(2);
if (!dataDir || !bootstrapApiKey) throw new Error("usage: server-child.ts <dataDir> <bootstrapApiKey> [generation]");

const server = await startServer({
  host: "127.0.0.1",
  port: 0,
  dataDir,
  apiKeys: true,
  keyActions: true, // registers the api_key_* verbs too
  bootstrapApiKey,
  generation: generation as GenerationName,
  // Short idle deadline: a raw socket the fuzzer leaves half-open is closed soon.
  connectionTimeouts: { handshakeMs: 5_000, idleMs: 15_000 },
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.stdin.resume();
process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
