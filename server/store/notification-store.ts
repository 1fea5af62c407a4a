/** Notifications attached to a sequence or to a topic (type is always `error` today). */
import type { SqliteDatabase } from "./sqlite.js";
import type { NotificationRow } from "./rows.js";

export type NotificationTarget = { sequenceId: bigint } | { topicId: bigint };

function column(target: NotificationTarget): ["sequence_id" | "topic_id", bigint] {
  return "sequenceId" in target ? ["sequence_id", target.sequenceId] : ["topic_id", target.topicId];
}

export class NotificationStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(target: NotificationTarget, type: string, msg: string, createdAtNs: bigint): void {
    const [col, id] = column(target);
    this.db
      .prepare(
        `INSERT INTO notifications (${col}, notification_type, msg, created_at_ns)
         VALUES (?, ?, ?, ?)`,
      )
      .run(id, type, msg, createdAtNs);
  }

  list(target: NotificationTarget): NotificationRow[] {
    const [col, id] = column(target);
    return this.db
      .prepare(
        `SELECT notification_id, notification_type, msg, created_at_ns
         FROM notifications WHERE ${col} = ? ORDER BY notification_id`,
      )
      .all(id) as NotificationRow[];
  }

  purge(target: NotificationTarget): void {
    const [col, id] = column(target);
    this.db.prepare(`DELETE FROM notifications WHERE ${col} = ?`).run(id);
  }
}
