/**
 * The mosaicod releases this server speaks, one mode each (docs/protocol.md §0, §0.1):
 *   0.6 — J2: `version` action, J2 TopicAppMetadata, `mosaico:*` schema
 *         metadata, no GetSchema;
 *   0.7 — J3: `info` action with the release's limit names, J3
 *         TopicAppMetadata (data_info / time_window_info), sequence
 *         app-metadata with user_metadata, GetSchema, and no `mosaico:*`
 *         schema metadata (upstream PR #759).
 * What no release has (the seed's `api_key_*` actions) sits behind its own flag.
 */

/** A release mode: `--generation 0.6` or `--generation 0.7`. */
export type GenerationName = "0.6" | "0.7";

export interface Semver {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

export interface Generation {
  name: GenerationName;
  version: string;
  semver: Semver;
  /** Largest message the server accepts (0.7 `grpc_max_decode_message_size`; 0.6 MOSAICOD_MAX_GRPC_MESSAGE_SIZE). */
  maxMessageSize: number;
  /** Largest message the server may send (0.7 `grpc_max_encode_message_size`: mosaicod's GRPC_MSG_MAX_SIZE_BYTES). */
  maxEncodeMessageSize: number;
  /** Streaming target size (half of the limit in 0.6; 25 MiB default in 0.7). */
  targetMessageSize: number;
  /** Whether FlightInfo and DoGet schemas carry the `mosaico:*` keys (0.6 only). */
  schemaMetadata: boolean;
}

const MiB = 1024 * 1024;

export const GENERATIONS: Record<GenerationName, Generation> = {
  "0.6": {
    name: "0.6",
    version: "0.6.0",
    semver: { major: 0, minor: 6, patch: 0, pre: "" },
    maxMessageSize: 50 * MiB,
    maxEncodeMessageSize: 50 * MiB,
    targetMessageSize: 25 * MiB,
    schemaMetadata: true,
  },
  "0.7": {
    name: "0.7",
    version: "0.7.0",
    semver: { major: 0, minor: 7, patch: 0, pre: "" },
    maxMessageSize: 50 * MiB,
    maxEncodeMessageSize: 512 * MiB,
    targetMessageSize: 25 * MiB,
    schemaMetadata: false,
  },
};

/** The mode used when none is named: the newest release. */
export const DEFAULT_GENERATION: GenerationName = "0.7";

export function isGenerationName(value: unknown): value is GenerationName {
  return value === "0.6" || value === "0.7";
}
