/**
 * Starts a server process and waits for the URL it prints; kills it (by its
 * own pid) on close. Every pid is also written to SPAWNED_PIDS_FILE, so that
 * the global teardown can reap a process that outlived its test.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../../scripts/pack-install.js";

/** One line per process spawnServer started: `<pid> <its last argument>` (the script it runs). */
export const SPAWNED_PIDS_FILE = join(repoRoot, ".tmp/runtime/spawned-pids");

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
  if (child.pid !== undefined) appendFileSync(SPAWNED_PIDS_FILE, `${child.pid} ${args.at(-1) ?? command}\n`);
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

/**
 * Kills (SIGKILL) every process of SPAWNED_PIDS_FILE that still runs the
 * script it was started with, and forgets them all; returns how many it
 * killed. For the global teardown: CI runs have left idle Deno demos behind
 * (parent pid 1) although each test closes its own.
 */
export function reapSpawnedServers(): number {
  if (!existsSync(SPAWNED_PIDS_FILE)) return 0;
  let killed = 0;
  for (const line of readFileSync(SPAWNED_PIDS_FILE, "utf8").split("\n")) {
    const [pid, script] = [Number(line.slice(0, line.indexOf(" "))), line.slice(line.indexOf(" ") + 1)];
    if (!Number.isInteger(pid) || pid <= 0) continue;
    // Only the very process: a pid may have been reused since.
    const cmdline = `/proc/${pid}/cmdline`;
    if (!existsSync(cmdline) || !readFileSync(cmdline, "utf8").split("\0").includes(script)) continue;
    try {
      process.kill(pid, "SIGKILL");
      killed++;
    } catch {
      // Gone in the meantime.
    }
  }
  rmSync(SPAWNED_PIDS_FILE, { force: true });
  return killed;
}
