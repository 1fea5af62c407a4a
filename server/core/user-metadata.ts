/**
 * User-metadata validation (docs/protocol.md §3, mosaicod-marshal `metadata.rs`): every
 * object key, at any depth and inside arrays too, must be non-empty, made of
 * ASCII letters/digits, space, `_` or `-`, and must not contain `--`.
 */
import { type JsonValue, stringifyJson } from "../../src/protocol/index.js";
import { errors } from "./errors.js";

const KEY_RE = /^[A-Za-z0-9 _-]+$/;

function isValidKey(key: string): boolean {
  return KEY_RE.test(key) && !key.includes("--");
}

function findInvalidKey(value: JsonValue): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const bad = findInvalidKey(item);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) if (!isValidKey(key)) return key;
    for (const item of Object.values(value)) {
      const bad = findInvalidKey(item);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

/**
 * Validates and serializes user metadata for storage. `null` means "none" and
 * is stored as SQL NULL. Integers beyond 2^53 stay exact (bigint-aware codec).
 */
export function userMetadataToText(value: JsonValue): string | null {
  const bad = findInvalidKey(value);
  if (bad !== undefined) throw errors.badRequest(`Found invalid key in json: ${bad}`);
  return value === null ? null : stringifyJson(value);
}
