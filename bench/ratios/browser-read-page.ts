/**
 * The Chromium half of bench/read-write-ratios.ts (bundled by esbuild from
 * src/index.ts, driven by bench/ratios/chromium-read.ts). In one page, with
 * one LZ4 codec (the SDK's, awaited before timing, registered into the same
 * apache-arrow), interleaved rounds of:
 *   - the SDK over gRPC-Web reading the replayed DoGet (the same bytes as the GET);
 *   - fetch of those bytes + apache-arrow's RecordBatchReader (the baseline);
 *   - the SDK over gRPC-Web reading the reference server (its LZ4 encoding included);
 *   - the SDK with { worker } (DoGet and decoding in the reader worker), from the replay.
 * Reports through `window.ratiosResult` (JSON) or `window.ratiosError`.
 */
import { RecordBatchReader } from "apache-arrow";
import { MosaicoClient, lz4CodecReady, registerLz4Codec } from "../../src/index.js";
import { interleave, type Run } from "./runs.js";

declare global {
  interface Window {
    ratiosResult?: string;
    ratiosError?: string;
  }
}

const params = new URLSearchParams(location.search);
const replayUrl = params.get("replay")!;
const referenceUrl = params.get("reference")!;
const referenceLocator = params.get("locator")!;
const rounds = Number(params.get("rounds") ?? 5);

async function sdkRead(client: MosaicoClient, locator: string, worker?: string): Promise<Run> {
  const started = performance.now();
  let rows = 0;
  for await (const batch of await client.topicReader(locator, worker ? { worker } : {})) rows += batch.numRows;
  return { ms: performance.now() - started, rows };
}

async function fetchRead(): Promise<Run> {
  const started = performance.now();
  const response = await fetch(replayUrl);
  let rows = 0;
  for await (const batch of await RecordBatchReader.from(response.body!)) rows += batch.numRows;
  return { ms: performance.now() - started, rows };
}

try {
  registerLz4Codec();
  const codec = await lz4CodecReady();
  const replay = await MosaicoClient.connect({ url: replayUrl });
  const reference = await MosaicoClient.connect({ url: referenceUrl });
  const worker = new URL("reader-worker.js", location.href).href;
  const measured = await interleave(rounds, {
    sdkReplay: () => sdkRead(replay, "bench/imu"),
    fetch: fetchRead,
    sdkReference: () => sdkRead(reference, referenceLocator),
    sdkWorker: () => sdkRead(replay, "bench/imu", worker),
  });
  await replay.close();
  await reference.close();
  window.ratiosResult = JSON.stringify({
    browser: navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent,
    codec: codec.name,
    measured,
  });
} catch (error) {
  window.ratiosError = String((error as Error)?.stack ?? error);
}
