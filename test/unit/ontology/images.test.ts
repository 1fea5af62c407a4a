import { describe, expect, it } from "vitest";
import { Code } from "../../../src/errors/code.js";
import {
  CompressedImage,
  compressedImageToBitmap,
  compressedImageToBlob,
  imageMimeType,
  rawImageToRgba,
} from "../../../src/ontology/index.js";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);

describe("CompressedImage helpers", () => {
  it("maps formats to MIME types", () => {
    expect(imageMimeType("png")).toBe("image/png");
    expect(imageMimeType("jpeg")).toBe("image/jpeg");
    expect(imageMimeType("JPG")).toBe("image/jpeg");
    expect(imageMimeType("tiff")).toBe("image/tiff");
    expect(imageMimeType("h264")).toBeUndefined();
  });

  it("wraps a decoded row's data in a Blob with the right type and exact bytes", async () => {
    const batch = CompressedImage.toRecordBatch([
      { timestamp_ns: 1n, data: PNG, format: "png" },
      { timestamp_ns: 2n, data: JPEG, format: "jpeg" },
    ]);
    const [png, jpeg] = CompressedImage.fromRecordBatch(batch);
    const pngBlob = compressedImageToBlob(png!);
    const jpegBlob = compressedImageToBlob(jpeg!);
    expect(pngBlob.type).toBe("image/png");
    expect(jpegBlob.type).toBe("image/jpeg");
    expect(new Uint8Array(await pngBlob.arrayBuffer())).toEqual(PNG);
    expect(new Uint8Array(await jpegBlob.arrayBuffer())).toEqual(JPEG);
  });

  it("refuses video and raw formats", () => {
    expect(() => compressedImageToBlob({ data: PNG, format: "h264" })).toThrow(expect.objectContaining({ code: Code.InvalidArgument }));
    expect(() => compressedImageToBlob({ data: PNG, format: "raw" })).toThrow(/WebCodecs/);
  });

  it("reports UNIMPLEMENTED where createImageBitmap is missing (Node)", async () => {
    expect(typeof (globalThis as { createImageBitmap?: unknown }).createImageBitmap).toBe("undefined");
    await expect(compressedImageToBitmap({ data: PNG, format: "png" })).rejects.toMatchObject({ code: Code.Unimplemented });
  });

  it("uses createImageBitmap where it exists", async () => {
    const calls: unknown[] = [];
    const g = globalThis as { createImageBitmap?: unknown };
    g.createImageBitmap = async (blob: Blob) => {
      calls.push(blob.type);
      return { width: 1, height: 1 };
    };
    try {
      await expect(compressedImageToBitmap({ data: JPEG, format: "jpeg" })).resolves.toEqual({ width: 1, height: 1 });
      expect(calls).toEqual(["image/jpeg"]);
    } finally {
      delete g.createImageBitmap;
    }
  });
});

describe("rawImageToRgba", () => {
  it("converts bgr8 with row padding", () => {
    // 2x2 bgr8, stride 8 (2 bytes padding per row)
    const data = new Uint8Array([1, 2, 3, 4, 5, 6, 0, 0, 7, 8, 9, 10, 11, 12, 0, 0]);
    const out = rawImageToRgba({ data, format: "raw", width: 2, height: 2, stride: 8, encoding: "bgr8" });
    expect(Array.from(out.data)).toEqual([3, 2, 1, 255, 6, 5, 4, 255, 9, 8, 7, 255, 12, 11, 10, 255]);
  });

  it("converts mono8 and refuses unknown encodings or png containers", () => {
    expect(Array.from(rawImageToRgba({ data: new Uint8Array([7]), format: "raw", width: 1, height: 1, encoding: "mono8" }).data)).toEqual([7, 7, 7, 255]);
    expect(() => rawImageToRgba({ data: new Uint8Array(2), format: "raw", width: 1, height: 1, encoding: "mono16" })).toThrow(expect.objectContaining({ code: Code.Unimplemented }));
    expect(() => rawImageToRgba({ data: PNG, format: "png", width: 1, height: 1, encoding: "rgb8" })).toThrow(/compressedImageToBlob/);
  });
});
