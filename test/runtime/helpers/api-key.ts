/** Well-formed API keys for tests: `msco_<32 [a-z0-9]>_<crc32 of the payload, 8 hex digits>`. */
import { randomInt } from "node:crypto";
import { crc32 } from "node:zlib";

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

export function makeApiKey(): string {
  let payload = "";
  for (let i = 0; i < 32; i++) payload += alphabet[randomInt(alphabet.length)];
  return `msco_${payload}_${crc32(payload).toString(16).padStart(8, "0")}`;
}
