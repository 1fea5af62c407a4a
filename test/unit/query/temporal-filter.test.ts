import { describe, expect, it } from "vitest";
import { stringifyJson } from "../../../src/protocol/json.js";
import { Code } from "../../../src/errors/code.js";
import { GPS, IMU } from "../../../src/ontology/index.js";
import { clusterizeRequestBody, intersectRequestBody, ontologyField, Query } from "../../../src/query/index.js";

describe("topic_filter_clusterize body (docs/protocol.md §8.6)", () => {
  it("matches the documented shape", () => {
    const body = clusterizeRequestBody({
      locator: "drive_a/sensors/imu",
      clusteringDtNs: 1_000_000_000n,
      ontology: IMU.Q.acceleration.x.gt(5.5),
      timestampRange: { startNs: 1_000_000_000n, endNs: 5_000_000_000n },
    });
    expect(stringifyJson(body)).toBe(
      '{"locator":"drive_a/sensors/imu","clustering_dt_ns":1000000000,"ontology":{"imu.acceleration.x":{"$gt":5.5}},' +
        '"timestamp_range":{"start_ns":1000000000,"end_ns":5000000000}}',
    );
  });

  it("completes a one-sided range to both bounds, as the server reads it (0 and 2^63-1)", () => {
    const from = clusterizeRequestBody({ locator: "d/imu", ontology: IMU.Q.acceleration.x.gt(1), timestampRange: { startNs: 7n } });
    expect(from.timestamp_range).toEqual({ start_ns: 7n, end_ns: 2n ** 63n - 1n });
    const until = clusterizeRequestBody({ locator: "d/imu", ontology: IMU.Q.acceleration.x.gt(1), timestampRange: { endNs: 9 } });
    expect(until.timestamp_range).toEqual({ start_ns: 0, end_ns: 9 });
    const both = intersectRequestBody({
      topics: [
        { locator: "d/imu", ontology: IMU.Q.acceleration.x.gt(1), timestampRange: { startNs: 1n } },
        { locator: "d/gps", ontology: GPS.Q.position.x.gt(1), timestampRange: {} },
      ],
    });
    expect((both.topics as Array<{ timestamp_range: unknown }>).map((t) => t.timestamp_range)).toEqual([
      { start_ns: 1n, end_ns: 2n ** 63n - 1n },
      { start_ns: 0, end_ns: 2n ** 63n - 1n },
    ]);
  });

  it("defaults clustering_dt_ns to 0, omits the range, strips a leading slash, takes arrays and OntologyQuery", () => {
    const fromArray = clusterizeRequestBody({
      locator: "/drive_a/imu",
      ontology: [IMU.Q.acceleration.x.gt(5), IMU.Q.timestamp_ns.between(1767225600000000001n, 1767225600000000002n)],
      timestampRange: null,
    });
    expect(stringifyJson(fromArray)).toBe(
      '{"locator":"drive_a/imu","clustering_dt_ns":0,"ontology":{"imu.acceleration.x":{"$gt":5},"imu.timestamp_ns":{"$between":[1767225600000000001,1767225600000000002]}}}',
    );
    const fromQuery = clusterizeRequestBody({ locator: "drive_a/imu", ontology: Query.ontology(IMU.Q.acceleration.x.gt(5)) });
    expect(fromQuery).toEqual({ locator: "drive_a/imu", clustering_dt_ns: 0, ontology: { "imu.acceleration.x": { $gt: 5 } } });
  });

  it("validates ontology, tags, locator and numbers", () => {
    const reject = (fn: () => unknown, message: RegExp) => expect(fn).toThrow(expect.objectContaining({ code: Code.InvalidArgument, rawMessage: expect.stringMatching(message) }));
    reject(() => clusterizeRequestBody({ locator: "a/imu", ontology: [] }), /ontology conditions are empty/);
    reject(() => clusterizeRequestBody({ locator: "a/imu", ontology: Query.ontology() }), /empty/);
    reject(() => clusterizeRequestBody({ locator: "a/imu", ontology: [IMU.Q.acceleration.x.gt(1), GPS.Q.position.x.gt(1)] }), /"gps\.position\.x" does not use the topic's ontology tag "imu"/);
    reject(() => clusterizeRequestBody({ locator: "a/imu", ontologyTag: "gps", ontology: IMU.Q.acceleration.x.gt(1) }), /topic's ontology tag "gps"/);
    reject(() => clusterizeRequestBody({ locator: "a", ontology: IMU.Q.acceleration.x.gt(1) }), /not a topic locator/);
    reject(() => clusterizeRequestBody({ locator: "a/", ontology: IMU.Q.acceleration.x.gt(1) }), /not a topic locator/);
    reject(() => clusterizeRequestBody({ locator: "a/imu", ontology: IMU.Q.acceleration.x.gt(1), clusteringDtNs: -1 }), /negative/);
    reject(() => clusterizeRequestBody({ locator: "a/imu", ontology: IMU.Q.acceleration.x.gt(1), clusteringDtNs: 0.5 }), /integer/);
    reject(() => clusterizeRequestBody({ locator: "a/imu", ontology: IMU.Q.acceleration.x.gt(1), timestampRange: { startNs: 5n, endNs: 4n } }), /after endNs/);
    reject(() => clusterizeRequestBody({ locator: "a/imu", ontology: { key: "x" } as never }), /OntologyQuery, an expression or an array/);
  });

  it("works for unmodeled topics with ontologyField", () => {
    const body = clusterizeRequestBody({ locator: "a/lidar", ontologyTag: "lidar", ontology: ontologyField("lidar", "count").gt(10) });
    expect(stringifyJson(body)).toBe('{"locator":"a/lidar","clustering_dt_ns":0,"ontology":{"lidar.count":{"$gt":10}}}');
  });
});

describe("topic_filter_intersect body (docs/protocol.md §8.6)", () => {
  it("lists the topics and the tolerance", () => {
    const body = intersectRequestBody({
      topics: [
        { locator: "drive_a/imu", ontology: IMU.Q.acceleration.x.gt(5) },
        { locator: "drive_a/gps", ontology: GPS.Q.status.satellites.geq(4), clusteringDtNs: 10n },
      ],
      intersectDtNs: 18446744073709551615n,
    });
    expect(stringifyJson(body)).toBe(
      '{"topics":[{"locator":"drive_a/imu","clustering_dt_ns":0,"ontology":{"imu.acceleration.x":{"$gt":5}}},' +
        '{"locator":"drive_a/gps","clustering_dt_ns":10,"ontology":{"gps.status.satellites":{"$geq":4}}}],' +
        '"intersect_dt_ns":18446744073709551615}',
    );
  });

  it("needs two topics of one sequence", () => {
    const imu = { locator: "drive_a/imu", ontology: IMU.Q.acceleration.x.gt(5) };
    expect(() => intersectRequestBody({ topics: [imu] })).toThrow(/at least two topics/);
    expect(() => intersectRequestBody({ topics: [imu, { locator: "drive_b/gps", ontology: GPS.Q.position.x.gt(1) }] })).toThrow(
      /one sequence, got "drive_a" and "drive_b"/,
    );
    expect(() => intersectRequestBody({ topics: [imu, { ...imu, ontology: [] }] })).toThrow(/empty/);
    expect(stringifyJson(intersectRequestBody({ topics: [imu, imu] }))).toContain('"intersect_dt_ns":0');
  });
});
