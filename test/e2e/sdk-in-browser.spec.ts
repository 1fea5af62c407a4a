/**
 * The SDK in a real Chromium page over gRPC-Web (cross-origin, CORS), against
 * the reference server in API-key mode.
 */
import { expect, test } from "@playwright/test";
import { e2e } from "../../playwright.config.js";

test("connect, create, list, describe, and the delete permission from a page", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${e2e.pagePort}/`);
  await page.waitForSelector("body[data-ready='1']");

  const outcome = await page.evaluate(
    async ({ serverUrl, manageKey }) => {
      const { MosaicoClient, APIKeyPermission, Code, MosaicoError } = (window as any).mosaico;
      const admin = await MosaicoClient.connect({ url: serverUrl, apiKey: manageKey, keyActions: true });
      const writeKey = await admin.createApiKey({ permission: APIKeyPermission.Write, description: "browser write" });
      const deleteKey = await admin.createApiKey({ permission: APIKeyPermission.Delete, description: "browser delete" });

      const writer = await MosaicoClient.connect({ url: serverUrl, apiKey: writeKey });
      const name = `browser_seq_${Date.now()}`;
      await writer.createSequence(name, { userMetadata: { site: "lab-2", run: 7 } });
      const listed: string[] = await writer.listSequences();
      const info = await writer.sequenceInfo(name);

      let deniedCode: number | undefined;
      try {
        await writer.deleteSequence(name);
      } catch (error: any) {
        deniedCode = error instanceof MosaicoError ? error.code : -1;
      }

      const deleter = await MosaicoClient.connect({ url: serverUrl, apiKey: deleteKey });
      await deleter.deleteSequence(name);
      let notFoundCode: number | undefined;
      try {
        await deleter.sequenceInfo(name);
      } catch (error: any) {
        notFoundCode = error instanceof MosaicoError ? error.code : -1;
      }
      const summary = {
        protocol: writer.protocol,
        generation: writer.generation,
        listed: listed.includes(name),
        infoName: info.name,
        userMetadata: info.userMetadata,
        createdAtIsBigint: typeof info.createdAtNs === "bigint",
        deniedCode,
        notFoundCode,
        codes: { PermissionDenied: Code.PermissionDenied, NotFound: Code.NotFound },
        existsAfter: await deleter.sequenceExists(name),
        clientText: String(writer) + JSON.stringify(writer),
        writeKey,
      };
      await Promise.all([admin.close(), writer.close(), deleter.close()]);
      return summary;
    },
    { serverUrl: `http://127.0.0.1:${e2e.serverPort}`, manageKey: e2e.manageKey },
  );

  expect(outcome.protocol).toBe("grpc-web");
  expect(outcome.generation).toBe("J2");
  expect(outcome.listed).toBe(true);
  expect(outcome.infoName).toMatch(/^browser_seq_/);
  expect(outcome.userMetadata).toEqual({ site: "lab-2", run: 7 });
  expect(outcome.createdAtIsBigint).toBe(true);
  expect(outcome.deniedCode).toBe(outcome.codes.PermissionDenied);
  expect(outcome.notFoundCode).toBe(outcome.codes.NotFound);
  expect(outcome.existsAfter).toBe(false);
  expect(outcome.clientText).not.toContain(outcome.writeKey);
  await page.screenshot({ path: "test-results/e2e/sdk-page.png" });
});
