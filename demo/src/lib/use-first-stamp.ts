/**
 * The header stamp of a topic's first row: the one wall-clock fact a topic
 * page can show, since `timestamp_ns` is a monotonic timer (Python SDK 0.6,
 * mosaico#564). Reads the single first-sample instant, and only when the
 * schema has `header.timestamp`.
 */
import { useEffect, useState } from "preact/hooks";
import type { MosaicoClient, TopicInfo } from "../sdk.js";
import { hasHeaderStamp, headerStamps } from "./header-stamp.js";
import { offMainThread } from "./read-options.js";

/** `undefined` while reading; `null` when the topic has no stamp (no column, a null header, or a failed read). */
export type FirstStamp = bigint | null | undefined;

export function useFirstStamp(client: MosaicoClient, topic: TopicInfo): FirstStamp {
  const startNs = topic.dataInfo?.interval?.startNs;
  const readable = startNs !== undefined && hasHeaderStamp(topic.schema);
  const [stamp, setStamp] = useState<FirstStamp>(readable ? undefined : null);
  useEffect(() => {
    if (!readable) return setStamp(null);
    setStamp(undefined);
    const abort = new AbortController();
    (async () => {
      // [first, first + 1 ns): the rows of the first instant only.
      const reader = await client.topicReader(topic.locator, { ...offMainThread, startNs, endNs: startNs + 1n, signal: abort.signal });
      try {
        for await (const batch of reader) {
          const first = headerStamps(batch)?.find((s) => s !== null);
          if (first !== undefined) return first;
        }
        return null;
      } finally {
        await reader.cancel();
      }
    })().then(
      (found) => !abort.signal.aborted && setStamp(found ?? null),
      () => !abort.signal.aborted && setStamp(null),
    );
    return () => abort.abort();
  }, [client, topic.locator, String(startNs), readable]);
  return stamp;
}
