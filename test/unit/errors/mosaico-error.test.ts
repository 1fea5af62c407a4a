import { ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { Code, MosaicoError } from "../../../src/index.js";

describe("MosaicoError.from", () => {
  it("keeps a ConnectError's code and bare server message, wrapping it", () => {
    const inner = new ConnectError("Unauthorized: API key does not exist.", Code.PermissionDenied);
    const error = MosaicoError.from(inner);
    expect(error).toBeInstanceOf(MosaicoError);
    expect(error).not.toBeInstanceOf(ConnectError);
    expect(error.code).toBe(Code.PermissionDenied);
    expect(error.codeName).toBe("PERMISSION_DENIED");
    expect(error.rawMessage).toBe("Unauthorized: API key does not exist.");
    expect(error.message).toBe("[PERMISSION_DENIED] Unauthorized: API key does not exist.");
    expect(error.cause).toBe(inner);
  });

  it("maps aborts and timeouts", () => {
    expect(MosaicoError.from(new DOMException("x", "AbortError")).code).toBe(Code.Canceled);
    expect(MosaicoError.from(new DOMException("x", "TimeoutError")).code).toBe(Code.DeadlineExceeded);
    expect(MosaicoError.from("boom").code).toBe(Code.Unknown);
  });

  it("returns MosaicoErrors unchanged", () => {
    const error = new MosaicoError(Code.NotFound, "x");
    expect(MosaicoError.from(error)).toBe(error);
  });

  it("redacts anything shaped like an API key", () => {
    const key = "msco_k3v9q0z7m2b8x1c4n6w5e0r7t9y2u3i4_0a1b2c3d";
    const error = MosaicoError.from(new Error(`bad key ${key}`));
    expect(error.message).not.toContain(key);
    expect(error.message).toContain("msco_<redacted>");
  });
});
