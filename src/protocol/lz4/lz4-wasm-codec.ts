/**
 * The wasm LZ4 block decoder: lz4_flex as built by lz4-wasm 0.9.2 (MIT),
 * driven through its raw exports instead of lz4-wasm's JS glue, which
 * imports the .wasm file as an ES module (a bundler feature that Vite,
 * Deno and browsers do not give without configuration). The bytes come
 * inlined as base64 (lz4-wasm-bytes.ts, generated), so nothing needs a URL.
 *
 * lz4_flex's `decompress` takes a block with its exact decoded size
 * prepended and refuses any other size: the frame walker's block scan gives
 * that size (and has already refused malformed blocks) before we call it.
 * It keeps no history between calls, so it only decodes self-contained
 * blocks; lz4-codec.ts sends the others to lz4js.
 */
import type { Lz4BlockCodec } from "./lz4-block-codec.js";
import { LZ4_WASM_BASE64 } from "./lz4-wasm-bytes.js";

/** The exports of lz4_wasm_bg.wasm (wasm-bindgen 0.2 ABI). */
interface Lz4WasmExports {
  readonly memory: WebAssembly.Memory;
  /** Writes [ptr, len, errorHandle, isError] at `retptr`. */
  decompress(retptr: number, ptr: number, len: number): void;
  __wbindgen_add_to_stack_pointer(delta: number): number;
  __wbindgen_malloc(size: number): number;
  __wbindgen_free(ptr: number, size: number): void;
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * Compiles and instantiates the wasm decoder. Rejects where the runtime
 * forbids compiling wasm from bytes (workerd, a CSP without
 * 'wasm-unsafe-eval'); the caller then keeps lz4js.
 *
 * @internal exported for lz4-codec-choice.ts, the benchmarks and the tests.
 */
export async function loadLz4WasmCodec(): Promise<Lz4BlockCodec> {
  const imports = {
    // Only called to build an error message; the walker never hands over a block lz4_flex refuses.
    "./lz4_wasm_bg.js": { __wbindgen_string_new: (): number => 0 },
  };
  const module = await WebAssembly.compile(base64Bytes(LZ4_WASM_BASE64));
  const instance = await WebAssembly.instantiate(module, imports);
  const wasm = instance.exports as unknown as Lz4WasmExports;
  return {
    name: "lz4_flex (lz4-wasm 0.9.2, wasm)",
    decodeBlock(src, dst, srcStart, srcLength, dstStart, decodedLength) {
      const inputLength = srcLength + 4;
      const input = wasm.__wbindgen_malloc(inputLength); // freed by decompress
      let heap = new Uint8Array(wasm.memory.buffer);
      heap[input] = decodedLength & 0xff;
      heap[input + 1] = (decodedLength >>> 8) & 0xff;
      heap[input + 2] = (decodedLength >>> 16) & 0xff;
      heap[input + 3] = decodedLength >>> 24;
      heap.set(src.subarray(srcStart, srcStart + srcLength), input + 4);
      const ret = wasm.__wbindgen_add_to_stack_pointer(-16);
      try {
        wasm.decompress(ret, input, inputLength);
        const words = new Int32Array(wasm.memory.buffer, ret, 4);
        const [ptr, len, , isError] = words as unknown as [number, number, number, number];
        if (isError) throw new Error("lz4_flex refused an LZ4 block that the frame walker accepted");
        heap = new Uint8Array(wasm.memory.buffer); // decompress may have grown the memory
        dst.set(heap.subarray(ptr, ptr + len), dstStart);
        wasm.__wbindgen_free(ptr, len);
        return dstStart + len;
      } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
      }
    },
  };
}
