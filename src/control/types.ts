/**
 * Typed results of control calls. Nanosecond times are `bigint` everywhere.
 */
import type { Schema } from "apache-arrow";
import type { JsonValue } from "../protocol/json.js";
import type { TopicAppMetadata, SessionAppMetadata } from "../protocol/codec/wire-types.js";

/** A topic as the catalog describes it. */
export interface TopicInfo {
  /** `<sequence>/<topic path>`, no leading slash. */
  locator: string;
  sequence: string;
  /** The topic path with a leading slash, as the Python SDK names topics. */
  name: string;
  createdAtNs: bigint;
  completedAtNs: bigint | null;
  locked: boolean;
  ontologyTag?: string;
  serializationFormat?: string;
  userMetadata: JsonValue;
  dataInfo?: TopicAppMetadata["dataInfo"];
  timeWindow?: TopicAppMetadata["timeWindow"];
  /** Arrow schema (topic FlightInfo only; absent before the first DoPut). */
  schema?: Schema;
  /** Opaque DoGet ticket for the requested range. */
  ticket: Uint8Array;
}

/** A sequence as the catalog describes it. */
export interface SequenceInfo {
  name: string;
  createdAtNs: bigint;
  userMetadata: JsonValue;
  sessions: SessionAppMetadata[];
  topics: TopicInfo[];
}

/** One notification of a sequence or topic (e.g. an upload error reported by a writer). */
export interface NotificationItem {
  /** Locator of the sequence or topic the notification belongs to. */
  locator: string;
  type: string;
  message: string;
  /** As the server formats it, e.g. `2026-03-25 10:11:12.123456 UTC`. */
  createdDatetime: string;
}

/** What createSession returns: the session's capability uuid and its locator. */
export interface SessionHandle {
  /** The capability needed by topic_create and session_finalize. */
  uuid: string;
  /** `<sequence>:<ulid>` (J2+); undefined on J1 servers. */
  locator?: string;
}

/** What apiKeyStatus() reports about a key (never the key itself). */
export interface ApiKeyStatus {
  fingerprint: string;
  description: string;
  createdAtNs: bigint;
  expiresAtNs: bigint | null;
  isExpired: boolean;
}
