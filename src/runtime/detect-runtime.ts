/** The JavaScript runtimes the SDK tells apart (`unknown` when none matches). */
export type RuntimeName = "node" | "deno" | "workerd" | "bun" | "browser" | "unknown";

let cached: RuntimeName | undefined;

/** The JavaScript runtime we run in, detected once from globals (Deno and Bun before Node, since both define `process`). */
export function detectRuntime(): RuntimeName {
  if (cached) return cached;
  const g = globalThis as Record<string, unknown> & { navigator?: { userAgent?: string } };
  if (typeof g.Deno === "object") cached = "deno";
  else if (typeof g.Bun === "object") cached = "bun";
  else if (g.navigator?.userAgent === "Cloudflare-Workers") cached = "workerd";
  else if (typeof (g.process as { versions?: { node?: string } } | undefined)?.versions?.node === "string") cached = "node";
  else if (typeof g.document === "object" || typeof g.WorkerGlobalScope === "function") cached = "browser";
  else cached = "unknown";
  return cached;
}
