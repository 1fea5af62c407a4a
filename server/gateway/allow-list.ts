/**
 * What a gateway forwards. An allow-list is a set of tokens:
 *   - permission classes `read`, `write`, `delete`, `manage` (granular, like
 *     J2 key permissions: `read` alone is a read-only gateway, `read|write`
 *     adds uploads but no deletes);
 *   - DoAction names (`sequence_create`), for a finer list;
 *   - Flight RPC names (`DoPut`, `DoGet`, … as in Flight.proto).
 * The class of each RPC and action is mosaicod's permission table (protocol
 * §4.7); `version` / `info` need no permission and always pass; an action not
 * in the table (an unknown or newer verb) passes only when listed by name.
 * No allow-list (undefined) forwards everything.
 */
import { Code, ConnectError } from "@connectrpc/connect";

export const PERMISSION_CLASSES = ["read", "write", "delete", "manage"] as const;
export type PermissionClass = (typeof PERMISSION_CLASSES)[number];

/** Flight RPCs (Flight.proto names) and the class each needs. */
export const RPC_CLASSES: Readonly<Record<string, PermissionClass>> = {
  Handshake: "read",
  ListFlights: "read",
  GetFlightInfo: "read",
  PollFlightInfo: "read",
  GetSchema: "read",
  DoGet: "read",
  DoPut: "write",
  DoExchange: "write",
  // DoAction: per action, below.
  ListActions: "read",
};

/** DoAction verbs of the JSON generations (J1-J3) and the class each needs; null = none. */
export const ACTION_CLASSES: Readonly<Record<string, PermissionClass | null>> = {
  version: null,
  info: null,
  query: "read",
  sequence_notification_list: "read",
  topic_notification_list: "read",
  topic_filter_clusterize: "read",
  topic_filter_intersect: "read",
  sequence_create: "write",
  session_create: "write",
  session_finalize: "write",
  topic_create: "write",
  sequence_notification_create: "write",
  topic_notification_create: "write",
  sequence_delete: "delete",
  session_delete: "delete",
  topic_delete: "delete",
  sequence_notification_purge: "delete",
  topic_notification_purge: "delete",
  api_key_create: "manage",
  api_key_status: "manage",
  api_key_revoke: "manage",
};

export interface AllowList {
  /** The tokens as given, for messages. */
  readonly description: string;
  rpc(name: string): boolean;
  action(name: string): boolean;
}

function isClass(token: string): token is PermissionClass {
  return (PERMISSION_CLASSES as readonly string[]).includes(token);
}

/**
 * Parses allow-list values; each may hold several tokens separated by `|`,
 * `,` or spaces. Throws on an empty list or an unknown token shape.
 */
export function parseAllowList(values: readonly string[]): AllowList {
  const tokens = values.flatMap((value) => value.split(/[|,\s]+/)).filter((t) => t !== "");
  if (tokens.length === 0) throw new Error("the gateway allow-list is empty");
  const classes = new Set<PermissionClass>();
  const names = new Set<string>();
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (isClass(lower)) classes.add(lower);
    else if (/^[A-Za-z][A-Za-z0-9_]*$/.test(token)) names.add(token);
    else throw new Error(`invalid allow-list entry ${JSON.stringify(token)}`);
  }
  return {
    description: tokens.join("|"),
    rpc(name) {
      if (names.has(name)) return true;
      const needed = RPC_CLASSES[name];
      return needed !== undefined && classes.has(needed);
    },
    action(name) {
      if (names.has(name)) return true;
      const needed = ACTION_CLASSES[name];
      if (needed === null) return true;
      return needed !== undefined && classes.has(needed);
    },
  };
}

/** mosaicod words permission refusals "Unauthorized: …" (docs/protocol.md §2.2). */
export function notForwarded(what: string, allow: AllowList): ConnectError {
  const needed = RPC_CLASSES[what] ?? ACTION_CLASSES[what];
  const needs = needed ? ` (it needs ${needed} permission)` : "";
  return new ConnectError(
    `Unauthorized: this gateway does not forward ${what}${needs}; it allows ${allow.description}.`,
    Code.PermissionDenied,
  );
}
