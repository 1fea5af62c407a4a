/**
 * One panel's read of a time window `[startNs, endNs)`: DoGet and decoding
 * in the SDK's reader worker, batches folded into the panel's own arrays by
 * an accumulator, redraws throttled while rows arrive. Memory is bounded by
 * the window and a row budget: past `maxRows` the read stops and says so, and
 * a new window drops the previous one's data (stale rows never show under a
 * new context).
 */
import type { RecordBatch } from "apache-arrow";
import { useEffect, useState } from "preact/hooks";
import type { MosaicoClient, TopicReader } from "../sdk.js";
import { explainError, type Explanation } from "./explain-error.js";
import { createFrameThrottle } from "./frame-throttle.js";
import { offMainThread } from "./read-options.js";
import type { ReadStatus } from "./use-topic-series.js";

/** Folds batches into a panel's data. */
export interface Accumulator<T> {
  add(batch: RecordBatch): void;
  /** The data so far; a new object each time (components compare by identity). */
  snapshot(): T;
}

export interface WindowReadState<T> {
  status: ReadStatus;
  rows: number;
  /** Rows of the window, as the server announced them. */
  expected?: number;
  /** True when the row budget stopped the read before the window's end. */
  truncated: boolean;
  data: T;
  error?: Explanation;
  /** The window these data belong to. */
  window?: { startNs: bigint; endNs: bigint };
}

export interface WindowReadRequest<T> {
  locator: string;
  startNs: bigint;
  endNs: bigint;
  /** A fresh accumulator per window. */
  accumulate: () => Accumulator<T>;
  /** Identity of what the accumulator extracts (fields), part of the read's key. */
  shape: string;
  maxRows: number;
}

const FLUSH_MS = 150;

/** Reads one window of one topic into a panel's data; `request` null reads nothing. */
export function useWindowRead<T>(client: MosaicoClient, request: WindowReadRequest<T> | null, empty: T): WindowReadState<T> {
  const [state, setState] = useState<WindowReadState<T>>({ status: "idle", rows: 0, truncated: false, data: empty });
  const key = request ? [request.locator, request.startNs, request.endNs, request.shape, request.maxRows].join("|") : "";

  useEffect(() => {
    if (!request) {
      setState({ status: "idle", rows: 0, truncated: false, data: empty });
      return;
    }
    const window = { startNs: request.startNs, endNs: request.endNs };
    const abort = new AbortController();
    const accumulator = request.accumulate();
    let reader: TopicReader | undefined;
    let rows = 0;
    let expected: number | undefined;
    const snapshot = (status: ReadStatus, truncated = false, error?: Explanation): WindowReadState<T> => ({
      status,
      rows,
      expected,
      truncated,
      data: accumulator.snapshot(),
      error,
      window,
    });
    const redraw = createFrameThrottle({ intervalMs: FLUSH_MS, publish: () => setState(snapshot("loading")) });
    setState({ status: "loading", rows: 0, truncated: false, data: empty, window });
    (async () => {
      reader = await client.topicReader(request.locator, { ...offMainThread, startNs: request.startNs, endNs: request.endNs, signal: abort.signal });
      const announced = reader.metadata.rowCount;
      expected = announced === undefined ? undefined : Number(announced);
      for await (const batch of reader) {
        accumulator.add(batch);
        rows += batch.numRows;
        if (rows >= request.maxRows) {
          redraw.settle();
          setState(snapshot("done", true));
          await reader.cancel();
          return;
        }
        redraw.changed();
      }
      redraw.settle();
      setState(snapshot("done"));
    })().catch((reason) => {
      redraw.settle();
      if (!abort.signal.aborted) setState(snapshot("error", false, explainError(reason, "read this topic")));
    });
    return () => {
      abort.abort();
      redraw.settle();
      void reader?.cancel();
    };
  }, [client, key]);

  return state;
}
