/**
 * Compression and gateway scenarios every edge demo runtime goes through
 * (test/runtime/workerd, test/runtime/deno). Each scenario starts its own
 * demos (a Miniflare instance, or Deno processes) in a beforeAll and stops
 * them afterwards; the calls of the demo under test pass through a
 * recording proxy (wire-recorder.ts), so what the tests claim about the wire
 * is checked on the wire.
 *
 *   - gzip, gzip-low, gzip-medium, gzip-high, stream-gzip against the server
 *     started with `gzip: true`: the route suite (exact values), then the
 *     recorded calls: requests compressed by the codec the SDK promises for
 *     that runtime and level (read off the gzip header), responses
 *     compressed by the server because the client advertised gzip;
 *   - the same server without compression (control): nothing compressed;
 *   - gzip against a server without --gzip: a JSON 501 that names --gzip;
 *   - the read-only gateway, no key in the runtime: the route suite, and no
 *     key on the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineRouteTests, type DemoFetch } from "./route-suite.js";
import type { RuntimeEnv } from "./runtime-env.js";
import { startWireRecorder, type Envelope, type GzipHeader, type WireCall, type WireRecorder } from "./wire-recorder.js";

export const compressionSettings = ["gzip", "gzip-low", "gzip-medium", "gzip-high", "stream-gzip"] as const;
export type CompressionSetting = (typeof compressionSettings)[number];

/** One demo instance: what its environment (Deno.env or Worker bindings) holds. */
export interface DemoConfig {
  /** MOSAICO_URL */
  url: string;
  /** MOSAICO_API_KEY; undefined = not set at all. */
  apiKey?: string;
  /** MOSAICO_COMPRESSION */
  compression?: CompressionSetting;
  /** MOSAICO_COMPRESS_MIN_BYTES */
  compressMinBytes?: number;
}

/** The environment variables of a demo config (only the ones set). */
export function demoVariables(config: DemoConfig): Record<string, string> {
  const vars: Record<string, string> = { MOSAICO_URL: config.url };
  if (config.apiKey !== undefined) vars.MOSAICO_API_KEY = config.apiKey;
  if (config.compression !== undefined) vars.MOSAICO_COMPRESSION = config.compression;
  if (config.compressMinBytes !== undefined) vars.MOSAICO_COMPRESS_MIN_BYTES = String(config.compressMinBytes);
  return vars;
}

export interface RunningDemos {
  fetch: Record<string, DemoFetch>;
  close(): Promise<void>;
}

/** How a runtime runs the demo. */
export interface DemoHost {
  /** Which mosaico-web entry the demo loads: "web" (gRPC-Web, web gzip codecs) or "node" (native gRPC, node:zlib). */
  entry: "web" | "node";
  /** Starts one demo per config (in parallel), named as the keys. */
  start(configs: Record<string, DemoConfig>): Promise<RunningDemos>;
}

/** The codec the SDK promises for request messages (docs/edge-runtimes.md), as seen in the gzip header. */
interface CodecPromise {
  codec: string;
  /** zlib-based codecs write MTIME 0, fflate the current time. */
  mtime: "zero" | "now";
  xfl: number;
}

function requestCodec(entry: DemoHost["entry"], setting: CompressionSetting): CodecPromise {
  if (entry === "web") {
    return setting === "gzip-high"
      ? { codec: "fflate level 9", mtime: "now", xfl: 2 }
      : { codec: "CompressionStream (zlib's default level 6)", mtime: "zero", xfl: 0 };
  }
  const level = { gzip: 6, "gzip-low": 1, "gzip-medium": 6, "gzip-high": 9, "stream-gzip": 6 }[setting];
  return { codec: `node:zlib level ${level}`, mtime: "zero", xfl: level === 9 ? 2 : level === 1 ? 4 : 0 };
}

function expectCodec(header: GzipHeader | undefined, promise: CodecPromise, where: string): void {
  expect(header, `${where}: a gzip member`).toBeDefined();
  expect(header!.xfl, `${where}: XFL (${promise.codec})`).toBe(promise.xfl);
  if (promise.mtime === "zero") expect(header!.mtime, `${where}: MTIME (${promise.codec})`).toBe(0);
  else expect(Math.abs(header!.mtime - Date.now() / 1000), `${where}: MTIME is now (${promise.codec})`).toBeLessThan(86_400);
}

const compressedOnly = (envelopes: Envelope[]) => envelopes.filter((e) => e.compressed);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const header = (call: WireCall, name: string) => call.requestHeaders[name] ?? "";

