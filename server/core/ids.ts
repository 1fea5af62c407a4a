/** Identifiers minted by the server: UUID v4 (sessions, topics) and ULID (session locators). */
import { randomBytes, randomUUID } from "node:crypto";

export function newUuid(): string {
  return randomUUID();
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for the textual UUID form mosaicod's `Uuid::parse` accepts (hyphenated). */
export function isUuid(text: string): boolean {
  return UUID_RE.test(text);
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID: 10 base32 chars of 48-bit milliseconds + 16 chars of randomness. */
export function newUlid(nowMs: number = Date.now()): string {
  let time = "";
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = "";
  for (const byte of randomBytes(16)) rand += CROCKFORD[byte % 32];
  return time + rand;
}
