/**
 * Wraps a caller-supplied Connect transport so that our headers (the API key)
 * still go on every call, since interceptors cannot be added to a built one.
 */
import type { Transport } from "@connectrpc/connect";

/** `transport` with `extra` headers set on every call (overriding the caller's); returned as is when `extra` is empty. */
export function withHeaders(transport: Transport, extra: Record<string, string>): Transport {
  if (Object.keys(extra).length === 0) return transport;
  const merge = (header: HeadersInit | undefined): Headers => {
    const merged = new Headers(header);
    for (const [name, value] of Object.entries(extra)) merged.set(name, value);
    return merged;
  };
  return {
    unary: (method, signal, timeoutMs, header, input, contextValues) =>
      transport.unary(method, signal, timeoutMs, merge(header), input, contextValues),
    stream: (method, signal, timeoutMs, header, input, contextValues) =>
      transport.stream(method, signal, timeoutMs, merge(header), input, contextValues),
  };
}
