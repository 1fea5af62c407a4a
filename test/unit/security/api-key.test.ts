import { describe, expect, it } from "vitest";
import { Code, MosaicoError } from "../../../src/index.js";
import { apiKeyFingerprint, assertWellFormedApiKey, isWellFormedApiKey } from "../../../src/security/api-key.js";
import { assertKeyMayTravel, isLoopbackHost } from "../../../src/security/plaintext-guard.js";

const good = "msco_k3v9q0z7m2b8x1c4n6w5e0r7t9y2u3i4_0a1b2c3d";

describe("API key format", () => {
  it("accepts msco_<32>_<8>", () => {
    expect(isWellFormedApiKey(good)).toBe(true);
    expect(apiKeyFingerprint(good)).toBe("0a1b2c3d");
  });

  it.each([
    ["wrong prefix", good.replace("msco", "mscx")],
    ["short payload", "msco_abc_0a1b2c3d"],
    ["upper case", good.toUpperCase()],
    ["extra part", `${good}_x`],
    ["short fingerprint", good.slice(0, -1)],
    ["empty", ""],
  ])("refuses %s without echoing the key", (_label, key) => {
    let error: unknown;
    try {
      assertWellFormedApiKey(key);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MosaicoError);
    expect((error as MosaicoError).code).toBe(Code.InvalidArgument);
    if (key) expect((error as MosaicoError).message).not.toContain(key);
  });
});

describe("plaintext guard", () => {
  it("knows loopback hosts", () => {
    for (const host of ["localhost", "127.0.0.1", "127.4.5.6", "[::1]", "::1"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["10.0.0.1", "example.com", "128.0.0.1", "localhost.example.com"]) expect(isLoopbackHost(host)).toBe(false);
  });

  it("refuses a key over http to a remote host unless allowed", () => {
    const remote = new URL("http://mosaico.example.com:6726");
    expect(() => assertKeyMayTravel(remote, true, false)).toThrow(/plaintext/);
    expect(() => assertKeyMayTravel(remote, true, true)).not.toThrow();
    expect(() => assertKeyMayTravel(remote, false, false)).not.toThrow();
    expect(() => assertKeyMayTravel(new URL("https://mosaico.example.com:6726"), true, false)).not.toThrow();
    expect(() => assertKeyMayTravel(new URL("http://127.0.0.1:6726"), true, false)).not.toThrow();
  });
});
