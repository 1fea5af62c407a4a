/**
 * The server under fuzz: the reference server in a child process (see
 * server-child.ts), a raw Flight client to it over native gRPC, the health
 * call that follows every case, and restart after a crash (same data
 * directory, so the baseline must survive it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import { ConnectError, createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { FlightService } from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { decodeJsonBytes, encodeJsonBytes, type JsonValue } from "../../src/protocol/json.js";
import { codeName } from "../../src/errors/code.js";

/** A raw Flight client (no SDK in between). */
export type FlightClient = Client<typeof FlightService>;

const CHILD = fileURLToPath(new URL("./server-child.ts", import.meta.url));
const PAYLOAD = "fuzzbootstrapkey0000000000000000";

/** The fixed bootstrap manage key of the fuzz server (valid CRC-32 fingerprint). */
export const FUZZ_API_KEY = `msco_${PAYLOAD}_${crc32(PAYLOAD).toString(16).padStart(8, "0")}`;
/** The fingerprint of FUZZ_API_KEY (never revoked by the fuzzers). */
export const FUZZ_KEY_FINGERPRINT = FUZZ_API_KEY.slice(-8);
/** Headers of every fuzz call. */
export const AUTH = { "mosaico-api-key-token": FUZZ_API_KEY } as const;

/** How a call settled within its deadline. */
export type Settled<T> = { kind: "ok"; value: T } | { kind: "error"; error: unknown } | { kind: "timeout" };

/** Runs `fn` with an AbortSignal that fires after `ms`; never waits longer than `ms` + a grace. */
export async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<Settled<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error("fuzz deadline"));
      // Give the call a moment to end on the abort; if it does not, it hangs.
      setTimeout(() => resolve({ kind: "timeout" }), 500);
    }, ms);
  });
  const call = fn(controller.signal).then(
    (value): Settled<T> => ({ kind: "ok", value }),
    (error): Settled<T> => (controller.signal.aborted ? { kind: "timeout" } : { kind: "error", error }),
  );
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** gRPC code name and message of anything a connect client threw. */
export function statusOf(error: unknown): { status: string; message: string } {
  const e = ConnectError.from(error);
  return { status: codeName(e.code), message: e.rawMessage };
}

/**
 * The INTERNAL that gRPC itself prescribes for a request message that cannot
 * be decompressed or parsed (grpc/doc/statuscodes.md; tonic, mosaicod's gRPC
 * stack, does the same: codec/prost.rs maps protobuf decode errors to
 * INTERNAL, codec/decode.rs a compressed flag without grpc-encoding). Texts
 * are connect's for those two conditions.
 */
export function isPrescribedInternal(message: string | undefined): boolean {
  return /^(parse binary: |received compressed envelope, but do not know how to decompress|decompress)/.test(message ?? "");
}

/** INTERNAL / UNKNOWN: never right for input that is the caller's fault (but see isPrescribedInternal). */
export function isWrongStatus(status: string, message?: string): boolean {
  if (status === "INTERNAL" && isPrescribedInternal(message)) return false;
  return status === "INTERNAL" || status === "UNKNOWN";
}

/** A running child server; `restart()` brings a crashed one back. */
export class FuzzServer {
  url = "";
  flight!: FlightClient;
  /** Set when the child exited on its own: code/signal and the end of its stderr. */
  exited: string | undefined;
  private child: ChildProcess | undefined;
  private stderr = "";
  private closing = false;

  private constructor(
    readonly dataDir: string,
    readonly generation: "0.6" | "0.7",
  ) {}

  /** The probe action of the generation (`info` on 0.7, `version` on 0.6). */
  get healthAction(): string {
    return this.generation === "0.6" ? "version" : "info";
  }

  /** Spawns the child server on `dataDir` and waits until it listens. */
  static async start(dataDir: string, generation: "0.6" | "0.7" = "0.7"): Promise<FuzzServer> {
    const server = new FuzzServer(dataDir, generation);
    await server.spawn();
    return server;
  }

  private async spawn(): Promise<void> {
    this.exited = undefined;
    this.stderr = "";
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, this.dataDir, FUZZ_API_KEY], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child = child;
    child.stderr!.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    child.on("exit", (code, signal) => {
      if (!this.closing && this.child === child) this.exited = `exit ${code ?? signal}: ${this.stderr.trim().slice(-1500)}`;
    });
    let buffered = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const line = buffered.split("\n")[0]!;
        if (buffered.includes("\n")) resolve((JSON.parse(line) as { url: string }).url);
      });
      child.once("exit", () => reject(new Error(`fuzz server did not start: ${this.stderr}`)));
    });
    this.url = url;
    this.flight = createClient(FlightService, createGrpcTransport({ baseUrl: url }));
  }

  /** True while the child runs. */
  get alive(): boolean {
    return this.exited === undefined;
  }

  /** Stderr lines the child wrote since the last call (warnings, logs). */
  takeStderr(): string {
    const text = this.stderr;
    this.stderr = "";
    return text;
  }

  /** `undefined` when the probe action answers within `ms`, else what went wrong. */
  async health(ms = 5000): Promise<string | undefined> {
    if (!this.alive) return this.exited;
    const settled = await withDeadline(ms, (signal) => action(this.flight, this.healthAction, {}, signal));
    if (settled.kind === "ok") return undefined;
    return settled.kind === "timeout" ? "health call timed out" : `health call failed: ${statusOf(settled.error).message}`;
  }

  /**
   * Like health(), on a new connection; on success the new client replaces
   * the old one (whose HTTP/2 session may be the thing that broke).
   */
  async healthOnNewConnection(ms = 5000): Promise<string | undefined> {
    if (!this.alive) return this.exited;
    const flight = createClient(FlightService, createGrpcTransport({ baseUrl: this.url }));
    const settled = await withDeadline(ms, (signal) => action(flight, this.healthAction, {}, signal));
    if (settled.kind === "ok") {
      this.flight = flight;
      return undefined;
    }
    return settled.kind === "timeout" ? "health call timed out" : `health call failed: ${statusOf(settled.error).message}`;
  }

  /** Kills what is left of the child and starts a new one on the same data. */
  async restart(): Promise<void> {
    await this.stop();
    this.closing = false;
    await this.spawn();
  }

  private async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.closing = true;
    child.stdin!.end();
    const exited = once(child, "exit");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the child for good. */
  async close(): Promise<void> {
    await this.stop();
  }
}

/** DoAction with the fuzz key; returns every Result body. */
export async function actionResults(flight: FlightClient, type: string, body: Uint8Array, signal?: AbortSignal): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const result of flight.doAction({ type, body }, { headers: AUTH, ...(signal && { signal }) })) out.push(result.body);
  return out;
}

/** DoAction with a JSON body; returns the envelope's `response`. */
export async function action(flight: FlightClient, type: string, body: JsonValue, signal?: AbortSignal): Promise<JsonValue> {
  const [first] = await actionResults(flight, type, encodeJsonBytes(body), signal);
  const envelope = decodeJsonBytes(first!) as { response: JsonValue };
  return envelope.response;
}

/** The verdict on one connect call: hang on timeout, wrong error on INTERNAL/UNKNOWN, else ok. */
export function judge(settled: Settled<unknown>, input: string): import("./outcome.js").CaseResult {
  if (settled.kind === "timeout") return { outcome: "hang", message: "no status within the deadline", input };
  if (settled.kind === "ok") return { outcome: "ok", status: "OK", input };
  const { status, message } = statusOf(settled.error);
  return { outcome: isWrongStatus(status, message) ? "wrong-error" : "ok", status, message, input };
}
