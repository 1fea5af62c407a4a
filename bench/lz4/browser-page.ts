/**
 * The Chromium half of the LZ4 benchmark, bundled by bench/lz4-codecs-browser.ts:
 * fetches the Node-made frames, times the candidates that run in a browser,
 * and reports through `window.lz4Result`.
 */
import { formatRows, measureDecoders, unpackSamples, type DecodeCandidate } from "./measure.js";
import { BASELINE, universalCandidates } from "./sdk-candidates.js";

declare global {
  interface Window {
    lz4Result?: string;
    lz4Error?: string;
  }
}

const browserOnly: DecodeCandidate[] = [
  {
    name: "lz4-asm 0.4.2 (liblz4, wasm)",
    kind: "wasm, separate .wasm",
    load: async () => {
      // @ts-expect-error no types
      const init = (await import("lz4-asm/dist/lz4wasm.js")).default;
      const wasmBinary = new Uint8Array(await (await fetch("_lz4.wasm")).arrayBuffer());
      const mod = await init({ wasmBinary });
      return (frame) => mod.lz4js.decompress(frame);
    },
  },
  {
    name: "lz4-asm 0.4.2 (liblz4, asm.js)",
    kind: "JS (asm.js), 225 KB",
    load: async () => {
      // @ts-expect-error no types
      const mod = await (await import("lz4-asm/dist/lz4asm.js")).default();
      return (frame) => mod.lz4js.decompress(frame);
    },
  },
  {
    name: "@foxglove/wasm-lz4 1.0.2 (liblz4)",
    kind: "wasm, separate .wasm, decode only",
    load: async () => {
      // @ts-ignore -- a comparison-only package (npm install --no-save), absent after npm ci
      const decompress = (await import("@foxglove/wasm-lz4")).default as unknown as ((f: Uint8Array, n: number) => Uint8Array) & { isLoaded: Promise<void> };
      await decompress.isLoaded;
      return (frame, n) => decompress(frame, n);
    },
  },
];

try {
  const samples = unpackSamples(new Uint8Array(await (await fetch("frames.bin")).arrayBuffer()));
  const rows = await measureDecoders(samples, [...universalCandidates, ...browserOnly]);
  window.lz4Result = `${navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "browser"}: ${samples.length} frames\n\n` + formatRows(rows, BASELINE);
} catch (error) {
  window.lz4Error = String((error as Error)?.stack ?? error);
}
