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

  // --- data plane (DoPut / DoGet) -----------------------------------------

  /** Test hook and recovery: sets the upload state alone. */
  setUploadState(topicId: bigint, state: TopicRow["upload_state"]): void {
    this.db.prepare("UPDATE topics SET upload_state = ? WHERE topic_id = ?").run(state, topicId);
  }

  setSchema(topicId: bigint, schema: Uint8Array): void {
    this.db.prepare("UPDATE topics SET arrow_schema = ? WHERE topic_id = ?").run(schema, topicId);
  }

  /**
   * Claims a topic for one DoPut: `none` -> `uploading`, recording its schema.
   * False when the topic is gone or not in `none` any more (the caller has
   * already checked the state; this is the atomic test-and-set).
   */
  beginUpload(topicId: bigint, schema: Uint8Array): boolean {
    const info = this.db
      .prepare(
        `UPDATE topics SET upload_state = 'uploading', arrow_schema = ?
         WHERE topic_id = ? AND upload_state = 'none'`,
      )
      .run(schema, topicId);
    return info.changes === 1;
  }

  /**
   * Ends a successful DoPut in one transaction: the chunk rows appear, the
   * topic statistics are folded in and the state becomes `done`. False (and
   * nothing written) when the topic was deleted or reset meanwhile.
   */
  commitUpload(topicId: bigint, chunks: readonly Omit<ChunkRow, "chunk_id" | "topic_id">[]): boolean {
    return this.db.transaction(() => {
      const row = this.db
        .prepare("SELECT upload_state FROM topics WHERE topic_id = ?")
        .get(topicId) as { upload_state: string } | undefined;
      if (row?.upload_state !== "uploading") return false;
      for (const chunk of chunks) this.addChunk({ ...chunk, topic_id: topicId });
      this.setUploadState(topicId, "done");
      return true;
    })();
  }

  /**
   * Undoes a failed DoPut: back to `none` with no schema, chunks or
   * statistics, so that the topic can be uploaded again.
   */
  abortUpload(topicId: bigint): void {
    this.db.transaction(() => {
      const row = this.db
        .prepare("SELECT upload_state FROM topics WHERE topic_id = ?")
        .get(topicId) as { upload_state: string } | undefined;
      if (row?.upload_state !== "uploading") return; // gone, or a committed upload
      this.db.prepare("DELETE FROM chunks WHERE topic_id = ?").run(topicId);
      this.db
        .prepare(
          `UPDATE topics SET upload_state = 'none', arrow_schema = NULL, row_count = 0,
             total_bytes = 0, min_timestamp_ns = NULL, max_timestamp_ns = NULL
           WHERE topic_id = ?`,
        )
        .run(topicId);
    })();
  }

  /** Topics whose DoPut never ended (the server stopped during an upload). */
  listUploading(): TopicRow[] {
    return this.db
      .prepare("SELECT * FROM topics WHERE upload_state = 'uploading' ORDER BY topic_id")
      .all() as TopicRow[];
  }

  /** Records one chunk file and folds its statistics into the topic row. */
  addChunk(chunk: Omit<ChunkRow, "chunk_id">): void {
    this.db
      .prepare(
        `INSERT INTO chunks (topic_id, chunk_index, file_name, row_count, byte_size,
           min_timestamp_ns, max_timestamp_ns, column_stats)
         VALUES (@topic_id, @chunk_index, @file_name, @row_count, @byte_size,
           @min_timestamp_ns, @max_timestamp_ns, @column_stats)`,
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
      .run({
        topic_id: chunk.topic_id,
        row_count: chunk.row_count,
        byte_size: chunk.byte_size,
        min_timestamp_ns: chunk.min_timestamp_ns,
        max_timestamp_ns: chunk.max_timestamp_ns,
      });
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
