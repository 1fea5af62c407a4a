/**
 * Reading a dropped file: CSV (csv-file.ts) or Arrow IPC (file or stream
 * format; columns keep their types). A file that cannot be uploaded as it
 * is (empty, header only, rows that do not parse) is refused here with a
 * RefusedFile naming the rows at fault, before anything reaches a server.
 */
import { DataType, tableFromIPC, type Table } from "apache-arrow";
import { readCsv } from "./csv-file.js";
import { RefusedFile } from "./refused-file.js";

export type ColumnKind = "number" | "bool" | "text" | "arrow";

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** Arrow type text for Arrow files, the inferred kind for CSV. */
  type: string;
}

export interface TabularFile {
  fileName: string;
  format: "csv" | "arrow";
  columns: ColumnInfo[];
  rowCount: number;
  /** Cells as text, for the preview and the timestamp column. */
  cell(row: number, column: string): string;
  /** The number a person finds data row `row` (0-based) under: its line in a CSV (the header is 1), 1-based in Arrow. */
  rowNumber(row: number): number;
  /** CSV only: the parsed rows. */
  csv?: Record<string, string>[];
  /** Arrow only. */
  table?: Table;
}

export async function readArrow(file: File): Promise<TabularFile> {
  const table = tableFromIPC(new Uint8Array(await file.arrayBuffer()));
  if (table.numRows === 0) throw new RefusedFile(`${file.name} has columns (${table.schema.fields.map((f) => f.name).join(", ")}) but no rows: there is nothing to upload.`);
  const columns = table.schema.fields.map((f) => ({
    name: f.name,
    kind: (DataType.isInt(f.type) || DataType.isFloat(f.type) ? "number" : "arrow") as ColumnKind,
    type: String(f.type),
  }));
  return {
    fileName: file.name,
    format: "arrow",
    columns,
    rowCount: table.numRows,
    cell: (row, column) => {
      const value = table.getChild(column)?.get(row);
      return value === null || value === undefined ? "" : typeof value === "object" && !(value instanceof Uint8Array) ? JSON.stringify(value.toJSON?.() ?? value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) : String(value);
    },
    rowNumber: (row) => row + 1,
    table,
  };
}

/** Reads a CSV or Arrow IPC file (by its extension); throws RefusedFile for files that cannot be uploaded. */
export async function readTabularFile(file: File): Promise<TabularFile> {
  if (file.size === 0) throw new RefusedFile(`${file.name} is empty (0 bytes): drop a CSV with a header row and at least one row of values, or an Arrow IPC file.`);
  const isArrow = /\.(arrow|arrows|ipc|feather)$/i.test(file.name);
  return isArrow ? readArrow(file) : readCsv(file);
}
