/**
 * Which LZ4 implementation the codec uses: lz4js until a faster one has
 * loaded, then that one. Loading starts on the first LZ4 encode or decode,
 * never at import, and never makes a call wait: a read that comes while the
 * wasm is still compiling decodes with lz4js. A loader that fails (workerd
 * forbids compiling wasm from bytes; a platform without the native addon)
 * leaves lz4js in place, silently and for good; so does a fast codec that
 * ever throws on a block the walker accepted (it is dropped, the block is
 * decoded again with lz4js).
 *
 * The default loader is the wasm one (lz4-wasm-codec.ts, through a dynamic
 * import so that bundlers split it off); the Node entry installs its own
 * (native lz4-napi, then wasm) with setLz4CodecLoader.
 */
import { lz4jsBlockCodec, type Lz4BlockCodec } from "./lz4-block-codec.js";

/** Produces the fast codec, at once (a native addon) or later (wasm compiling). */
export type Lz4CodecLoader = () => Lz4BlockCodec | Promise<Lz4BlockCodec>;

/**
 * The universal loader: lz4_flex compiled to wasm, inlined.
 *
 * @internal for src/node and the benchmarks.
 */
export const wasmLz4CodecLoader: Lz4CodecLoader = () =>
  import("./lz4-wasm-codec.js").then((module) => module.loadLz4WasmCodec());

let loader: Lz4CodecLoader | null = wasmLz4CodecLoader;
let current: Lz4BlockCodec = lz4jsBlockCodec;
let loading: Promise<Lz4BlockCodec> | undefined;
/** Bumped by setLz4CodecLoader, so that a load still running for an older loader is ignored. */
let generation = 0;

function isPromise(value: Lz4BlockCodec | Promise<Lz4BlockCodec>): value is Promise<Lz4BlockCodec> {
  return typeof (value as Partial<PromiseLike<unknown>>).then === "function";
}

function start(): Promise<Lz4BlockCodec> {
  if (loading) return loading;
  const mine = generation;
  const adopt = (codec: Lz4BlockCodec): Lz4BlockCodec => {
    if (mine === generation) current = codec;
    return current;
  };
  const keep = (): Lz4BlockCodec => current;
  try {
    const result = loader ? loader() : lz4jsBlockCodec;
    loading = isPromise(result) ? Promise.resolve(result).then(adopt, keep) : Promise.resolve(adopt(result));
  } catch {
    loading = Promise.resolve(current);
  }
  return loading;
}

/**
 * The LZ4 implementation to use now (lz4js while the fast one loads);
 * starts loading the fast one on the first call.
 *
 * @internal used by lz4-codec.ts.
 */
export function lz4BlockCodec(): Lz4BlockCodec {
  if (!loading) void start();
  return current;
}

/**
 * Starts loading (if not yet) and resolves to the implementation in use once
 * the load has settled: the fast codec, or lz4js if it could not load. For
 * benchmarks, tests and applications that want to warm up before a read;
 * reads never need it.
 */
export function lz4CodecReady(): Promise<Lz4BlockCodec> {
  return start();
}

/**
 * Replaces the loader of the fast codec and goes back to lz4js until it has
 * loaded (`null`: lz4js only). The Node entry calls it once at import.
 *
 * @internal for src/node, the benchmarks and the tests.
 */
export function setLz4CodecLoader(next: Lz4CodecLoader | null): void {
  generation++;
  loader = next;
  current = lz4jsBlockCodec;
  loading = undefined;
}

/**
 * Drops `codec` after it failed on a block the walker accepted: lz4js from
 * now on, whatever the loader.
 *
 * @internal used by lz4-codec.ts.
 */
export function dropLz4BlockCodec(codec: Lz4BlockCodec): void {
  if (current !== codec) return;
  generation++;
  current = lz4jsBlockCodec;
  loading = Promise.resolve(current);
}
