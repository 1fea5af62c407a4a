/**
 * The manage key of `npm start`: made once per data directory and kept
 * beside the catalog (mode 0600), so that every later start prints the same
 * key and the server imports it as its bootstrap key.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateToken } from "../../server/auth/token.js";
import { isWellFormedApiKey } from "../../src/index.js";

export const MANAGE_KEY_FILE = "demo-manage-key.txt";

export function loadOrCreateManageKey(dataDir: string, given?: string): { token: string; file: string } {
  const file = join(dataDir, MANAGE_KEY_FILE);
  if (given) return { token: given, file };
  if (existsSync(file)) {
    const token = readFileSync(file, "utf8").trim();
    if (isWellFormedApiKey(token)) return { token, file };
  }
  mkdirSync(dataDir, { recursive: true });
  const { token } = generateToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, file };
}
