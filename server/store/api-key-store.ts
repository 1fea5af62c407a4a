/** API keys: only the SHA-256 of the token payload is stored, never the token. */
import type { SqliteDatabase } from "./sqlite.js";
import type { ApiKeyRow } from "./rows.js";

export class ApiKeyStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(row: Omit<ApiKeyRow, "revoked">): void {
    this.db
      .prepare(
        `INSERT INTO api_keys (fingerprint, payload_sha256, permission, description,
           created_at_ns, expires_at_ns)
         VALUES (@fingerprint, @payload_sha256, @permission, @description,
           @created_at_ns, @expires_at_ns)`,
      )
      .run(row);
  }

  /** Any row with this fingerprint, revoked or not. */
  find(fingerprint: string): ApiKeyRow | undefined {
    return this.db.prepare("SELECT * FROM api_keys WHERE fingerprint = ?").get(fingerprint) as
      | ApiKeyRow
      | undefined;
  }

  /** The key if it exists and was not revoked. */
  findActive(fingerprint: string): ApiKeyRow | undefined {
    const row = this.find(fingerprint);
    return row && row.revoked === 0n ? row : undefined;
  }

  revoke(fingerprint: string): void {
    this.db.prepare("UPDATE api_keys SET revoked = 1 WHERE fingerprint = ?").run(fingerprint);
  }

  /** True when some key (of `permission`, when given) is neither revoked nor expired. */
  hasUsableKey(nowNs: bigint, permission?: string): boolean {
    const row = this.db
      .prepare(
        `SELECT 1 FROM api_keys WHERE revoked = 0 AND (expires_at_ns IS NULL OR expires_at_ns > ?)
           AND (? IS NULL OR permission = ?) LIMIT 1`,
      )
      .get(nowNs, permission ?? null, permission ?? null);
    return row !== undefined;
  }

  /** Every key, newest first (the CLI's `list`). */
  list(): ApiKeyRow[] {
    return this.db.prepare("SELECT * FROM api_keys ORDER BY created_at_ns DESC").all() as ApiKeyRow[];
  }

  /** Deletes revoked and expired keys, or with `all` every key; returns how many (the CLI's `purge [--all]`). */
  purge(nowNs: bigint, options: { all?: boolean } = {}): number {
    if (options.all) return Number(this.db.prepare("DELETE FROM api_keys").run().changes);
    return Number(
      this.db.prepare("DELETE FROM api_keys WHERE revoked = 1 OR (expires_at_ns IS NOT NULL AND expires_at_ns <= ?)").run(nowNs).changes,
    );
  }
}
