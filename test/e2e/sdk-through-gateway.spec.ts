/**
 * Chromium through the reference server's gateway mode (B) in front of a
 * keyed store server (A), as a browser would reach a real mosaicod: the page
 * holds no key (B injects it), writes and reads pass through, upstream errors
 * keep their code, and a read-only gateway refuses writes.
 */
import { expect, test } from "@playwright/test";
import { e2e } from "../../playwright.config.js";

test("write, read and errors through a key-injecting gateway; a read-only gateway refuses writes", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${e2e.pagePort}/`);
  await page.waitForSelector("body[data-ready='1']");
  const outcome = await page.evaluate(
    async ({ gatewayUrl, readOnlyUrl }) => {
      const { MosaicoClient } = (window as any).mosaico;
      const imu = (window as any).imu;
      const client = await MosaicoClient.connect({ url: gatewayUrl }); // no apiKey in the page
      const name = `via_gateway_${Date.now()}`;
      await client.writeSequence(name, { userMetadata: { via: "gateway" } }, async (w: any) => {
        const topic = await w.topicWriter("/imu", { ontologyTag: "imu", schema: imu.imuSchema });
        await topic.push(imu.imuBatch(0, 100_000));
      });
      let next = 0;
      for await (const batch of await client.topicReader(`${name}/imu`)) next = imu.checkImuRows(batch, next);
      const listed = (await client.listSequences()).includes(name);
      let notFound = "";
      try {
        await client.sequenceInfo("no_such_sequence");
      } catch (error: any) {
        notFound = `${error.codeName}: ${error.rawMessage}`;
      }
      await client.close();

      const reader = await MosaicoClient.connect({ url: readOnlyUrl });
      const readable = (await reader.sequenceInfo(name)).userMetadata;
      let refused = "";
      try {
        await reader.createSequence(`${name}_refused`);
      } catch (error: any) {
        refused = `${error.codeName}: ${error.rawMessage}`;
      }
      await reader.close();
      return { next, listed, notFound, readable, refused };
    },
    { gatewayUrl: `http://127.0.0.1:${e2e.gatewayPort}`, readOnlyUrl: `http://127.0.0.1:${e2e.readOnlyGatewayPort}` },
  );
  expect(outcome.next).toBe(100_000);
  expect(outcome.listed).toBe(true);
  expect(outcome.notFound).toMatch(/^NOT_FOUND: /);
  expect(outcome.readable).toEqual({ via: "gateway" });
  expect(outcome.refused).toMatch(/^PERMISSION_DENIED: .*gateway/);
});
