/**
 * Permissions of API keys, in the two models this server knows:
 *   granular (mosaicod 0.6 and 0.7, upstream #615): a key holds a set of
 *     `read`, `write`, `delete`, checked separately, no hierarchy, no manage;
 *     stored as "read,write";
 *   levels (the seed's J1 key management, only with --key-actions): one level
 *     per key, hierarchical read ⊂ write ⊂ delete ⊂ manage (docs/protocol.md §2.4).
 * With API keys disabled every call may do everything (mosaicod injects all bits).
 */

export const PERMISSIONS = ["read", "write", "delete", "manage"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The permissions of 0.6/0.7 keys. */
export const GRANULAR_PERMISSIONS = ["read", "write", "delete"] as const;

/** Which permission model a server mode uses. */
export type PermissionModel = "granular" | "levels";

/** What a caller may do: the set of permissions its key grants. */
export type Grant = ReadonlySet<Permission>;

/** The grant of a call when keys are off. */
export const FULL_GRANT: Grant = new Set(PERMISSIONS);

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && (PERMISSIONS as readonly string[]).includes(value);
}

/** "read, write" -> ["read", "write"]; undefined when empty, unknown or (granular) `manage`. */
export function parsePermissionSet(text: string, model: PermissionModel): Permission[] | undefined {
  const items = text.split(",").map((item) => item.trim().toLowerCase()).filter((item) => item !== "");
  if (items.length === 0) return undefined;
  const allowed: readonly string[] = model === "granular" ? GRANULAR_PERMISSIONS : PERMISSIONS;
  if (!items.every((item) => allowed.includes(item))) return undefined;
  if (model === "levels" && items.length !== 1) return undefined;
  return [...new Set(items)] as Permission[];
}

/** A stored permission string -> what the key may do, in the mode's model; undefined when corrupted. */
export function grantOf(stored: string, model: PermissionModel): Grant | undefined {
  if (model === "granular") {
    const set = parsePermissionSet(stored, "granular");
    return set && new Set(set);
  }
  if (!isPermission(stored)) return undefined;
  return new Set(PERMISSIONS.slice(0, PERMISSIONS.indexOf(stored) + 1));
}

/** True when a caller with `grant` may do what needs `required`. */
export function allows(grant: Grant, required: Permission): boolean {
  return grant.has(required);
}
