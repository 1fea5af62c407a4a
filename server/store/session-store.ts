/** Sessions table (one upload session of a sequence, locator `seq:ULID`). */
import type { SqliteDatabase } from "./sqlite.js";
import type { SessionRow } from "./rows.js";

export class SessionStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(row: Omit<SessionRow, "session_id" | "completed_at_ns">): SessionRow {
    const info = this.db
      .prepare(
        `INSERT INTO sessions (uuid, locator, sequence_id, created_at_ns)
         VALUES (@uuid, @locator, @sequence_id, @created_at_ns)`,
      )
      .run(row);
    return { ...row, session_id: BigInt(info.lastInsertRowid), completed_at_ns: null };
  }

  findByUuid(uuid: string): SessionRow | undefined {
    // UUIDs are minted lower-case; accept any case from clients.
    return this.db.prepare("SELECT * FROM sessions WHERE uuid = ?").get(uuid.toLowerCase()) as
      | SessionRow
      | undefined;
  }

  findByLocator(locator: string): SessionRow | undefined {
    return this.db.prepare("SELECT * FROM sessions WHERE locator = ?").get(locator) as
      | SessionRow
      | undefined;
  }

  listBySequence(sequenceId: bigint): SessionRow[] {
    return this.db
      .prepare("SELECT * FROM sessions WHERE sequence_id = ? ORDER BY session_id")
      .all(sequenceId) as SessionRow[];
  }

  markCompleted(sessionId: bigint, completedAtNs: bigint): void {
    this.db
      .prepare("UPDATE sessions SET completed_at_ns = ? WHERE session_id = ?")
      .run(completedAtNs, sessionId);
  }

  /** Deletes the session; its topics, chunks and topic notifications cascade. */
  delete(sessionId: bigint): void {
    this.db.prepare("DELETE FROM sessions WHERE session_id = ?").run(sessionId);
  }
}
