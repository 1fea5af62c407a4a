/** Row shapes of the catalog tables (INTEGER columns read as bigint). */

export interface SequenceRow {
  sequence_id: bigint;
  locator: string;
  uuid: string;
  created_at_ns: bigint;
  user_metadata: string | null;
}

export interface SessionRow {
  session_id: bigint;
  uuid: string;
  locator: string;
  sequence_id: bigint;
  created_at_ns: bigint;
  completed_at_ns: bigint | null;
}

export type UploadState = "none" | "uploading" | "done";

export interface TopicRow {
  topic_id: bigint;
  locator: string;
  uuid: string;
  sequence_id: bigint;
  session_id: bigint;
  ontology_tag: string;
  serialization_format: string;
  user_metadata: string | null;
  created_at_ns: bigint;
  completed_at_ns: bigint | null;
  locked: bigint;
  arrow_schema: Uint8Array | null;
  upload_state: UploadState;
  row_count: bigint;
  total_bytes: bigint;
  min_timestamp_ns: bigint | null;
  max_timestamp_ns: bigint | null;
  data_path: string;
}

export interface ChunkRow {
  chunk_id: bigint;
  topic_id: bigint;
  chunk_index: bigint;
  file_name: string;
  row_count: bigint;
  byte_size: bigint;
  min_timestamp_ns: bigint | null;
  max_timestamp_ns: bigint | null;
  /** JSON text, see server/data/column-stats.ts. */
  column_stats: string;
}

export interface NotificationRow {
  notification_id: bigint;
  notification_type: string;
  msg: string;
  created_at_ns: bigint;
}

export interface ApiKeyRow {
  fingerprint: string;
  payload_sha256: string;
  permission: string;
  description: string;
  created_at_ns: bigint;
  expires_at_ns: bigint | null;
  revoked: bigint;
}
