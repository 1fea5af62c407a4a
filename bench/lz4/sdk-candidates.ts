/**
 * The SDK's own LZ4 paths as benchmark candidates (runtime-neutral): the
 * validated frame walker with each block codec, installed the way the SDK
 * installs it (setLz4CodecLoader), and decompressLz4Frame as reads call it.
 */
import lz4js from "lz4js";
import {
  decompressLz4Frame,
  lz4CodecReady,
  setLz4CodecLoader,
  wasmLz4CodecLoader,
  type Lz4CodecLoader,
} from "../../src/protocol/index.js";
import type { DecodeCandidate } from "./measure.js";

/** The row every ratio is taken against: today's codec. */
export const BASELINE = "SDK walker + lz4js";

/** decompressLz4Frame with `loader` installed; refuses to run on another codec than `expect`. */
export function sdkCandidate(name: string, kind: string, loader: Lz4CodecLoader | null, expect: RegExp): DecodeCandidate {
  return {
    name,
    kind,
    load: async () => {
      setLz4CodecLoader(loader);
      const codec = await lz4CodecReady();
      if (!expect.test(codec.name)) throw new Error(`loaded ${codec.name} instead`);
      return (frame, n) => decompressLz4Frame(frame, n);
    },
  };
}

/** Candidates that run wherever the SDK runs. */
export const universalCandidates: DecodeCandidate[] = [
  { name: "lz4js 0.2.0 own frame reader", kind: "pure JS, no output bound", load: async () => (frame, n) => lz4js.decompress(frame, n) },
  sdkCandidate(BASELINE, "pure JS (before #14: everywhere)", null, /lz4js/),
  sdkCandidate("SDK walker + lz4_flex wasm (inline)", "wasm, 25 KB, base64 in a lazy chunk", wasmLz4CodecLoader, /wasm/),
  {
    ...sdkCandidate(
      "SDK walker, block scan only",
      "floor: frame walk + block scan, no decode",
      () => ({ name: "scan only", decodeBlock: (_s, _d, _ss, _sl, dstStart, decodedLength) => dstStart + decodedLength }),
      /scan/,
    ),
    check: false,
  },
];

/** Puts the SDK back on its default loader (wasm), for whatever runs after the benchmark. */
export function restoreDefaultLoader(): void {
  setLz4CodecLoader(wasmLz4CodecLoader);
}
