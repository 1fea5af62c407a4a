/**
 * The few Deno APIs main.ts uses, for typechecking with tsc (demo/edge/tsconfig.json).
 * `deno check` uses Deno's own lib instead and never reads this file.
 */
declare namespace Deno {
  const env: { get(name: string): string | undefined };
  function readTextFile(path: string): Promise<string>;
  interface ServeOptions {
    hostname?: string;
    port?: number;
    onListen?: (address: { hostname: string; port: number }) => void;
  }
  interface HttpServer {
    shutdown(): Promise<void>;
    finished: Promise<void>;
  }
  function serve(options: ServeOptions, handler: (request: Request) => Response | Promise<Response>): HttpServer;
  function addSignalListener(signal: "SIGTERM" | "SIGINT", handler: () => void): void;
}
