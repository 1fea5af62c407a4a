/**
 * The assertions every edge demo must pass, whatever runtime serves it:
 * the JSON of each route, bigint as strings, errors as JSON with the HTTP
 * status of the gRPC code.
 */
import { expect, it } from "vitest";
import { imuRowJson, seed, type RuntimeEnv } from "./runtime-env.js";

/** GET `path` on a running demo. */
export type DemoFetch = (path: string) => Promise<Response>;

export interface DemoUnderTest {
  /** The demo configured with a valid read-only key. */
  app: DemoFetch;
  /** The same demo with a well-formed key the server does not know (or behind a gateway that injects one). */
  refused: DemoFetch;
}

async function getJson(fetchPath: DemoFetch, path: string, status = 200): Promise<any> {
  const response = await fetchPath(path);
  const text = await response.text();
  expect(response.status, `${path}: ${text}`).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return JSON.parse(text);
}

const iso = (ns: bigint) => new Date(Number(ns / 1_000_000n)).toISOString();
const at = (i: number) => seed.T0 + BigInt(i) * seed.STEP;

export function defineRouteTests(demo: () => DemoUnderTest, env: () => RuntimeEnv): void {
  it("GET /sequences lists names, creation times and user metadata", async () => {
    const body = await getJson(demo().app, "/sequences");
    expect(body.sequences.map((s: { name: string }) => s.name)).toEqual(["edge_demo", "edge_empty"]);
    const [demoSeq, empty] = body.sequences;
    expect(demoSeq).toMatchObject({ userMetadata: { vehicle: { id: "veh-7" }, run: 42 }, topicCount: 1 });
    expect(empty).toMatchObject({ userMetadata: { purpose: "no topics" }, topicCount: 0 });
    for (const s of body.sequences) {
      expect(s.createdAtNs).toMatch(/^\d{19}$/);
      expect(s.createdAt).toBe(iso(BigInt(s.createdAtNs)));
      // Created by the seed a moment ago.
      expect(Math.abs(Date.parse(s.createdAt) - Date.now())).toBeLessThan(10 * 60_000);
    }
  });

  it("GET /sequences/:name describes the topics: ontology tag, rows, time span", async () => {
    const body = await getJson(demo().app, "/sequences/edge_demo");
    expect(body).toMatchObject({ name: "edge_demo", userMetadata: { vehicle: { id: "veh-7" }, run: 42 }, topicCount: 1 });
    expect(body.topics).toEqual([
      {
        name: "/sensors/imu",
        locator: "edge_demo/sensors/imu",
        ontologyTag: "imu",
        rows: seed.ROWS,
        startNs: at(0).toString(),
        endNs: at(seed.ROWS - 1).toString(),
        start: "2026-01-01T00:00:00.000Z",
        end: "2026-01-01T00:00:09.995Z",
        fields: ["timestamp_ns", "acceleration", "angular_velocity", "temperature"],
      },
    ]);
    expect((await getJson(demo().app, "/sequences/edge_empty")).topics).toEqual([]);
  });

  it("GET /topics/:seq/:topic/latest returns the last window_ms of rows, bigint as strings", async () => {
    const response = await demo().app("/topics/edge_demo/sensors/imu/latest?window_ms=50");
    const text = await response.text();
    expect(response.status, text).toBe(200);
    // 64-bit values are JSON strings, never rounded numbers.
    expect(text).toContain(`"timestamp_ns": "${at(seed.ROWS - 1)}"`);
    const body = JSON.parse(text);
    const last = seed.ROWS - 1;
    expect(body).toMatchObject({
      topic: "/sensors/imu",
      locator: "edge_demo/sensors/imu",
      ontologyTag: "imu",
      windowMs: 50,
      startNs: (at(last) - 50_000_000n + 1n).toString(),
      endNs: at(last).toString(),
      truncated: false,
    });
    // 200 Hz: (last - 50 ms, last] holds 10 rows.
    expect(body.rows).toEqual(Array.from({ length: 10 }, (_, k) => imuRowJson(last - 9 + k)));
  });

  it("GET .../latest defaults to one second and validates window_ms", async () => {
    const body = await getJson(demo().app, "/topics/edge_demo/sensors/imu/latest");
    expect(body.windowMs).toBe(1000);
    expect(body.rows).toHaveLength(200);
    expect(body.rows[0]).toEqual(imuRowJson(seed.ROWS - 200));
    const bad = await getJson(demo().app, "/topics/edge_demo/sensors/imu/latest?window_ms=soon", 400);
    expect(bad.error.code).toBe("INVALID_ARGUMENT");
    expect(bad.error.message).toMatch(/window_ms/);
  });

  it("answers unknown sequences, topics and paths with JSON 404s", async () => {
    expect((await getJson(demo().app, "/sequences/no_such_sequence", 404)).error.code).toBe("NOT_FOUND");
    expect((await getJson(demo().app, "/topics/edge_demo/no/such/latest", 404)).error.code).toBe("NOT_FOUND");
    expect((await getJson(demo().app, "/nothing/here", 404)).error.code).toBe("NOT_FOUND");
  });

  it("answers a refused API key with a JSON 403 that does not echo the key", async () => {
    for (const path of ["/sequences", "/topics/edge_demo/sensors/imu/latest"]) {
      const response = await demo().refused(path);
      const text = await response.text();
      expect(response.status, text).toBe(403);
      const body = JSON.parse(text);
      expect(body.error.code).toBe("PERMISSION_DENIED");
      expect(body.error.message).toMatch(/refused the API key/);
      expect(text).not.toContain(env().unknownKey);
      expect(text).not.toContain(env().unknownKey.slice(5, 37));
    }
  });
}
