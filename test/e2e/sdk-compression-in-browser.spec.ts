/**
 * gzip from a real Chromium page: every algorithm and level round trips a
 * control action and a topic through a server started with --gzip, and a
 * server without it is refused with a message that says why.
 */
import { expect, test } from "@playwright/test";
import { e2e } from "../../playwright.config.js";

test("Gzip (each level) and StreamGzip round trip from Chromium; a server without gzip says no clearly", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${e2e.pagePort}/`);
  await page.waitForSelector("body[data-ready='1']");
  const outcome = await page.evaluate(
    async ({ gzipUrl, plainUrl, manageKey }) => {
      const { MosaicoClient, GRPCCompressionAlgorithm: A, GRPCCompressionLevel: L } = (window as any).mosaico;
      const imu = (window as any).imu;
      const settings: Array<[string, unknown]> = [
        ["gzip", A.Gzip],
        ["gzip low", { algorithm: A.Gzip, level: L.Low }],
        ["gzip medium", { algorithm: A.Gzip, level: L.Medium }],
        ["gzip high", { algorithm: A.Gzip, level: L.High }],
        ["stream gzip", A.StreamGzip],
      ];
      const results: Record<string, unknown> = {};
      for (const [label, compression] of settings) {
        const client = await MosaicoClient.connect({ url: gzipUrl, compression });
        const name = `gz_${label.replace(" ", "_")}_${Date.now()}`;
        await client.writeSequence(name, { userMetadata: { label } }, async (w: any) => {
          const topic = await w.topicWriter("/imu", { ontologyTag: "imu", schema: imu.imuSchema });
          await topic.push(imu.imuBatch(0, 20_000));
        });
        let next = 0;
        for await (const batch of await client.topicReader(`${name}/imu`)) next = imu.checkImuRows(batch, next);
        results[label] = { rows: next, metadata: (await client.sequenceInfo(name)).userMetadata };
        await client.close();
      }
      // A server without gzip refuses compressed calls (like tonic, by the grpc-encoding
      // header, so already the connect probe); the error must say what to do.
      try {
        const plain = await MosaicoClient.connect({ url: plainUrl, apiKey: manageKey, compression: A.Gzip });
        await plain.close();
        results.refused = "no error";
      } catch (error: any) {
        results.refused = `${error.codeName}: ${error.rawMessage}`;
      }
      return results;
    },
    { gzipUrl: `http://127.0.0.1:${e2e.gzipServerPort}`, plainUrl: `http://127.0.0.1:${e2e.serverPort}`, manageKey: e2e.manageKey },
  );
  for (const label of ["gzip", "gzip low", "gzip medium", "gzip high", "stream gzip"]) {
    expect(outcome[label], label).toEqual({ rows: 20_000, metadata: { label } });
  }
  expect(String(outcome.refused)).toMatch(/^UNIMPLEMENTED: .*gzip.*GRPCCompressionAlgorithm\.Null/);
});
