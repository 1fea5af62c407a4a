/**
 * One raw HTTP/1.1 exchange over node:net: sends exactly the given bytes,
 * reads until the server closes (requests say `Connection: close`) or the
 * deadline, and picks the gRPC status out of headers or the gRPC-Web
 * trailer frame.
 */
import net from "node:net";

/** What came back on the socket. */
export interface RawResponse {
  /** "closed": the server closed without a complete response head. */
  kind: "response" | "closed" | "timeout";
  httpStatus?: number;
  grpcStatus?: number;
  grpcMessage?: string;
  /** Connect-protocol error body (`{"code": ..., "message": ...}`), when the answer has one. */
  connectError?: { code: string; message: string };
  /** The first bytes of the response, for reports. */
  preview: string;
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const eol = body.indexOf("\r\n", at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString("latin1").split(";")[0]!, 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function trailers(text: string, into: RawResponse): void {
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "grpc-status") into.grpcStatus = Number(value);
    if (name === "grpc-message") into.grpcMessage = decodeURIComponentSafe(value);
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Parses a whole HTTP/1.1 response (head, chunked or plain body, gRPC-Web frames). */
export function parseResponse(raw: Buffer): RawResponse {
  const preview = raw.subarray(0, 200).toString("latin1");
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd < 0) return { kind: "closed", preview };
  const head = raw.subarray(0, headEnd).toString("latin1");
  const statusLine = head.split("\r\n")[0]!;
  const out: RawResponse = { kind: "response", httpStatus: Number(statusLine.split(" ")[1]), preview };
  trailers(head.split("\r\n").slice(1).join("\n"), out);
  let body = raw.subarray(headEnd + 4);
  if (/^transfer-encoding:\s*chunked/im.test(head)) body = dechunk(body);
  if (/^content-type:\s*application\/json/im.test(head)) {
    try {
      const json = JSON.parse(body.toString("utf8")) as { code?: unknown; message?: unknown };
      if (typeof json.code === "string") out.connectError = { code: json.code, message: String(json.message ?? "") };
    } catch {
      // not a Connect error body
    }
    return out;
  }
  for (let at = 0; at + 5 <= body.length; ) {
    const flag = body[at]!;
    const len = body.readUInt32BE(at + 1);
    const payload = body.subarray(at + 5, at + 5 + len);
    if (flag & 0x80) trailers(payload.toString("utf8"), out);
    at += 5 + len;
  }
  return out;
}

/** Sends `request` to host:port; `endWrite` half-closes after sending (truncated-connection cases). */
export function rawExchange(host: string, port: number, request: Uint8Array, deadlineMs: number, endWrite = false): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port });
    let done = false;
    const finish = (kind: "ended" | "timeout") => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      resolve(kind === "timeout" ? { ...parseResponse(raw), kind: "timeout" } : parseResponse(raw));
    };
    const timer = setTimeout(() => finish("timeout"), deadlineMs);
    socket.on("connect", () => {
      socket.write(request, () => {
        if (endWrite) socket.end();
      });
    });
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => finish("ended"));
    socket.on("close", () => finish("ended"));
  });
}
