/**
 * Environment lookup that works in every runtime: an explicit object (a
 * Cloudflare Workers binding), Deno.env, or process.env, in that order.
 */

/**
 * Where environment variables come from: a plain object (e.g. a Workers `env`
 * binding, whose generated `interface Env` has no index signature) or a
 * `get(name)` reader.
 */
export type EnvSource = object | { get(name: string): string | undefined };

interface DenoLike {
  env: { get(name: string): string | undefined };
}

function fromSource(source: EnvSource, name: string): string | undefined {
  if (typeof (source as { get?: unknown }).get === "function") {
    return (source as { get(name: string): string | undefined }).get(name);
  }
  const value = (source as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/** Reads one variable from `source`, else Deno.env, else process.env; empty strings count as unset. */
export function readEnv(name: string, source?: EnvSource): string | undefined {
  let value: string | undefined;
  if (source) {
    value = fromSource(source, name);
  } else {
    const deno = (globalThis as { Deno?: DenoLike }).Deno;
    if (deno?.env) {
      try {
        value = deno.env.get(name);
      } catch {
        // Deno without --allow-env throws; treat as unset.
        value = undefined;
      }
    } else {
      const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
      value = proc?.env?.[name];
    }
  }
  return value === "" ? undefined : value;
}
