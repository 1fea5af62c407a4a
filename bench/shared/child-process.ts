/** Benchmarks' child processes: a TS script run by tsx, awaited until it prints that it is ready. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const tsxCli = join(process.cwd(), "node_modules/tsx/dist/cli.mjs");

/** Runs a TS script in a child Node process and waits for a line matching `ready`. */
export async function startChild(args: string[], ready: RegExp): Promise<{ match: RegExpExecArray; child: ChildProcess }> {
  const child = spawn(process.execPath, [tsxCli, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const found = ready.exec(text);
      if (found) resolve(found);
    });
    child.on("exit", (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
  return { match, child };
}
