/**
 * The page side of the reader worker, loaded by the client on the first
 * read with the `worker` option (see data/data-layer.ts for why).
 */
export { createReaderWorker, createReaderWorkerFrom, ReaderWorkerLink } from "./worker-link.js";
export { openWorkerSequenceReader, openWorkerTopicReader } from "./worker-readers.js";
