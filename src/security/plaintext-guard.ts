/**
 * Refuses to send an API key in clear text to a host that is not this machine:
 * a key on an unencrypted channel can be read by anyone on the path (seed,
 * "API-Key and TLS"). Callers opt out explicitly with `allowInsecure: true`.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Lets an API key go to `url` only over https, to a loopback host, or with
 * `allowInsecure`.
 *
 * @throws MosaicoError FAILED_PRECONDITION for a key sent in plaintext to another host.
 */
export function assertKeyMayTravel(url: URL, hasApiKey: boolean, allowInsecure: boolean): void {
  if (!hasApiKey || allowInsecure || url.protocol === "https:") return;
  if (isLoopbackHost(url.hostname)) return;
  throw new MosaicoError(
    Code.FailedPrecondition,
    `refusing to send an API key in plaintext to ${url.host}: enable TLS (enableTls: true or an https:// URL), or pass allowInsecure: true if the network is trusted`,
  );
}
