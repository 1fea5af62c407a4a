/**
 * The bridge carries a ROS 2 definition for every type of its mapping table,
 * so a topic written natively (no kept `_ros_.msgdef`) can be exported as any
 * of its family's types.
 */
import { parse } from "@foxglove/rosmsg";
import { describe, expect, it } from "vitest";
import { builtinRos2Definition, rosMappings } from "../../../src/bridge/index.js";

describe("builtinRos2Definition", () => {
  const msgtypes = rosMappings.flatMap((m) => m.msgtypes);
  it.each(msgtypes)("%s has a definition that parses, with every dependency", (msgtype) => {
    const text = builtinRos2Definition(msgtype);
    expect(text).toBeDefined();
    const definitions = parse(text!, { ros2: true });
    const names = new Set(definitions.map((d) => d.name));
    for (const d of definitions) for (const f of d.definitions) if (f.isComplex) expect(names, `${msgtype}: ${f.type}`).toContain(f.type);
  });
});
