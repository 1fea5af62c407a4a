import { describe, expect, it } from "vitest";
import { readEnv } from "../../../src/runtime/env.js";

describe("readEnv", () => {
  it("reads an explicit object (a Workers binding) first", () => {
    expect(readEnv("MOSAICO_API_KEY", { MOSAICO_API_KEY: "x" })).toBe("x");
    expect(readEnv("MOSAICO_API_KEY", { MOSAICO_API_KEY: "" })).toBeUndefined();
    expect(readEnv("N", { get: (n: string) => (n === "N" ? "v" : undefined) })).toBe("v");
  });

  it("falls back to process.env", () => {
    process.env.MOSAICO_TEST_ENV = "y";
    expect(readEnv("MOSAICO_TEST_ENV")).toBe("y");
    delete process.env.MOSAICO_TEST_ENV;
  });
});
