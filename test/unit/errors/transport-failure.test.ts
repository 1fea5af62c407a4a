/** A dropped connection is UNAVAILABLE, never CANCELLED unless the caller cancelled, and never UNKNOWN "terminated". */
import { Code as ConnectCode, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { Code } from "../../../src/errors/code.js";
import { asTransportFailure } from "../../../src/errors/local-causes.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";

const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
const terminated = new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });

describe("asTransportFailure", () => {
  it.each([
    ["an HTTP/2 stream the server cancelled", MosaicoError.from(new ConnectError("http/2 stream closed with error code CANCEL (0x8)", ConnectCode.Canceled))],
    ["a reset socket under a status", MosaicoError.from(new ConnectError("read ECONNRESET", ConnectCode.Aborted, undefined, undefined, reset))],
    ["fetch's 'terminated'", MosaicoError.from(terminated)],
    ["a gRPC-Web body cut before its trailer", MosaicoError.from(new ConnectError("protocol error: missing trailer", ConnectCode.Internal))],
    ["a gRPC-Web message cut in the middle", MosaicoError.from(new ConnectError("protocol error: promised 5000 bytes, received 1200", ConnectCode.Internal))],
  ])("%s becomes UNAVAILABLE", (_label, error) => {
    const mapped = asTransportFailure(error, false, "sequence_create");
    expect(mapped.code).toBe(Code.Unavailable);
    expect(mapped.message).toMatch(/connection to the server was lost during sequence_create/);
  });

  it("keeps CANCELLED when the caller's signal fired", () => {
    const error = MosaicoError.from(new ConnectError("http/2 stream closed with error code CANCEL (0x8)", ConnectCode.Canceled));
    expect(asTransportFailure(error, true, "x").code).toBe(Code.Canceled);
  });

  it("leaves a server's own status alone", () => {
    const error = MosaicoError.from(new ConnectError("Bad request: terminated", ConnectCode.InvalidArgument));
    expect(asTransportFailure(error, false, "x")).toBe(error);
  });
});
