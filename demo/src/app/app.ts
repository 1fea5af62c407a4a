/**
 * The shell: sidebar navigation, the connection pill, and the page of the
 * current route. Pages other than Connect need a connection; without one
 * the Connect page is shown, and the app returns to the page afterwards.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { Icon } from "../components/icons.js";
import { Spinner } from "../components/feedback.js";
import { html } from "../html.js";
import { useReachability } from "../lib/reachability.js";
import { CatalogPage } from "../pages/catalog-page.js";
import { ConnectPage } from "../pages/connect-page.js";
import { KeysPage } from "../pages/keys-page.js";
import { SearchPage } from "../pages/search-page.js";
import { SequencePage } from "../pages/sequence-page.js";
import { TimelinePage } from "../pages/timeline-page.js";
import { TopicPage } from "../pages/topic-page.js";
import { UploadPage } from "../pages/upload-page.js";
import { href, navigate, useRoute, type Route } from "../routing/router.js";
import {
  ConnectionContext,
  loadSavedSession,
  openConnection,
  rememberUrl,
  saveSession,
  type Connection,
  type ConnectionApi,
} from "../state/connection.js";
import { loadConfig, type DemoConfig } from "../state/demo-config.js";

const NAV = [
  { id: "catalog", label: "Catalog", icon: "catalog", href: href.catalog() },
  { id: "search", label: "Search", icon: "search", href: href.search() },
  { id: "upload", label: "Upload", icon: "upload", href: href.upload() },
  { id: "keys", label: "API keys", icon: "key", href: href.keys() },
];

function section(route: Route): string {
  const first = route.segments[0] ?? "catalog";
  return first === "sequence" || first === "topic" || first === "timeline" ? "catalog" : first;
}

function Page({ route, config }: { route: Route; config: DemoConfig }) {
  const [first, ...rest] = route.segments;
  switch (first) {
    case "connect":
      return html`<${ConnectPage} config=${config} next=${route.params.get("next") ?? undefined} />`;
    case "sequence":
      return html`<${SequencePage} key=${rest[0]} name=${rest[0] ?? ""} />`;
    case "timeline":
      return html`<${TimelinePage} key=${rest[0]} name=${rest[0] ?? ""} params=${route.params} />`;
    case "topic":
      return html`<${TopicPage} key=${rest[0]} locator=${rest[0] ?? ""} params=${route.params} />`;
    case "search":
      return html`<${SearchPage} />`;
    case "upload":
      return html`<${UploadPage} />`;
    case "keys":
      return html`<${KeysPage} />`;
    default:
      return html`<${CatalogPage} />`;
  }
}

function ConnectionPill({ conn }: { conn: Connection | null }) {
  const reachability = useReachability(conn?.client);
  if (!conn) return html`<a class="pill pill-off" href=${href.connect()} data-testid="connection-pill">Not connected</a>`;
  if (reachability === "unreachable") {
    return html`<a class="pill pill-off" href=${href.connect()} data-testid="connection-pill" data-reachable="false" title="The server does not answer">
      <span class="pill-dot pill-dot-off"></span>
      <span class="mono">${conn.url.replace(/^https?:\/\//, "")}</span>
      <span class="pill-sep"></span>
      <span>unreachable</span>
    </a>`;
  }
  return html`<a class="pill pill-on" href=${href.connect()} data-testid="connection-pill" data-reachable="true" title="Connection details">
    <span class="pill-dot"></span>
    <span class="mono">${conn.url.replace(/^https?:\/\//, "")}</span>
    <span class="pill-sep pill-extra"></span>
    <span class="pill-extra">v${conn.version.version} · ${conn.version.generation}</span>
    ${conn.keyFingerprint && html`<span class="pill-sep pill-extra"></span><span class="mono pill-key pill-extra" title="API key fingerprint"><${Icon} name="key" size=${13} /> ${conn.keyFingerprint}</span>`}
  </a>`;
}

export function App() {
  const route = useRoute();
  const [config, setConfig] = useState<DemoConfig | null>(null);
  const [conn, setConn] = useState<Connection | null>(null);
  const [restoring, setRestoring] = useState(true);

  const api = useMemo<ConnectionApi>(
    () => ({
      conn,
      async connect(url, apiKey, keepForTab) {
        const next = await openConnection(url, apiKey, config?.keyActions ?? false);
        rememberUrl(next.url);
        saveSession(keepForTab ? { url: next.url, apiKey: apiKey.trim() || undefined } : undefined);
        setConn((previous) => {
          void previous?.client.close();
          return next;
        });
        return next;
      },
      disconnect() {
        saveSession(undefined);
        setConn((previous) => {
          void previous?.client.close();
          return null;
        });
      },
    }),
    [conn, config],
  );

  useEffect(() => {
    void (async () => {
      const loaded = await loadConfig();
      setConfig(loaded);
      const saved = loadSavedSession();
      if (saved) {
        try {
          setConn(await openConnection(saved.url, saved.apiKey ?? "", loaded.keyActions));
        } catch {
          saveSession(undefined); // stale key or server gone: ask again
        }
      }
      setRestoring(false);
    })();
  }, []);

  if (!config || restoring) return html`<div class="boot"><${Spinner} label="Starting…" /></div>`;
  const needsConnection = route.segments[0] !== "connect" && !conn;
  const current = section(route);
  if (needsConnection) {
    const next = location.hash && location.hash !== "#/" ? location.hash : undefined;
    queueMicrotask(() => navigate(href.connect(next), true));
  }
  return html`<${ConnectionContext.Provider} value=${api}>
    <div class="shell">
      <aside class="sidebar">
        <a class="brand" href=${href.catalog()}>
          <img src="./favicon.svg" alt="" width="28" height="28" />
          <span><b>Mosaico</b><small>Data dashboard</small></span>
        </a>
        <nav class="nav">
          ${NAV.map(
            (item) => html`<a class=${`nav-item ${current === item.id ? "active" : ""}`} href=${item.href} data-testid=${`nav-${item.id}`}>
              <${Icon} name=${item.icon} /><span>${item.label}</span>
            </a>`,
          )}
        </nav>
        <div class="sidebar-foot">
          <a class=${`nav-item ${current === "connect" ? "active" : ""}`} href=${href.connect()} data-testid="nav-connect"><${Icon} name="plug" /><span>Connection</span></a>
          <div class="sidebar-note">mosaico-web · gRPC-Web</div>
        </div>
      </aside>
      <div class="main">
        <header class="topbar">
          <div class="topbar-title">${NAV.find((n) => n.id === current)?.label ?? "Connection"}</div>
          <${ConnectionPill} conn=${conn} />
        </header>
        <main class="content">${needsConnection ? html`<${Spinner} />` : html`<${Page} route=${route} config=${config} />`}</main>
      </div>
    </div>
  </${ConnectionContext.Provider}>`;
}
