/**
 * What an upload writes: `timestamp_ns` (Int64, exact, from the mapped
 * column and its unit) first, then the other columns. CSV headers with dots
 * (`acceleration.x`) become nested structs, the ontology layout (§13.1).
 */
import { Bool, Field, Float64, Int64, makeVector, Schema, Struct, Table, Utf8, type DataType, type Vector } from "apache-arrow";
import type { Row } from "../sdk.js";
import type { TabularFile } from "./tabular-file.js";
import { parseIsoToNs, parseScaledToNs } from "./time.js";

export type TimeUnit = "ns" | "us" | "ms" | "s" | "iso";

/**
 * Numbers keep their clock: `timestamp_ns` is the recorder's indexing timer
 * (monotonic since the Python SDK 0.6), so a number is only scaled to
 * nanoseconds, never read as a date. ISO dates become ns since the Unix epoch.
 */
export const TIME_UNITS: { unit: TimeUnit; label: string }[] = [
  { unit: "ns", label: "nanoseconds" },
  { unit: "us", label: "microseconds" },
  { unit: "ms", label: "milliseconds" },
  { unit: "s", label: "seconds" },
  { unit: "iso", label: "ISO-8601 date-time (→ ns since the Unix epoch)" },
];

/** Guesses the timestamp column and its unit from names and magnitudes (epoch-sized numbers; a monotonic clock needs its unit picked). */
export function guessTimestamp(file: TabularFile): { column: string; unit: TimeUnit } | undefined {
  const column = file.columns.find((c) => c.name === "timestamp_ns") ?? file.columns.find((c) => /time|stamp|^t$|date/i.test(c.name)) ?? file.columns[0];
  if (!column) return undefined;
  const sample = file.cell(0, column.name).trim();
  if (column.name.endsWith("_ns")) return { column: column.name, unit: "ns" };
  if (!/^[+-]?\d/.test(sample) || /\d{4}-\d\d-\d\d/.test(sample)) return { column: column.name, unit: "iso" };
  const magnitude = Math.abs(Number(sample));
  const unit: TimeUnit = magnitude > 1e17 ? "ns" : magnitude > 1e14 ? "us" : magnitude > 1e11 ? "ms" : "s";
  return { column: column.name, unit };
}

export function toNs(text: string, unit: TimeUnit): bigint | undefined {
  return unit === "iso" ? parseIsoToNs(text) : parseScaledToNs(text, unit);
}

/** Exact timestamps of every row; throws on the first cell that is not a time. */
export function timestampsOf(file: TabularFile, column: string, unit: TimeUnit): bigint[] {
  const out = new Array<bigint>(file.rowCount);
  for (let i = 0; i < file.rowCount; i++) {
    const ns = toNs(file.cell(i, column), unit);
    if (ns === undefined) throw new Error(`row ${i + 1}: “${file.cell(i, column)}” in ${column} is not a time in ${unit}`);
    out[i] = ns;
  }
  return out;
}

interface Tree {
  [name: string]: Tree | { leaf: string; type: DataType };
}

function leafType(kind: string): DataType {
  return kind === "number" ? new Float64() : kind === "bool" ? new Bool() : new Utf8();
}

function toFields(tree: Tree): Field[] {
  return Object.entries(tree).map(([name, node]) =>
    "leaf" in node && typeof node.leaf === "string" ? new Field(name, node.type as DataType, true) : new Field(name, new Struct(toFields(node as Tree)), true),
  );
}

export interface CsvUpload {
  schema: Schema;
  rows: Row[];
}

/** CSV rows as row objects of the upload schema. */
export function csvUpload(file: TabularFile, timestampColumn: string, ns: bigint[]): CsvUpload {
  const tree: Tree = {};
  const columns = file.columns.filter((c) => c.name !== timestampColumn && c.name !== "timestamp_ns");
  for (const c of columns) {
    const parts = c.name.split(".").filter(Boolean);
    let node = tree;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Tree;
    node[parts[parts.length - 1]!] = { leaf: c.name, type: leafType(c.kind) };
  }
  const schema = new Schema([new Field("timestamp_ns", new Int64(), false), ...toFields(tree)]);
  const rows = (file.csv ?? []).map((cells, i) => {
    const row: Row = { timestamp_ns: ns[i]! };
    for (const c of columns) {
      const text = cells[c.name] ?? "";
      const value = text.trim() === "" ? null : c.kind === "number" ? Number(text) : c.kind === "bool" ? /^true$/i.test(text.trim()) : text;
      const parts = c.name.split(".").filter(Boolean);
      let node = row as Record<string, unknown>;
      for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
      node[parts[parts.length - 1]!] = value;
    }
    return row;
  });
  return { schema, rows };
}

/** An Arrow table with `timestamp_ns` first (replacing the mapped column). */
export function arrowUpload(file: TabularFile, timestampColumn: string, ns: bigint[]): Table {
  const table = file.table!;
  const columns: Record<string, Vector> = { timestamp_ns: makeVector(BigInt64Array.from(ns)) };
  for (const field of table.schema.fields) {
    if (field.name === timestampColumn || field.name === "timestamp_ns") continue;
    columns[field.name] = table.getChild(field.name)!;
  }
  return new Table(columns);
}

/** A sequence/topic name from a file name: letters, digits, `_` and `-` only. */
export function nameFromFile(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  return base || "upload";
}
