/** Topics and their data chunks. */
import type { SqliteDatabase } from "./sqlite.js";
import type { ChunkRow, TopicRow } from "./rows.js";

export type NewTopic = Pick<
  TopicRow,
  | "locator"
  | "uuid"
  | "sequence_id"
  | "session_id"
  | "ontology_tag"
  | "serialization_format"
  | "user_metadata"
  | "created_at_ns"
  | "data_path"
>;

export class TopicStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(row: NewTopic): TopicRow {
    const info = this.db
      .prepare(
        `INSERT INTO topics (locator, uuid, sequence_id, session_id, ontology_tag,
           serialization_format, user_metadata, created_at_ns, data_path)
         VALUES (@locator, @uuid, @sequence_id, @session_id, @ontology_tag,
           @serialization_format, @user_metadata, @created_at_ns, @data_path)`,
      )
      .run(row);
    return this.findById(BigInt(info.lastInsertRowid))!;
  }

  findById(id: bigint): TopicRow | undefined {
    return this.db.prepare("SELECT * FROM topics WHERE topic_id = ?").get(id) as
      | TopicRow
      | undefined;
  }

  findByLocator(locator: string): TopicRow | undefined {
    return this.db.prepare("SELECT * FROM topics WHERE locator = ?").get(locator) as
      | TopicRow
      | undefined;
  }

  findByUuid(uuid: string): TopicRow | undefined {
    return this.db.prepare("SELECT * FROM topics WHERE uuid = ?").get(uuid.toLowerCase()) as
      | TopicRow
      | undefined;
  }

  listBySequence(sequenceId: bigint): TopicRow[] {
    return this.db
      .prepare("SELECT * FROM topics WHERE sequence_id = ? ORDER BY topic_id")
      .all(sequenceId) as TopicRow[];
  }

  listBySession(sessionId: bigint): TopicRow[] {
    return this.db
      .prepare("SELECT * FROM topics WHERE session_id = ? ORDER BY topic_id")
      .all(sessionId) as TopicRow[];
  }

  /** Finalization: every topic of the session becomes immutable. */
  lockSession(sessionId: bigint, completedAtNs: bigint): void {
    this.db
      .prepare("UPDATE topics SET locked = 1, completed_at_ns = ? WHERE session_id = ?")
      .run(completedAtNs, sessionId);
  }

  delete(topicId: bigint): void {
    this.db.prepare("DELETE FROM topics WHERE topic_id = ?").run(topicId);
  }

  // --- data plane hooks (DoPut/DoGet are not implemented yet) -------------

  setUploadState(topicId: bigint, state: TopicRow["upload_state"]): void {
    this.db.prepare("UPDATE topics SET upload_state = ? WHERE topic_id = ?").run(state, topicId);
  }

  setSchema(topicId: bigint, schema: Uint8Array): void {
    this.db.prepare("UPDATE topics SET arrow_schema = ? WHERE topic_id = ?").run(schema, topicId);
  }

  /** Records one chunk file and folds its statistics into the topic row. */
  addChunk(chunk: Omit<ChunkRow, "chunk_id">): void {
    this.db
      .prepare(
        `INSERT INTO chunks (topic_id, chunk_index, file_name, row_count, byte_size,
           min_timestamp_ns, max_timestamp_ns)
         VALUES (@topic_id, @chunk_index, @file_name, @row_count, @byte_size,
           @min_timestamp_ns, @max_timestamp_ns)`,
      )
      .run(chunk);
    this.db
      .prepare(
        `UPDATE topics SET
           row_count = row_count + @row_count,
           total_bytes = total_bytes + @byte_size,
           min_timestamp_ns = CASE WHEN @min_timestamp_ns IS NULL THEN min_timestamp_ns
             ELSE MIN(COALESCE(min_timestamp_ns, @min_timestamp_ns), @min_timestamp_ns) END,
           max_timestamp_ns = CASE WHEN @max_timestamp_ns IS NULL THEN max_timestamp_ns
             ELSE MAX(COALESCE(max_timestamp_ns, @max_timestamp_ns), @max_timestamp_ns) END
         WHERE topic_id = @topic_id`,
      )
      .run(chunk);
  }

  listChunks(topicId: bigint): ChunkRow[] {
    return this.db
      .prepare("SELECT * FROM chunks WHERE topic_id = ? ORDER BY chunk_index")
      .all(topicId) as ChunkRow[];
  }

  countChunks(topicId: bigint): bigint {
    const row = this.db.prepare("SELECT COUNT(*) AS n FROM chunks WHERE topic_id = ?").get(topicId) as {
      n: bigint;
    };
    return row.n;
  }
}