/** DoGet responses came back gzip-compressed, and they really shrank the rows. */
function expectCompressedTopicData(calls: WireCall[]): void {
  const doGets = calls.filter((call) => call.method === "DoGet" && call.complete);
  expect(doGets.length, "complete DoGet calls recorded").toBeGreaterThan(0);
  for (const call of doGets) expect(call.responseHeaders["grpc-encoding"], "DoGet response grpc-encoding").toBe("gzip");
  const compressed = doGets.flatMap((call) => compressedOnly(call.responseEnvelopes));
  expect(compressed.length, "compressed DoGet messages").toBeGreaterThan(0);
  const ratio = sum(compressed.map((e) => e.inflatedBytes!)) / sum(compressed.map((e) => e.wireBytes));
  expect(ratio, "inflated / wire bytes of the compressed DoGet messages").toBeGreaterThan(1.5);
}

async function expectJsonError(fetchPath: DemoFetch, path: string, status: number, code: string, message: RegExp): Promise<void> {
  const response = await fetchPath(path);
  const text = await response.text();
  expect(response.status, `${path}: ${text}`).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
  // Fixed texts: no internal URL.
  expect(text).not.toMatch(/127\.0\.0\.1/);
}

/**
 * Registers beforeAll/afterAll that start the scenario's demos (and, when
 * `recordUpstream` is given, a recorder in front of it whose URL `configs`
 * receives).
 */
function useDemos(host: DemoHost, protocol: "grpc" | "grpc-web", recordUpstream: string | undefined, configs: (recorderUrl: string) => Record<string, DemoConfig>) {
  let demos: RunningDemos | undefined;
  let recorder: WireRecorder | undefined;
  beforeAll(async () => {
    if (recordUpstream) recorder = await startWireRecorder(recordUpstream, protocol);
    demos = await host.start(configs(recorder?.url ?? ""));
  });
  afterAll(async () => {
    await demos?.close();
    await recorder?.close();
  });
  return {
    fetch: (name: string): DemoFetch => (path) => demos!.fetch[name]!(path),
    calls: () => recorder!.calls(),
  };
}

