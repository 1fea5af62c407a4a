/**
 * `npm run server -- api-key <create|status|revoke|list|purge>`: key
 * management on the data directory, as mosaicod 0.6/0.7 do it with
 * `mosaicod api-key ...` (upstream #615): keys are granular permission sets
 * and are never managed over Flight in those releases.
 */
import { parseArgs } from "node:util";
import { parsePermissionSet } from "../auth/permissions.js";
import { generateToken, hashPayload, isFingerprint } from "../auth/token.js";
import { systemClock, type Clock } from "../core/time.js";
import { Catalog } from "../store/catalog.js";
import type { ApiKeyRow } from "../store/rows.js";

export const API_KEY_HELP = `Usage: npm run server -- api-key <command> [--data-dir <dir>]

  create --permissions read,write[,delete] [--expires <ISO date | duration like 30d, 12h>] [--description <text>]
                      prints the new token (shown once)
  status <fingerprint>  what the key may do, when it was made and expires
  revoke <fingerprint>  the key stops working at once
  list                  every key, newest first (fingerprints, never tokens)
  purge                 deletes revoked and expired keys
`;

/** What a command printed, and its exit status. */
export interface CommandResult {
  output: string;
  status: number;
}

const NS_PER_MS = 1_000_000n;
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30d`, `12h`, or an ISO date -> expiry in ns since the epoch. */
function parseExpiry(text: string, now: bigint): bigint {
  const duration = /^(\d+)([smhd])$/.exec(text);
  if (duration) return now + BigInt(Number(duration[1]) * UNITS[duration[2]!]!) * NS_PER_MS;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`--expires ${text}: use an ISO date or a duration such as 30d`);
  const ns = BigInt(ms) * NS_PER_MS;
  if (ns <= now) throw new Error(`--expires ${text}: that is in the past; a key must expire in the future`);
  return ns;
}

function iso(ns: bigint | null): string {
  return ns === null ? "never" : new Date(Number(ns / NS_PER_MS)).toISOString();
}

function describe(row: ApiKeyRow, now: bigint): string {
  const state = row.revoked !== 0n ? "revoked" : row.expires_at_ns !== null && row.expires_at_ns <= now ? "expired" : "active";
  return `${row.fingerprint}  ${row.permission.padEnd(17)} ${state.padEnd(8)} created ${iso(row.created_at_ns)}  expires ${iso(row.expires_at_ns)}  ${row.description}`;
}

function requireKey(catalog: Catalog, fingerprint: string | undefined): ApiKeyRow {
  if (!fingerprint || !isFingerprint(fingerprint)) throw new Error("give the key's fingerprint (the last 8 characters of its token)");
  const row = catalog.apiKeys.find(fingerprint);
  if (!row) throw new Error(`no API key with fingerprint ${fingerprint}`);
  return row;
}

/** Runs one `api-key` command against the catalog in `--data-dir`. */
export function runApiKeyCommand(args: string[], defaultDataDir: string, now: Clock = systemClock): CommandResult {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        "data-dir": { type: "string" },
        permissions: { type: "string" },
        expires: { type: "string" },
        description: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (cause) {
    return { output: `error: ${(cause as Error).message}\n\n${API_KEY_HELP}`, status: 2 };
  }
  const [command, target] = parsed.positionals;
  if (parsed.values.help || !command) return { output: API_KEY_HELP, status: command ? 0 : 2 };
  const catalog = Catalog.open(parsed.values["data-dir"] ?? defaultDataDir);
  try {
    const nowNs = now();
    switch (command) {
      case "create": {
        const text = parsed.values.permissions;
        const permissions = text === undefined ? undefined : parsePermissionSet(text, "granular");
        if (!permissions) throw new Error("--permissions takes read, write and/or delete, comma-separated (e.g. read,write)");
        const { token, payload, fingerprint } = generateToken();
        catalog.apiKeys.insert({
          fingerprint,
          payload_sha256: hashPayload(payload),
          permission: permissions.join(","),
          description: parsed.values.description ?? "",
          created_at_ns: nowNs,
          expires_at_ns: parsed.values.expires === undefined ? null : parseExpiry(parsed.values.expires, nowNs),
        });
        return { output: `${token}\n`, status: 0 };
      }
      case "status":
        return { output: `${describe(requireKey(catalog, target), nowNs)}\n`, status: 0 };
      case "revoke":
        requireKey(catalog, target);
        catalog.apiKeys.revoke(target!);
        return { output: `revoked ${target}\n`, status: 0 };
      case "list":
        return { output: catalog.apiKeys.list().map((row) => `${describe(row, nowNs)}\n`).join(""), status: 0 };
      case "purge":
        return { output: `purged ${catalog.apiKeys.purge(nowNs)} key(s)\n`, status: 0 };
      default:
        return { output: `error: unknown api-key command ${command}\n\n${API_KEY_HELP}`, status: 2 };
    }
  } catch (cause) {
    return { output: `error: ${(cause as Error).message}\n`, status: 1 };
  } finally {
    catalog.close();
  }
}
