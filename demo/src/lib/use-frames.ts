/**
 * Reads the encoded frames (CompressedImage `data` + `format`) of a topic
 * range, with the same progress and cancel as plots. Frames stay as the
 * bytes the server sent; the page turns one at a time into an object URL.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { MosaicoClient, TopicReader } from "../sdk.js";
import { explainError, type Explanation } from "./explain-error.js";
import { frameAccumulator } from "./timeline-accumulators.js";
import type { ReadStatus } from "./use-topic-series.js";
import { offMainThread } from "./read-options.js";

export interface Frame {
  /** The indexing clock (monotonic since the Python SDK 0.6), shown as time since the start. */
  timestampNs: bigint;
  /** `header.timestamp` in nanoseconds, the sensor's own time; null when the row has none. */
  stampNs: bigint | null;
  bytes: Uint8Array;
  format: string;
}

export interface FramesState {
  status: ReadStatus;
  frames: Frame[];
  expected?: number;
  error?: Explanation;
}

export function useFrames(client: MosaicoClient, locator: string, startNs: bigint, endNs: bigint): FramesState & { cancel: () => void } {
  const [state, setState] = useState<FramesState>({ status: "idle", frames: [] });
  const cancelRef = useRef(() => {});
  useEffect(() => {
    const abort = new AbortController();
    let reader: TopicReader | undefined;
    let cancelled = false;
    const accumulator = frameAccumulator();
    const frames = accumulator.snapshot().frames;
    let expected: number | undefined;
    cancelRef.current = () => {
      cancelled = true;
      abort.abort();
      void reader?.cancel();
    };
    setState({ status: "loading", frames: [] });
    (async () => {
      reader = await client.topicReader(locator, { ...offMainThread, startNs, endNs, signal: abort.signal });
      expected = Number(reader.metadata.rowCount ?? 0n);
      for await (const batch of reader) {
        accumulator.add(batch);
        setState({ status: "loading", frames: [...frames], expected });
      }
      setState({ status: "done", frames, expected });
    })().catch((reason) => {
      if (cancelled) setState({ status: "cancelled", frames, expected });
      else if (!abort.signal.aborted) setState({ status: "error", frames, expected, error: explainError(reason, "read frames") });
    });
    return () => {
      abort.abort();
      void reader?.cancel();
    };
  }, [client, locator, String(startNs), String(endNs)]);
  return { ...state, cancel: () => cancelRef.current() };
}

const MIME: Record<string, string> = { jpeg: "image/jpeg", jpg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif", bmp: "image/bmp" };

/** The MIME type a browser can show for a CompressedImage format, if any. */
export function mimeOf(format: string): string | undefined {
  return MIME[format.toLowerCase()];
}
