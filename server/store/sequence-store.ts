/** Sequences table. */
import type { SqliteDatabase } from "./sqlite.js";
import type { SequenceRow } from "./rows.js";

export class SequenceStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(row: Omit<SequenceRow, "sequence_id">): SequenceRow {
    const info = this.db
      .prepare(
        `INSERT INTO sequences (locator, uuid, created_at_ns, user_metadata)
         VALUES (@locator, @uuid, @created_at_ns, @user_metadata)`,
      )
      .run(row);
    return { ...row, sequence_id: BigInt(info.lastInsertRowid) };
  }

  findByLocator(locator: string): SequenceRow | undefined {
    return this.db.prepare("SELECT * FROM sequences WHERE locator = ?").get(locator) as
      | SequenceRow
      | undefined;
  }

  findById(id: bigint): SequenceRow | undefined {
    return this.db.prepare("SELECT * FROM sequences WHERE sequence_id = ?").get(id) as
      | SequenceRow
      | undefined;
  }

  list(): SequenceRow[] {
    return this.db.prepare("SELECT * FROM sequences ORDER BY sequence_id").all() as SequenceRow[];
  }

  /** Deletes the sequence; sessions, topics, chunks and notifications cascade. */
  delete(id: bigint): void {
    this.db.prepare("DELETE FROM sequences WHERE sequence_id = ?").run(id);
  }
}
