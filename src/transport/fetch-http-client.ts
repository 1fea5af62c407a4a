/**
 * A Connect `UniversalClientFn` over fetch that works in browsers, Workers,
 * Deno and Node.
 *
 * Why not connect-web's transport: it refuses client- and bidi-streaming
 * methods and has no compression hook. We collect a finite request stream
 * into one body (fetch cannot stream request bodies in most runtimes), so
 * DoPut can be sent as one buffered request, and connect's generic gRPC-Web
 * protocol code handles envelopes and compression.
 *
 * We never pass `redirect: "error"`: workerd rejects it.
 */
import { ConnectError, Code } from "@connectrpc/connect";
import type { UniversalClientFn, UniversalClientRequest } from "@connectrpc/connect/protocol";
import { universalClientResponseFromFetch } from "@connectrpc/connect/protocol";
import { concatBytes } from "../protocol/concat-bytes.js";

async function collectBody(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return concatBytes(chunks);
}

function networkError(url: string, reason: unknown, signal?: AbortSignal): unknown {
  // Aborts and timeouts are reported by connect from the signal's reason.
  if (signal?.aborted) return signal.reason ?? reason;
  const detail = reason instanceof Error ? reason.message : String(reason);
  const cause = reason instanceof Error && reason.cause instanceof Error ? `: ${reason.cause.message}` : "";
  return new ConnectError(
    `cannot reach ${new URL(url).origin} (${detail}${cause}); is the server running and the URL right?`,
    Code.Unavailable,
    undefined,
    undefined,
    reason,
  );
}

/** A pull-driven ReadableStream over an async iterable (cancel returns the iterator). */
export function toReadableStream(body: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Options of {@link createBufferedFetchClient}. */
export interface FetchClientOptions {
  /**
   * Paths (suffixes such as `/DoPut`) whose request bodies are streamed with
   * `duplex: "half"` instead of buffered; empty when the runtime cannot.
   */
  streamedPaths?: readonly string[];
  /**
   * Experimental StreamGzip: gzip the whole request body and send it with
   * `Content-Encoding: gzip` (HTTP-level, not per gRPC message).
   */
  gzipBody?: (body: Uint8Array) => Promise<Uint8Array>;
}

/**
 * A 200 answer that is not gRPC-Web (an HTML page, a JSON API) would be read
 * as a garbled envelope ("message size 1752460652 ..."): say what it is.
 */
function assertGrpcWebResponse(url: string, response: Response): void {
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || type.startsWith("application/grpc")) return;
  void response.body?.cancel().catch(() => {});
  throw new ConnectError(
    `${new URL(url).origin} answered with ${type || "no content type"}, not gRPC-Web: is the URL a Mosaico server or a gRPC-Web gateway?`,
    Code.Unavailable,
  );
}

/**
 * Creates the fetch client used by the web transport: buffers request bodies
 * (or streams them for `streamedPaths`), and turns network failures and
 * non-gRPC-Web answers into UNAVAILABLE errors that name the server.
 */
export function createBufferedFetchClient(fetchFn: typeof globalThis.fetch, options: FetchClientOptions = {}): UniversalClientFn {
  const streamedPaths = options.streamedPaths ?? [];
  return async function request(req: UniversalClientRequest) {
    const stream = req.body !== undefined && streamedPaths.some((path) => req.url.endsWith(path));
    let body: Uint8Array | ReadableStream<Uint8Array> | undefined =
      req.body === undefined ? undefined : stream ? toReadableStream(req.body) : await collectBody(req.body);
    if (body !== undefined && options.gzipBody) {
      req.header.set("content-encoding", "gzip");
      body = body instanceof ReadableStream ? body.pipeThrough(new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>) : await options.gzipBody(body);
    }
    let response: Response;
    try {
      response = await fetchFn(req.url, {
        method: req.method,
        headers: req.header,
        body: body as BodyInit | undefined,
        signal: req.signal,
        ...(stream ? { duplex: "half" } : {}),
      } as RequestInit);
    } catch (reason) {
      throw networkError(req.url, reason, req.signal);
    }
    assertGrpcWebResponse(req.url, response);
    return universalClientResponseFromFetch(response);
  };
}
