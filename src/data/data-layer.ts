/**
 * The data layer's entry points, in one module that the client loads on the
 * first read or write (`import()`): with a bundler that splits on dynamic
 * imports (Vite, Rollup, webpack, esbuild with splitting), a page that only
 * lists and describes the catalog never downloads Arrow decoding or LZ4.
 */
export { openSequenceReader } from "./sequence-reader.js";
export { SequenceWriter, writeSequence } from "./sequence-writer.js";
export { openTopicReader } from "./topic-reader.js";
