/**
 * A tiny bounds-checked flatbuffer reader, used to verify IPC message headers
 * before apache-arrow decodes them.
 *
 * Why: arrow-js reads flatbuffers without verification. Out-of-range reads
 * silently return 0 and garbage vector lengths drive its decode loops, so a
 * corrupted `data_header` can hang or exhaust memory instead of failing. Every
 * read here is checked against the buffer and the number of tables visited is
 * capped, so verifying any input costs at most O(header bytes).
 */

/** A verification failure; callers turn it into a MosaicoError. */
export class FlatbufferError extends Error {
  override name = "FlatbufferError";
}

/** A verified table position (its vtable is known to lie inside the buffer). */
export interface FbTable {
  readonly pos: number;
  readonly vtable: number;
  readonly vtableSize: number;
  readonly tableSize: number;
}

/** A verified vector: `length` elements of `elementSize` bytes from `start`. */
export interface FbVector {
  readonly start: number;
  readonly length: number;
}

const utf8 = new TextDecoder();

export class FlatbufferReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  // Each table needs at least 4 bytes of its own, so a well-formed buffer never
  // visits more than size/4 tables; shared subtrees (legal but unused by Arrow)
  // could otherwise blow up the walk exponentially.
  private budget: number;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.budget = (bytes.byteLength >>> 2) + 16;
  }

  get size(): number {
    return this.bytes.byteLength;
  }

  /** The root table (uoffset at byte 0). */
  root(): FbTable {
    return this.table(this.u32(0));
  }

  private check(pos: number, width: number): void {
    if (!Number.isInteger(pos) || pos < 0 || pos + width > this.bytes.byteLength) {
      throw new FlatbufferError(`read of ${width} bytes at offset ${pos} is outside the ${this.size}-byte header`);
    }
  }

  u8(pos: number): number {
    this.check(pos, 1);
    return this.view.getUint8(pos);
  }
  i16(pos: number): number {
    this.check(pos, 2);
    return this.view.getInt16(pos, true);
  }
  u16(pos: number): number {
    this.check(pos, 2);
    return this.view.getUint16(pos, true);
  }
  i32(pos: number): number {
    this.check(pos, 4);
    return this.view.getInt32(pos, true);
  }
  u32(pos: number): number {
    this.check(pos, 4);
    return this.view.getUint32(pos, true);
  }
  i64(pos: number): bigint {
    this.check(pos, 8);
    return this.view.getBigInt64(pos, true);
  }

  /** Verifies the table at `pos` and its vtable. */
  table(pos: number): FbTable {
    if (--this.budget < 0) throw new FlatbufferError("header references more tables than it can contain");
    const vtable = pos - this.i32(pos);
    const vtableSize = this.u16(vtable);
    const tableSize = this.u16(vtable + 2);
    if (vtableSize < 4 || vtableSize % 2 !== 0) throw new FlatbufferError(`invalid vtable size ${vtableSize}`);
    this.check(vtable, vtableSize);
    this.check(pos, Math.max(tableSize, 4));
    return { pos, vtable, vtableSize, tableSize };
  }

  /** Absolute position of field `id`, or 0 when absent; checks it fits `width`. */
  field(t: FbTable, id: number, width: number): number {
    const entry = 4 + id * 2;
    if (entry >= t.vtableSize) return 0;
    const offset = this.u16(t.vtable + entry);
    if (offset === 0) return 0;
    if (offset + width > t.tableSize) throw new FlatbufferError(`field ${id} overruns its table`);
    return t.pos + offset;
  }

  scalarU8(t: FbTable, id: number, fallback = 0): number {
    const at = this.field(t, id, 1);
    return at === 0 ? fallback : this.u8(at);
  }
  scalarI16(t: FbTable, id: number, fallback = 0): number {
    const at = this.field(t, id, 2);
    return at === 0 ? fallback : this.i16(at);
  }
  scalarI64(t: FbTable, id: number, fallback = 0n): bigint {
    const at = this.field(t, id, 8);
    return at === 0 ? fallback : this.i64(at);
  }

  /** Follows a uoffset field; 0 when the field is absent. */
  private indirect(t: FbTable, id: number): number {
    const at = this.field(t, id, 4);
    return at === 0 ? 0 : at + this.u32(at);
  }

  /** A sub-table field, verified; undefined when absent. */
  subTable(t: FbTable, id: number): FbTable | undefined {
    const at = this.indirect(t, id);
    return at === 0 ? undefined : this.table(at);
  }

  /** A vector field whose elements are `elementSize` bytes, verified in bounds. */
  vector(t: FbTable, id: number, elementSize: number): FbVector | undefined {
    const at = this.indirect(t, id);
    if (at === 0) return undefined;
    const length = this.u32(at);
    const start = at + 4;
    if (length * elementSize > this.size - start) {
      throw new FlatbufferError(`vector of ${length} elements overruns the header`);
    }
    return { start, length };
  }

  /** A string field (verified bytes, not decoded). */
  verifyString(t: FbTable, id: number): void {
    this.vector(t, id, 1);
  }

  /** A string field decoded as UTF-8 (malformed bytes become U+FFFD); undefined when absent. */
  string(t: FbTable, id: number): string | undefined {
    const vec = this.vector(t, id, 1);
    return vec === undefined ? undefined : utf8.decode(this.bytes.subarray(vec.start, vec.start + vec.length));
  }

  /** Each table of a vector of tables, verified. */
  tables(t: FbTable, id: number): FbTable[] {
    const vec = this.vector(t, id, 4);
    if (vec === undefined) return [];
    const out: FbTable[] = [];
    for (let i = 0; i < vec.length; i++) {
      const slot = vec.start + i * 4;
      out.push(this.table(slot + this.u32(slot)));
    }
    return out;
  }
}
