/** A local HTTP server of one folder, for the pages the browser benchmarks load. */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join } from "node:path";

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

/** Serves `dir` on an ephemeral port of 127.0.0.1 (`/` is index.html); resolves with the server and its port. */
export async function serveDirectory(dir: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = join(dir, new URL(req.url ?? "/", "http://x").pathname.replace(/^\/$/, "/index.html"));
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as { port: number }).port };
}
