/**
 * Starts a server process and waits for the URL it prints; kills it (by its
 * own pid) on close.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface SpawnedServer {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote so far (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  /** Matches the line that announces readiness; group 1 is the URL. */
  ready: RegExp;
  timeoutMs?: number;
}

export function spawnServer(command: string, args: string[], options: SpawnOptions): Promise<SpawnedServer> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`${command} did not become ready within ${options.timeoutMs ?? 20_000} ms:\n${output}`));
    }, options.timeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, process: child, output: () => output, close });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code} before it was ready:\n${output}`));
    });
  });
}
