/**
 * LZ4 frame format (lz4_Frame_format.md) parsing around a raw block decoder.
 *
 * We walk the frame ourselves instead of trusting the block library's frame
 * reader: it lets us enforce the output size Arrow expects (a frame can never
 * write past it), handle every header flag (content size, dictionary id,
 * block and content checksums, concatenated frames) and fail with a clear
 * error on truncation. Checksums are skipped, not verified: gRPC/TLS already
 * protect the bytes in transit and the size checks catch structural damage.
 *
 * Every compressed block is also scanned (its sequences, not its bytes:
 * lz4_Block_format.md) before any decoder sees it, so the decoder is only
 * ever handed a well-formed block whose exact decoded size is known and
 * fits: literals and matches stay inside the block, no match offset is 0 or
 * reaches before the frame (or before the block, in a frame of independent
 * blocks), and the block ends with literals. That is what lets a wasm or
 * native decoder (which may trust its input, or need the exact size) sit
 * behind this walker, and what makes every decoder refuse exactly the same
 * inputs: the refusal happens here, in one place.
 */

/** A malformed or oversized frame; the codec turns it into a MosaicoError. */
export class Lz4FrameError extends Error {
  override name = "Lz4FrameError";
}

/**
 * Decodes one LZ4 block `src[srcStart, srcStart + srcLength)` into `dst` at
 * `dstStart`; returns the end index in `dst`. decodeLz4Frames calls it only
 * with a block it has scanned: well formed, decoding to exactly
 * `decodedLength` bytes that fit in `dst`, and reading `history` bytes of
 * `dst` before `dstStart` at most (earlier blocks of a linked-block frame;
 * 0 for a self-contained block). lz4js's `decompressBlock` has this shape
 * (it ignores the last two arguments).
 */
export type Lz4BlockDecoder = (
  src: Uint8Array,
  dst: Uint8Array,
  srcStart: number,
  srcLength: number,
  dstStart: number,
  decodedLength: number,
  history: number,
) => number;

/** What scanLz4Block learns of a compressed block without decoding it. */
export interface Lz4BlockShape {
  /** Exact decoded size in bytes. */
  readonly length: number;
  /** How many bytes before the block's own output its matches read (0: self-contained). */
  readonly history: number;
}

const MAGIC = 0x184d2204;
const FLG_VERSION_MASK = 0xc0;
const FLG_VERSION = 0x40;
const FLG_BLOCK_INDEPENDENCE = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_DICT_ID = 0x01;
const BLOCK_UNCOMPRESSED = 0x80000000;
const BLOCK_MAX_SIZES: Record<number, number> = { 4: 0x10000, 5: 0x40000, 6: 0x100000, 7: 0x400000 };

interface FrameHeader {
  readonly blockIndependence: boolean;
  readonly blockChecksum: boolean;
  readonly contentChecksum: boolean;
  readonly contentSize: number | undefined;
  readonly blockMaxSize: number;
  /** Index of the first block. */
  readonly end: number;
}

function u32(src: Uint8Array, at: number): number {
  if (at + 4 > src.length) throw new Lz4FrameError(`LZ4 frame truncated at byte ${at}`);
  return (src[at]! | (src[at + 1]! << 8) | (src[at + 2]! << 16) | (src[at + 3]! << 24)) >>> 0;
}

function readFrameHeader(src: Uint8Array, start: number): FrameHeader {
  if (u32(src, start) !== MAGIC) throw new Lz4FrameError(`not an LZ4 frame (bad magic number at byte ${start})`);
  if (start + 7 > src.length) throw new Lz4FrameError("LZ4 frame header truncated");
  const flg = src[start + 4]!;
  const bd = src[start + 5]!;
  if ((flg & FLG_VERSION_MASK) !== FLG_VERSION) throw new Lz4FrameError("unsupported LZ4 frame version");
  const blockMaxSize = BLOCK_MAX_SIZES[(bd >> 4) & 7];
  if (blockMaxSize === undefined) throw new Lz4FrameError("invalid LZ4 frame block size");
  let at = start + 6;
  let contentSize: number | undefined;
  if (flg & FLG_CONTENT_SIZE) {
    const low = u32(src, at);
    const high = u32(src, at + 4);
    // Sizes beyond 2^53 cannot be allocated anyway; reject rather than round.
    if (high >= 0x200000) throw new Lz4FrameError("LZ4 frame declares an impossible content size");
    contentSize = high * 0x100000000 + low;
    at += 8;
  }
  if (flg & FLG_DICT_ID) at += 4;
  at += 1; // header checksum
  if (at > src.length) throw new Lz4FrameError("LZ4 frame header truncated");
  return {
    blockIndependence: (flg & FLG_BLOCK_INDEPENDENCE) !== 0,
    blockChecksum: (flg & FLG_BLOCK_CHECKSUM) !== 0,
    contentChecksum: (flg & FLG_CONTENT_CHECKSUM) !== 0,
    contentSize,
    blockMaxSize,
    end: at,
  };
}

function truncatedLength(): Lz4FrameError {
  return new Lz4FrameError("LZ4 block truncated inside a length");
}

/**
 * Scans the sequences of the compressed block `src[start, start + size)`
 * without decoding it: its exact decoded length and how far back it reads.
 * Throws Lz4FrameError if the block is malformed or decodes to more than
 * `maxLength` bytes. Exported for the differential tests and benchmarks.
 */
