/**
 * The runtime-neutral half of the LZ4 benchmark (no node: imports): decode
 * candidates timed on the same frames, output checked against the source
 * bytes. bench/lz4-codecs.ts runs it in Node, bench/lz4/browser-page.ts in
 * Chromium (driven by bench/lz4-codecs-browser.ts).
 */

/** One LZ4 frame and what it decodes to. */
export interface Lz4Sample {
  readonly frame: Uint8Array;
  readonly raw: Uint8Array;
}

/** A way to decode an LZ4 frame into `expectedLength` bytes. */
export interface DecodeCandidate {
  readonly name: string;
  readonly kind: string;
  /** Called once before timing (wasm compile, addon load); throws or rejects when unavailable. */
  readonly load: () => Promise<(frame: Uint8Array, expectedLength: number) => Uint8Array>;
  /** false: output not checked (a floor that does not decode). */
  readonly check?: boolean;
}

/** A measured row. */
export interface DecodeRow {
  readonly name: string;
  readonly kind: string;
  /** MB/s of decoded bytes, best of the runs; absent when the candidate did not load. */
  readonly mbPerSecond?: number;
  /** Why it did not load or failed. */
  readonly note?: string;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Times every candidate on `samples`, best of `runs` after a checked warm-up pass. */
export async function measureDecoders(samples: readonly Lz4Sample[], candidates: readonly DecodeCandidate[], runs = 5): Promise<DecodeRow[]> {
  const bytes = samples.reduce((n, s) => n + s.raw.byteLength, 0);
  const rows: DecodeRow[] = [];
  for (const c of candidates) {
    let decode: (frame: Uint8Array, expectedLength: number) => Uint8Array;
    try {
      decode = await c.load();
    } catch (error) {
      rows.push({ name: c.name, kind: c.kind, note: `does not load: ${String(error).split("\n")[0]!.slice(0, 100)}` });
      continue;
    }
    try {
      if (c.check !== false) for (const s of samples) if (!equal(decode(s.frame, s.raw.byteLength), s.raw)) throw new Error("decoded wrong bytes");
    } catch (error) {
      rows.push({ name: c.name, kind: c.kind, note: `fails: ${String(error).slice(0, 100)}` });
      continue;
    }
    let best = Infinity;
    for (let run = 0; run < runs; run++) {
      const t = performance.now();
      for (const s of samples) decode(s.frame, s.raw.byteLength);
      best = Math.min(best, performance.now() - t);
    }
    rows.push({ name: c.name, kind: c.kind, mbPerSecond: bytes / 1e3 / best });
  }
  return rows;
}

/** A markdown table; ratios against the row named `baseline`. */
export function formatRows(rows: readonly DecodeRow[], baseline: string): string {
  const base = rows.find((r) => r.name === baseline)?.mbPerSecond;
  const lines = ["| decoder | kind | decode MB/s | vs " + baseline + " |", "|---|---|---:|---:|"];
  for (const r of rows) {
    const speed = r.mbPerSecond === undefined ? (r.note ?? "n/a") : r.mbPerSecond.toFixed(0);
    const ratio = r.mbPerSecond !== undefined && base ? (r.mbPerSecond / base).toFixed(2) + "x" : "";
    lines.push(`| ${r.name} | ${r.kind} | ${speed} | ${ratio} |`);
  }
  return lines.join("\n");
}

/** Serialized samples, for handing Node-made frames to a browser page: [count][rawLen, frameLen, frame, raw]... (u32 LE). */
export function packSamples(samples: readonly Lz4Sample[]): Uint8Array {
  const size = 4 + samples.reduce((n, s) => n + 8 + s.frame.byteLength + s.raw.byteLength, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, samples.length, true);
  let at = 4;
  for (const s of samples) {
    view.setUint32(at, s.raw.byteLength, true);
    view.setUint32(at + 4, s.frame.byteLength, true);
    out.set(s.frame, at + 8);
    out.set(s.raw, at + 8 + s.frame.byteLength);
    at += 8 + s.frame.byteLength + s.raw.byteLength;
  }
  return out;
}

/** The inverse of packSamples. */
export function unpackSamples(bytes: Uint8Array): Lz4Sample[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples: Lz4Sample[] = [];
  let at = 4;
  for (let i = view.getUint32(0, true); i > 0; i--) {
    const rawLength = view.getUint32(at, true);
    const frameLength = view.getUint32(at + 4, true);
    const frame = bytes.slice(at + 8, at + 8 + frameLength);
    const raw = bytes.slice(at + 8 + frameLength, at + 8 + frameLength + rawLength);
    samples.push({ frame, raw });
    at += 8 + frameLength + rawLength;
  }
  return samples;
}
