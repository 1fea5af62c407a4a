/**
 * Raw `Image` pixels -> RGBA bytes for `new ImageData(...)` / canvas. Only a
 * channel shuffle of the common 8-bit layouts: decoding containers (png) is
 * left to the runtime (compressedImageToBlob).
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** The fields of an `Image` sample this conversion reads. */
export interface RawImageSample {
  /** Pixel bytes, row after row, `stride` bytes apart. */
  data: Uint8Array;
  /** Must be `"raw"` (png frames go through `compressedImageToBlob`). */
  format: string;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Bytes per row; default `width` × bytes per pixel (no padding). */
  stride?: number;
  /** Pixel layout: `rgb8`, `bgr8`, `rgba8`, `bgra8`, `mono8` or `8UC1`. */
  encoding?: string;
}

/** RGBA pixels, the shape `new ImageData(data, width, height)` takes. */
export interface RgbaImage {
  /** 4 bytes per pixel (R, G, B, A), rows without padding. */
  data: Uint8ClampedArray;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

// channel count and, per output RGB channel, the source offset
const layouts: Readonly<Record<string, { channels: number; rgb: [number, number, number]; alpha?: number }>> = {
  rgb8: { channels: 3, rgb: [0, 1, 2] },
  bgr8: { channels: 3, rgb: [2, 1, 0] },
  rgba8: { channels: 4, rgb: [0, 1, 2], alpha: 3 },
  bgra8: { channels: 4, rgb: [2, 1, 0], alpha: 3 },
  mono8: { channels: 1, rgb: [0, 0, 0] },
  "8UC1": { channels: 1, rgb: [0, 0, 0] },
};

/**
 * Converts a `raw` Image with an 8-bit encoding (rgb8, bgr8, rgba8, bgra8,
 * mono8, 8UC1) to RGBA, honouring `stride`.
 *
 * @example
 * ```ts
 * const { data, width, height } = rawImageToRgba(sample);
 * // `data` owns a plain ArrayBuffer; the cast is only for TypeScript's DOM types.
 * ctx.putImageData(new ImageData(data as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
 * ```
 */
export function rawImageToRgba(sample: RawImageSample): RgbaImage {
  if (sample.format !== "raw") {
    throw new MosaicoError(Code.InvalidArgument, `image format is "${sample.format}", not "raw": decode it with compressedImageToBlob()`);
  }
  const layout = layouts[sample.encoding ?? ""];
  if (layout === undefined) {
    throw new MosaicoError(Code.Unimplemented, `pixel encoding "${sample.encoding ?? "(none)"}" is not supported; supported: ${Object.keys(layouts).join(", ")}`);
  }
  const { width, height, data } = sample;
  const stride = sample.stride ?? width * layout.channels;
  if (stride < width * layout.channels || data.length < stride * (height - 1) + width * layout.channels) {
    throw new MosaicoError(Code.InvalidArgument, `image data holds ${data.length} bytes, too few for ${width}x${height} ${sample.encoding} with stride ${stride}`);
  }
  const out = new Uint8ClampedArray(width * height * 4);
  const [r, g, b] = layout.rgb;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = y * stride + x * layout.channels;
      const dst = (y * width + x) * 4;
      out[dst] = data[src + r]!;
      out[dst + 1] = data[src + g]!;
      out[dst + 2] = data[src + b]!;
      out[dst + 3] = layout.alpha === undefined ? 255 : data[src + layout.alpha]!;
    }
  }
  return { data: out, width, height };
}
