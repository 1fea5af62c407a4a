/**
 * API key permission levels, as the seed names them (APIKeyPermissionEnum).
 * Levels are hierarchical: write includes read, delete includes write, manage
 * includes everything plus key management (docs/protocol.md §2.4, J1).
 */
/** The permission levels of an API key, lowest first (`createApiKey({ permission })`). */
export const APIKeyPermission = {
  /** Listing, inspecting, reading and querying. */
  Read: "read",
  /** Read, plus creating sequences, sessions and topics, uploading data and posting notifications. */
  Write: "write",
  /** Write, plus deleting sequences, sessions and topics and purging notifications. */
  Delete: "delete",
  /** Everything, plus creating, inspecting and revoking API keys. */
  Manage: "manage",
} as const;

/** One of the {@link APIKeyPermission} values. */
export type APIKeyPermission = (typeof APIKeyPermission)[keyof typeof APIKeyPermission];

const levels: readonly string[] = Object.values(APIKeyPermission);

/** True for one of the {@link APIKeyPermission} strings. */
export function isApiKeyPermission(value: unknown): value is APIKeyPermission {
  return typeof value === "string" && levels.includes(value);
}
