/**
 * Pulls up to `depth` items ahead of the consumer, so network and decoding
 * overlap the consumer's work while memory stays bounded by `depth` items.
 * depth 0 is a plain pass-through. An error surfaces after the items that
 * came before it.
 *
 * Stopping early: the pump may be waiting on the source, so whoever owns the
 * source must abort it (the readers abort their call) for the cleanup to end.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  if (depth <= 0) {
    yield* source;
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  const buffer: T[] = [];
  let failure: { reason: unknown } | undefined;
  let finished = false;
  let stopped = false;
  let wakeConsumer: (() => void) | undefined;
  let wakePump: (() => void) | undefined;
  const signalConsumer = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };

  const pump = (async () => {
    try {
      while (!stopped) {
        if (buffer.length >= depth) {
          await new Promise<void>((resolve) => (wakePump = resolve));
          continue;
        }
        const result = await iterator.next();
        if (result.done) break;
        buffer.push(result.value);
        signalConsumer();
      }
    } catch (reason) {
      failure = { reason };
    } finally {
      finished = true;
      signalConsumer();
    }
  })();

  try {
    for (;;) {
      if (buffer.length > 0) {
        const value = buffer.shift()!;
        wakePump?.();
        wakePump = undefined;
        yield value;
        continue;
      }
      if (failure) throw failure.reason;
      if (finished) return;
      await new Promise<void>((resolve) => (wakeConsumer = resolve));
    }
  } finally {
    stopped = true;
    wakePump?.();
    await pump;
    if (!failure) await iterator.return?.();
  }
}
