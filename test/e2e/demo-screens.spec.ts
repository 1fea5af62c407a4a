/**
 * Demo dashboard on any screen: at 420 px (a phone) and 1400 px, the main
 * views have no horizontal page overflow (wide tables scroll inside their
 * own box), checked by script; screenshots are kept for a person to look at.
 */
import { expect, test, type Page } from "@playwright/test";
import { connect, open, screenshot } from "./fixtures/demo.js";

const views: Array<[string, string]> = [
  ["catalog", "#/"],
  ["sequence", `#/sequence/${encodeURIComponent("drive_2026_03_25_city")}`],
  ["topic", `#/topic/${encodeURIComponent("drive_2026_03_25_city/sensors/imu")}`],
  ["timeline", `#/timeline/${encodeURIComponent("drive_2026_03_25_city")}`],
  ["search", "#/search"],
  ["upload", "#/upload"],
  ["keys", "#/keys"],
];

async function overflow(page: Page): Promise<{ page: number; viewport: number; widest: string }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    let widest = "";
    let most = viewport;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const right = element.getBoundingClientRect().right;
      // Only what sticks out of the page counts, not content scrolled inside its own box.
      if (right > most && !element.closest(".table-wrap, .plot-wrap, pre, .scroll-x")) {
        most = right;
        widest = `${element.tagName.toLowerCase()}.${element.className}`;
      }
    }
    return { page: document.documentElement.scrollWidth, viewport, widest };
  });
}

for (const width of [420, 1400]) {
  test(`no horizontal overflow at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await connect(page);
    for (const [name, hash] of views) {
      await open(page, hash);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(500);
      const measured = await overflow(page);
      expect(measured.page, `${name} at ${width} px is ${measured.page} px wide (widest: ${measured.widest})`).toBeLessThanOrEqual(measured.viewport);
      await screenshot(page, `screen-${width}-${name}`);
    }
  });
}
