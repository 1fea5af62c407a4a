/**
 * The embedded persistent store: one SQLite catalog plus the data folder.
 * better-sqlite3 is synchronous, so each action handler that touches the
 * catalog without awaiting in between is atomic with respect to other calls.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { ApiKeyStore } from "./api-key-store.js";
import { NotificationStore } from "./notification-store.js";
import { migrate } from "./schema.js";
import { SequenceStore } from "./sequence-store.js";
import { SessionStore } from "./session-store.js";
import { openSqlite, type SqliteDatabase } from "./sqlite.js";
import { TopicStore } from "./topic-store.js";

export class Catalog {
  readonly sequences: SequenceStore;
  readonly sessions: SessionStore;
  readonly topics: TopicStore;
  readonly notifications: NotificationStore;
  readonly apiKeys: ApiKeyStore;
  /** `<data-dir>/data`: one folder per topic for Arrow IPC chunk files. */
  readonly dataRoot: string;
  private readonly db: SqliteDatabase;

  private constructor(db: SqliteDatabase, dataRoot: string) {
    this.db = db;
    this.dataRoot = dataRoot;
    this.sequences = new SequenceStore(db);
    this.sessions = new SessionStore(db);
    this.topics = new TopicStore(db);
    this.notifications = new NotificationStore(db);
    this.apiKeys = new ApiKeyStore(db);
  }

  static open(dataDir: string): Catalog {
    const root = resolve(dataDir);
    const dataRoot = join(root, "data");
    mkdirSync(dataRoot, { recursive: true });
    const db = openSqlite(join(root, "catalog.sqlite"));
    try {
      migrate(db);
    } catch (cause) {
      db.close();
      throw cause;
    }
    return new Catalog(db, dataRoot);
  }

  /**
   * A topic left in `uploading` by a previous run (the process stopped during
   * a DoPut) gets the same treatment as a failed DoPut: its partial chunk
   * files are removed and it can be uploaded again. Only one server may own a
   * data directory, so the server calls this once at start-up (not on every
   * open: tests open a second handle next to a running server).
   */
  recoverInterruptedUploads(): void {
    for (const topic of this.topics.listUploading()) {
      rmSync(this.topicDataDir(topic.data_path), { recursive: true, force: true });
      this.topics.abortUpload(topic.topic_id);
    }
  }

  /** Runs `fn` in one SQLite transaction (rolled back if it throws). */
  transaction<R>(fn: () => R): R {
    return this.db.transaction(fn)();
  }

  /** Absolute folder of a topic's chunk files. */
  topicDataDir(dataPath: string): string {
    return join(this.dataRoot, dataPath);
  }

  /** Removes topic folders after their rows were deleted (best effort). */
  removeTopicData(dataPaths: readonly string[]): void {
    for (const path of dataPaths) {
      rmSync(this.topicDataDir(path), { recursive: true, force: true });
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
