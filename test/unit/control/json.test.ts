import { describe, expect, it } from "vitest";
import { parseJson, stringifyJson, toBigInt } from "../../../src/protocol/json.js";

describe("json codec", () => {
  it("keeps i64 nanosecond timestamps exact both ways", () => {
    const text = '{"created_at_ns":1767225600123456789,"n":42,"f":1.5}';
    const value = parseJson(text) as Record<string, unknown>;
    expect(value.created_at_ns).toBe(1767225600123456789n);
    expect(value.n).toBe(42);
    expect(value.f).toBe(1.5);
    expect(stringifyJson(value)).toBe(text);
  });

  it("writes bigint as an integer literal, never a float", () => {
    expect(stringifyJson({ t: 2n ** 62n + 1n })).toBe('{"t":4611686018427387905}');
    expect(stringifyJson({ t: -(2n ** 63n) })).toBe('{"t":-9223372036854775808}');
  });

  it("reads i64 fields from number or bigint", () => {
    expect(toBigInt(5)).toBe(5n);
    expect(toBigInt(9007199254740993n)).toBe(9007199254740993n);
    expect(toBigInt(1.5)).toBeUndefined();
    expect(toBigInt(null)).toBeUndefined();
  });

  it("rejects malformed JSON with SyntaxError", () => {
    expect(() => parseJson("{")).toThrow(SyntaxError);
  });
});
