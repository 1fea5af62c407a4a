/**
 * Permissions of the J1 key model used by this server: one level per key,
 * hierarchical read ⊂ write ⊂ delete ⊂ manage (protocol §2.4). With API keys
 * disabled every call runs with `manage` (mosaicod injects all bits).
 */

export const PERMISSIONS = ["read", "write", "delete", "manage"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && (PERMISSIONS as readonly string[]).includes(value);
}

/** True when a key of level `granted` may do what needs `required`. */
export function allows(granted: Permission, required: Permission): boolean {
  return PERMISSIONS.indexOf(granted) >= PERMISSIONS.indexOf(required);
}
