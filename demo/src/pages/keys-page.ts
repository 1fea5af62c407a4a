/**
 * API keys (needs a manage key): create one with a permission level and an
 * expiry (its token is shown once), look a key up by fingerprint, revoke
 * it, and check what the server says to a token.
 */
import { useState } from "preact/hooks";
import { useClient } from "../state/connection.js";
import { ErrorCallout, Notice, Spinner } from "../components/feedback.js";
import { Icon } from "../components/icons.js";
import { Card, PageHeader } from "../components/page.js";
import { html } from "../html.js";
import { explainConnectError, explainError, type Explanation } from "../lib/explain-error.js";
import { formatWallClock, nowNs } from "../lib/time.js";
import { APIKeyPermission, apiKeyFingerprint, MosaicoClient, type ApiKeyStatus } from "../sdk.js";

const LEVELS = [
  { value: APIKeyPermission.Read, label: "read", hint: "browse and read data" },
  { value: APIKeyPermission.Write, label: "write", hint: "+ create sequences, upload" },
  { value: APIKeyPermission.Delete, label: "delete", hint: "+ delete sequences and sessions" },
  { value: APIKeyPermission.Manage, label: "manage", hint: "+ create and revoke keys" },
];

const EXPIRIES = [
  { id: "never", label: "Never", ns: undefined },
  { id: "1h", label: "In 1 hour", ns: 3_600n },
  { id: "1d", label: "In 24 hours", ns: 86_400n },
  { id: "7d", label: "In 7 days", ns: 604_800n },
  { id: "30d", label: "In 30 days", ns: 2_592_000n },
] as const;

interface CreatedKey {
  fingerprint: string;
  description: string;
  level: string;
  expiresAtNs?: bigint;
  revoked: boolean;
}

