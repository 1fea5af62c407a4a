/**
 * A self-signed certificate for 127.0.0.1 / localhost / ::1 (scripts/make-dev-cert.sh)
 * in a fresh directory: the server's `tls` option, and the CA a client trusts.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { freshDataDir } from "./test-server.js";

export interface DevCert {
  /** The certificate, which is also the CA to trust. */
  certFile: string;
  keyFile: string;
}

export function devCert(): DevCert {
  const dir = freshDataDir();
  execFileSync("bash", [join(import.meta.dirname, "../../../scripts/make-dev-cert.sh"), dir], { stdio: "pipe" });
  return { certFile: join(dir, "cert.pem"), keyFile: join(dir, "key.pem") };
}
