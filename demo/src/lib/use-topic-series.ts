/**
 * Streams numeric fields of a topic range into plot arrays, batch by batch:
 * the chart redraws at most every 120 ms while rows arrive, the progress
 * comes from the DoGet schema's `message_count`, and cancel() stops the
 * server stream (TopicReader.cancel) and keeps what arrived.
 */
import type uPlot from "uplot";
import { useEffect, useRef, useState } from "preact/hooks";
import type { MosaicoClient, TopicReader } from "../sdk.js";
import { leafValues, secondsColumn } from "./arrow-fields.js";
import { explainError, type Explanation } from "./explain-error.js";
import { createFrameThrottle } from "./frame-throttle.js";
import { offMainThread } from "./read-options.js";

export type ReadStatus = "idle" | "loading" | "done" | "cancelled" | "error";

export interface SeriesState {
  status: ReadStatus;
  rows: number;
  /** Rows in the range, as the server announced them. */
  expected?: number;
  bytes: number;
  data: uPlot.AlignedData;
  error?: Explanation;
  elapsedMs: number;
}

export interface SeriesRequest {
  locator: string;
  /** Leaf paths to extract, e.g. [["acceleration", "x"]]. */
  leaves: string[][];
  startNs?: bigint;
  endNs?: bigint;
  /** Time origin of the x axis. */
  baseNs: bigint;
}

const FLUSH_MS = 120;
const empty = (n: number): uPlot.AlignedData => [[], ...Array.from({ length: n }, () => [])] as unknown as uPlot.AlignedData;

export function useTopicSeries(client: MosaicoClient, request: SeriesRequest | null): SeriesState & { cancel: () => void } {
  const [state, setState] = useState<SeriesState>({ status: "idle", rows: 0, bytes: 0, data: empty(0), elapsedMs: 0 });
  const cancelRef = useRef<() => void>(() => {});
  const key = request ? JSON.stringify([request.locator, request.leaves, String(request.startNs), String(request.endNs), String(request.baseNs)]) : "";

  useEffect(() => {
    if (!request) return;
    const abort = new AbortController();
    let reader: TopicReader | undefined;
    let cancelled = false;
    const started = performance.now();
    const x: number[] = [];
    const ys: (number | null)[][] = request.leaves.map(() => []);
    let expected: number | undefined;
    let rows = 0;
    let bytes = 0;
    const snapshot = (status: ReadStatus, error?: Explanation): SeriesState => ({
      status,
      rows,
      expected,
      bytes,
      data: [x, ...ys] as unknown as uPlot.AlignedData,
      error,
      elapsedMs: performance.now() - started,
    });
    const redraw = createFrameThrottle({
      intervalMs: FLUSH_MS,
      publish: () => {
        if (!abort.signal.aborted || cancelled) setState(snapshot(cancelled ? "cancelled" : "loading"));
      },
    });
    const settle = (status: ReadStatus, error?: Explanation) => {
      redraw.settle();
      setState(snapshot(status, error));
    };
    cancelRef.current = () => {
      cancelled = true;
      abort.abort();
      void reader?.cancel();
    };
    setState({ ...snapshot("loading"), data: empty(request.leaves.length) });
    (async () => {
      reader = await client.topicReader(request.locator, {
        ...offMainThread,
        startNs: request.startNs,
        endNs: request.endNs,
        signal: abort.signal,
        onProgress: (p) => (bytes = p.bytes),
      });
      const count = reader.metadata.rowCount;
      expected = count === undefined ? 0 : Number(count);
      for await (const batch of reader) {
        const seconds = secondsColumn(batch, request.baseNs);
        for (let i = 0; i < seconds.length; i++) x.push(seconds[i]!);
        request.leaves.forEach((path, j) => {
          const values = leafValues(batch, path);
          const target = ys[j]!;
          for (let i = 0; i < values.length; i++) target.push(values[i]!);
        });
        rows += batch.numRows;
        redraw.changed();
      }
      settle("done");
    })().catch((reason) => {
      if (cancelled) settle("cancelled");
      else if (!abort.signal.aborted) settle("error", explainError(reason, "read this topic"));
    });
    return () => {
      abort.abort();
      redraw.settle();
      void reader?.cancel();
    };
  }, [client, key]);

  return { ...state, cancel: () => cancelRef.current() };
}