function TokenReveal({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return html`<div class="token-reveal" data-testid="token-reveal">
    <div class="token-title"><${Icon} name="key" /> Copy the token now: it will not be shown again</div>
    <div class="token-row"><code class="token mono" data-testid="new-token">${token}</code>
      <button class="btn btn-small" onClick=${copy}><${Icon} name="copy" size=${14} /> ${copied ? "Copied" : "Copy"}</button></div>
    <div class="muted small">The server keeps only a hash of it. Its public fingerprint is <b class="mono">${token.slice(-8)}</b>.</div>
    <button class="btn btn-small" onClick=${onDone} data-testid="token-done">I saved it</button>
  </div>`;
}

function StatusCard({ status }: { status: ApiKeyStatus }) {
  return html`<dl class="kv" data-testid="key-status">
    <dt>Fingerprint</dt><dd class="mono">${status.fingerprint}</dd>
    <dt>Description</dt><dd>${status.description || html`<span class="muted">—</span>`}</dd>
    <dt>Created</dt><dd>${formatWallClock(status.createdAtNs, false)}</dd>
    <dt>Expires</dt><dd>${status.expiresAtNs === null ? "never" : formatWallClock(status.expiresAtNs, false)}</dd>
    <dt>State</dt><dd>${status.isExpired ? html`<span class="badge badge-error">expired</span>` : html`<span class="badge badge-ok">active</span>`}</dd>
  </dl>`;
}

export function KeysPage() {
  const { client, url, keyFingerprint } = useClient();
  const [level, setLevel] = useState<string>(APIKeyPermission.Read);
  const [description, setDescription] = useState("");
  const [expiry, setExpiry] = useState<string>("never");
  const [token, setToken] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedKey[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Explanation | null>(null);
  const [lookup, setLookup] = useState("");
  const [status, setStatus] = useState<ApiKeyStatus | Explanation | null>(null);
  const [probe, setProbe] = useState("");
  const [probeResult, setProbeResult] = useState<{ ok: boolean; text: Explanation | string } | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const seconds = EXPIRIES.find((x) => x.id === expiry)?.ns;
      const expiresAtNs = seconds === undefined ? undefined : nowNs() + seconds * 1_000_000_000n;
      const newToken = await client.createApiKey({ permission: level as APIKeyPermission, description: description.trim(), expiresAtNs });
      setToken(newToken);
      setCreated([{ fingerprint: apiKeyFingerprint(newToken), description: description.trim(), level, expiresAtNs, revoked: false }, ...created]);
      setDescription("");
    } catch (reason) {
      setError(explainError(reason, "create API keys"));
    } finally {
      setBusy(false);
    }
  };

  const lookUp = async (fingerprint: string) => {
    setLookup(fingerprint);
    try {
      setStatus(await client.apiKeyStatus(fingerprint.trim()));
    } catch (reason) {
      const explained = explainError(reason, "read key status");
      setStatus(explained.title === "Not found" ? { ...explained, title: "No active key has this fingerprint", detail: "It was revoked, or never existed on this server." } : explained);
    }
  };

  // Revoking cannot be undone: the first click asks, the second revokes.
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = async (fingerprint: string) => {
    setConfirming(null);
    setError(null);
    try {
      await client.revokeApiKey(fingerprint);
      setCreated(created.map((k) => (k.fingerprint === fingerprint ? { ...k, revoked: true } : k)));
      if (lookup.trim() === fingerprint) setStatus(null);
    } catch (reason) {
      setError(explainError(reason, "revoke API keys"));
    }
  };

  const check = async (e: Event) => {
    e.preventDefault();
    setProbeResult(null);
    try {
      const probeClient = await MosaicoClient.connect({ url, apiKey: probe.trim(), timeoutMs: 5000 });
      await probeClient.listSequences();
      await probeClient.close();
      setProbeResult({ ok: true, text: "Accepted: the server answers calls made with this token." });
    } catch (reason) {
      setProbeResult({ ok: false, text: explainConnectError(reason, url) });
    }
  };

  if (!client.keyActions) {
    // mosaicod 0.6/0.7: keys are granular sets made on the server with its CLI; nothing to call here.
    return html`<${PageHeader} title="API keys" subtitle=${keyFingerprint ? html`You are connected with key <span class="mono">${keyFingerprint}</span>.` : "You are connected without a key."} />
      <${Card} title="Keys are managed on the server" testid="keys-cli">
        <p>This server (mosaicod ${client.generation === "J3" ? "0.7" : "0.6"} line) creates, checks and revokes API keys with its command line, not over the network. Each key holds a set of permissions: <b>read</b>, <b>write</b>, <b>delete</b>.</p>
        <pre class="mono" data-testid="keys-cli-command">mosaicod api-key create --permissions "read|write"</pre>
        <p class="muted">Also <span class="mono">api-key status</span>, <span class="mono">revoke</span>, <span class="mono">list</span> and <span class="mono">purge</span>. The reference server takes the same commands: <span class="mono">npm run server -- api-key create --permissions "read|write"</span>.</p>
      </${Card}>`;
  }

  return html`<${PageHeader} title="API keys" subtitle=${html`${"Keys carry a permission level: read < write < delete < manage."} ${keyFingerprint ? html`You are connected with key <span class="mono">${keyFingerprint}</span>.` : "You are connected without a key."}`} />
    ${!keyFingerprint && html`<${Notice} kind="warn">Without a key, this server either runs without API keys (then key actions may be refused) or refuses everything. Connect with a <b>manage</b> key to manage keys.</${Notice}>`}
    ${error && html`<${ErrorCallout} error=${error} testid="keys-error" />`}
    <div class="grid-2">
      <${Card} title="Create a key" testid="create-key-card">
        ${token
          ? html`<${TokenReveal} token=${token} onDone=${() => setToken(null)} />`
          : html`<form onSubmit=${create} data-testid="create-key-form">
          <div class="field"><span class="field-label">Permission</span>
            <div class="segmented">${LEVELS.map(
              (l) => html`<label class=${`segment ${level === l.value ? "on" : ""}`} title=${l.hint}>
                <input type="radio" name="level" value=${l.value} checked=${level === l.value} data-testid=${`level-${l.label}`} onChange=${() => setLevel(l.value)} />${l.label}</label>`,
            )}</div>
            <span class="field-hint">${LEVELS.find((l) => l.value === level)?.hint}</span></div>
          <label class="field"><span class="field-label">Description</span>
            <input class="input" value=${description} placeholder="CI uploader, analyst laptop…" data-testid="key-description" onInput=${(e: Event) => setDescription((e.target as HTMLInputElement).value)} /></label>
          <label class="field"><span class="field-label">Expires</span>
            <select class="input select" value=${expiry} data-testid="key-expiry" onChange=${(e: Event) => setExpiry((e.target as HTMLSelectElement).value)}>
              ${EXPIRIES.map((x) => html`<option value=${x.id}>${x.label}</option>`)}</select></label>
          <button class="btn btn-primary" type="submit" disabled=${busy} data-testid="create-key">${busy ? html`<${Spinner} />` : "Create key"}</button>
        </form>`}
      </${Card}>
      <${Card} title="Look up a key">
        <form class="filter-row" onSubmit=${(e: Event) => { e.preventDefault(); void lookUp(lookup); }}>
          <input class="input mono grow" placeholder="fingerprint (8 characters, end of the token)" value=${lookup} data-testid="lookup-fingerprint" onInput=${(e: Event) => setLookup((e.target as HTMLInputElement).value)} />
          <button class="btn" type="submit" data-testid="lookup-button">Status</button>
        </form>
        ${status && ("fingerprint" in status ? html`<${StatusCard} status=${status} />` : html`<${ErrorCallout} error=${status} testid="key-status-error" />`)}
        <h3 class="subhead">Check a token</h3>
        <form class="filter-row" onSubmit=${check}>
          <input class="input mono grow" type="password" placeholder="msco_…" value=${probe} data-testid="probe-token" onInput=${(e: Event) => setProbe((e.target as HTMLInputElement).value)} />
          <button class="btn" type="submit" data-testid="probe-button">Check</button>
        </form>
        ${probeResult && (probeResult.ok ? html`<${Notice} kind="ok" testid="probe-ok">${probeResult.text as string}</${Notice}>` : html`<${ErrorCallout} error=${probeResult.text as Explanation} testid="probe-refused" />`)}
      </${Card}>
    </div>
    <${Card} title="Keys created in this tab" testid="created-keys">
      ${created.length === 0
        ? html`<div class="muted">Keys you create appear here (fingerprints only; tokens are never kept).</div>`
        : html`<div class="table-wrap"><table class="table"><thead><tr><th>Fingerprint</th><th>Level</th><th>Description</th><th>Expires</th><th>State</th><th></th></tr></thead>
          <tbody>${created.map(
            (k) => html`<tr data-testid="created-key" data-fingerprint=${k.fingerprint}>
              <td class="mono">${k.fingerprint}</td><td><span class="badge badge-strong">${k.level}</span></td><td>${k.description || html`<span class="muted">—</span>`}</td>
              <td>${k.expiresAtNs === undefined ? "never" : formatWallClock(k.expiresAtNs, false)}</td>
              <td>${k.revoked ? html`<span class="badge badge-error">revoked</span>` : html`<span class="badge badge-ok">active</span>`}</td>
              <td class="actions"><button class="btn btn-small" onClick=${() => lookUp(k.fingerprint)}>Status</button>
                ${!k.revoked && confirming !== k.fingerprint && html`<button class="btn btn-small btn-ghost-danger" onClick=${() => setConfirming(k.fingerprint)} data-testid="revoke-key">Revoke…</button>`}
                ${!k.revoked && confirming === k.fingerprint && html`<button class="btn btn-small btn-danger" onClick=${() => revoke(k.fingerprint)} data-testid="confirm-revoke">Revoke for good</button>
                  <button class="btn btn-small btn-ghost" onClick=${() => setConfirming(null)} data-testid="cancel-revoke">Keep</button>`}</td>
            </tr>`,
          )}</tbody></table></div>`}
    </${Card}>`;
}
