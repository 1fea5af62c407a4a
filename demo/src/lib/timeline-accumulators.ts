/**
 * What each timeline view keeps of a window's batches: exact timestamps for
 * finding the cursor's row, plus only the columns the view draws (plot
 * series, frames, GPS fixes, planar positions, or the batches themselves for
 * the row table). Timestamps stay bigint; x values are seconds since the
 * sequence start.
 */
import { DataType, type RecordBatch, type Vector } from "apache-arrow";
import { leafValues, timestamps } from "./arrow-fields.js";
import { headerStamps } from "./header-stamp.js";
import type { Accumulator } from "./use-window-read.js";
import type { Frame } from "./use-frames.js";

function pushTimes(target: bigint[], x: number[] | undefined, batch: RecordBatch, baseNs: bigint): BigInt64Array {
  const ts = timestamps(batch);
  for (let i = 0; i < ts.length; i++) {
    target.push(ts[i]!);
    x?.push(Number(ts[i]! - baseNs) / 1e9);
  }
  return ts;
}

/** A field a plot shows: a numeric leaf, or a numeric list column drawn one series per element (per joint). */
export interface PlotField {
  label: string;
  path: string[];
  list: boolean;
}

export interface SeriesColumn {
  label: string;
  /** The field it comes from (for its unit). */
  field: PlotField;
  values: (number | null)[];
}

export interface SeriesData {
  ts: bigint[];
  /** Seconds since the sequence start. */
  x: number[];
  columns: SeriesColumn[];
  /** Header stamps per row, when the topic has them. */
  stamps?: (bigint | null)[];
}

function listChild(batch: RecordBatch, name: string): Vector | null {
  const column = batch.getChild(name);
  return column && DataType.isList(column.type) ? column : null;
}

/** Names of list elements, from a `names` column (joint states), else their index. */
function elementNames(batch: RecordBatch, count: number): string[] {
  const names = listChild(batch, "names") ?? listChild(batch, "name");
  const first = names?.get(0) as Vector | null | undefined;
  return Array.from({ length: count }, (_, i) => {
    const name = first?.get(i);
    return typeof name === "string" && name ? name : String(i);
  });
}

/** Series of the chosen fields; a list field becomes one series per element, named from `names`. */
export function seriesAccumulator(baseNs: bigint, fields: PlotField[]): Accumulator<SeriesData> {
  const ts: bigint[] = [];
  const x: number[] = [];
  let columns: SeriesColumn[] | undefined;
  let stamps: (bigint | null)[] | undefined;
  const layout = (batch: RecordBatch): SeriesColumn[] =>
    fields.flatMap((field) => {
      if (!field.list) return [{ label: field.label, field, values: [] }];
      const first = batch.getChild(field.path[0]!)?.get(0) as Vector | null | undefined;
      return elementNames(batch, first?.length ?? 0).map((name) => ({ label: `${field.label}[${name}]`, field, values: [] }));
    });
  return {
    add(batch) {
      if (batch.numRows === 0) return;
      columns ??= layout(batch);
      const before = ts.length;
      pushTimes(ts, x, batch, baseNs);
      const rowStamps = headerStamps(batch);
      if (rowStamps) (stamps ??= new Array(before).fill(null)).push(...rowStamps);
      else stamps?.push(...new Array<null>(batch.numRows).fill(null));
      let c = 0;
      for (const field of fields) {
        if (!field.list) {
          const values = leafValues(batch, field.path);
          const target = columns[c++]!.values;
          for (const v of values) target.push(v);
          continue;
        }
        const width = columns.filter((col) => col.field === field).length;
        const vector = batch.getChild(field.path[0]!);
        for (let i = 0; i < batch.numRows; i++) {
          const row = vector?.get(i) as Vector | null | undefined;
          for (let j = 0; j < width; j++) {
            const v = row?.get(j);
            columns[c + j]!.values.push(v === null || v === undefined ? null : Number(v));
          }
        }
        c += width;
      }
    },
    snapshot: () => ({ ts, x, columns: columns ?? fields.filter((f) => !f.list).map((field) => ({ label: field.label, field, values: [] })), stamps }),
  };
}

