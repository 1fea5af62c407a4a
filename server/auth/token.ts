/**
 * API key tokens (docs/protocol.md §2.3): `msco_<payload>_<fingerprint>` where payload
 * is 32 chars of [a-z0-9] and fingerprint = CRC-32 of the payload as 8
 * lowercase hex digits. The fingerprint is the public id of a key; the server
 * stores only a SHA-256 of the payload and compares it on every call.
 */
import { createHash, randomInt } from "node:crypto";
import { crc32 } from "node:zlib";

const HEADER = "msco";
const PAYLOAD_LENGTH = 32;
const FINGERPRINT_LENGTH = 8;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const PART_RE = /^[a-z0-9]+$/;

export interface ParsedToken {
  payload: string;
  fingerprint: string;
}

/** Parse failure; `reason` is the text of mosaicod's `ApiKeyError`. */
export class TokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function fingerprintOf(payload: string): string {
  return crc32(payload).toString(16).padStart(FINGERPRINT_LENGTH, "0");
}

export function hashPayload(payload: string): string {
  return createHash("sha256").update(payload).digest("hex");
}

export function isFingerprint(text: string): boolean {
  return text.length === FINGERPRINT_LENGTH && PART_RE.test(text);
}

export function generateToken(): { token: string } & ParsedToken {
  let payload = "";
  for (let i = 0; i < PAYLOAD_LENGTH; i++) payload += ALPHABET[randomInt(ALPHABET.length)];
  const fingerprint = fingerprintOf(payload);
  return { token: `${HEADER}_${payload}_${fingerprint}`, payload, fingerprint };
}

/** Checks format and checksum, like mosaicod's `Token::from_str`. */
export function parseToken(text: string): ParsedToken {
  const parts = text.split("_");
  if (parts.length !== 3) throw new TokenError("the token is incomplete");
  const [header, payload, fingerprint] = parts as [string, string, string];
  if (header !== HEADER) throw new TokenError("bad header");
  if (payload.length !== PAYLOAD_LENGTH || !PART_RE.test(payload)) {
    throw new TokenError("bad payload");
  }
  if (!isFingerprint(fingerprint)) throw new TokenError("bad fingerprint");
  if (fingerprintOf(payload) !== fingerprint) throw new TokenError("fingerprint mismatch");
  return { payload, fingerprint };
}
