/**
 * Reading a CSV (papaparse, one header row). Columns whose non-empty cells
 * are mostly numbers become float64 (a cell that is not a number there is a
 * problem of its row), true/false columns bool, the rest utf8. A file with
 * any problem is refused whole, each problem named by the line of the file
 * its row starts on (the header is line 1), as an editor shows it.
 */
import Papa from "papaparse";
import type { ColumnInfo, ColumnKind, TabularFile } from "./tabular-file.js";
import { RefusedFile, type RowProblem } from "./refused-file.js";

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
// How numpy and pandas write the non-finite floats.
const NON_FINITE = /^\s*([+-]?)(nan|inf|infinity)\s*$/i;

/** A numeric cell's value: decimals, exponents, NaN and ±inf; undefined when the text is not a number. */
export function parseNumberCell(text: string): number | undefined {
  if (NUMBER.test(text)) return Number(text);
  const special = NON_FINITE.exec(text);
  if (!special) return undefined;
  return special[2]!.toLowerCase() === "nan" ? Number.NaN : special[1] === "-" ? -Infinity : Infinity;
}

interface CsvRecord {
  cells: string[];
  /** The line of the file the record starts on (a quoted cell may span lines). */
  line: number;
  errors: string[];
}

// papaparse's own guess fails on two-column files: the header line decides.
function delimiterOf(text: string): string {
  const header = text.split("\n").find((l) => l.trim() !== "") ?? "";
  const counts = [",", ";", "\t", "|"].map((d) => ({ d, n: header.split(d).length - 1 }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}

// papaparse's messages, as what to fix.
const QUOTE_PROBLEMS: Record<string, string> = {
  MissingQuotes: "a quote (\") opens a cell that is never closed",
  InvalidQuotes: "a quoted cell has characters after its closing quote",
};

function splitRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cursor = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter: delimiterOf(text),
    step: (result) => {
      const start = line;
      for (let i = cursor; i < result.meta.cursor; i++) if (text.charCodeAt(i) === 10) line++;
      cursor = result.meta.cursor;
      const cells = result.data;
      if (cells.length === 1 && cells[0]!.trim() === "") return; // a blank line
      records.push({ cells, line: start, errors: result.errors.map((e) => QUOTE_PROBLEMS[e.code] ?? e.message) });
    },
  });
  return records;
}

function inferKind(values: string[]): ColumnKind {
  const present = values.filter((v) => v.trim() !== "");
  if (present.length === 0) return "text";
  if (present.filter((v) => parseNumberCell(v) !== undefined).length * 2 > present.length) return "number";
  if (present.every((v) => /^(true|false)$/i.test(v.trim()))) return "bool";
  return "text";
}

/** The header's names, without unnamed columns that hold nothing (a trailing comma); problems for the others and for repeated names. */
function headerColumns(header: CsvRecord, records: CsvRecord[], problems: RowProblem[]): { name: string; index: number }[] {
  const seen = new Map<string, number>();
  const kept: { name: string; index: number }[] = [];
  header.cells.forEach((raw, index) => {
    const name = raw.trim();
    if (name === "") {
      if (records.some((r) => (r.cells[index] ?? "").trim() !== "")) problems.push({ row: header.line, message: `column ${index + 1} has values but no name in the header` });
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) problems.push({ row: header.line, message: `the column name “${name}” appears twice (columns ${first + 1} and ${index + 1})` });
    else seen.set(name, index);
    kept.push({ name, index });
  });
  return kept;
}

/** Problems of the rows' shape: what papaparse found (quotes) and field counts that differ from the header's. */
function shapeProblems(records: CsvRecord[], width: number): RowProblem[] {
  return records.flatMap((r) => [
    ...r.errors.map((message) => ({ row: r.line, message })),
    ...(r.cells.length === width ? [] : [{ row: r.line, message: `${r.cells.length} field${r.cells.length === 1 ? "" : "s"}, but the header has ${width}` }]),
  ]);
}

/** Types each column from its well-formed rows; a cell that is not a number in a numeric column is a problem of its row. */
function typeColumn(name: string, rows: Record<string, string>[], records: CsvRecord[], wellFormed: boolean[], problems: RowProblem[]): ColumnInfo {
  const kind = inferKind(rows.filter((_, i) => wellFormed[i]).map((r) => r[name]!));
  if (kind === "number") {
    rows.forEach((r, i) => {
      const text = r[name]!;
      if (wellFormed[i] && text.trim() !== "" && parseNumberCell(text) === undefined) {
        problems.push({ row: records[i]!.line, message: `“${text}” in ${name} is not a number, and the column holds numbers (leave the cell empty for a missing value)` });
      }
    });
  }
  return { name, kind, type: kind === "number" ? "float64" : kind === "bool" ? "bool" : "utf8" };
}

/** Reads a CSV; throws RefusedFile when it is empty, has only a header, or has rows that do not parse. */
export async function readCsv(file: File): Promise<TabularFile> {
  const records = splitRecords(await file.text());
  const header = records.shift();
  if (!header) throw new RefusedFile(`${file.name} is empty: a CSV needs a header row (the column names) and at least one row of values.`);
  const problems: RowProblem[] = [];
  const named = headerColumns(header, records, problems);
  if (named.length === 0) throw new RefusedFile(`${file.name} has no column names: its first line must be a header row, such as timestamp_ns,x,y.`);
  if (records.length === 0) throw new RefusedFile(`${file.name} has a header row (${named.map((c) => c.name).join(", ")}) but no rows of values: there is nothing to upload.`);
  const width = header.cells.length;
  problems.push(...shapeProblems(records, width));
  const rows = records.map((r) => Object.fromEntries(named.map((c) => [c.name, r.cells[c.index] ?? ""])));
  const wellFormed = records.map((r) => r.cells.length === width && r.errors.length === 0);
  const columns = named.map(({ name }) => typeColumn(name, rows, records, wellFormed, problems));
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    throw new RefusedFile(`${file.name} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; fix ${problems.length === 1 ? "it" : "them"} and drop the file again.`, problems);
  }
  const lines = records.map((r) => r.line);
  return {
    fileName: file.name,
    format: "csv",
    columns,
    rowCount: rows.length,
    cell: (row, column) => rows[row]?.[column] ?? "",
    rowNumber: (row) => lines[row]!,
    csv: rows,
  };
}
