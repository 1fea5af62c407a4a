/** The part of lz4js 0.2.0 (CommonJS, no bundled types) that lz4-codec.ts uses. */
declare module "lz4js" {
  interface Lz4js {
    /** Decodes one raw LZ4 block into `dst` from `dIndex`; returns the new end index. */
    decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
    /** Compresses `src` into one LZ4 frame (4 MiB linked blocks, no checksums). */
    compress(src: Uint8Array, maxSize?: number): Uint8Array;
    /** Decodes a whole frame (no size limit: prefer decompressBlock with our frame walker). */
    decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  }
  const lz4js: Lz4js;
  export = lz4js;
}
