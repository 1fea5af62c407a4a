/**
 * Connect: server URL and optional API key. Shows the server's version and
 * the protocol generation the SDK detected; explains failures (bad URL,
 * refused key, server down) and stays usable.
 */
import { useState } from "preact/hooks";
import type { DemoConfig } from "../state/demo-config.js";
import { lastUrl, loadSavedSession, useConnection } from "../state/connection.js";
import { href, navigate } from "../routing/router.js";
import { ErrorCallout, Spinner } from "../components/feedback.js";
import { Icon } from "../components/icons.js";
import { html } from "../html.js";
import { explainConnectError, type Explanation } from "../lib/explain-error.js";

const GENERATIONS: Record<string, string> = {
  J1: "JSON protocol, 0.5 line",
  J2: "JSON protocol, mosaicod 0.6 line (version action)",
  J3: "JSON protocol, mosaicod 0.7 line (info action)",
};

function Connected({ onDisconnect }: { onDisconnect: () => void }) {
  const { conn } = useConnection();
  if (!conn) return null;
  const v = conn.version;
  return html`<div class="connected" data-testid="connected-summary">
    <div class="connected-head"><span class="ok-dot"></span> Connected</div>
    <dl class="kv kv-wide">
      <dt>Server</dt><dd class="mono" data-testid="server-url">${conn.url}</dd>
      <dt>Version</dt><dd data-testid="server-version">${v.version}${typeof v.raw === "object" && v.raw && "server" in v.raw ? html` <span class="muted">(${String((v.raw as Record<string, unknown>).server)})</span>` : ""}</dd>
      <dt>Protocol</dt><dd><span class="badge badge-strong" data-testid="server-generation">${v.generation}</span> <span class="muted">${GENERATIONS[v.generation] ?? ""}</span></dd>
      <dt>Transport</dt><dd>${conn.client.protocol === "grpc-web" ? "gRPC-Web over fetch" : conn.client.protocol} · ${conn.tls ? "TLS (https)" : "plaintext (http)"}</dd>
      <dt>API key</dt><dd>${conn.keyFingerprint ? html`<span class="mono">…_${conn.keyFingerprint}</span> <span class="muted">(fingerprint)</span>` : html`<span class="muted">none (the server does not require one)</span>`}</dd>
      ${v.config?.maxDecodeMessageBytes && html`<dt>Message limit</dt><dd>${(v.config.maxDecodeMessageBytes / 1048576).toFixed(0)} MiB</dd>`}
    </dl>
    <div class="row gap">
      <a class="btn btn-primary" href=${href.catalog()} data-testid="open-catalog">Open the catalog</a>
      <button class="btn" onClick=${onDisconnect} data-testid="disconnect"><${Icon} name="logout" /> Disconnect</button>
    </div>
  </div>`;
}

export function ConnectPage({ config, next }: { config: DemoConfig; next?: string }) {
  const { conn, connect, disconnect } = useConnection();
  const saved = loadSavedSession();
  const [url, setUrl] = useState(conn?.url ?? saved?.url ?? lastUrl() ?? config.serverUrl);
  const [apiKey, setApiKey] = useState("");
  const [showKey, setShowKey] = useState(false);
  const [keep, setKeep] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Explanation | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await connect(url, apiKey, keep);
      setApiKey("");
      if (next && !next.startsWith("#/connect")) navigate(next);
    } catch (reason) {
      setError(explainConnectError(reason, url.trim()));
    } finally {
      setBusy(false);
    }
  };

  return html`<div class="connect-page">
    <div class="connect-hero">
      <h1>Your robot recordings, in the browser</h1>
      <p>Browse sequences, plot sensor streams, scrub camera frames, search by sensor values and upload new recordings, straight from a Mosaico server over gRPC-Web.</p>
    </div>
    <div class="connect-grid">
      <form class="card connect-card" onSubmit=${submit} data-testid="connect-form">
        <div class="card-head"><h2 class="card-title">${conn ? "Switch server or key" : "Connect to a Mosaico server"}</h2></div>
        <div class="card-body">
          <label class="field">
            <span class="field-label">Server URL</span>
            <input class="input mono" name="url" data-testid="server-url-input" value=${url} onInput=${(e: Event) => setUrl((e.target as HTMLInputElement).value)} placeholder="http://127.0.0.1:6726" autocomplete="url" spellcheck=${false} />
            <span class="field-hint">A server or gateway that speaks gRPC-Web. https:// uses TLS.</span>
          </label>
          <label class="field">
            <span class="field-label">API key <span class="muted">(optional)</span></span>
            <span class="input-group">
              <input class="input mono" name="apiKey" data-testid="api-key-input" type=${showKey ? "text" : "password"} value=${apiKey} onInput=${(e: Event) => setApiKey((e.target as HTMLInputElement).value)} placeholder="msco_…" autocomplete="off" spellcheck=${false} />
              <button type="button" class="btn btn-icon" title=${showKey ? "Hide" : "Show"} onClick=${() => setShowKey(!showKey)}><${Icon} name="eye" /></button>
            </span>
            <span class="field-hint">Sent in the <code>mosaico-api-key-token</code> header; never put in the URL.</span>
          </label>
          <label class="check">
            <input type="checkbox" checked=${keep} onChange=${(e: Event) => setKeep((e.target as HTMLInputElement).checked)} />
            Keep the key for this browser tab (sessionStorage, cleared when the tab closes)
          </label>
          ${error && html`<${ErrorCallout} error=${error} testid="connect-error" />`}
          <div class="row gap">
            <button class="btn btn-primary" type="submit" disabled=${busy} data-testid="connect-button">${busy ? html`<${Spinner} label="Connecting…" />` : "Connect"}</button>
          </div>
        </div>
      </form>
      ${conn && html`<div class="card"><div class="card-body"><${Connected} onDisconnect=${disconnect} /></div></div>`}
    </div>
  </div>`;
}
