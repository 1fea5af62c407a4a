/** JSON nesting past mosaicod's serde_json limit (128) is INVALID_ARGUMENT before anything is serialized, never a stack overflow. */
import { describe, expect, it } from "vitest";
import { Code } from "../../../src/errors/code.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";
import { MAX_JSON_DEPTH, encodeJsonBytes, stringifyJson } from "../../../src/protocol/json.js";

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { k: value };
  return value;
}

describe("JSON nesting depth", () => {
  it("writes up to the limit", () => {
    expect(stringifyJson(nested(MAX_JSON_DEPTH))).toContain('{"k":');
  });

  it.each([MAX_JSON_DEPTH + 1, 5000, 200_000])("refuses %i levels with INVALID_ARGUMENT", (depth) => {
    let error: unknown;
    try {
      encodeJsonBytes({ locator: "x", user_metadata: nested(depth) });
    } catch (reason) {
      error = reason;
    }
    expect(error).toBeInstanceOf(MosaicoError);
    expect((error as MosaicoError).code).toBe(Code.InvalidArgument);
    expect((error as MosaicoError).message).toMatch(/nests more than 128 levels/);
  });
});
