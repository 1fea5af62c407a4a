import { describe, expect, it } from "vitest";
import { resolveTopicLocator, splitTopicLocator, topicLocator } from "../../../src/protocol/locators.js";

describe("locators", () => {
  it("joins sequence and topic the way the Python SDK does", () => {
    expect(topicLocator("drive", "/sensors/imu")).toBe("drive/sensors/imu");
    expect(resolveTopicLocator("drive/sensors/imu")).toBe("drive/sensors/imu");
    expect(splitTopicLocator("drive/sensors/imu")).toEqual({ sequence: "drive", name: "/sensors/imu" });
  });

  it.each(["a b", "a.b", "a:b", "", "ü"])("refuses sequence name %j", (name) => {
    expect(() => topicLocator(name, "/x")).toThrow(/invalid sequence name/);
  });

  it.each(["/a//b", "/a/", "/a:b"])("refuses topic %j", (topic) => {
    expect(() => topicLocator("seq", topic)).toThrow(/invalid topic name/);
  });
});

// The client refuses exactly what mosaicod refuses: the reference server's parsers follow
// mosaicod-core types/resources.rs (INVALID_CHARS, has_invalid_symbols, the per-kind `/` and `:` rules).
import { isSequenceLocator, parseTopicLocator } from "../../../server/core/locators.js";
import { assertSequenceName, quoteName } from "../../../src/protocol/locators.js";
import { Rng } from "../../fuzz/prng.js";

const accepts = (run: () => unknown) => {
  try {
    run();
    return true;
  } catch {
    return false;
  }
};

describe("locator rules, client against mosaicod's", () => {
  const alphabet = [...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)), "£", "é", "\ud800", "😀", "/", "/", ":", "a", "b", "_", "-"];
  const rng = new Rng(2026);
  const name = () => Array.from({ length: rng.int(0, 6) }, () => rng.pick(alphabet)).join("");

  it("accept and refuse the same 20,000 sequence names", () => {
    for (let i = 0; i < 20_000; i++) {
      const candidate = name();
      expect(accepts(() => assertSequenceName(candidate)), JSON.stringify(candidate)).toBe(isSequenceLocator(candidate));
    }
  });

  it("accept and refuse the same 20,000 topic paths (written without the SDK's leading slash)", () => {
    for (let i = 0; i < 20_000; i++) {
      const path = name();
      if (path.startsWith("/")) continue; // the SDK strips leading slashes: `/sensors/imu`
      expect(accepts(() => topicLocator("seq", path)), JSON.stringify(path)).toBe(parseTopicLocator(`seq/${path}`) !== undefined);
    }
  });

  it("takes the backtick, NUL and newline as mosaicod does, and refuses its punctuation", () => {
    for (const ok of ["run`1", "a\u0000b", "line\nbreak", "tab\there", "x~y#z"]) expect(() => assertSequenceName(ok)).not.toThrow();
    for (const bad of ["a!", 'a"', "a'", "a*", "a£", "a$", "a%", "a&", "a.b", "a b"]) expect(() => assertSequenceName(bad)).toThrow(/invalid sequence name .*(not allowed|ASCII)/);
  });

  it("quotes at most a short prefix of a long name, with its length", () => {
    const long = `${"n".repeat(100_000)}.`;
    let message = "";
    try {
      assertSequenceName(long);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.length).toBeLessThan(300);
    expect(message).toContain("(100001 characters)");
    expect(quoteName("short")).toBe('"short"');
  });
});
