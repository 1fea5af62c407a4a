/**
 * Catalog schema (SQLite, `<data-dir>/catalog.sqlite`). Versioned with
 * `PRAGMA user_version`; each entry of MIGRATIONS upgrades by one version.
 *
 * Topic data is laid out for a later data plane: each topic owns a folder
 * `<data-dir>/data/<data_path>/` holding Arrow IPC chunk files, listed in
 * `chunks`; the topic row keeps the schema and the aggregated statistics.
 */
import type { SqliteDatabase } from "./sqlite.js";

const V1 = `
CREATE TABLE sequences (
  sequence_id    INTEGER PRIMARY KEY,
  locator        TEXT    NOT NULL UNIQUE,
  uuid           TEXT    NOT NULL UNIQUE,
  created_at_ns  INTEGER NOT NULL,
  user_metadata  TEXT              -- JSON text; NULL = none
);

CREATE TABLE sessions (
  session_id       INTEGER PRIMARY KEY,
  uuid             TEXT    NOT NULL UNIQUE,
  locator          TEXT    NOT NULL UNIQUE,  -- seq:ULID
  sequence_id      INTEGER NOT NULL REFERENCES sequences(sequence_id) ON DELETE CASCADE,
  created_at_ns    INTEGER NOT NULL,
  completed_at_ns  INTEGER
);
CREATE INDEX sessions_by_sequence ON sessions(sequence_id);

CREATE TABLE topics (
  topic_id              INTEGER PRIMARY KEY,
  locator               TEXT    NOT NULL UNIQUE,  -- seq/topic/path
  uuid                  TEXT    NOT NULL UNIQUE,
  sequence_id           INTEGER NOT NULL REFERENCES sequences(sequence_id) ON DELETE CASCADE,
  session_id            INTEGER NOT NULL REFERENCES sessions(session_id) ON DELETE CASCADE,
  ontology_tag          TEXT    NOT NULL,
  serialization_format  TEXT    NOT NULL,
  user_metadata         TEXT,
  created_at_ns         INTEGER NOT NULL,
  completed_at_ns       INTEGER,
  locked                INTEGER NOT NULL DEFAULT 0,
  arrow_schema          BLOB,             -- IPC Schema message from DoPut; NULL before
  upload_state          TEXT    NOT NULL DEFAULT 'none'
                        CHECK (upload_state IN ('none', 'uploading', 'done')),
  row_count             INTEGER NOT NULL DEFAULT 0,
  total_bytes           INTEGER NOT NULL DEFAULT 0,
  min_timestamp_ns      INTEGER,
  max_timestamp_ns      INTEGER,
  data_path             TEXT    NOT NULL UNIQUE  -- folder under <data-dir>/data/
);
CREATE INDEX topics_by_sequence ON topics(sequence_id);
CREATE INDEX topics_by_session ON topics(session_id);

CREATE TABLE chunks (
  chunk_id          INTEGER PRIMARY KEY,
  topic_id          INTEGER NOT NULL REFERENCES topics(topic_id) ON DELETE CASCADE,
  chunk_index       INTEGER NOT NULL,
  file_name         TEXT    NOT NULL,  -- inside the topic's data_path folder
  row_count         INTEGER NOT NULL,
  byte_size         INTEGER NOT NULL,
  min_timestamp_ns  INTEGER,
  max_timestamp_ns  INTEGER,
  UNIQUE (topic_id, chunk_index)
);

CREATE TABLE notifications (
  notification_id    INTEGER PRIMARY KEY,
  sequence_id        INTEGER REFERENCES sequences(sequence_id) ON DELETE CASCADE,
  topic_id           INTEGER REFERENCES topics(topic_id) ON DELETE CASCADE,
  notification_type  TEXT    NOT NULL,
  msg                TEXT    NOT NULL,
  created_at_ns      INTEGER NOT NULL,
  CHECK ((sequence_id IS NULL) <> (topic_id IS NULL))
);
CREATE INDEX notifications_by_sequence ON notifications(sequence_id);
CREATE INDEX notifications_by_topic ON notifications(topic_id);

CREATE TABLE api_keys (
  fingerprint     TEXT    PRIMARY KEY,
  payload_sha256  TEXT    NOT NULL,
  permission      TEXT    NOT NULL CHECK (permission IN ('read', 'write', 'delete', 'manage')),
  description     TEXT    NOT NULL,
  created_at_ns   INTEGER NOT NULL,
  expires_at_ns   INTEGER,
  revoked         INTEGER NOT NULL DEFAULT 0
);
`;

/**
 * V2 (data plane): per-chunk statistics of every leaf column, as JSON text
 * `{"<dot.joined.path>": {"min", "max", "null_count"?, "nan_count"?}}`
 * (server/data/column-stats.ts), for a later query engine to skip chunks.
 */
const V2 = `
ALTER TABLE chunks ADD COLUMN column_stats TEXT NOT NULL DEFAULT '{}';
`;

/**
 * V3 (key management per release): `permission` holds a granular set
 * ("read,write", mosaicod 0.6/0.7) or one J1 level (--key-actions), so the
 * level-only CHECK goes; the table is rebuilt because SQLite cannot drop a CHECK.
 */
const V3 = `
CREATE TABLE api_keys_v3 (
  fingerprint     TEXT    PRIMARY KEY,
  payload_sha256  TEXT    NOT NULL,
  permission      TEXT    NOT NULL CHECK (permission <> ''),
  description     TEXT    NOT NULL,
  created_at_ns   INTEGER NOT NULL,
  expires_at_ns   INTEGER,
  revoked         INTEGER NOT NULL DEFAULT 0
);
INSERT INTO api_keys_v3 SELECT fingerprint, payload_sha256, permission, description, created_at_ns, expires_at_ns, revoked FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_v3 RENAME TO api_keys;
`;

const MIGRATIONS: readonly string[] = [V1, V2, V3];

export function migrate(db: SqliteDatabase): void {
  const current = Number(db.pragma("user_version", { simple: true }));
  if (current > MIGRATIONS.length) {
    throw new Error(
      `catalog schema version ${current} is newer than this server (${MIGRATIONS.length})`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