export function defineEdgeMatrix(host: DemoHost, env: RuntimeEnv): void {
  // The web entry speaks gRPC-Web (HTTP/1.1 to the recorder), the node entry native gRPC (h2c).
  const protocol = host.entry === "web" ? "grpc-web" : "grpc";
  // Native gRPC has no stream-level compression: the node entry refuses stream-gzip (below).
  const settings = compressionSettings.filter((setting) => host.entry === "web" || setting !== "stream-gzip");

  describe.each(settings)("MOSAICO_COMPRESSION=%s against the server with --gzip", (setting) => {
    const demos = useDemos(host, protocol, env.gzipServerUrl, (recorderUrl) => ({
      // compressMinBytes 0: the demo's requests are small; compress every one of them.
      app: { url: recorderUrl, apiKey: env.gzipReadKey, compression: setting, compressMinBytes: 0 },
      refused: { url: env.gzipServerUrl, apiKey: env.unknownKey, compression: setting },
    }));
    defineRouteTests(() => ({ app: demos.fetch("app"), refused: demos.fetch("refused") }), () => env);

    const promise = requestCodec(host.entry, setting);
    const what = setting === "stream-gzip" ? "whole request bodies (Content-Encoding: gzip)" : "every request message";
    it(`on the wire: ${what} gzipped by ${promise.codec}; responses gzipped by the server`, () => {
      const calls = demos.calls();
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        const where = `${call.method} request`;
        expect(header(call, "grpc-accept-encoding"), `${where}: grpc-accept-encoding`).toMatch(/\bgzip\b/);
        expect(call.requestEnvelopes.length, `${where}: messages`).toBeGreaterThan(0);
        if (setting === "stream-gzip") {
          expect(header(call, "content-encoding"), `${where}: content-encoding`).toBe("gzip");
          expect(header(call, "grpc-encoding"), `${where}: grpc-encoding`).not.toMatch(/gzip/);
          expectCodec(call.requestBodyGzip, promise, `${where} body`);
          expect(compressedOnly(call.requestEnvelopes), `${where}: no per-message compression inside`).toEqual([]);
        } else {
          expect(header(call, "grpc-encoding"), `${where}: grpc-encoding`).toBe("gzip");
          expect(header(call, "content-encoding"), `${where}: content-encoding`).not.toMatch(/gzip/);
          for (const envelope of call.requestEnvelopes) {
            expect(envelope.compressed, `${where}: compressed flag`).toBe(true);
            expectCodec(envelope.gzip, promise, where);
          }
        }
      }
      expectCompressedTopicData(calls);
    });
  });

  describe("no MOSAICO_COMPRESSION against the server with --gzip (control)", () => {
    const demos = useDemos(host, protocol, env.gzipServerUrl, (recorderUrl) => ({ app: { url: recorderUrl, apiKey: env.gzipReadKey } }));
    it("reads the same rows, and nothing is compressed either way", async () => {
      const response = await demos.fetch("app")("/topics/edge_demo/sensors/imu/latest");
      expect(response.status).toBe(200);
      expect((await response.json()).rows).toHaveLength(200);
      const calls = demos.calls();
      expect(calls.some((call) => call.method === "DoGet")).toBe(true);
      for (const call of calls) {
        expect(header(call, "grpc-accept-encoding"), `${call.method}: grpc-accept-encoding`).not.toMatch(/gzip/);
        expect(header(call, "grpc-encoding"), `${call.method}: grpc-encoding`).not.toMatch(/gzip/);
        expect(call.responseHeaders["grpc-encoding"] ?? "identity", `${call.method} response`).toBe("identity");
        expect(compressedOnly([...call.requestEnvelopes, ...call.responseEnvelopes]), call.method).toEqual([]);
      }
    });
  });

  describe("compression the server or transport cannot do: a JSON error that says what to change", () => {
    const demos = useDemos(host, protocol, env.serverUrl, (recorderUrl) => ({
      gzip: { url: recorderUrl, apiKey: env.readKey, compression: "gzip" },
      high: { url: recorderUrl, apiKey: env.readKey, compression: "gzip-high" },
      stream: host.entry === "web"
        ? { url: recorderUrl, apiKey: env.readKey, compression: "stream-gzip" }
        : { url: env.gzipServerUrl, apiKey: env.gzipReadKey, compression: "stream-gzip" },
    }));
    const refusedAtConnect = (calls: WireCall[]) => {
      for (const call of calls) {
        expect(call.method, "the connect probe").toBe("DoAction");
        expect(call.responseHeaders["grpc-status"], `${call.method}: grpc-status`).toBe("12");
      }
    };
    it("gzip against a server without --gzip: 501 UNIMPLEMENTED naming --gzip; the SDK fails at connect", async () => {
      for (const name of ["gzip", "high"]) {
        for (const path of ["/sequences", "/topics/edge_demo/sensors/imu/latest"]) {
          await expectJsonError(demos.fetch(name), path, 501, "UNIMPLEMENTED", /--gzip/);
        }
      }
      // One call per demo request, the first one (the version probe), refused UNIMPLEMENTED.
      const calls = demos.calls();
      expect(calls).toHaveLength(4);
      refusedAtConnect(calls);
      for (const call of calls) expect(header(call, "grpc-encoding")).toBe("gzip");
    });
    if (host.entry === "web") {
      it("stream-gzip against a server without --gzip: 501 UNIMPLEMENTED naming --gzip", async () => {
        await expectJsonError(demos.fetch("stream"), "/sequences", 501, "UNIMPLEMENTED", /--gzip/);
        const calls = demos.calls().slice(4);
        expect(calls).toHaveLength(1);
        refusedAtConnect(calls);
        expect(header(calls[0]!, "content-encoding")).toBe("gzip");
      });
    } else {
      it("stream-gzip over native gRPC, even against a server with --gzip: 501 UNIMPLEMENTED, use gzip", async () => {
        await expectJsonError(demos.fetch("stream"), "/sequences", 501, "UNIMPLEMENTED", /gRPC-Web only.*use gzip/);
      });
    }
  });

  describe("through the read-only gateway, no key in the runtime (the gateway injects it)", () => {
    const demos = useDemos(host, protocol, env.gatewayUrl, (recorderUrl) => ({
      app: { url: recorderUrl },
      // A gateway injecting a key the store does not know: its PERMISSION_DENIED passes through.
      refused: { url: env.refusingGatewayUrl },
    }));
    defineRouteTests(() => ({ app: demos.fetch("app"), refused: demos.fetch("refused") }), () => env);
    it("on the wire: reads streamed through the gateway, no API key sent by the runtime", () => {
      const calls = demos.calls();
      expect(calls.some((call) => call.method === "DoGet" && call.complete)).toBe(true);
      for (const call of calls) expect(call.requestHeaders, call.method).not.toHaveProperty("mosaico-api-key-token");
    });
  });
}
