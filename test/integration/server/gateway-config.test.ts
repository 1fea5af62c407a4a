/**
 * Gateway-mode configuration: allow-list parsing and classes, upstream
 * addresses, option conflicts. (The forwarding itself is tested end to end
 * in test/integration/client/gateway.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { resolveOptions } from "../../../server/config.js";
import { ACTION_CLASSES, parseAllowList } from "../../../server/gateway/allow-list.js";
import { upstreamBaseUrl } from "../../../server/gateway/upstream.js";
import { startServer } from "../../../server/index.js";

describe("allow-list", () => {
  it("read: reads and the probes, nothing else", () => {
    const allow = parseAllowList(["read"]);
    for (const rpc of ["GetFlightInfo", "GetSchema", "DoGet", "ListFlights"]) expect(allow.rpc(rpc), rpc).toBe(true);
    for (const rpc of ["DoPut", "DoExchange"]) expect(allow.rpc(rpc), rpc).toBe(false);
    for (const action of ["version", "info", "query", "sequence_notification_list", "topic_filter_intersect"]) {
      expect(allow.action(action), action).toBe(true);
    }
    for (const action of ["sequence_create", "topic_create", "session_finalize", "sequence_delete", "api_key_create", "unknown_verb"]) {
      expect(allow.action(action), action).toBe(false);
    }
  });

  it("classes are granular and combine; names add single verbs or RPCs", () => {
    const rw = parseAllowList(["read|write"]);
    expect(rw.rpc("DoPut")).toBe(true);
    expect(rw.action("sequence_create")).toBe(true);
    expect(rw.action("sequence_delete")).toBe(false);
    const del = parseAllowList(["delete"]);
    expect(del.action("topic_delete")).toBe(true);
    expect(del.rpc("DoGet")).toBe(false);
    const named = parseAllowList(["read, topic_notification_create", "DoPut"]);
    expect(named.action("topic_notification_create")).toBe(true);
    expect(named.action("sequence_notification_create")).toBe(false);
    expect(named.rpc("DoPut")).toBe(true);
    expect(named.description).toBe("read|topic_notification_create|DoPut");
  });

  it("every action of the protocol's permission table has a class", () => {
    const byClass = Object.entries(ACTION_CLASSES).reduce<Record<string, number>>((acc, [, c]) => {
      acc[String(c)] = (acc[String(c)] ?? 0) + 1;
      return acc;
    }, {});
    expect(byClass).toEqual({ null: 2, read: 5, write: 6, delete: 5, manage: 3 });
  });

  it("rejects empty lists and malformed entries", () => {
    expect(() => parseAllowList([])).toThrow(/empty/);
    expect(() => parseAllowList([" | "])).toThrow(/empty/);
    expect(() => parseAllowList(["read", "drop table"])).not.toThrow(); // two names
    expect(() => parseAllowList(["read;write"])).toThrow(/invalid allow-list entry/);
  });
});

describe("upstream address", () => {
  it("takes host:port, IPv6 and URLs", () => {
    expect(upstreamBaseUrl("mosaicod:6726", false)).toBe("http://mosaicod:6726");
    expect(upstreamBaseUrl("mosaicod:6726", true)).toBe("https://mosaicod:6726");
    expect(upstreamBaseUrl("[::1]:6726", false)).toBe("http://[::1]:6726");
    expect(upstreamBaseUrl("grpc+tls://m.example:443", false)).toBe("https://m.example");
    expect(upstreamBaseUrl("grpc+tls://m.example:6726", false)).toBe("https://m.example:6726");
    expect(upstreamBaseUrl("grpc://m.example:80", false)).toBe("http://m.example");
    expect(upstreamBaseUrl("http://m.example:6726/", true)).toBe("https://m.example:6726");
  });

  it("rejects host without a port, and other schemes", () => {
    expect(() => upstreamBaseUrl("mosaicod", false)).toThrow(/invalid upstream address|no port/);
    expect(() => upstreamBaseUrl("ftp://m.example:21", false)).toThrow(/unsupported upstream scheme/);
  });
});

describe("options", () => {
  it("gateway mode checks no keys itself", () => {
    expect(() => resolveOptions({ upstream: { address: "127.0.0.1:1" }, apiKeys: true, keyActions: true })).toThrow(/upstream does/);
  });

  it("gzip is off unless asked for", () => {
    expect(resolveOptions({}).gzip).toBe(false);
    expect(resolveOptions({ gzip: true }).gzip).toBe(true);
    expect(() => resolveOptions({ streamGzipMaxBytes: 0 })).toThrow(/positive integer/);
  });

  it("a bad allow-list fails startServer without binding a port", async () => {
    await expect(startServer({ port: 0, upstream: { address: "127.0.0.1:1", allow: [] } })).rejects.toThrow(/empty/);
  });
});
