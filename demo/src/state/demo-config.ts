/**
 * Deployment settings the page reads at start: `config.json` next to
 * index.html (written by `npm start`), else defaults. Only the server URL;
 * never a key.
 */
export interface DemoConfig {
  /** The server the Connect page proposes. */
  serverUrl: string;
  /** The server serves key management over Flight (the reference server's --key-actions); mosaicod 0.6/0.7 do not. */
  keyActions: boolean;
}

const fallback: DemoConfig = { serverUrl: `http://${location.hostname || "127.0.0.1"}:6726`, keyActions: false };

export async function loadConfig(): Promise<DemoConfig> {
  try {
    const response = await fetch("./config.json", { cache: "no-store" });
    if (!response.ok) return fallback;
    const json = (await response.json()) as Partial<DemoConfig>;
    return {
      serverUrl: typeof json.serverUrl === "string" ? json.serverUrl : fallback.serverUrl,
      keyActions: json.keyActions === true,
    };
  } catch {
    return fallback;
  }
}
