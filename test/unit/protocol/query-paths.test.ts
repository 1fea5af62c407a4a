/**
 * The path grammars of 0.6 queries, shared by client and reference server:
 * ontology field paths with one list specifier (mosaicod-query `filter.rs`
 * `parse_segment`) and user-metadata keys with wildcards (mosaicod-marshal
 * `query.rs` `valid_key`, daemon docs `query.md`).
 */
import { describe, expect, it } from "vitest";
import {
  FieldPathError,
  MetadataKeyError,
  formatListSpecifier,
  isMetadataKeyPattern,
  parseMetadataKey,
  parseOntologyFieldPath,
} from "../../../src/protocol/index.js";

describe("parseOntologyFieldPath", () => {
  it.each([
    ["acceleration.x", { segments: ["acceleration", "x"] }],
    ["x[?]", { segments: ["x"], list: { segment: 0, specifier: { kind: "any" } } }],
    ["x[30]", { segments: ["x"], list: { segment: 0, specifier: { kind: "at", index: 30 } } }],
    ["acceleration.x[!]", { segments: ["acceleration", "x"], list: { segment: 1, specifier: { kind: "all" } } }],
    ["acceleration[?].x", { segments: ["acceleration", "x"], list: { segment: 0, specifier: { kind: "any" } } }],
    ["robot.pose[?].acc.x", { segments: ["robot", "pose", "acc", "x"], list: { segment: 1, specifier: { kind: "any" } } }],
  ])("%s (the examples of filter.rs)", (path, expected) => {
    expect(parseOntologyFieldPath(path)).toEqual(expected);
  });

  it.each([
    ["a..b", /empty field name/],
    ["[?]", /empty field name/],
    ["a[?]b", /ends the segment/],
    ["a[?][0]", /a list specifier is/],
    ["a[-1]", /a list specifier is/],
    ["a[]", /a list specifier is/],
    ["a[?].b[!]", /at most one list specifier/],
  ])("refuses %s", (path, message) => {
    expect(() => parseOntologyFieldPath(path)).toThrow(FieldPathError);
    expect(() => parseOntologyFieldPath(path)).toThrow(message);
  });

  it("formats specifiers back", () => {
    expect([{ kind: "any" }, { kind: "all" }, { kind: "at", index: 4 }].map((s) => formatListSpecifier(s as never))).toEqual(["[?]", "[!]", "[4]"]);
  });
});

describe("parseMetadataKey", () => {
  it.each([
    ["vehicle.id", [{ kind: "key", name: "vehicle" }, { kind: "key", name: "id" }]],
    ["status.*", [{ kind: "key", name: "status" }, { kind: "anyKey" }]],
    ["**.glob_key", [{ kind: "anyDepth" }, { kind: "key", name: "glob_key" }]],
    ["**[*].glob_array_key", [{ kind: "anyDepth" }, { kind: "anyElement" }, { kind: "key", name: "glob_array_key" }]],
    ["logs[1].id", [{ kind: "key", name: "logs" }, { kind: "element", index: 1 }, { kind: "key", name: "id" }]],
    ["valid_key_123", [{ kind: "key", name: "valid_key_123" }]],
    ["robot-id x", [{ kind: "key", name: "robot-id x" }]],
  ])("%s", (key, steps) => {
    expect(parseMetadataKey(key)).toEqual(steps);
  });

  // mosaicod's own test cases for valid_key, plus what its SQL/JSON path could not resolve.
  it.each(["", "invalid--key", "invalid_key.***.status", "key#1", "user@name", "dollar$sign", "ñaca", "a..b", "another-valid key*", "x[y]", "[*]"])(
    "refuses %j",
    (key) => {
      expect(() => parseMetadataKey(key)).toThrow(MetadataKeyError);
    },
  );

  it("tells wildcard keys apart", () => {
    expect(["a.b", "a.*", "**", "t[*]", "t[0]"].map(isMetadataKeyPattern)).toEqual([false, true, true, true, true]);
  });
});
