/**
 * A custom CA for fetch: only Deno lets a program choose the trust roots of
 * fetch (`Deno.createHttpClient`). Browsers and Workers use the platform's
 * store, so there we refuse the option instead of silently ignoring it.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

interface DenoHttpApi {
  createHttpClient(options: { caCerts: string[] }): unknown;
}

/**
 * A fetch that trusts `caPem` (Deno only, through `Deno.createHttpClient`).
 *
 * @throws MosaicoError FAILED_PRECONDITION in runtimes whose fetch cannot take a CA (browsers, Workers, Node).
 */
export function fetchWithCustomCa(fetchFn: typeof globalThis.fetch, caPem: string): typeof globalThis.fetch {
  const deno = (globalThis as { Deno?: Partial<DenoHttpApi> }).Deno;
  if (typeof deno?.createHttpClient !== "function") {
    throw new MosaicoError(
      Code.FailedPrecondition,
      "a custom CA (tlsCertPath / MOSAICO_TLS_CERT_FILE) cannot be used with fetch in this runtime: browsers and Workers trust the platform's certificate store; under Node use the native gRPC transport",
    );
  }
  const client = deno.createHttpClient({ caCerts: [caPem] });
  return (input, init) => fetchFn(input, { ...init, client } as RequestInit);
}
