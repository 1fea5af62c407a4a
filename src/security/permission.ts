/**
 * API key permission levels, as the seed names them (APIKeyPermissionEnum).
 * Levels are hierarchical: write includes read, delete includes write, manage
 * includes everything plus key management (protocol §2.4, J1).
 */
export const APIKeyPermission = {
  Read: "read",
  Write: "write",
  Delete: "delete",
  Manage: "manage",
} as const;

export type APIKeyPermission = (typeof APIKeyPermission)[keyof typeof APIKeyPermission];

const levels: readonly string[] = Object.values(APIKeyPermission);

export function isApiKeyPermission(value: unknown): value is APIKeyPermission {
  return typeof value === "string" && levels.includes(value);
}
