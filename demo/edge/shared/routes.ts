/**
 * The demo's HTTP API, as one fetch-style handler `(Request) => Response`
 * that runs unchanged in Cloudflare Workers, Deno, Bun and Node 20+:
 *
 *   GET /sequences                              names, creation time, user metadata
 *   GET /sequences/:name                        topics with ontology tag, rows, time span
 *   GET /topics/:seq/:topic/latest?window_ms=N  the last N ms of a topic as JSON rows
 *
 * `:topic` may contain slashes (`/topics/drive/sensors/imu/latest`). Errors
 * are `{ "error": { "code", "message" } }` with the HTTP status of the gRPC
 * code (401 for a refused key, 404 for an unknown sequence, ...).
 */
import { Code, MosaicoError, type MosaicoClient } from "mosaico-web";
import { describeSequence, latestRows, listSequenceSummaries } from "./catalog-views.js";
import type { ClientSource } from "./client-source.js";
import { badRequest, errorResponse, jsonResponse } from "./http-json.js";

export interface MosaicoHandlerOptions {
  /** Where each request gets its client (perRequestClient or sharedClient). */
  clients: ClientSource;
  /** Most rows a /latest answer lists (the last ones). Default 1000. */
  maxRows?: number;
  /** Largest accepted window_ms. Default 60000 (one minute). */
  maxWindowMs?: number;
  /** window_ms when the query has none. Default 1000. */
  defaultWindowMs?: number;
}

type Call = (client: MosaicoClient) => Promise<unknown>;

/** A route either fails validation (a Response) or names the call to make. */
type Matched = Response | Call;

interface Route {
  pattern: RegExp;
  match(params: string[], query: URLSearchParams): Matched;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MosaicoError(Code.InvalidArgument, `malformed percent-encoding in ${JSON.stringify(segment)}`);
  }
}

function parseWindowMs(query: URLSearchParams, options: Required<Omit<MosaicoHandlerOptions, "clients">>): number | Response {
  const text = query.get("window_ms");
  if (text === null || text === "") return options.defaultWindowMs;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1 || value > options.maxWindowMs) {
    return badRequest(`window_ms must be an integer from 1 to ${options.maxWindowMs}, got ${JSON.stringify(text)}`);
  }
  return value;
}

function routesOf(options: Required<Omit<MosaicoHandlerOptions, "clients">>): Route[] {
  return [
    { pattern: /^\/sequences\/?$/, match: () => listSequenceSummaries },
    { pattern: /^\/sequences\/([^/]+)\/?$/, match: ([name]) => (client) => describeSequence(client, decode(name!)) },
    {
      pattern: /^\/topics\/([^/]+)\/(.+?)\/latest\/?$/,
      match([sequence, topic], query) {
        const windowMs = parseWindowMs(query, options);
        if (windowMs instanceof Response) return windowMs;
        const locator = `${decode(sequence!)}/${topic!.split("/").map(decode).join("/")}`;
        return (client) => latestRows(client, locator, windowMs, options.maxRows);
      },
    },
  ];
}

const index = {
  routes: ["GET /sequences", "GET /sequences/:name", "GET /topics/:sequence/:topic/latest?window_ms=1000"],
};

/** Builds the handler. Never throws: every failure is a JSON error response. */
export function createMosaicoHandler(options: MosaicoHandlerOptions): (request: Request) => Promise<Response> {
  const settings = {
    maxRows: options.maxRows ?? 1000,
    maxWindowMs: options.maxWindowMs ?? 60_000,
    defaultWindowMs: options.defaultWindowMs ?? 1000,
  };
  const routes = routesOf(settings);
  return async (request) => {
    try {
      const url = new URL(request.url);
      if (request.method !== "GET" && request.method !== "HEAD") {
        return jsonResponse({ error: { code: "METHOD_NOT_ALLOWED", message: "only GET is served" } }, 405, { allow: "GET, HEAD" });
      }
      if (url.pathname === "/") return jsonResponse(index);
      for (const route of routes) {
        const params = route.pattern.exec(url.pathname);
        if (!params) continue;
        const matched = route.match(params.slice(1), url.searchParams);
        if (matched instanceof Response) return matched;
        return jsonResponse(await options.clients.use(matched));
      }
      return badRequest(`no route for ${url.pathname}; try GET /sequences`, 404);
    } catch (reason) {
      return errorResponse(reason);
    }
  };
}
