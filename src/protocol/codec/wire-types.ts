/**
 * The decoded shapes of what the server sends about itself and its resources:
 * version/info, and the app-metadata of sequences and topics (docs/protocol.md §4.6,
 * §6.1). Every generation's codec decodes into these; nanosecond times are
 * `bigint` everywhere.
 */
import type { JsonValue } from "../json.js";

/** Wire generations of mosaicod (docs/protocol.md §0): J1 before 0.6, J2 = the 0.6 line, J3 = `info` (0.7). */
export type ProtocolGeneration = "J1" | "J2" | "J3";

/** A half-open time range `[startNs, endNs)`; either bound may be omitted. */
export interface TimeRange {
  /** First nanosecond included; unbounded when omitted. */
  startNs?: bigint | undefined;
  /** First nanosecond excluded; unbounded when omitted. */
  endNs?: bigint | undefined;
}

/** A closed interval of stored data `[startNs, endNs]` as the server reports it. */
export interface TimeInterval {
  /** First timestamp present. */
  startNs: bigint;
  /** Last timestamp present. */
  endNs: bigint;
}

/** A semantic version as mosaicod reports it. */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release label, "" for a release. */
  pre: string;
}

/** The message limits a 0.7 server reports in `info.config` (absent fields: not reported). */
export interface ServerLimits {
  /** `grpc_max_decode_message_size`: the largest message the server accepts (uploads must stay below). */
  maxDecodeMessageBytes?: number;
  /** `grpc_max_encode_message_size`: the largest message the server may send. */
  maxEncodeMessageBytes?: number;
  /** `grpc_target_encode_message_size`: the size the server aims for when streaming data. */
  targetEncodeMessageBytes?: number;
}

/** What `version()` returns. */
export interface ServerVersion {
  /** The version string, e.g. `0.7.0`. */
  version: string;
  /** The same, parsed. */
  semver: SemVer;
  /** The wire generation detected at connect. */
  generation: ProtocolGeneration;
  /** Server limits, when the server reports them (J3 `info`). */
  config?: ServerLimits;
  /** The response exactly as decoded. */
  raw: JsonValue;
}

/** One upload session of a sequence, from the sequence's app-metadata. */
export interface SessionAppMetadata {
  /** `<sequence>:<id>` (early J2: the session uuid). */
  locator: string;
  createdAtNs: bigint;
  /** When the session was finalized; null while open. */
  completedAtNs: bigint | null;
  locked: boolean;
  /** Locators of the session's topics. */
  topics: string[];
}

/** A sequence's FlightInfo app-metadata, normalized across generations. */
export interface SequenceAppMetadata {
  locator: string;
  createdAtNs: bigint;
  /** J3 only; J2 carries user metadata in the schema metadata. */
  userMetadata?: JsonValue;
  sessions: SessionAppMetadata[];
}

/** TopicAppMetadata, normalized from the J2 and J3 shapes (docs/protocol.md §6.1). */
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

/** How a session is named in `session_delete`: its uuid (J1) or its locator (J2+). */
export interface SessionRef {
  uuid?: string;
  locator?: string;
}
