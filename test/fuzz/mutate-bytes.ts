/**
 * Byte-level mutations: bit flips, interesting integers at aligned offsets
 * (flatbuffer offsets and lengths are 32-bit LE, buffer lengths 64-bit),
 * truncation, insertion, deletion, duplication and splicing.
 */
import type { Rng } from "./prng.js";

const INTERESTING_8 = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe];
const INTERESTING_32 = [0, 1, -1, 0x7fffffff, -0x80000000, 0xffff, 0x10000, 8, 16, 1 << 24, -8];
const INTERESTING_64 = [0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n), 1n << 32n, 1n << 40n, 0xffffffffn];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * A copy of `bytes` in its own memory. Not `bytes.slice()`: on a Node Buffer
 * (protobuf bytes decoded from one) that is a view, and mutating it would
 * write into the source (a recorded tape, the shared Buffer pool).
 */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** The names of the mutations, for reports. */
export type ByteMutation =
  | "flip"
  | "byte"
  | "int32"
  | "int64"
  | "truncate"
  | "extend"
  | "delete"
  | "insert"
  | "duplicate"
  | "splice"
  | "zero";

/** Applies one mutation to a copy of `input`; `donor` feeds splices. */
export function mutateOnce(rng: Rng, input: Uint8Array, donor?: Uint8Array): { bytes: Uint8Array; op: ByteMutation } {
  const b = copyBytes(input);
  const n = b.byteLength;
  const op: ByteMutation = n === 0 ? rng.pick(["extend", "insert"] as const) : rng.pick([
    "flip", "flip", "byte", "int32", "int32", "int64", "truncate", "extend", "delete", "insert", "duplicate", "splice", "zero",
  ] as const);
  const at = rng.int(0, Math.max(0, n - 1));
  switch (op) {
    case "flip":
      b[at] = b[at]! ^ (1 << rng.int(0, 7));
      return { bytes: b, op };
    case "byte":
      b[at] = rng.chance(0.5) ? rng.pick(INTERESTING_8) : rng.int(0, 255);
      return { bytes: b, op };
    case "int32": {
      if (n < 4) return { bytes: b, op };
      const off = Math.min(n - 4, at & ~3);
      new DataView(b.buffer, b.byteOffset).setInt32(off, rng.chance(0.7) ? rng.pick(INTERESTING_32) : rng.int(-1e9, 1e9) | 0, true);
      return { bytes: b, op };
    }
    case "int64": {
      if (n < 8) return { bytes: b, op };
      const off = Math.min(n - 8, at & ~7);
      new DataView(b.buffer, b.byteOffset).setBigInt64(off, rng.pick(INTERESTING_64), true);
      return { bytes: b, op };
    }
    case "zero": {
      const len = rng.int(1, Math.max(1, Math.min(64, n - at)));
      b.fill(0, at, at + len);
      return { bytes: b, op };
    }
    case "truncate":
      return { bytes: b.subarray(0, rng.int(0, Math.max(0, n - 1))), op };
    case "extend":
      return { bytes: concat(b, rng.chance(0.5) ? new Uint8Array(rng.int(1, 64)) : rng.bytes(rng.int(1, 64))), op };
    case "delete": {
      const len = rng.int(1, Math.max(1, Math.min(32, n - at)));
      return { bytes: concat(b.subarray(0, at), b.subarray(at + len)), op };
    }
    case "insert":
      return { bytes: concat(b.subarray(0, at), rng.bytes(rng.int(1, 16)), b.subarray(at)), op };
    case "duplicate": {
      const len = rng.int(1, Math.max(1, Math.min(64, n - at)));
      return { bytes: concat(b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)), op };
    }
    case "splice": {
      const src = donor && donor.byteLength > 0 ? donor : rng.bytes(32);
      const from = rng.int(0, src.byteLength - 1);
      const len = rng.int(1, Math.min(64, src.byteLength - from));
      return { bytes: concat(b.subarray(0, at), src.subarray(from, from + len), b.subarray(at + len)), op };
    }
  }
}

/** 1..`max` stacked mutations; returns the bytes and the list of operations. */
export function mutateBytes(rng: Rng, input: Uint8Array, max = 3, donor?: Uint8Array): { bytes: Uint8Array; ops: ByteMutation[] } {
  let bytes = input;
  const ops: ByteMutation[] = [];
  const count = rng.int(1, max);
  for (let i = 0; i < count; i++) {
    const step = mutateOnce(rng, bytes, donor);
    bytes = step.bytes;
    ops.push(step.op);
  }
  return { bytes, ops };
}

/** Hex of the first `max` bytes (for reports). */
export function hexPreview(bytes: Uint8Array, max = 48): string {
  const hex = Buffer.from(bytes.subarray(0, max)).toString("hex");
  return bytes.byteLength > max ? `${hex}… (${bytes.byteLength} B)` : hex;
}
