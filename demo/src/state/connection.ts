/**
 * The app's one connection: a MosaicoClient plus what the server said at
 * connect. The API key stays in memory, and in sessionStorage only when the
 * user asks to keep it for this tab (it dies with the tab); never in the URL
 * or localStorage.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { apiKeyFingerprint, MosaicoClient, type ServerVersion } from "../sdk.js";

export interface Connection {
  client: MosaicoClient;
  url: string;
  version: ServerVersion;
  /** Fingerprint of the key in use (its public part), when there is one. */
  keyFingerprint?: string;
  tls: boolean;
}

export interface ConnectionApi {
  conn: Connection | null;
  connect(url: string, apiKey: string, keepForTab: boolean): Promise<Connection>;
  disconnect(): void;
}

export const ConnectionContext = createContext<ConnectionApi | null>(null);

export function useConnection(): ConnectionApi {
  const api = useContext(ConnectionContext);
  if (!api) throw new Error("useConnection outside ConnectionContext");
  return api;
}

/** The connected client; pages under the shell are rendered only when connected. */
export function useClient(): Connection {
  const { conn } = useConnection();
  if (!conn) throw new Error("not connected");
  return conn;
}

const SESSION_KEY = "mosaico-demo:session";
const LAST_URL_KEY = "mosaico-demo:last-url";

export interface SavedSession {
  url: string;
  apiKey?: string;
}

export function loadSavedSession(): SavedSession | undefined {
  try {
    const text = sessionStorage.getItem(SESSION_KEY);
    return text ? (JSON.parse(text) as SavedSession) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: SavedSession | undefined): void {
  try {
    if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Storage may be disabled (private mode): the key then lives in memory only.
  }
}

/** The last server URL (not secret, so it may outlive the tab). */
export function lastUrl(): string | undefined {
  try {
    return localStorage.getItem(LAST_URL_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberUrl(url: string): void {
  try {
    localStorage.setItem(LAST_URL_KEY, url);
  } catch {
    // see saveSession
  }
}

/** Connects (probing version and generation); throws the SDK's MosaicoError. */
export async function openConnection(url: string, apiKey: string, keyActions: boolean): Promise<Connection> {
  const key = apiKey.trim();
  const client = await MosaicoClient.connect({ url: url.trim(), apiKey: key || undefined, timeoutMs: 6000, keyActions });
  return {
    client,
    url: client.url,
    version: client.serverVersion,
    keyFingerprint: key ? apiKeyFingerprint(key) : undefined,
    tls: client.url.startsWith("https:"),
  };
}
