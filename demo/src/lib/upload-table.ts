/**
 * What an upload writes: `timestamp_ns` (Int64, exact, from the mapped
 * column and its unit) first, then the other columns. CSV headers with dots
 * (`acceleration.x`) become nested structs, the ontology layout (§13.1).
 * CSV rows are written in time order (upload-plan.ts); Arrow rows as they are.
 */
import { Bool, Field, Float64, Int64, makeVector, Schema, Struct, Table, Utf8, type DataType, type Vector } from "apache-arrow";
import type { Row } from "../sdk.js";
import { parseNumberCell } from "./csv-file.js";
import type { TabularFile } from "./tabular-file.js";

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

/** The rows to push (row objects of `schema` for CSV, a table for Arrow) and the schema to declare. */
export interface UploadData {
  schema: Schema | undefined;
  rows: Row[] | Table;
}

/** CSV rows as row objects of the upload schema, in `order` (row indices) when given. */
export function csvUpload(file: TabularFile, timestampColumn: string, ns: bigint[], order?: number[]): UploadData {
  const tree: Tree = {};
  const columns = file.columns.filter((c) => c.name !== timestampColumn && c.name !== "timestamp_ns");
  for (const c of columns) {
    const parts = c.name.split(".").filter(Boolean);
    let node = tree;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Tree;
    node[parts[parts.length - 1]!] = { leaf: c.name, type: leafType(c.kind) };
  }
  const schema = new Schema([new Field("timestamp_ns", new Int64(), false), ...toFields(tree)]);
  const csv = file.csv ?? [];
  const rows = (order ?? csv.map((_, i) => i)).map((i) => {
    const cells = csv[i]!;
    const row: Row = { timestamp_ns: ns[i]! };
    for (const c of columns) {
      const text = cells[c.name] ?? "";
      const value = text.trim() === "" ? null : c.kind === "number" ? parseNumberCell(text)! : c.kind === "bool" ? /^true$/i.test(text.trim()) : text;
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
export function arrowUpload(file: TabularFile, timestampColumn: string, ns: bigint[]): UploadData {
  const table = file.table!;
  const columns: Record<string, Vector> = { timestamp_ns: makeVector(BigInt64Array.from(ns)) };
  for (const field of table.schema.fields) {
    if (field.name === timestampColumn || field.name === "timestamp_ns") continue;
    columns[field.name] = table.getChild(field.name)!;
  }
  return { schema: undefined, rows: new Table(columns) };
}

/** The first `count` rows of an upload (the "simulate a failure" option writes half). */
export function firstRows(data: UploadData, count: number): Row[] | Table {
  return Array.isArray(data.rows) ? data.rows.slice(0, count) : data.rows.slice(0, count);
}

/** A sequence/topic name from a file name: letters, digits, `_` and `-` only. */
export function nameFromFile(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  return base || "upload";
}
