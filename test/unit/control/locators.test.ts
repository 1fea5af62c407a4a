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
