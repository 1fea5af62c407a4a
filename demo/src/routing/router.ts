/**
 * Hash routing: `#/catalog`, `#/sequence/<name>`, `#/timeline/<name>?panel=…` (timeline-layout.ts),
 * `#/topic/<locator>?start=&end=`.
 * Nothing secret ever goes into the URL (API keys live in memory or
 * sessionStorage); time bounds are exact nanosecond integers.
 */
import { useEffect, useState } from "preact/hooks";

export interface Route {
  /** Path segments after `#/`, decoded. */
  segments: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, "");
  const [path = "", query = ""] = text.split("?", 2) as [string?, string?];
  return { segments: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, "", href);
  else location.hash = href.replace(/^#/, "");
  if (replace) dispatchEvent(new HashChangeEvent("hashchange"));
}

function withParams(path: string, params?: Record<string, string | bigint | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined && value !== "") search.set(key, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** Links of the app, in one place. */
export const href = {
  connect: (next?: string) => withParams("#/connect", { next }),
  catalog: () => "#/catalog",
  sequence: (name: string) => `#/sequence/${encodeURIComponent(name)}`,
  topic: (locator: string, range?: { startNs?: bigint; endNs?: bigint; tab?: string }) =>
    withParams(`#/topic/${encodeURIComponent(locator)}`, { start: range?.startNs, end: range?.endNs, tab: range?.tab }),
  search: () => "#/search",
  upload: () => "#/upload",
  keys: () => "#/keys",
};

/** A bigint from a URL parameter, if it is an integer. */
export function bigintParam(params: URLSearchParams, key: string): bigint | undefined {
  const text = params.get(key);
  return text && /^-?\d+$/.test(text) ? BigInt(text) : undefined;
}
