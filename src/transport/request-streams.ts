/**
 * Can fetch() stream a request body here? Computed once (as ky does): a
 * runtime that supports it reads the `duplex` option and does not turn the
 * ReadableStream body into text.
 */
let cached: boolean | undefined;

/** Whether fetch can stream a request body (ReadableStream + `duplex: "half"`) here; probed once. */
export function supportsRequestStreams(): boolean {
  if (cached !== undefined) return cached;
  try {
    let duplexRead = false;
    const request = new Request("http://127.0.0.1/", {
      method: "POST",
      body: new ReadableStream(),
      get duplex() {
        duplexRead = true;
        return "half";
      },
    } as RequestInit);
    cached = duplexRead && !request.headers.has("Content-Type");
  } catch {
    cached = false;
  }
  return cached;
}

/**
 * Whether uploads through fetch can stream to this URL. Browsers stream
 * request bodies only over HTTP/2, which they speak only with TLS, so
 * plain http:// uploads are buffered there; Node, Deno and workerd stream
 * over HTTP/1.1 too (chunked).
 */
export function canStreamUploads(url: URL, runtime: string): boolean {
  // workerd streams ReadableStream bodies but ignores `duplex`, so the probe
  // says no (test/runtime/workerd/upload.test.ts covers the streamed upload).
  if (runtime === "workerd") return true;
  if (!supportsRequestStreams()) return false;
  if (runtime === "node" || runtime === "deno" || runtime === "bun") return true;
  return url.protocol === "https:";
}
