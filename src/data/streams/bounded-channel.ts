/**
 * A single-consumer async queue with a capacity: `push` waits while the queue
 * is full, which is how a writer feels the network's backpressure. The
 * consumer (the DoPut request stream) iterates it; `close` ends the
 * iteration, `fail` rejects pending and future pushes.
 */
export interface BoundedChannel<T> extends AsyncIterable<T> {
  /** Resolves once the value is queued (immediately while there is room). */
  push(value: T): Promise<void>;
  /** No more values: the consumer's iteration ends after the queued ones. */
  close(): void;
  /** Stops the channel: pending and later pushes reject with `reason`. */
  fail(reason: unknown): void;
  /** Values queued and not yet taken. */
  readonly size: number;
}

export function createBoundedChannel<T>(capacity: number): BoundedChannel<T> {
  const queue: T[] = [];
  let closed = false;
  let failure: { reason: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  const waitingProducers: Array<{ resolve(): void; reject(reason: unknown): void }> = [];

  const notifyConsumer = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };
  const releaseProducers = () => {
    while (waitingProducers.length > 0 && queue.length < capacity) waitingProducers.shift()!.resolve();
  };

  return {
    get size() {
      return queue.length;
    },
    async push(value) {
      if (failure) throw failure.reason;
      if (closed) throw new Error("push after close");
      queue.push(value);
      notifyConsumer();
      if (queue.length <= capacity) return;
      await new Promise<void>((resolve, reject) => waitingProducers.push({ resolve, reject }));
    },
    close() {
      closed = true;
      notifyConsumer();
    },
    fail(reason) {
      if (failure) return;
      failure = { reason };
      queue.length = 0;
      for (const producer of waitingProducers.splice(0)) producer.reject(reason);
      notifyConsumer();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (failure) return;
        if (queue.length > 0) {
          const value = queue.shift()!;
          releaseProducers();
          yield value;
          continue;
        }
        if (closed) return;
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      }
    },
  };
}
