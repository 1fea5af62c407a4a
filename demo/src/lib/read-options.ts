/**
 * How the topic page reads: DoGet and Arrow decoding in the SDK's reader
 * worker (`worker: true`), so the page keeps drawing and answering clicks
 * while a large topic streams in; the batches arrive as moved buffers.
 */
export const offMainThread = { worker: true } as const;
