/**
 * Drives the client class from the runner: records the tapes (in this
 * process, against the live reference servers), then runs the cases in
 * client-child.ts, respawning it after a crash or a stuck event loop
 * (watchdog) and recording that case as a crash or a hang.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLIENT_DEADLINE_MS, setUpClientFuzz } from "./client-fuzzer.js";
import { serializeTapes } from "./client-tape.js";
import type { CaseResult } from "./outcome.js";

const CHILD = fileURLToPath(new URL("./client-child.ts", import.meta.url));
/** The child's heap limit: a case needing more is an SDK allocation gone wrong. */
const HEAP_MB = 1536;

interface ChildRun {
  /** Index after the last case the child finished (or gave up on). */
  next: number;
}

function runChild(file: string, seed: number, from: number, to: number, onResult: (index: number, result: CaseResult) => void): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "--import", "tsx", CHILD, file, String(seed), String(from), String(to)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-3000)));
    let current: number | undefined;
    let next = from;
    let watchdog: NodeJS.Timeout | undefined;
    let hung = false;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        hung = true;
        child.kill("SIGKILL");
      }, CLIENT_DEADLINE_MS + 4_000);
    };
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const event = JSON.parse(line) as { start?: number; index?: number; result?: CaseResult };
      if (event.start !== undefined) {
        current = event.start;
        arm();
      } else if (event.index !== undefined) {
        onResult(event.index, event.result!);
        current = undefined;
        next = event.index + 1;
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(watchdog);
      if (current !== undefined) {
        const outcome = hung ? "hang" : "crash";
        const tail = stderr.trim().slice(-1200);
        const message = hung ? `the SDK blocked the event loop (watchdog)${tail ? `: ${tail}` : ""}` : `client process died (${code ?? signal}): ${tail}`;
        onResult(current, { outcome, status: hung ? "WATCHDOG" : "EXIT", message, input: "replay this case alone with FUZZ_TRACE=<file> to see its ops" });
        next = current + 1;
      } else if (code !== 0) {
        next = to; // a failure outside any case: give up on the rest
        onResult(next - 1, { outcome: "crash", status: "EXIT", message: `client process failed outside a case: ${stderr.trim().slice(-1200)}` });
      }
      resolve({ next });
    });
  });
}

/** Runs client cases [from, from + cases); `urls` are the reference servers to record tapes from. */
export async function runClientClass(
  urls: Record<string, string>,
  seed: number,
  from: number,
  cases: number,
  onResult: (index: number, result: CaseResult) => void,
): Promise<void> {
  const file = join(tmpdir(), `mosaico-fuzz-tapes-${process.pid}.json`);
  writeFileSync(file, serializeTapes((await setUpClientFuzz(urls)).tapes));
  try {
    for (let next = from; next < from + cases; ) next = (await runChild(file, seed, next, from + cases, onResult)).next;
  } finally {
    rmSync(file, { force: true });
  }
}
