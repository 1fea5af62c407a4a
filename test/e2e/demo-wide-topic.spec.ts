/**
 * Demo dashboard, a wide topic: 3,000 numeric columns get a searchable field
 * picker that shows a bounded number of chips, not 3,000 buttons before the
 * chart. The topic is written for the test through the SDK in Node.
 */
import { expect, test } from "@playwright/test";
import { Field, Float64, Int64, Schema, makeData, RecordBatch, Struct } from "apache-arrow";
import { MosaicoClient } from "../../src/node/index.js";
import { connect, demoServerUrl, manageKey, open } from "./fixtures/demo.js";

test.use({ viewport: { width: 1440, height: 900 } });

const COLUMNS = 3000;
const ROWS = 20;
const SEQUENCE = `wide_topic_${Date.now()}`;

test("3,000 fields: a search box and a bounded set of chips", async ({ page }) => {
  const fields = [new Field("timestamp_ns", new Int64(), false), ...Array.from({ length: COLUMNS }, (_, i) => new Field(`c${i}`, new Float64(), false))];
  const schema = new Schema(fields);
  const children = [
    makeData({ type: new Int64(), length: ROWS, data: BigInt64Array.from({ length: ROWS }, (_, i) => BigInt(1_000_000_000 + i * 1_000_000)) }),
    ...Array.from({ length: COLUMNS }, (_, c) => makeData({ type: new Float64(), length: ROWS, data: Float64Array.from({ length: ROWS }, (_, i) => c + i / 10) })),
  ];
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: ROWS, children }));
  await using sdk = await MosaicoClient.connect({ url: demoServerUrl, apiKey: manageKey });
  await sdk.writeSequence(SEQUENCE, { onError: "delete" }, async (writer) => {
    const topic = await writer.topicWriter("/wide", { ontologyTag: "wide_test", schema });
    await topic.push(batch);
  });
  try {
    await connect(page);
    await open(page, `#/topic/${encodeURIComponent(`${SEQUENCE}/wide`)}`);
    await expect(page.getByTestId("field-search")).toBeVisible();
    const chips = page.locator("[data-testid='field-picker'] .field-chip");
    expect(await chips.count()).toBeLessThanOrEqual(70);
    await expect(page.getByTestId("field-search-more")).toBeVisible();
    await page.getByTestId("field-search").fill("c2999");
    await expect(page.getByTestId("field-c2999")).toBeVisible();
    await page.getByTestId("field-c2999").click();
    await expect(page.getByTestId("detail-plot-wrap")).toHaveAttribute("data-state", "done");
  } finally {
    await sdk.deleteSequence(SEQUENCE).catch(() => {});
  }
});
