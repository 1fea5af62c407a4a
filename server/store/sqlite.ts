/**
 * Minimal typed access to better-sqlite3 (a devDependency without bundled
 * types; we avoid an ambient `declare module` that would clash with
 * @types/better-sqlite3 if it is ever added). Loaded through createRequire
 * because the package is CommonJS.
 */
import { createRequire } from "node:module";

/** Values SQLite hands back with safe integers on (INTEGER -> bigint). */
export type SqlValue = null | bigint | number | string | Uint8Array;
export type SqlParams = Record<string, unknown> | unknown[];

export interface RunResult {
  changes: number;
  lastInsertRowid: bigint | number;
}

export interface Statement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface SqliteDatabase {
  prepare(sql: string): Statement;
  exec(sql: string): SqliteDatabase;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  defaultSafeIntegers(toggle?: boolean): SqliteDatabase;
  close(): SqliteDatabase;
  readonly open: boolean;
}

type DatabaseConstructor = new (
  filename: string,
  options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number },
) => SqliteDatabase;

const require = createRequire(import.meta.url);

export function openSqlite(file: string): SqliteDatabase {
  const Database = require("better-sqlite3") as DatabaseConstructor;
  const db = new Database(file);
  // Every INTEGER comes back as bigint: i64 nanosecond timestamps stay exact.
  db.defaultSafeIntegers(true);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return db;
}
