/**
 * DoGet tickets of the JSON generations (docs/protocol.md §6.2): bincode 2 "standard"
 * encoding (little endian, variable-length integers) of the Rust tuple struct
 * `(locator: String, start: Option<i64>, end: Option<i64>)`.
 *
 *   String  = varint(byte length) + UTF-8 bytes
 *   Option  = 0x00 | 0x01 + value
 *   i64     = zigzag, then unsigned varint: < 251 in one byte, else
 *             0xFB + u16 LE | 0xFC + u32 LE | 0xFD + u64 LE
 *
 * Example: `a/b`, start 1000, no end -> 03 61 2F 62 01 FB D0 07 00.
 */

export interface TopicTicket {
  locator: string;
  start?: bigint;
  end?: bigint;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MASK = (1n << 64n) - 1n;

export class TicketDecodeError extends Error {}

function zigzag(value: bigint): bigint {
  if (value < I64_MIN || value > I64_MAX) throw new RangeError(`${value} is not an i64`);
  return ((value << 1n) ^ (value >> 63n)) & U64_MASK;
}

function unzigzag(value: bigint): bigint {
  return (value >> 1n) ^ -(value & 1n);
}

function writeVarint(out: number[], value: bigint): void {
  if (value < 251n) {
    out.push(Number(value));
    return;
  }
  const [marker, width] =
    value <= 0xffffn ? [0xfb, 2] : value <= 0xffff_ffffn ? [0xfc, 4] : [0xfd, 8];
  out.push(marker);
  for (let i = 0; i < width; i++) out.push(Number((value >> BigInt(8 * i)) & 0xffn));
}

export function encodeTicket(ticket: TopicTicket): Uint8Array {
  const out: number[] = [];
  const locator = new TextEncoder().encode(ticket.locator);
  writeVarint(out, BigInt(locator.length));
  out.push(...locator);
  for (const bound of [ticket.start, ticket.end]) {
    if (bound === undefined) {
      out.push(0);
    } else {
      out.push(1);
      writeVarint(out, zigzag(bound));
    }
  }
  return Uint8Array.from(out);
}

class Reader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.offset >= this.bytes.length) throw new TicketDecodeError("unexpected end of ticket");
    return this.bytes[this.offset++]!;
  }

  varint(): bigint {
    const first = this.byte();
    if (first < 251) return BigInt(first);
    const width = first === 0xfb ? 2 : first === 0xfc ? 4 : first === 0xfd ? 8 : 0;
    // 0xFE (u128) and 0xFF are not valid for an i64 field.
    if (width === 0) throw new TicketDecodeError(`invalid varint marker 0x${first.toString(16)}`);
    let value = 0n;
    for (let i = 0; i < width; i++) value |= BigInt(this.byte()) << BigInt(8 * i);
    return value;
  }

  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) {
      throw new TicketDecodeError("unexpected end of ticket");
    }
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }
}

/** Decodes a ticket; throws TicketDecodeError on malformed bytes. */
export function decodeTicket(bytes: Uint8Array): TopicTicket {
  const reader = new Reader(bytes);
  const length = reader.varint();
  if (length > BigInt(bytes.length)) throw new TicketDecodeError("locator length out of range");
  let locator: string;
  try {
    locator = new TextDecoder("utf-8", { fatal: true }).decode(reader.take(Number(length)));
  } catch (cause) {
    if (cause instanceof TicketDecodeError) throw cause;
    throw new TicketDecodeError("locator is not UTF-8");
  }
  const bounds: (bigint | undefined)[] = [];
  for (let i = 0; i < 2; i++) {
    const tag = reader.byte();
    if (tag === 0) bounds.push(undefined);
    else if (tag === 1) bounds.push(unzigzag(reader.varint()));
    else throw new TicketDecodeError(`invalid Option tag ${tag}`);
  }
  if (reader.remaining !== 0) throw new TicketDecodeError("trailing bytes after ticket");
  const ticket: TopicTicket = { locator };
  if (bounds[0] !== undefined) ticket.start = bounds[0];
  if (bounds[1] !== undefined) ticket.end = bounds[1];
  return ticket;
}
