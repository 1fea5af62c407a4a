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

  create --permissions "read|write[|delete]" [-d <description>]
         [--expires-in <ISO 8601 duration, e.g. P30D, PT12H>] [--expires-at <RFC 3339 time>]
                      prints the new token (shown once)
  status <fingerprint>  what the key may do, when it was made and expires
  revoke <fingerprint>  the key stops working at once
  list                  every key, newest first (fingerprints, never tokens)
  purge [-A|--all]      deletes expired (and revoked) keys; --all deletes every key
`;

/** What a command printed, and its exit status. */
export interface CommandResult {
  output: string;
  status: number;
}

const NS_PER_MS = 1_000_000n;

/**
 * `--expires-in P1Y2M3DT4H5M6S` (ISO 8601; years and months move the
 * calendar date, as a date library would) -> expiry in ns since the epoch.
 */
function expiryIn(text: string, now: bigint): bigint {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!match || text === "P" || text.endsWith("T")) throw new Error(`--expires-in ${text}: use an ISO 8601 duration such as P30D, P1Y2M3D or PT12H`);
  const [, y, mo, w, d, h, mi, sec] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const date = new Date(Number(now / NS_PER_MS));
  date.setUTCFullYear(date.getUTCFullYear() + y!, date.getUTCMonth() + mo!, date.getUTCDate() + 7 * w! + d!);
  const ms = date.getTime() + ((h! * 60 + mi!) * 60 + sec!) * 1000;
  const ns = BigInt(Math.round(ms)) * NS_PER_MS + (now % NS_PER_MS);
  if (ns <= now) throw new Error(`--expires-in ${text}: the duration is zero; a key must expire in the future`);
  return ns;
}

/** `--expires-at 2027-03-27T12:20:00Z` (RFC 3339) -> expiry in ns since the epoch. */
function expiryAt(text: string, now: bigint): bigint {
  const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
  const ms = rfc3339.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`--expires-at ${text}: use an RFC 3339 time such as 2027-03-27T12:20:00Z`);
  const ns = BigInt(ms) * NS_PER_MS;
  if (ns <= now) throw new Error(`--expires-at ${text}: that is in the past; a key must expire in the future`);
  return ns;
}

function expiryOf(values: { "expires-in"?: string | undefined; "expires-at"?: string | undefined }, now: bigint): bigint | null {
  if (values["expires-in"] !== undefined && values["expires-at"] !== undefined) throw new Error("give --expires-in or --expires-at, not both");
  if (values["expires-in"] !== undefined) return expiryIn(values["expires-in"], now);
  if (values["expires-at"] !== undefined) return expiryAt(values["expires-at"], now);
  return null;
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
        "expires-in": { type: "string" },
        "expires-at": { type: "string" },
        description: { type: "string", short: "d" },
        all: { type: "boolean", short: "A" },
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
        // mosaicod joins the set with "|" ("read|write"); a comma is taken too.
        const text = parsed.values.permissions?.replaceAll("|", ",");
        const permissions = text === undefined ? undefined : parsePermissionSet(text, "granular");
        if (!permissions) throw new Error('--permissions takes read, write and/or delete, joined with | (e.g. "read|write")');
        const { token, payload, fingerprint } = generateToken();
        catalog.apiKeys.insert({
          fingerprint,
          payload_sha256: hashPayload(payload),
          permission: permissions.join(","),
          description: parsed.values.description ?? "",
          created_at_ns: nowNs,
          expires_at_ns: expiryOf(parsed.values, nowNs),
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
        return { output: `purged ${catalog.apiKeys.purge(nowNs, { all: parsed.values.all === true })} key(s)\n`, status: 0 };
      default:
        return { output: `error: unknown api-key command ${command}\n\n${API_KEY_HELP}`, status: 2 };
    }
  } catch (cause) {
    return { output: `error: ${(cause as Error).message}\n`, status: 1 };
  } finally {
    catalog.close();
  }
}
