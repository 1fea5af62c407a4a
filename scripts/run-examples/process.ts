/** Child processes of the examples runner: run one, keep its output, read its final JSON line. */
import { spawn } from "node:child_process";

export interface Output {
  /** The command line, for failure messages. */
  command: string;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Added to the environment (to this process's, or to PATH and HOME alone with clearEnv). */
  env?: Record<string, string>;
  clearEnv?: boolean;
  /** Default 120 s. */
  timeoutMs?: number;
}

/** Thrown for a non-zero exit or a timeout; its message holds the whole output. */
export class CommandError extends Error {}

/** Runs `command` and resolves with its output; rejects with all of it on failure. */
export function run(command: string, args: string[], options: RunOptions): Promise<Output> {
  const base = options.clearEnv ? { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } : process.env;
  const line = [command, ...args].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...base, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    const output: Output = { command: line, stdout: "", stderr: "" };
    child.stdout.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
    const timeoutMs = options.timeoutMs ?? 120_000;
    // Only the child started here, by its own pid.
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new CommandError(`${line}: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(output);
      const why = signal === "SIGKILL" ? `timed out after ${timeoutMs} ms` : `exited with ${code ?? signal}`;
      reject(new CommandError(`${line} (in ${options.cwd}) ${why}\n--- stdout\n${output.stdout}--- stderr\n${output.stderr}`));
    });
  });
}

/** The last non-empty stdout line, which every example makes a JSON object. */
export function finalJson(output: Output): Record<string, unknown> {
  const last = output.stdout.trimEnd().split("\n").at(-1) ?? "";
  try {
    const value: unknown = JSON.parse(last);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(`${output.command}: the last line of stdout is not a JSON object: ${JSON.stringify(last)}`);
}
