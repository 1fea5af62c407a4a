/**
 * `$match` glob patterns (src/protocol/glob.ts), read the way mosaicod reads
 * them (`mosaicod-query/src/regex.rs`): `*`, `?`, `#`, `[...]` passed through,
 * everything else literal, whole-string match, 256-byte limit.
 */
import { describe, expect, it } from "vitest";
import { GlobError, MAX_PATTERN_BYTES, globToRegExp, literalPrefix, matchesGlob } from "../../../src/protocol/index.js";

describe("globToRegExp / matchesGlob", () => {
  it.each([
    ["drive_*", "drive_2024", true],
    ["drive_*", "drive_", true],
    ["drive_*", "xdrive_1", false],
    ["a**b", "a-anything-b", true],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a?c", "abbc", false],
    ["run_##", "run_07", true],
    ["run_##", "run_7a", false],
    ["[a-c]x", "bx", true],
    ["[a-c]x", "dx", false],
    ["[^a]x", "bx", true],
    ["[^a]x", "ax", false],
    // The class is passed through: `!` is a member, not a negation.
    ["[!a]x", "!x", true],
    ["[!a]x", "bx", false],
    ["a.b", "a.b", true],
    ["a.b", "axb", false],
    ["a+b", "a+b", true],
    ["(x)|y", "(x)|y", true],
    ["$^{1}", "$^{1}", true],
    ["a/b\\c", "a/b\\c", true],
    ["eu", "eu-west", false],
    ["?", "é", true],
    ["?", "😀", true],
  ])("%s on %s -> %s", (pattern, text, expected) => {
    expect(matchesGlob(text, pattern)).toBe(expected);
    expect(globToRegExp(pattern).test(text)).toBe(expected);
  });

  it("collapses consecutive stars", () => {
    expect(globToRegExp("a***b").source).toBe("^a[^\\n]*b$");
    expect(globToRegExp("a***b", { dotAll: true }).source).toBe("^a.*b$");
  });

  // regex.rs emits `.`: Rust's regex (ontology columns) excludes only `\n`, PostgreSQL's `~` (names, metadata) nothing.
  it.each([
    ["a*b", "a\rb", {}, true],
    ["a*b", "a\u2028b", {}, true],
    ["a*b", "a\nb", {}, false],
    ["a?b", "a\nb", {}, false],
    ["a*b", "a\nb", { dotAll: true }, true],
    ["a?b", "a\nb", { dotAll: true }, true],
  ])("%s on %j with %j -> %s", (pattern, text, options, expected) => {
    expect(matchesGlob(text, pattern, options)).toBe(expected);
  });

  it("accepts MAX_PATTERN_BYTES bytes and refuses one more (UTF-8 bytes, not characters)", () => {
    expect(MAX_PATTERN_BYTES).toBe(256);
    expect(() => globToRegExp("a".repeat(256))).not.toThrow();
    expect(() => globToRegExp("a".repeat(257))).toThrow(/longer than 256 bytes/);
    expect(() => globToRegExp("é".repeat(129))).toThrow(GlobError);
  });

  it.each([
    ["", /the pattern is empty/],
    ["drive_[a-", /unterminated character class/],
    ["[z-a]*", /malformed pattern/],
  ])("refuses %j with a GlobError", (pattern, message) => {
    expect(() => globToRegExp(pattern)).toThrow(GlobError);
    expect(() => globToRegExp(pattern)).toThrow(message);
    expect(() => matchesGlob("anything", pattern)).toThrow(GlobError);
  });

  it("GlobError is a named Error", () => {
    const error = new GlobError("x");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("GlobError");
  });
});

describe("literalPrefix", () => {
  it.each([
    ["drive_*", "drive_"],
    ["plain", "plain"],
    ["run_#", "run_"],
    ["a?b", "a"],
    ["[ab]c", ""],
  ])("%s -> %j", (pattern, prefix) => {
    expect(literalPrefix(pattern)).toBe(prefix);
  });
});
