/**
 * What a failed connect probe means for the URL the user gave: the common
 * wrong URLs (an HTTP/1.1 page such as the dashboard, TLS against a
 * plaintext port and the reverse) become UNAVAILABLE with the fix named,
 * instead of a bare "Protocol error" or an OpenSSL record error.
 */
import { Code } from "../errors/code.js";
import { localCauseTexts } from "../errors/local-causes.js";
import type { MosaicoError } from "../errors/mosaico-error.js";

/** A probe failure restated for the user: the code to report and the text after "cannot connect to ...:". */
export interface ConnectFailure {
  code: Code;
  hint: string;
}

/**
 * Restates a probe failure against `url`; other failures keep their code and
 * message. `aborted`: the caller's own signal fired (a cancel is then just that).
 */
export function explainConnectFailure(error: MosaicoError, url: URL, timeoutMs: number, aborted: boolean): ConnectFailure {
  if (aborted) return { code: error.code, hint: error.rawMessage };
  const texts = localCauseTexts(error).join("\n");
  const tls = url.protocol === "https:";
  if (error.code === Code.DeadlineExceeded) return { code: error.code, hint: `no answer within ${timeoutMs} ms` };
  if (error.code === Code.PermissionDenied) return { code: error.code, hint: `the server refused the API key (${error.rawMessage})` };
  if (/ERR_HTTP2_ERROR|Protocol error/.test(texts)) {
    return {
      code: Code.Unavailable,
      hint: "the server does not speak HTTP/2 gRPC (an HTTP/1.1 server answered: a web page such as the dashboard, or a proxy?). Point the client at the Mosaico server's gRPC port, or use protocol: \"grpc-web\" for a gRPC-Web gateway",
    };
  }
  if (tls && /wrong version number|WRONG_VERSION_NUMBER|packet length too long|http request/i.test(texts)) {
    return { code: Code.Unavailable, hint: `the port does not speak TLS; use ${url.origin.replace(/^https:/, "http:")} (without enableTls)` };
  }
  if (!tls && (error.code === Code.Canceled || /other side closed|socket hang up|ECONNRESET/.test(texts))) {
    return {
      code: Code.Unavailable,
      hint: `the server closed the connection before answering (${error.rawMessage}); if it serves TLS, use ${url.origin.replace(/^http:/, "https:")} or enableTls`,
    };
  }
  return { code: error.code, hint: error.rawMessage };
}
