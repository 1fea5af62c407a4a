/**
 * The `worker` option of topicReader() and sequenceReader(): where a read's
 * DoGet and decoding run when they should leave the page's main thread.
 * Only the type lives here; src/worker/ implements both sides.
 */

/**
 * What a reader can talk to: a Web Worker running mosaico-web's reader
 * worker (`serveReaderWorker`), or one port of a MessageChannel whose other
 * port is served by it. Structural, so a Worker, a MessagePort or Node's
 * worker_threads port all fit.
 */
export interface ReaderWorkerTarget {
  /** Posts a message, moving the listed buffers instead of copying them. */
  postMessage(message: unknown, transfer: Transferable[]): void;
  /** `message`, `messageerror` and (Workers) `error` events. */
  addEventListener(type: string, listener: (event: Event) => void): void;
  /** Removes a listener added with addEventListener. */
  removeEventListener(type: string, listener: (event: Event) => void): void;
  /** MessagePorts deliver nothing until started; Workers have no start(). */
  start?(): void;
}

/**
 * `true`: the client's own reader worker, created on first use from the
 * worker module published beside the SDK (`new Worker(new URL("./reader-worker.js",
 * import.meta.url), { type: "module" })`, which Vite, webpack and Parcel
 * bundle without configuration) and ended by client.close().
 * A `URL` or string: the client creates a module worker from that script
 * (your bundler's output of `mosaico-web/reader-worker`) and ends it on close.
 * A {@link ReaderWorkerTarget} (a Worker or MessagePort you made): used as is,
 * never terminated by the SDK. `false` or absent: read on the calling thread.
 */
export type ReaderWorkerOption = boolean | URL | string | ReaderWorkerTarget;
