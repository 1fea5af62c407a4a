/**
 * The package's entries as a Node ESM consumer of the packed tarball sees
 * them: `mosaico-web` (two tiers, writers as types only), `mosaico-web/node`
 * and `mosaico-web/protocol` (the wire floor, usable without the client),
 * and a round trip through the protocol entry alone.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const env = inject("runtimeEnv");

/** Runs an ES module in the scratch project and returns what it printed as JSON. */
async function runModule(source: string): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", source], { cwd: env.appDir });
  return JSON.parse(stdout);
}

describe("package entries (packed, Node ESM)", () => {
  it("mosaico-web exports the client tier and the tools tier, and no constructible writers", async () => {
    const names = (await runModule(`
      const m = await import("mosaico-web");
      console.log(JSON.stringify(Object.keys(m)));
    `)) as string[];
    for (const name of ["MosaicoClient", "MosaicoError", "Code", "Query", "IMU", "createWebTransport", "decodeFlightData"]) expect(names).toContain(name);
    // Users cannot construct writers: types only. One name per thing: no info(), no query() helper.
    for (const name of ["SequenceWriter", "TopicWriter", "query"]) expect(names).not.toContain(name);
  });

  it("mosaico-web/protocol decodes what it encodes, with no client involved", async () => {
    const result = (await runModule(`
      import { tableFromArrays } from "apache-arrow";
      import * as p from "mosaico-web/protocol";
      const table = tableFromArrays({ timestamp_ns: BigInt64Array.from([1n, 2n, 3n]), x: Float64Array.from([0.5, 1.5, 2.5]) });
      const encoder = new p.FlightDataEncoder(table.schema, { compression: "lz4_frame" });
      const messages = [encoder.encodeSchema(), ...table.batches.flatMap((b) => encoder.encodeBatch(b))];
      async function* stream() { yield* messages; }
      const copy = await (await p.decodeFlightData(stream())).readTable();
      const codec = p.createJsonWireCodec("J3");
      console.log(JSON.stringify({
        rows: copy.numRows,
        x: [...copy.getChild("x")],
        flightService: p.FlightService.typeName,
        versionAction: codec.versionAction,
        locator: p.topicLocator("drive", "/sensors/imu"),
        glob: typeof p.globToRegExp,
        json: p.stringifyJson({ t: 2n ** 63n - 1n }),
      }));
    `)) as Record<string, unknown>;
    expect(result).toEqual({
      rows: 3,
      x: [0.5, 1.5, 2.5],
      flightService: "arrow.flight.protocol.FlightService",
      versionAction: "info",
      locator: "drive/sensors/imu",
      glob: "function",
      json: '{"t":9223372036854775807}',
    });
  });

  it("the Node entry serves native gRPC by default", async () => {
    const result = (await runModule(`
      const node = await import("mosaico-web/node");
      const main = await import("mosaico-web");
      console.log(JSON.stringify({ same: node.MosaicoClient === main.MosaicoClient, hasGrpc: typeof node.createNodeGrpcTransport }));
    `)) as Record<string, unknown>;
    expect(result).toEqual({ same: true, hasGrpc: "function" });
  });
});
