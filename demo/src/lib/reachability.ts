/**
 * Whether the connected server still answers, for the connection pill: a
 * light `version` call every 10 s, on window focus, and at once when a page
 * reports a call that failed as the server being unreachable. The pill turns
 * red then, instead of a green status over whatever the page last showed.
 */
import { useEffect, useState } from "preact/hooks";
import { Code, MosaicoError, type MosaicoClient } from "../sdk.js";

export type Reachability = "reachable" | "unreachable";

const PROBE_EVERY_MS = 10_000;
const PROBE_TIMEOUT_MS = 4_000;
const listeners = new Set<() => void>();

/** True for the failures that mean "the server is not answering" rather than "the request was wrong". */
export function meansUnreachable(error: unknown): boolean {
  const code = MosaicoError.from(error).code;
  return code === Code.Unavailable || code === Code.DeadlineExceeded;
}

/** A page saw a call fail; when it looks like the server is gone, the pill checks again now. */
export function reportCallFailure(error: unknown): void {
  if (meansUnreachable(error)) for (const probe of listeners) probe();
}

/** The server's reachability, probed while the component is mounted. */
export function useReachability(client: MosaicoClient | undefined): Reachability {
  const [state, setState] = useState<Reachability>("reachable");
  useEffect(() => {
    if (!client) return;
    let stopped = false;
    const probe = () => {
      client.version({ timeoutMs: PROBE_TIMEOUT_MS }).then(
        () => !stopped && setState("reachable"),
        (error: unknown) => !stopped && setState(meansUnreachable(error) ? "unreachable" : "reachable"),
      );
    };
    const timer = setInterval(probe, PROBE_EVERY_MS);
    listeners.add(probe);
    window.addEventListener("focus", probe);
    return () => {
      stopped = true;
      clearInterval(timer);
      listeners.delete(probe);
      window.removeEventListener("focus", probe);
    };
  }, [client]);
  return state;
}
