/**
 * The overview strip of a topic: one field over the whole topic, reduced
 * while streaming to min/max per bucket (about two points per pixel), so
 * even long topics draw in constant time.
 */
import type uPlot from "uplot";
import { useEffect, useState } from "preact/hooks";
import type { MosaicoClient } from "../sdk.js";
import { leafValues, timestamps } from "./arrow-fields.js";

export interface OverviewState {
  data: uPlot.AlignedData | null;
  done: boolean;
  failed: boolean;
}

const BUCKETS = 800;

export function useOverview(
  client: MosaicoClient,
  locator: string,
  leaf: string[] | undefined,
  interval: { startNs: bigint; endNs: bigint } | undefined,
  baseNs: bigint,
): OverviewState {
  const [state, setState] = useState<OverviewState>({ data: null, done: false, failed: false });
  const key = `${locator}|${leaf?.join(".")}|${interval?.startNs}|${interval?.endNs}`;
  useEffect(() => {
    if (!leaf || !interval) return;
    const abort = new AbortController();
    const span = interval.endNs - interval.startNs + 1n;
    const min = new Array<number | null>(BUCKETS).fill(null);
    const max = new Array<number | null>(BUCKETS).fill(null);
    const x = Array.from({ length: BUCKETS }, (_, i) => Number(interval.startNs - baseNs + (span * BigInt(2 * i + 1)) / BigInt(2 * BUCKETS)) / 1e9);
    const publish = (done: boolean) => setState({ data: [x, min, max] as unknown as uPlot.AlignedData, done, failed: false });
    (async () => {
      const reader = await client.topicReader(locator, { signal: abort.signal });
      let batches = 0;
      for await (const batch of reader) {
        const ts = timestamps(batch);
        const values = leafValues(batch, leaf);
        for (let i = 0; i < ts.length; i++) {
          const v = values[i];
          if (v === null || v === undefined) continue;
          const b = Number(((ts[i]! - interval.startNs) * BigInt(BUCKETS)) / span);
          if (b < 0 || b >= BUCKETS) continue;
          if (min[b] === null || v < min[b]!) min[b] = v;
          if (max[b] === null || v > max[b]!) max[b] = v;
        }
        if (++batches % 8 === 0) publish(false);
      }
      publish(true);
    })().catch(() => !abort.signal.aborted && setState((s) => ({ ...s, done: true, failed: true })));
    return () => abort.abort();
  }, [client, key]);
  return state;
}
