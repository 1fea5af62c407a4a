/**
 * Turning image samples into things a web page can show, without an image
 * codec of our own: encoded frames become a Blob with the right MIME type
 * (the browser decodes it), and `createImageBitmap` is used where the runtime
 * has it (browsers, Deno, Workers with images; not Node).
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** The fields image helpers need: CompressedImage, or Image with `format: "png"`. */
export interface EncodedImageSample {
  /** The encoded bytes (may be a view into the batch: the helpers copy it). */
  data: Uint8Array;
  /** Container name: `png`, `jpeg`, `tiff`, `webp`, ... (case-insensitive). */
  format: string;
}

const mimeTypes: Readonly<Record<string, string>> = {
  png: "image/png",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  tiff: "image/tiff",
  tif: "image/tiff",
  webp: "image/webp",
  gif: "image/gif",
  bmp: "image/bmp",
  avif: "image/avif",
};

/** The image MIME type of a CompressedImage `format` (`"jpeg"` -> `"image/jpeg"`), if it is a still-image format. */
export function imageMimeType(format: string): string | undefined {
  return mimeTypes[format.trim().toLowerCase()];
}

/**
 * Wraps an encoded frame in a Blob with its MIME type, e.g. for
 * `URL.createObjectURL` or an `<img>`.
 *
 * @example
 * ```ts
 * const [frame] = CompressedImage.fromRecordBatch(batch);
 * img.src = URL.createObjectURL(compressedImageToBlob(frame));
 * ```
 * @throws MosaicoError INVALID_ARGUMENT for `raw` data or video formats (`h264`, `hevc`), which need a video decoder (WebCodecs) instead.
 */
export function compressedImageToBlob(sample: EncodedImageSample): Blob {
  const type = imageMimeType(sample.format);
  if (type === undefined) {
    throw new MosaicoError(
      Code.InvalidArgument,
      `image format "${sample.format}" is not a still-image container; h264/hevc frames need a video decoder (WebCodecs) and raw pixels need rawImageToRgba()`,
    );
  }
  // Copy into a fresh ArrayBuffer: `data` may be a view into a shared Arrow buffer.
  return new Blob([sample.data.slice()], { type });
}

/**
 * Decodes an encoded frame to an ImageBitmap with the runtime's own decoder.
 *
 * @throws MosaicoError UNIMPLEMENTED where `createImageBitmap` does not exist (Node): use `compressedImageToBlob`.
 */
export async function compressedImageToBitmap(sample: EncodedImageSample, options?: ImageBitmapOptions): Promise<ImageBitmap> {
  const create = (globalThis as { createImageBitmap?: typeof createImageBitmap }).createImageBitmap;
  if (typeof create !== "function") {
    throw new MosaicoError(Code.Unimplemented, "createImageBitmap is not available in this runtime; use compressedImageToBlob() and decode it yourself");
  }
  return create(compressedImageToBlob(sample), options);
}