export interface FrameData {
  ts: bigint[];
  frames: Frame[];
}

/** Encoded frames (CompressedImage `data` + `format`) with their times. */
export function frameAccumulator(): Accumulator<FrameData> {
  const ts: bigint[] = [];
  const frames: Frame[] = [];
  return {
    add(batch) {
      const times = timestamps(batch);
      const data = batch.getChild("data");
      const format = batch.getChild("format");
      const stamps = headerStamps(batch);
      for (let i = 0; i < batch.numRows; i++) {
        const bytes = data?.get(i) as Uint8Array | null;
        if (!bytes) continue;
        ts.push(times[i]!);
        frames.push({ timestampNs: times[i]!, stampNs: stamps?.[i] ?? null, bytes, format: String(format?.get(i) ?? "") });
      }
    },
    snapshot: () => ({ ts, frames }),
  };
}

export interface PlanarData {
  ts: bigint[];
  /** Latitude and longitude (GPS) or x and y in metres (poses). */
  a: number[];
  b: number[];
  /** Heading in radians from the orientation quaternion, when there is one (poses). */
  yaw: (number | null)[];
  stamps?: (bigint | null)[];
}

/** Yaw (rotation about z) of a unit quaternion. */
export function yawOf(q: { x: number; y: number; z: number; w: number }): number {
  return Math.atan2(2 * (q.w * q.z + q.x * q.y), 1 - 2 * (q.y * q.y + q.z * q.z));
}

/**
 * Planar points: `path` is the struct holding x and y (`position` of GPS,
 * where x is latitude and y longitude; `position` or `pose.position` of a
 * pose). Rows with a null position are left out.
 */
export function planarAccumulator(path: string[], orientationPath?: string[]): Accumulator<PlanarData> {
  const ts: bigint[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const yaw: (number | null)[] = [];
  let stamps: (bigint | null)[] | undefined;
  return {
    add(batch) {
      const times = timestamps(batch);
      const xs = leafValues(batch, [...path, "x"]);
      const ys = leafValues(batch, [...path, "y"]);
      const q = orientationPath && ["x", "y", "z", "w"].map((c) => leafValues(batch, [...orientationPath, c]));
      const rowStamps = headerStamps(batch);
      for (let i = 0; i < batch.numRows; i++) {
        const x = xs[i];
        const y = ys[i];
        if (x === null || y === null || x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
        ts.push(times[i]!);
        a.push(x);
        b.push(y);
        const parts = q?.map((column) => column[i]);
        yaw.push(parts && parts.every((v) => typeof v === "number") ? yawOf({ x: parts[0]!, y: parts[1]!, z: parts[2]!, w: parts[3]! }) : null);
        if (rowStamps) (stamps ??= []).push(rowStamps[i] ?? null);
      }
    },
    snapshot: () => ({ ts, a, b, yaw, stamps }),
  };
}

export interface RowData {
  ts: bigint[];
  /** The batches and the index of their first row in `ts`. */
  batches: { batch: RecordBatch; first: number }[];
}

/** Keeps the batches themselves, for a table of the rows around the cursor. */
export function rowAccumulator(): Accumulator<RowData> {
  const ts: bigint[] = [];
  const batches: RowData["batches"] = [];
  return {
    add(batch) {
      batches.push({ batch, first: ts.length });
      pushTimes(ts, undefined, batch, 0n);
    },
    snapshot: () => ({ ts, batches }),
  };
}

/** Row `index` of the kept batches, as an object of column values. */
export function rowAt(data: RowData, index: number): Record<string, unknown> | undefined {
  let lo = 0;
  let hi = data.batches.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (data.batches[mid]!.first <= index) lo = mid;
    else hi = mid - 1;
  }
  const entry = data.batches[lo];
  if (!entry) return undefined;
  const row = entry.batch.get(index - entry.first);
  return row ? (row.toJSON() as Record<string, unknown>) : undefined;
}
