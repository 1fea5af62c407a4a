/**
 * Typed results of control calls. Nanosecond times are `bigint` everywhere.
 */
import type { Schema } from "apache-arrow";
import type { JsonValue } from "./json.js";
import type { ProtocolGeneration } from "./codec/wire-codec.js";

/** A half-open time range `[startNs, endNs)`; either bound may be omitted. */
export interface TimeRange {
  startNs?: bigint;
  endNs?: bigint;
}

/** A closed interval of stored data `[startNs, endNs]` as the server reports it. */
export interface TimeInterval {
  startNs: bigint;
  endNs: bigint;
}

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

/** What `version()` / `info()` return. */
export interface ServerVersion {
  version: string;
  semver: SemVer;
  /** The wire generation detected at connect. */
  generation: ProtocolGeneration;
  /** Server limits, when the server reports them (J3 `info`). */
  config?: { maxMessageSizeBytes?: number; targetMessageSizeBytes?: number };
  /** The response exactly as decoded. */
  raw: JsonValue;
}

export interface SessionAppMetadata {
  locator: string;
  createdAtNs: bigint;
  completedAtNs: bigint | null;
  locked: boolean;
  topics: string[];
}

export interface SequenceAppMetadata {
  locator: string;
  createdAtNs: bigint;
  /** J3 only; J2 carries user metadata in the schema metadata. */
  userMetadata?: JsonValue;
  sessions: SessionAppMetadata[];
}

/** TopicAppMetadata, normalized from the J2 and J3 shapes (protocol §6.1). */
export interface TopicAppMetadata {
  locator: string;
  createdAtNs: bigint;
  completedAtNs: bigint | null;
  locked: boolean;
  /** J3 only (J2: from the schema's `mosaico:properties`). */
  ontologyTag?: string;
  serializationFormat?: string;
  userMetadata?: JsonValue;
  /** Whole-topic data facts (J2 `info`, J3 `data_info`). */
  dataInfo?: {
    interval: TimeInterval | null;
    rowCount?: bigint;
    totalBytes?: bigint;
    chunks?: number;
  };
  /** J3: what falls in the requested time range (null when none was requested). */
  timeWindow?: { interval: TimeInterval | null; rowCount: bigint } | null;
}

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

export interface SequenceInfo {
  name: string;
  createdAtNs: bigint;
  userMetadata: JsonValue;
  sessions: SessionAppMetadata[];
  topics: TopicInfo[];
}

export interface NotificationItem {
  /** Locator of the sequence or topic the notification belongs to. */
  locator: string;
  type: string;
  message: string;
  /** As the server formats it, e.g. `2026-03-25 10:11:12.123456 UTC`. */
  createdDatetime: string;
}

export interface SessionHandle {
  /** The capability needed by topic_create and session_finalize. */
  uuid: string;
  /** `<sequence>:<ulid>` (J2+); undefined on J1 servers. */
  locator?: string;
}

export interface ApiKeyStatus {
  fingerprint: string;
  description: string;
  createdAtNs: bigint;
  expiresAtNs: bigint | null;
  isExpired: boolean;
}
