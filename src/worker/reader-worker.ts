/**
 * The reader worker script: what `worker: true` starts, published as
 * `mosaico-web/reader-worker` (dist/worker/reader-worker.js) for bundlers
 * that need it as an entry of their own (esbuild: build it beside your
 * bundle, named `reader-worker.js`). It serves worker readers on its own
 * global scope.
 */
import type { ReaderWorkerTarget } from "../data/reader-worker-option.js";
import { serveReaderWorker } from "./reader-worker-host.js";

serveReaderWorker(globalThis as unknown as ReaderWorkerTarget);
