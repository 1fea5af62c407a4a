/**
 * The two JSON protocol generations this server can speak (protocol §0, §4.6):
 *   j2 — the 0.6 line: `version` action, J2 TopicAppMetadata, no GetSchema;
 *   j3 — the 0.7 line: `info` action, J3 TopicAppMetadata (data_info /
 *        time_window_info), sequence app-metadata with user_metadata, GetSchema.
 * Both keep J1's api_key_* actions (this project's target mixes them in).
 */

export type GenerationName = "j2" | "j3";

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
  /** Per-message gRPC limit the server enforces and reports (j3 `info`). */
  maxMessageSize: number;
  /** Streaming target size (half of the limit in 0.6; 25 MiB default in 0.7). */
  targetMessageSize: number;
}

/** Identifies this implementation next to the mosaicod version fields. */
export const SERVER_NAME = "mosaico-web reference";

const MiB = 1024 * 1024;

export const GENERATIONS: Record<GenerationName, Generation> = {
  j2: {
    name: "j2",
    version: "0.6.0",
    semver: { major: 0, minor: 6, patch: 0, pre: "" },
    maxMessageSize: 50 * MiB,
    targetMessageSize: 25 * MiB,
  },
  j3: {
    name: "j3",
    version: "0.7.0",
    semver: { major: 0, minor: 7, patch: 0, pre: "" },
    maxMessageSize: 50 * MiB,
    targetMessageSize: 25 * MiB,
  },
};

export function isGenerationName(value: unknown): value is GenerationName {
  return value === "j2" || value === "j3";
}
