/**
 * Reading a dropped file: CSV (papaparse, header row) or Arrow IPC (file or
 * stream format). Columns are typed for the upload: CSV columns whose
 * every non-empty cell is a number become float64, true/false columns bool,
 * the rest utf8; Arrow columns keep their types.
 */
import Papa from "papaparse";
import { DataType, tableFromIPC, type Table } from "apache-arrow";

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
  /** CSV only: the parsed rows. */
  csv?: Record<string, string>[];
  /** Arrow only. */
  table?: Table;
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function inferKind(values: string[]): ColumnKind {
  const present = values.filter((v) => v.trim() !== "");
  if (present.length === 0) return "text";
  if (present.every((v) => NUMBER.test(v))) return "number";
  if (present.every((v) => /^(true|false)$/i.test(v.trim()))) return "bool";
  return "text";
}

export async function readCsv(file: File): Promise<TabularFile> {
  const text = await file.text();
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: "greedy", transform: (v) => v });
  if (parsed.errors.length && parsed.data.length === 0) throw new Error(`not a CSV file: ${parsed.errors[0]!.message}`);
  const names = (parsed.meta.fields ?? []).filter((n) => n !== "");
  if (names.length === 0) throw new Error("the CSV has no header row");
  const rows = parsed.data;
  const columns = names.map((name) => {
    const kind = inferKind(rows.map((r) => r[name] ?? ""));
    return { name, kind, type: kind === "number" ? "float64" : kind === "bool" ? "bool" : "utf8" };
  });
  return { fileName: file.name, format: "csv", columns, rowCount: rows.length, cell: (row, column) => rows[row]?.[column] ?? "", csv: rows };
}

export async function readArrow(file: File): Promise<TabularFile> {
  const table = tableFromIPC(new Uint8Array(await file.arrayBuffer()));
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
    table,
  };
}

export async function readTabularFile(file: File): Promise<TabularFile> {
  const isArrow = /\.(arrow|arrows|ipc|feather)$/i.test(file.name);
  return isArrow ? readArrow(file) : readCsv(file);
}