export function scanLz4Block(src: Uint8Array, start: number, size: number, maxLength: number): Lz4BlockShape {
  const end = start + size;
  let s = start;
  let out = 0;
  let history = 0;
  for (;;) {
    // The spec's last sequence is literals only: a block may not end right after a match.
    if (s >= end) throw new Lz4FrameError("LZ4 block ends with a match instead of literals");
    const token = src[s++]!;
    let literals = token >>> 4;
    if (literals === 15) {
      let byte: number;
      do {
        if (s >= end) throw truncatedLength();
        byte = src[s++]!;
        literals += byte;
      } while (byte === 255);
    }
    if (literals > end - s) throw new Lz4FrameError("LZ4 block literals run past the end of the block");
    s += literals;
    out += literals;
    if (s === end) break;
    if (s + 2 > end) throw new Lz4FrameError("LZ4 block truncated inside a match offset");
    const offset = src[s]! | (src[s + 1]! << 8);
    s += 2;
    if (offset === 0) throw new Lz4FrameError("LZ4 block has a match of offset 0");
    if (offset > out && offset - out > history) history = offset - out;
    let match = token & 15;
    if (match === 15) {
      let byte: number;
      do {
        if (s >= end) throw truncatedLength();
        byte = src[s++]!;
        match += byte;
      } while (byte === 255);
    }
    out += match + 4;
    if (out > maxLength) break; // reported below, before any further work
  }
  if (out > maxLength) throw new Lz4FrameError(`LZ4 block decodes to more than ${maxLength} bytes`);
  return { length: out, history };
}

/**
 * An upper bound of the decoded size of `src`, from its frame and block
 * headers alone (content size when declared, else a full block per block).
 */
export function lz4FramesBound(src: Uint8Array): number {
  let s = 0;
  let bound = 0;
  while (s < src.length) {
    const header = readFrameHeader(src, s);
    s = header.end;
    let blocks = 0;
    for (;;) {
      const word = u32(src, s);
      s += 4;
      if (word === 0) break;
      const size = word & 0x7fffffff;
      if (s + size > src.length) throw new Lz4FrameError("LZ4 frame truncated inside a block");
      blocks += word & BLOCK_UNCOMPRESSED ? size : header.blockMaxSize;
      s += size + (header.blockChecksum ? 4 : 0);
    }
    if (header.contentChecksum) s += 4;
    bound += header.contentSize ?? blocks;
  }
  return bound;
}

/**
 * Decodes the LZ4 frame(s) in `src` into exactly `expectedLength` bytes (or,
 * with `exact` false, at most that many). Throws Lz4FrameError when the frames
 * are malformed, declare another size, or produce more (or fewer) bytes.
 */
export function decodeLz4Frames(
  src: Uint8Array,
  expectedLength: number,
  decodeBlock: Lz4BlockDecoder,
  exact = true,
): Uint8Array {
  const dst = new Uint8Array(expectedLength);
  let s = 0;
  let d = 0;
  while (s < src.length) {
    const header = readFrameHeader(src, s);
    const frameStart = d;
    s = header.end;
    if (header.contentSize !== undefined && header.contentSize > expectedLength - d) {
      throw new Lz4FrameError(
        `LZ4 frame declares ${header.contentSize} bytes, more than the ${expectedLength} bytes expected`,
      );
    }
    for (;;) {
      const word = u32(src, s);
      s += 4;
      if (word === 0) break; // end mark
      const size = word & 0x7fffffff;
      if (size > header.blockMaxSize) throw new Lz4FrameError(`LZ4 block of ${size} bytes exceeds the frame's block size`);
      if (s + size > src.length) throw new Lz4FrameError("LZ4 frame truncated inside a block");
      if (word & BLOCK_UNCOMPRESSED) {
        if (size > expectedLength - d) throw overflow(expectedLength);
        dst.set(src.subarray(s, s + size), d);
        d += size;
      } else {
        const shape = scanLz4Block(src, s, size, header.blockMaxSize);
        if (shape.length > expectedLength - d) throw overflow(expectedLength);
        if (shape.history > 0) {
          if (header.blockIndependence) throw new Lz4FrameError("LZ4 block of an independent-block frame refers to data before it");
          if (shape.history > d - frameStart) throw new Lz4FrameError("LZ4 block refers to data before the start of its frame");
        }
        const next = decodeBlock(src, dst, s, size, d, shape.length, shape.history);
        if (next !== d + shape.length) {
          throw new Lz4FrameError(`LZ4 block decoder produced ${next - d} bytes where the block holds ${shape.length}`);
        }
        d = next;
      }
      s += size + (header.blockChecksum ? 4 : 0);
    }
    if (header.contentChecksum) s += 4;
    if (s > src.length) throw new Lz4FrameError("LZ4 frame truncated at its checksum");
    if (header.contentSize !== undefined && d - frameStart !== header.contentSize) {
      throw new Lz4FrameError(`LZ4 frame declares ${header.contentSize} bytes but holds ${d - frameStart}`);
    }
  }
  if (!exact) return dst.subarray(0, d);
  if (d !== expectedLength) {
    throw new Lz4FrameError(`LZ4 data decompressed to ${d} bytes, ${expectedLength} were expected`);
  }
  return dst;
}

function overflow(expectedLength: number): Lz4FrameError {
  return new Lz4FrameError(`LZ4 data decompresses to more than the ${expectedLength} bytes expected`);
}
